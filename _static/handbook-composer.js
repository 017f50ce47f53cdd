/* The template composer: under each template, "Fill in this template" opens
 * one labelled input per [FIELD], the finished text live, its length against
 * the chosen platform's limit (from _static/platform-limits.json, passed in by
 * _ext/handbook/toolkit.py), a warning near and over the limit with the part
 * that would be cut marked, and a button that copies the finished text.
 * Nothing typed is stored or sent: no localStorage, no requests, and the
 * inputs have autocomplete="off" so the browser does not restore them. */
(function () {
  "use strict";

  var toolkit = window.handbookToolkit;
  var config = toolkit.config;
  var t = toolkit.t;
  var el = toolkit.el;
  var limits = config.limits;
  if (!limits || !limits.platforms || !limits.platforms.length) {
    return;
  }
  var platforms = limits.platforms;
  var warnAt = limits.warn_at || 0.9;
  var FIELD = /\[([^\[\]\n]+)\]/g;
  /* A link as X sees one: with a scheme, or a bare host on a common top-level domain. */
  var LINK = /\bhttps?:\/\/[^\s]+|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:se|nu|eu|com|org|net|info|gov|io|app|fi|no|dk|de|uk)\b(?:\/[^\s]*)?/gi;
  var TRAILING = /[.,:;!?)\]'"]+$/;

  function isField(name) {
    return /[A-ZÅÄÖÉÜ]/.test(name) && !/[a-zåäöéü]/.test(name);
  }

  function labelFor(name) {
    var lower = name.toLocaleLowerCase(config.lang || "en");
    return lower.charAt(0).toLocaleUpperCase(config.lang || "en") + lower.slice(1);
  }

  /* The template as pieces: plain text, and fields by name. */
  function parse(text) {
    var pieces = [];
    var last = 0;
    var match;
    FIELD.lastIndex = 0;
    while ((match = FIELD.exec(text)) !== null) {
      if (!isField(match[1])) {
        continue;
      }
      if (match.index > last) {
        pieces.push({ text: text.slice(last, match.index) });
      }
      pieces.push({ field: match[1] });
      last = match.index + match[0].length;
    }
    if (last < text.length) {
      pieces.push({ text: text.slice(last) });
    }
    return pieces;
  }

  function weight(codePoint, platform) {
    if (!platform.weighted) {
      return 1;
    }
    var light = (platform.light_ranges || []).some(function (range) {
      return codePoint >= range[0] && codePoint <= range[1];
    });
    return light ? 1 : 2;
  }

  /* The text's length on a platform, and the index where the platform would cut it (-1: it fits). */
  function measure(text, platform) {
    var links = [];
    if (platform.link_length) {
      var match;
      LINK.lastIndex = 0;
      while ((match = LINK.exec(text)) !== null) {
        var link = match[0].replace(TRAILING, "");
        links.push([match.index, match.index + link.length]);
      }
    }
    var count = 0;
    var cut = -1;
    var index = 0;
    var linkNumber = 0;
    while (index < text.length) {
      var step;
      var add;
      if (linkNumber < links.length && links[linkNumber][0] === index) {
        step = links[linkNumber][1] - index;
        add = platform.link_length;
        linkNumber += 1;
      } else {
        var codePoint = text.codePointAt(index);
        step = codePoint > 0xffff ? 2 : 1;
        add = weight(codePoint, platform);
      }
      if (cut < 0 && count + add > platform.limit) {
        cut = index;
      }
      count += add;
      index += step;
    }
    return { count: count, cut: cut };
  }

  function defaultPlatform(caption) {
    var match = /(?:max|högst)\s+([\d\s,.\u00a0]+)\s+(?:characters|tecken)/i.exec(caption || "");
    var limit = match ? parseInt(match[1].replace(/[^\d]/g, ""), 10) : 0;
    var exact = platforms.filter(function (platform) { return platform.limit === limit; });
    return (exact[0] || platforms[0]).id;
  }

  var composers = 0;

  function build(wrapper) {
    composers += 1;
    var id = "composer-" + composers;
    var pre = wrapper.querySelector("pre");
    var caption = wrapper.querySelector(".code-block-caption .caption-text");
    if (!pre) {
      return;
    }
    if (caption && !caption.id) {
      caption.id = id + "-caption";
    }
    var box = el("div", { class: "template-composer" });
    var toggle = el("button", { type: "button", class: "composer-toggle", "aria-expanded": "false", "aria-controls": id }, t("composer.open"));
    if (caption) {
      toggle.setAttribute("aria-describedby", caption.id);
    }
    var panel = el("div", { class: "composer-panel", id: id, hidden: "" });
    box.append(toggle, panel);
    wrapper.after(box);

    var opened = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      if (open && !opened) {
        opened = true;
        fill(panel, id, pre.textContent.replace(/\n$/, ""), caption ? caption.textContent : "");
      }
      toggle.setAttribute("aria-expanded", String(open));
      panel.hidden = !open;
      if (open) {
        var first = panel.querySelector("input, textarea, select");
        if (first) {
          first.focus();
        }
      }
    });
  }

  function fill(panel, id, template, caption) {
    var pieces = parse(template);
    var inputs = {};
    var fieldset = el("fieldset");
    fieldset.append(el("legend", {}, t("composer.fields")));
    pieces.forEach(function (piece) {
      if (!piece.field || inputs[piece.field]) {
        return;
      }
      var number = Object.keys(inputs).length + 1;
      var inputId = id + "-field-" + number;
      var row = el("div", { class: "composer-field" });
      var long = piece.field.length > 40;
      var input = el(long ? "textarea" : "input", { id: inputId, autocomplete: "off" });
      if (long) {
        input.setAttribute("rows", "3");
      } else {
        input.setAttribute("type", "text");
      }
      row.append(el("label", { for: inputId }, labelFor(piece.field)), input);
      fieldset.append(row);
      inputs[piece.field] = input;
    });

    var platformRow = el("div", { class: "composer-platform" });
    var select = el("select", { id: id + "-platform", autocomplete: "off" });
    platforms.forEach(function (platform) {
      select.append(el("option", { value: platform.id }, platform.name + " (" + platform.limit.toLocaleString(config.lang || "en") + ")"));
    });
    select.value = defaultPlatform(caption);
    platformRow.append(el("label", { for: select.id }, t("composer.platform")), select);

    var title = el("p", { class: "composer-result-title", id: id + "-result-title" }, t("composer.result"));
    var result = el("pre", { class: "composer-result", id: id + "-result" });
    var count = el("p", { class: "composer-count", id: id + "-count" });
    var links = el("p", { class: "composer-private composer-links" });
    var warning = el("p", { class: "composer-warning" });
    var announce = el("p", { class: "composer-announce", role: "status" });
    var copy = el("button", { type: "button", class: "composer-copy", "aria-describedby": id + "-count" }, t("composer.copy"));
    var status = el("p", { class: "composer-status", role: "status" });
    var privacy = el("p", { class: "composer-private" }, t("composer.private"));
    if (Object.keys(inputs).length) {
      panel.append(fieldset);
    }
    panel.append(platformRow, title, result, count, warning, links, announce, copy, status, privacy);

    var state = "";
    var finished = "";
    var empty = 0;

    function update() {
      var platform = platforms.filter(function (p) { return p.id === select.value; })[0] || platforms[0];
      var parts = [];
      empty = 0;
      var emptySeen = {};
      pieces.forEach(function (piece) {
        if (piece.text !== undefined) {
          parts.push({ text: piece.text });
          return;
        }
        var value = inputs[piece.field].value;
        if (value.trim()) {
          parts.push({ text: value });
        } else {
          if (!emptySeen[piece.field]) {
            emptySeen[piece.field] = true;
            empty += 1;
          }
          parts.push({ text: "[" + piece.field + "]", empty: true });
        }
      });
      finished = parts.map(function (part) { return part.text; }).join("");
      var measured = measure(finished, platform);

      result.textContent = "";
      var target = result;
      var offset = 0;
      parts.forEach(function (part) {
        var text = part.text;
        if (measured.cut >= 0 && target === result && offset + text.length > measured.cut) {
          var before = text.slice(0, measured.cut - offset);
          if (before) {
            result.append(part.empty ? el("span", { class: "composer-empty" }, before) : document.createTextNode(before));
          }
          target = el("mark", { class: "composer-cut" });
          target.append(el("span", { class: "composer-announce" }, t("composer.cut") + " "));
          result.append(target);
          text = text.slice(measured.cut - offset);
        }
        offset += part.text.length;
        if (text) {
          target.append(part.empty ? el("span", { class: "composer-empty" }, text) : document.createTextNode(text));
        }
      });

      var lang = config.lang || "en";
      count.textContent = t("composer.count", {
        count: measured.count.toLocaleString(lang),
        limit: platform.limit.toLocaleString(lang),
        platform: platform.name
      });
      links.textContent = platform.link_length ? t("composer.count.links", { length: platform.link_length, platform: platform.name }) : "";
      var next = measured.count > platform.limit ? "over" : measured.count >= platform.limit * warnAt ? "near" : "";
      warning.className = "composer-warning " + next;
      warning.textContent = next === "over"
        ? t("composer.over", { over: (measured.count - platform.limit).toLocaleString(lang), platform: platform.name })
        : next === "near" ? t("composer.near", { left: (platform.limit - measured.count).toLocaleString(lang) }) : "";
      if (next !== state) {
        announce.textContent = warning.textContent;
        state = next;
      }
      status.textContent = "";
    }

    Object.keys(inputs).forEach(function (name) {
      inputs[name].addEventListener("input", update);
    });
    select.addEventListener("change", update);

    copy.addEventListener("click", function () {
      var done = function () {
        status.textContent = empty ? t("composer.copied.empty", { n: empty }) : t("composer.copied");
      };
      var failed = function () {
        status.textContent = t("composer.copy.failed");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(finished).then(done, failed);
      } else {
        failed();
      }
    });

    update();
  }

  var article = document.querySelector("article") || document.body;
  article.querySelectorAll("div.literal-block-wrapper").forEach(build);
})();
