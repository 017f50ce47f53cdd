/* What the toolkit's scripts share: the page's settings from the
 * <meta name="handbook-toolkit"> tag (_ext/handbook/toolkit.py writes it),
 * the interface strings in the page's language, and a small element maker.
 * Loaded before handbook-checklists.js, handbook-composer.js and
 * handbook-decision-guides.js, which read window.handbookToolkit. */
(function () {
  "use strict";

  var meta = document.querySelector('meta[name="handbook-toolkit"]');
  var config = meta ? JSON.parse(meta.getAttribute("content")) : {};
  var strings = config.strings || {};

  /* An interface string, with {name} placeholders filled in. */
  function t(key, values) {
    var text = strings[key] || key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    return text;
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  window.handbookToolkit = { config: config, t: t, el: el };
})();
