/* kaigi-kg SPARQL page: YASGUI's editor (Yasqe) and result table (Yasr) on this server's
   /sparql. Everything it loads comes from this server (see the page's Content-Security-Policy). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kg-config").textContent);
  var Yasqe = Yasgui.Yasqe;
  var Yasr = Yasgui.Yasr;
  var endpoint = new URL(config.endpoint, window.location.href).toString();
  var statusEl = document.getElementById("result-status");
  document.getElementById("endpoint-url").textContent = endpoint;

  var explorer = document.getElementById("explorer-link");
  if (!config.explorer) {
    explorer.removeAttribute("href");
    explorer.textContent = "explorer なし (GRAPH の隣に graph.html がありません)";
    explorer.className = "disabled";
  }

  // IRIs in the table open this server's describe page rather than the (offline) IRI itself.
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
    }
    return holder.innerHTML;
  };

  var prefixLines = Object.keys(config.prefixes).map(function (name) {
    return "PREFIX " + name + ": <" + config.prefixes[name] + ">";
  }).join("\n");
  var starter = prefixLines + "\n\n" +
    "# 協議体と略称 (forums and their acronyms); IRIs open their describe page\n" +
    "SELECT ?f ?forum ?acronym WHERE {\n" +
    "  ?f a kgo:Forum ; rdfs:label ?forum .\n" +
    "  OPTIONAL { ?f kgo:acronym ?acronym }\n" +
    "} ORDER BY ?forum\n";
  var fromUrl = new URLSearchParams(window.location.search).get("query");

  var yasqe = new Yasqe(document.getElementById("yasqe"), {
    value: fromUrl || starter,
    persistenceId: null,
    consumeShareLink: null,
    // The share button gives a link to this page that opens and runs the query.
    createShareableLink: function (instance) {
      return window.location.origin + "/?" + new URLSearchParams({ query: instance.getValue() }).toString();
    },
    requestConfig: { endpoint: endpoint, method: "POST" },
    autocompleters: ["variables"],
    editorHeight: "280px",
    resizeable: true
  });
  var yasr = new Yasr(document.getElementById("yasr"), {
    persistenceId: null,
    prefixes: config.prefixes,
    defaultPlugin: "table",
    plugins: { table: { enabled: true, dynamicConfig: { compact: true, isEllipsed: false, pageSize: 50 } } }
  });

  yasqe.on("queryBefore", function () {
    statusEl.className = "";
    statusEl.textContent = "実行中…";
  });
  yasqe.on("queryResponse", function (instance, response, duration) {
    yasr.setResponse(response, duration);
    var results = yasr.results;
    if (!results || results.getError()) {
      statusEl.className = "error";
      statusEl.textContent = "エラー (詳細は下に表示)";
      return;
    }
    var bindings = results.getBindings();
    var count = bindings ? bindings.length : (results.getBoolean() !== undefined ? 1 : 0);
    statusEl.textContent = count + " 行 · " + duration + " ms";
  });

  function isGraphQuery() {
    var kind = yasqe.getQueryType();
    return kind === "CONSTRUCT" || kind === "DESCRIBE";
  }

  function downloadUrl(format) {
    var params = new URLSearchParams({ query: yasqe.getValue(), format: format });
    return config.endpoint + "?" + params.toString();
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
  function run(name) {
    var entry = config.queries.filter(function (q) { return q.name === name; })[0];
    if (!entry) throw new Error("no bundled query " + name);
    Object.keys(buttons).forEach(function (key) { buttons[key].classList.toggle("active", key === name); });
    yasqe.setValue(entry.text);
    return runQuery();
  }
  config.queries.forEach(function (entry) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.title = entry.description;
    var name = document.createElement("code");
    name.textContent = entry.name;
    var description = document.createElement("span");
    description.textContent = entry.description;
    button.appendChild(name);
    button.appendChild(description);
    button.addEventListener("click", function () { run(entry.name); });
    buttons[entry.name] = button;
    item.appendChild(button);
    list.appendChild(item);
  });

  if (fromUrl) runQuery();
  window.kgSparql = { yasqe: yasqe, yasr: yasr, run: run, ready: true };
})();
