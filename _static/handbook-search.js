/* The handbook's search: Pagefind's results under the theme's search field.
 *
 * Loaded only when a reader focuses a search field (the theme's search button
 * and Ctrl+K do that) or opens search.html; see _ext/handbook/search.py.
 * Pagefind's own files load with the first query. Pagefind picks the index
 * for the page's <html lang>, so a Swedish page searches the Swedish pages.
 *
 * Keyboard: type to search; Down moves into the results, Up and Down move
 * between them, Enter opens one, Escape closes the search (the theme closes
 * its dialog) or, on the search page, goes back to the field.
 */
(function () {
  "use strict";
  if (window.handbookSearch) return;

  var html = document.documentElement;
  var root = new URL(html.dataset.content_root || "./", document.baseURI);
  var lang = (html.lang || "en").toLowerCase().split("-")[0];
  var STRINGS = {
    en: {
      found: function (n, q) { return (n === 1 ? "1 page" : n + " pages") + " found for \u201c" + q + "\u201d."; },
      none: function (q) { return "No pages found for \u201c" + q + "\u201d. Try another word, or the Swedish or English term from the glossary."; },
      file: "Search works only when the handbook is served over HTTP: run make serve and open http://127.0.0.1:8000/.",
      failed: "Search could not load. Reload the page and try again.",
      label: "Search results",
      more: "Show more results",
      help: "Use the Down and Up arrow keys to move through the results and Enter to open one.",
    },
    sv: {
      found: function (n, q) { return (n === 1 ? "1 sida" : n + " sidor") + " hittades för \u201d" + q + "\u201d."; },
      none: function (q) { return "Inga sidor hittades för \u201d" + q + "\u201d. Prova ett annat ord, eller den svenska eller engelska termen i ordlistan."; },
      file: "Sökningen fungerar bara när handboken visas via HTTP: kör make serve och öppna http://127.0.0.1:8000/.",
      failed: "Sökningen kunde inte laddas. Ladda om sidan och försök igen.",
      label: "Sökresultat",
      more: "Visa fler resultat",
      help: "Använd pil ned och pil upp för att gå mellan resultaten och Enter för att öppna ett.",
    },
  };
  var t = STRINGS[lang] || STRINGS.en;
  var PAGE_SIZE = 5;
  var pagefind = null;

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 24, noWorker: true }).then(function () { return pf; });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  /* The section of the page that matches best: of the sections whose visible
     text matches, the one with the most weight; the page itself when only its
     hidden keywords match (Pagefind gives that sub-result no anchor). */
  function bestSection(data) {
    var subs = data.sub_results || [];
    var anchored = subs.filter(function (sub) { return sub.anchor; });
    var best = null, bestScore = -1;
    (anchored.length ? anchored : subs).forEach(function (sub) {
      var score = (sub.weighted_locations || []).reduce(function (sum, loc) { return sum + loc.balanced_score; }, 0);
      if (score > bestScore) { best = sub; bestScore = score; }
    });
    return best;
  }

  var counter = 0;

  /* Text with the words that start like a query word marked. */
  function highlight(node, text, query) {
    var starts = query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 1; });
    text.split(/(\s+)/).forEach(function (part) {
      var bare = part.toLowerCase().replace(/^\W+/, "");
      var hit = bare && starts.some(function (w) { return bare.indexOf(w) === 0; });
      node.append(hit ? el("mark", {}, part) : document.createTextNode(part));
    });
  }

  /* Pagefind finds pages with every word of the query, words by their start.
     When that finds nothing, a word with no match is shortened to the longest
     start that matches (a misspelt ending: "phising" finds "phishing"), and
     a page then needs only some of the words: most words matched ranks first. */
  function find(pf, query) {
    return pf.search(query).then(function (search) {
      var words = query.split(/\s+/).filter(function (w) { return w.length > 2; });
      if (search.results.length || !words.length) return search.results;
      return Promise.all(words.map(function (word) { return findWord(pf, word); })).then(function (lists) {
        var pages = {};
        lists.forEach(function (results) {
          results.forEach(function (r) {
            var page = pages[r.id] || (pages[r.id] = { result: r, words: 0, score: 0 });
            page.words += 1;
            page.score += r.score;
          });
        });
        return Object.keys(pages).map(function (id) { return pages[id]; }).sort(function (a, b) {
          return b.words - a.words || b.score - a.score;
        }).map(function (page) { return page.result; });
      });
    });
  }

  /* A word with no match: try it spelt with one letter doubled, undoubled or
     two letters swapped ("acessibility", "harrassment"), then shorter starts. */
  function findWord(pf, word) {
    return pf.search(word).then(function (search) {
      if (search.results.length || word.length < 5) return search.results;
      return Promise.all(variants(word).map(function (v) { return pf.search(v); })).then(function (searches) {
        var best = searches.reduce(function (a, b) { return b.results.length > a.results.length ? b : a; });
        return best.results.length ? best.results : findStart(pf, word.slice(0, -1));
      });
    });
  }

  function findStart(pf, word) {
    return pf.search(word).then(function (search) {
      if (search.results.length || word.length <= 4) return search.results;
      return findStart(pf, word.slice(0, -1));
    });
  }

  function variants(word) {
    var found = {};
    for (var i = 0; i < word.length; i++) {
      found[word.slice(0, i + 1) + word.slice(i)] = 1;
      if (word[i] === word[i + 1]) found[word.slice(0, i) + word.slice(i + 1)] = 1;
      if (i + 1 < word.length) found[word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)] = 1;
    }
    delete found[word];
    return Object.keys(found);
  }

  function enhance(form, container) {
    if (form.dataset.handbookSearch) return;
    form.dataset.handbookSearch = "on";
    var input = form.querySelector("input[name=q]");
    var id = "handbook-search-" + (++counter);
    var status = el("p", { id: id + "-status", class: "handbook-search__status", role: "status" });
    var help = el("p", { id: id + "-help", class: "handbook-search__help visually-hidden" }, t.help);
    var list = el("ol", { id: id + "-results", class: "handbook-search__results", "aria-label": t.label });
    container.classList.add("handbook-search");
    container.append(status, help, list);
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-describedby", help.id);
    var sequence = 0, timer = null, lastQuery = null;

    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

    function show(query) {
      var mine = ++sequence;
      if (!query) {
        list.replaceChildren();
        moreButton.hidden = true;
        status.textContent = "";
        lastQuery = query;
        return;
      }
      if (location.protocol === "file:") {
        status.textContent = t.file;
        return;
      }
      loadPagefind().then(function (pf) {
        return find(pf, query);
      }).then(function (results) {
        if (mine !== sequence) return;
        lastQuery = query;
        shown = results;
        list.replaceChildren();
        return more().then(function () {
          status.textContent = results.length ? t.found(results.length, query) : t.none(query);
        });
      }).catch(function (error) {
        if (mine !== sequence) return;
        status.textContent = t.failed;
        if (window.console) console.warn("[handbook search]", error);
      });
    }

    var shown = [];
    var moreButton = el("button", { type: "button", class: "btn handbook-search__more", hidden: "" }, t.more);
    container.append(moreButton);
    moreButton.addEventListener("click", function () {
      var next = list.children.length;
      more().then(function () { var all = links(); if (all[next]) all[next].focus(); });
    });

    /* Load and show the next few results; each needs its page's fragment. */
    function more() {
      var mine = sequence, start = list.children.length;
      return Promise.all(shown.slice(start, start + PAGE_SIZE).map(function (r) { return r.data(); })).then(function (pages) {
        if (mine !== sequence) return;
        list.append.apply(list, pages.map(function (data) { return item(data, lastQuery); }));
        moreButton.hidden = list.children.length >= shown.length;
      });
    }

    function item(data, query) {
      var section = bestSection(data);
      var title = (data.meta && data.meta.title) || data.url;
      var li = el("li", { class: "handbook-search__result" });
      // A heading's id is its section's id plus "-title" (_ext/handbook/search.py): link to the section.
      var a = el("a", { href: section ? section.url.replace(/-title$/, "") : data.url });
      a.append(el("span", { class: "handbook-search__title" }, title));
      if (section && section.anchor && section.title && section.title !== title) {
        a.append(el("span", { class: "handbook-search__section" }, section.title));
      }
      var excerpt = el("span", { class: "handbook-search__excerpt" });
      if (section && !section.anchor && data.meta && data.meta.summary) {
        // Only the page's hidden keywords matched: its summary says more than they do.
        highlight(excerpt, data.meta.summary, query);
      } else {
        // Pagefind escapes the page text; the only markup in an excerpt is <mark>.
        excerpt.innerHTML = section ? section.excerpt : data.excerpt;
      }
      a.append(excerpt);
      li.append(a);
      return li;
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { show(input.value.trim()); }, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && links().length) {
        event.preventDefault();
        links()[0].focus();
      }
    });
    list.addEventListener("keydown", function (event) {
      var all = links(), index = all.indexOf(document.activeElement);
      if (index < 0) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        all[Math.min(index + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        (index === 0 ? input : all[index - 1]).focus();
      } else if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        all[event.key === "Home" ? 0 : all.length - 1].focus();
      } else if (event.key === "Escape" && !form.closest("dialog")) {
        event.preventDefault();
        input.focus();
      }
    });
    list.addEventListener("click", function (event) {
      var dialog = form.closest("dialog");
      if (dialog && event.target.closest("a")) dialog.close();
    });
    if (input.value.trim() && input.value.trim() !== lastQuery) show(input.value.trim());
    return show;
  }

  function start() {
    var page = document.getElementById("handbook-search-page-results");
    document.querySelectorAll("form.bd-search").forEach(function (form) {
      var dialog = form.closest("dialog");
      if (dialog) {
        var box = el("div", {});
        form.after(box);
        enhance(form, box);
      } else if (page) {
        var input = form.querySelector("input[name=q]");
        var query = new URLSearchParams(location.search).get("q") || "";
        input.value = query;
        enhance(form, page);
        if (!query) input.focus();
      }
    });
    var link = el("link", { rel: "stylesheet", href: new URL("_static/handbook-search.css", root).href });
    document.head.append(link);
  }

  window.handbookSearch = { start: start };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
