/* The reader's language on kaigi-kg's pages (the SPARQL page and the explorer): Japanese or
   English, the first of the two in the browser's languages, English when neither is
   listed; a choice made with a page's switch is kept (localStorage "kaigi-kg.lang"). */
window.kgLanguage = (function () {
  "use strict";
  var KEY = "kaigi-kg.lang";
  return {
    choose: function () {
      var kept = null;
      try { kept = window.localStorage.getItem(KEY); } catch (e) { /* storage disabled */ }
      if (kept === "ja" || kept === "en") return kept;
      var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
      for (var i = 0; i < wanted.length; i++) {
        var code = String(wanted[i]).toLowerCase().slice(0, 2);
        if (code === "ja" || code === "en") return code;
      }
      return "en";
    },
    keep: function (lang) {
      try { window.localStorage.setItem(KEY, lang); } catch (e) { /* storage disabled */ }
    }
  };
})();
