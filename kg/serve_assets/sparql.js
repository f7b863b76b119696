/* kaigi-kg SPARQL page: YASGUI's editor (Yasqe) and result table (Yasr) on this server's
   /sparql, with tabs and a history kept in this browser, completion of the ontology's terms,
   and the page in Japanese or English. Everything it loads comes from this server (see the
   page's Content-Security-Policy). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kg-config").textContent);
  var Yasqe = Yasgui.Yasqe;
  var Yasr = Yasgui.Yasr;
  var endpoint = new URL(config.endpoint, window.location.href).toString();
  var statusEl = document.getElementById("result-status");
  var STORE = "kaigi-kg.sparql.";  // localStorage keys: tabs, history
  var HISTORY_SIZE = 50;

  // ------------------------------------------------------------ language
  var strings = config.strings;
  function t(key, values) {
    var entry = strings[key];
    if (!entry) throw new Error("no string " + key);
    return entry[lang].replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
  }

  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(STORE + key)); } catch (e) { return null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(STORE + key, JSON.stringify(value)); } catch (e) { /* full or disabled */ }
  }
  var lang = kgLanguage.choose();  // language.js, shared with the explorer

  document.getElementById("endpoint-url").textContent = endpoint;
  var explorer = document.getElementById("explorer-link");
  if (!config.explorer) {
    explorer.removeAttribute("href");
    explorer.className = "disabled";
    explorer.setAttribute("data-i18n", "nav.noExplorer");
  }

  // ------------------------------------------------------------ editor
  // The server predeclares these prefixes, so the editor must not mark them as undefined:
  // every tokenizer state starts with them known (a query's own PREFIX lines still win).
  function predeclare(mode) {
    if (mode.kgPredeclared) return;
    var start = mode.startState;
    mode.startState = function () {
      var state = start.apply(this, arguments);
      Object.keys(config.prefixes).forEach(function (name) {
        if (state.prefixes[name] === undefined) state.prefixes[name] = config.prefixes[name];
      });
      return state;
    };
    mode.kgPredeclared = true;
  }

  // IRIs in the table open this server's describe page rather than the (offline) IRI
  // itself; an IRI of the graph's instances also gets a link to the explorer focused on it.
  var Table = Yasr.plugins.table;
  var iriLink = Table.prototype.getUriLinkFromBinding;
  Table.prototype.getUriLinkFromBinding = function (binding, prefixes) {
    // Yasr returns sanitised markup; change the link's target on parsed elements, not text.
    var holder = document.createElement("template");
    holder.innerHTML = iriLink.call(this, binding, prefixes);
    var link = holder.content.querySelector("a");
    if (link) {
      link.setAttribute("href", "/describe?iri=" + encodeURIComponent(binding.value));
      link.setAttribute("title", binding.value);
      link.setAttribute("target", "_blank");  // a new tab: the results stay where they are
      link.setAttribute("rel", "noopener");
      if (config.explorer && binding.value.indexOf(config.instanceBase) === 0) {
        var focus = document.createElement("a");
        focus.className = "explorer-focus";
        focus.setAttribute("href", config.explorer + "#focus=" + encodeURIComponent(binding.value));
        focus.setAttribute("target", "_blank");
        focus.setAttribute("rel", "noopener");
        focus.setAttribute("title", t("link.explorer"));
        focus.textContent = "◎";
        holder.content.appendChild(document.createTextNode(" "));
        holder.content.appendChild(focus);
      }
    }
    return holder.innerHTML;
  };

  function starterQuery() {
    var prefixLines = Object.keys(config.prefixes).map(function (name) {
      return "PREFIX " + name + ": <" + config.prefixes[name] + ">";
    }).join("\n");
    return prefixLines + "\n\n" + "# " + t("starter.comment") + "\n" +
      "SELECT ?f ?forum ?acronym WHERE {\n" +
      "  ?f a kgo:Forum ; rdfs:label ?forum .\n" +
      "  OPTIONAL { ?f kgo:acronym ?acronym }\n" +
      "} ORDER BY ?forum\n";
  }

  // Completion of the ontology's classes (after `a`) and properties (in predicate position),
  // from the ontology shipped with the package: no request to prefix.cc or LOV.
  function shortName(iri) {
    var names = Object.keys(config.prefixes);
    for (var i = 0; i < names.length; i++) {
      var base = config.prefixes[names[i]];
      if (iri.indexOf(base) === 0) return names[i] + ":" + iri.slice(base.length);
    }
    return "<" + iri + ">";
  }
  function completer(name, terms, builtIn) {
    return {
      name: name,
      bulk: true,
      autoShow: true,
      get: terms.map(function (term) { return shortName(term.iri); }),
      isValidCompletionPosition: Yasqe.Autocompleters[builtIn].isValidCompletionPosition,
      preProcessToken: function (yasqe, token) { return token; },
      postProcessSuggestion: function (yasqe, token, suggestion) { return suggestion; }
    };
  }
  Yasqe.registerAutocompleter(completer("kgClasses", config.ontology.classes, "class"), false);
  Yasqe.registerAutocompleter(completer("kgProperties", config.ontology.properties, "property"), false);

  // Only these: Yasqe's own class, property and prefix completers ask LOV and prefix.cc on the
  // network (lodash merges a config's list into the defaults index by index, so set both).
  Yasqe.defaults.autocompleters = ["variables", "kgClasses", "kgProperties"];

  var params = new URLSearchParams(window.location.search);
  var fromUrl = params.get("query");

  var yasqe = new Yasqe(document.getElementById("yasqe"), {
    value: "",
    persistenceId: null,
    consumeShareLink: null,
    // The share button gives a link to this page that opens and runs the query.
    createShareableLink: function (instance) {
      return window.location.origin + "/?" + new URLSearchParams({ query: instance.getValue() }).toString();
    },
    requestConfig: { endpoint: endpoint, method: "POST" },
    autocompleters: ["variables", "kgClasses", "kgProperties"],
    editorHeight: "280px",
    resizeable: true
  });
  predeclare(yasqe.getMode());
  var yasr = new Yasr(document.getElementById("yasr"), {
    persistenceId: null,
    prefixes: config.prefixes,
    defaultPlugin: "table",
    plugins: { table: { enabled: true, dynamicConfig: { compact: true, isEllipsed: false, pageSize: 50 } } }
  });

  // ------------------------------------------------------------ tabs (kept in this browser)
  var tabsEl = document.getElementById("tabs");
  var addButton = document.getElementById("tab-add");
  var tabs = load("tabs");
  if (!tabs || !Array.isArray(tabs.list) || !tabs.list.length) {
    tabs = { list: [{ title: "", query: starterQuery() }], active: 0 };
  }
  tabs.active = Math.min(Math.max(tabs.active | 0, 0), tabs.list.length - 1);
  if (fromUrl) {  // a shared link opens its query in a tab of its own
    tabs.list.push({ title: "", query: fromUrl });
    tabs.active = tabs.list.length - 1;
  }

  function tabTitle(tab, index) {
    return tab.title || t("tabs.untitled", { n: index + 1 });
  }
  function drawTabs() {
    Array.prototype.slice.call(tabsEl.querySelectorAll(".tab")).forEach(function (el) { el.remove(); });
    tabs.list.forEach(function (tab, index) {
      var el = document.createElement("span");
      el.className = "tab" + (index === tabs.active ? " active" : "");
      el.setAttribute("role", "tab");
      el.setAttribute("aria-selected", String(index === tabs.active));
      var open = document.createElement("button");
      open.type = "button";
      open.className = "tab-open";
      open.textContent = tabTitle(tab, index);
      open.addEventListener("click", function () { selectTab(index); });
      el.appendChild(open);
      if (tabs.list.length > 1) {
        var close = document.createElement("button");
        close.type = "button";
        close.className = "tab-close";
        close.textContent = "×";
        close.title = t("tabs.close");
        close.addEventListener("click", function () { closeTab(index); });
        el.appendChild(close);
      }
      tabsEl.insertBefore(el, addButton);
    });
    save("tabs", tabs);
  }
  function selectTab(index) {
    tabs.active = index;
    yasqe.setValue(tabs.list[index].query);
    drawTabs();
  }
  function addTab(title, query) {
    tabs.list.push({ title: title || "", query: query === undefined ? starterQuery() : query });
    selectTab(tabs.list.length - 1);
  }
  function closeTab(index) {
    tabs.list.splice(index, 1);
    selectTab(Math.min(index <= tabs.active ? Math.max(tabs.active - 1, 0) : tabs.active, tabs.list.length - 1));
  }
  addButton.addEventListener("click", function () { addTab(); });
  yasqe.on("change", function () {
    tabs.list[tabs.active].query = yasqe.getValue();
    save("tabs", tabs);
  });

  // ------------------------------------------------------------ history (kept in this browser)
  var historyEl = document.getElementById("history");
  function history() {
    var list = load("history");
    return Array.isArray(list) ? list : [];
  }
  function remember(query, rows) {
    var list = history().filter(function (entry) { return entry.query !== query; });
    list.unshift({ query: query, title: tabs.list[tabs.active].title, rows: rows, at: new Date().toISOString() });
    save("history", list.slice(0, HISTORY_SIZE));
    drawHistory();
  }
  function firstLine(query) {
    var lines = query.split("\n").map(function (line) { return line.trim(); }).filter(function (line) {
      return line && line.charAt(0) !== "#" && !/^(PREFIX|BASE)\b/i.test(line);
    });
    return lines.length ? lines[0] : query.trim();
  }
  function drawHistory() {
    historyEl.textContent = "";
    var list = history();
    if (!list.length) {
      var empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = t("history.empty");
      historyEl.appendChild(empty);
    }
    list.forEach(function (entry) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.title = entry.query;
      var text = document.createElement("code");
      text.textContent = (entry.title ? entry.title + ": " : "") + firstLine(entry.query);
      var meta = document.createElement("span");
      meta.textContent = entry.at.slice(0, 16).replace("T", " ") + " · " + t("status.rowsShort", { n: entry.rows });
      button.appendChild(text);
      button.appendChild(meta);
      button.addEventListener("click", function () { yasqe.setValue(entry.query); });
      item.appendChild(button);
      historyEl.appendChild(item);
    });
  }
  document.getElementById("history-clear").addEventListener("click", function () {
    save("history", []);
    drawHistory();
  });

  // ------------------------------------------------------------ running
  var lastCount = null;
  yasqe.on("queryBefore", function () {
    statusEl.className = "";
    lastCount = null;
    statusEl.textContent = t("status.running");
  });
  yasqe.on("queryResponse", function (instance, response, duration) {
    yasr.setResponse(response, duration);
    var results = yasr.results;
    if (!results || results.getError()) {
      statusEl.className = "error";
      statusEl.textContent = t("status.error");
      return;
    }
    var bindings = results.getBindings();
    var count = bindings ? bindings.length : (results.getBoolean() !== undefined ? 1 : 0);
    lastCount = { n: count, ms: duration };
    statusEl.textContent = t("status.rows", lastCount);
    localiseResults();
    remember(instance.getValue(), count);
  });
  yasr.on("drawn", function () { localiseResults(); });
  // Sentences stay readable beside the IRI columns: a long cell keeps a reading width (the
  // table scrolls sideways instead). Cells are tagged as DataTables draws them (paging, sorting).
  var LONG_CELL = 40;
  new MutationObserver(function () {
    Array.prototype.forEach.call(document.querySelectorAll(".yasr .dataTable td:not(.kg-seen)"), function (cell) {
      cell.classList.add("kg-seen");
      if (cell.textContent.length > LONG_CELL && !cell.querySelector("a.iri")) cell.classList.add("long-cell");
    });
  }).observe(document.getElementById("yasr"), { childList: true, subtree: true });

  function isGraphQuery() {
    var kind = yasqe.getQueryType();
    return kind === "CONSTRUCT" || kind === "DESCRIBE";
  }

  function downloadUrl(format) {
    var query = new URLSearchParams({ query: yasqe.getValue(), format: format });
    return config.endpoint + "?" + query.toString();
  }

  // The links are built when clicked, so they always download what the editor holds.
  var csv = document.getElementById("download-csv");
  var jsonLink = document.getElementById("download-json");
  csv.addEventListener("click", function () {
    var graph = isGraphQuery();
    csv.download = graph ? "kaigi-kg-results.ttl" : "kaigi-kg-results.csv";
    csv.href = downloadUrl(graph ? "turtle" : "csv");
  });
  jsonLink.addEventListener("click", function () {
    var graph = isGraphQuery();
    jsonLink.download = graph ? "kaigi-kg-results.jsonld" : "kaigi-kg-results.json";
    jsonLink.href = downloadUrl(graph ? "jsonld" : "json");
  });

  // A failed query is shown by Yasr (queryResponse above); the rejected promise is not news.
  function runQuery() {
    return yasqe.query().catch(function () {});
  }

  var list = document.getElementById("bundled-queries");
  var buttons = {};
  var descriptions = {};
  function run(name) {
    var entry = config.queries.filter(function (q) { return q.name === name; })[0];
    if (!entry) throw new Error("no bundled query " + name);
    Object.keys(buttons).forEach(function (key) { buttons[key].classList.toggle("active", key === name); });
    tabs.list[tabs.active].title = name;
    yasqe.setValue(entry.text);
    drawTabs();
    return runQuery();
  }
  config.queries.forEach(function (entry) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    var name = document.createElement("code");
    name.textContent = entry.name;
    var description = document.createElement("span");
    button.appendChild(name);
    button.appendChild(description);
    button.addEventListener("click", function () { run(entry.name); });
    buttons[entry.name] = button;
    descriptions[entry.name] = description;
    item.appendChild(button);
    list.appendChild(item);
  });

  // ------------------------------------------------------------ the page in one language
  // YASGUI's own controls are English only: their words are set here after each draw.
  function setText(selector, key, attribute) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), function (el) {
      if (attribute) el.setAttribute(attribute, t(key)); else el.textContent = t(key);
    });
  }
  function localiseResults() {
    setText(".yasr .tableFilter", "yasr.filter", "placeholder");
    setText(".yasr .tableFilter", "yasr.filter", "aria-label");
    setText(".yasr .tableControls > div:nth-child(1) .switch .label", "yasr.simpleView");
    setText(".yasr .tableControls > div:nth-child(2) .switch .label", "yasr.ellipse");
    setText(".yasr .pageSizerLabel", "yasr.pageSize");
    setText(".yasr .tableSizer option[value='-1']", "yasr.all");
    setText(".yasr button.select_table > span", "yasr.table");
    setText(".yasr button.select_table", "yasr.table", "title");
    setText(".yasr button.select_table", "yasr.table", "aria-label");
    setText(".yasr button.select_response > span", "yasr.response");
    setText(".yasr button.select_response", "yasr.response", "title");
    setText(".yasr button.select_response", "yasr.response", "aria-label");
    setText(".yasr .yasr_downloadIcon", "yasr.download", "title");
    setText(".yasr .yasr_downloadIcon", "yasr.download", "aria-label");
    if (lastCount) {
      Array.prototype.forEach.call(document.querySelectorAll(".yasr .yasr_response_chip"), function (el) {
        el.textContent = t("status.rows", lastCount);
      });
    }
  }
  function localise() {
    document.documentElement.lang = lang;
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (el) {
      el.textContent = t(el.getAttribute("data-i18n"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n-title]"), function (el) {
      el.title = t(el.getAttribute("data-i18n-title"));
    });
    config.queries.forEach(function (entry) {
      var text = t("query." + entry.name);
      descriptions[entry.name].textContent = text;
      buttons[entry.name].title = text;
    });
    setText(".yasqe .yasqe_queryButton", "yasqe.run", "title");
    setText(".yasqe .yasqe_share", "yasqe.share", "title");
    setText(".yasqe .fullscreenToggleButtons .yasqe_fullscreenButton", "yasqe.fullscreen", "title");
    setText(".yasqe .fullscreenToggleButtons .yasqe_smallscreenButton", "yasqe.smallscreen", "title");
    var switcher = document.getElementById("lang-switch");
    switcher.textContent = lang === "ja" ? "English" : "日本語";
    switcher.setAttribute("lang", lang === "ja" ? "en" : "ja");
    if (lastCount) statusEl.textContent = t("status.rows", lastCount);
    drawTabs();
    drawHistory();
    localiseResults();
  }
  document.getElementById("lang-switch").addEventListener("click", function () {
    lang = lang === "ja" ? "en" : "ja";
    kgLanguage.keep(lang);
    localise();
  });

  yasqe.setValue(tabs.list[tabs.active].query);
  localise();
  if (fromUrl) runQuery();
  window.kgSparql = {
    yasqe: yasqe, yasr: yasr, run: run, ready: true,
    language: function () { return lang; },
    tabs: function () { return JSON.parse(JSON.stringify(tabs)); },
    addTab: addTab, selectTab: selectTab, history: history
  };
})();
