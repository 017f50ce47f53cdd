/* Checklists that remember: ticks and their times are kept in this browser's
 * localStorage, one entry per checklist, page and language.  Nothing is sent
 * anywhere.  Without this script the boxes still tick; in print they are empty
 * (handbook.css).  Added only to pages with a checklist by _ext/handbook/toolkit.py. */
(function () {
  "use strict";

  var toolkit = window.handbookToolkit;
  var config = toolkit.config;
  var t = toolkit.t;
  var lang = config.lang || document.documentElement.lang || "en";

  var store;
  try {
    store = window.localStorage;
    store.setItem("handbook-checklist-test", "1");
    store.removeItem("handbook-checklist-test");
  } catch (error) {
    return; /* No storage (private mode, blocked): the boxes still tick, as without scripts. */
  }

  /* A short, stable key for an item: its text, so a reworded item starts unticked. */
  function hash(text) {
    var value = 5381;
    for (var i = 0; i < text.length; i += 1) {
      value = ((value * 33) ^ text.charCodeAt(i)) >>> 0;
    }
    return value.toString(36);
  }

  function stamp(iso) {
    var when = new Date(iso);
    var today = new Date().toDateString() === when.toDateString();
    var options = today ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
      : { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    return when.toLocaleString(lang, options);
  }

  function read(key) {
    try {
      return JSON.parse(store.getItem(key)) || {};
    } catch (error) {
      return {};
    }
  }

  function write(key, ticks) {
    if (Object.keys(ticks).length) {
      store.setItem(key, JSON.stringify(ticks));
    } else {
      store.removeItem(key);
    }
  }

  var lists = Array.prototype.filter.call(document.querySelectorAll("ul.contains-task-list"), function (list) {
    return !list.parentElement.closest("ul.contains-task-list");
  });
  var perSection = {};

  lists.forEach(function (list, listNumber) {
    var section = list.closest("section");
    var sectionId = section && section.id ? section.id : "page";
    perSection[sectionId] = (perSection[sectionId] || 0) + 1;
    var key = ["handbook-checklist", "v1", lang, config.page || location.pathname, sectionId, perSection[sectionId]].join(":");
    var ticks = read(key);
    var seen = {};
    var boxes = [];

    list.querySelectorAll("input.task-list-item-checkbox").forEach(function (box, boxNumber) {
      var item = box.closest("li");
      var label = document.getElementById(box.getAttribute("aria-labelledby")) || item;
      var text = label.textContent.replace(/\s+/g, " ").trim();
      var id = hash(text);
      seen[id] = (seen[id] || 0) + 1;
      if (seen[id] > 1) {
        id += "-" + seen[id];
      }
      var time = document.createElement("span");
      time.className = "checklist-stamp";
      time.id = "checklist-stamp-" + (listNumber + 1) + "-" + (boxNumber + 1);
      if (label === item) {
        item.append(time);
      } else {
        label.after(time);
      }
      box.setAttribute("autocomplete", "off");
      box.setAttribute("aria-describedby", time.id);
      boxes.push({ box: box, id: id, time: time });

      box.addEventListener("change", function () {
        ticks = read(key);
        if (box.checked) {
          ticks[id] = new Date().toISOString();
        } else {
          delete ticks[id];
        }
        write(key, ticks);
        show(boxes[boxNumber]);
      });
    });

    function show(entry) {
      var iso = ticks[entry.id];
      entry.box.checked = Boolean(iso);
      entry.time.textContent = iso ? t("checklist.ticked", { time: stamp(iso) }) : "";
      if (iso) {
        entry.time.setAttribute("title", new Date(iso).toLocaleString(lang));
      } else {
        entry.time.removeAttribute("title");
      }
    }

    boxes.forEach(show);

    var actions = document.createElement("div");
    actions.className = "checklist-actions";
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "checklist-reset";
    reset.textContent = t("checklist.reset");
    var heading = section ? section.querySelector("h1, h2, h3, h4, h5, h6") : null;
    if (heading) {
      heading.id = heading.id || "checklist-heading-" + (listNumber + 1);
      reset.setAttribute("aria-describedby", heading.id);
    }
    var note = document.createElement("span");
    note.className = "checklist-note";
    note.textContent = t("checklist.kept");
    var status = document.createElement("span");
    status.className = "checklist-status";
    status.setAttribute("role", "status");
    reset.addEventListener("click", function () {
      store.removeItem(key);
      ticks = {};
      boxes.forEach(show);
      status.textContent = t("checklist.reset.done");
    });
    list.querySelectorAll("input.task-list-item-checkbox").forEach(function (box) {
      box.addEventListener("change", function () {
        status.textContent = "";
      });
    });
    actions.append(reset, " ", status);
    if (listNumber === 0) {
      actions.append(note);
    }
    list.after(actions);
  });
})();
