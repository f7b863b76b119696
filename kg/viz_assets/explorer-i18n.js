// kaigi-kg explorer in English or Japanese. The explorer writes its words in Japanese; when
// the reader's language is English this script puts the English of every word of the page
// (from kg/data/ui_strings.json, keys "explorer.*": exact texts and patterns with {slots})
// in their place as the explorer draws them. Text of the graph (names, sentences) is never
// in the table, so it stays as written. The choice follows the browser's languages, and the
// switch in the header keeps it (kgLanguage, kg/serve_assets/language.js, shared with the SPARQL page).
(function () {
  "use strict";

  var strings = JSON.parse(document.getElementById("kg-strings").textContent);
  var exact = {};
  var patterns = [];
  Object.keys(strings).forEach(function (key) {
    if (key.indexOf("explorer.") !== 0) return;
    var ja = strings[key].ja, en = strings[key].en;
    if (ja.indexOf("{") < 0) { exact[ja] = en; return; }
    var slots = [];
    var source = ja.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, function (_, name) {
      slots.push(name);
      return "(.+?)";
    });
    patterns.push({ regex: new RegExp("^" + source + "$"), slots: slots, en: en });
  });

  var lang = kgLanguage.choose();  // kg/serve_assets/language.js, put before this script by kg/viz.py

  // The English of one text, or null when it is not a word of the page. A slot's value is
  // put in English too when it is a word of the page ("米国側の出席者 (2)": two patterns).
  function english(text, depth) {
    var core = text.trim();
    if (!core || (depth || 0) > 2) return null;
    var found = null;
    if (Object.prototype.hasOwnProperty.call(exact, core)) {
      found = exact[core];
    } else {
      for (var i = 0; i < patterns.length && found === null; i++) {
        var match = patterns[i].regex.exec(core);
        if (!match) continue;
        var values = {};
        patterns[i].slots.forEach(function (name, k) {
          var value = match[k + 1];
          var inner = english(value, (depth || 0) + 1);
          values[name] = inner === null ? value : inner;
        });
        found = patterns[i].en.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
      }
    }
    if (found === null) return null;
    var lead = text.match(/^\s*/)[0], trail = text.match(/\s*$/)[0];
    return lead + found + trail;
  }

  var ATTRIBUTES = ["title", "placeholder", "aria-label"];
  function translate(root) {
    if (root.nodeType === Node.TEXT_NODE) {
      var text = english(root.nodeValue);
      if (text !== null && text !== root.nodeValue) root.nodeValue = text;
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE || root.tagName === "SCRIPT" || root.tagName === "STYLE") return;
    ATTRIBUTES.forEach(function (name) {
      var value = root.getAttribute(name);
      var text = value === null ? null : english(value);
      if (text !== null && text !== value) root.setAttribute(name, text);
    });
    if (root.tagName === "OPTION" || root.tagName === "BUTTON" || root.childNodes.length) {
      for (var child = root.firstChild; child; child = child.nextSibling) translate(child);
    }
  }

  function addSwitch() {
    var bar = document.getElementById("bar");
    if (!bar) return;
    var button = document.createElement("button");
    button.type = "button";
    button.id = "lang-switch";
    button.textContent = lang === "ja" ? "English" : "日本語";
    button.setAttribute("lang", lang === "ja" ? "en" : "ja");
    button.addEventListener("click", function () {
      kgLanguage.keep(lang === "ja" ? "en" : "ja");
      window.location.reload();  // the view is in the URL hash, so it comes back as it was
    });
    bar.appendChild(button);
  }

  document.documentElement.lang = lang;
  addSwitch();
  window.kgExplorerLanguage = lang;
  if (lang !== "en") return;
  translate(document.body);
  document.title = english(document.title) || document.title;
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.type === "characterData") translate(record.target);
      else if (record.type === "attributes") translate(record.target);
      else Array.prototype.forEach.call(record.addedNodes, translate);
    });
  }).observe(document.body, { childList: true, subtree: true, characterData: true,
                              attributes: true, attributeFilter: ATTRIBUTES });
})();
