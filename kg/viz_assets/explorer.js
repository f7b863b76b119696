// kaigi-kg explorer. Every string from the graph is untrusted article text: it reaches the
// page only through textContent / option.text / the vis canvas, never through innerHTML.
(function () {
  "use strict";

  var explorer = (window.kgExplorer = { ready: false, timing: { start: performance.now() } });
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var typeByName = {};
  data.types.forEach(function (t) { typeByName[t.name] = t; });
  var GLYPHS = { dot: "\u25CF", square: "\u25A0", triangle: "\u25B2", star: "\u2605", diamond: "\u25C6" };
  var MAX_EVIDENCE = 50;
  var MAX_RESULTS = 20;

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var filters = { forum: "", country: "", hiddenTypes: {} };
  var shown = { nodes: data.nodes.length, edges: data.edges.length };
  var selectedId = null;

  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  explorer.network = network;
  explorer.nodes = nodes;
  explorer.edges = edges;
  explorer.total = { nodes: data.nodes.length, edges: data.edges.length };
  explorer.shown = function () { return { nodes: shown.nodes, edges: shown.edges }; };

  // ------------------------------------------------------------ small DOM helpers

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  // ------------------------------------------------------------ filters

  function nodeVisible(node) {
    if (filters.hiddenTypes[node.kind]) return false;
    if (filters.forum && node.forums.indexOf(filters.forum) < 0) return false;
    if (filters.country && node.countries.indexOf(filters.country) < 0) return false;
    return true;
  }

  // Hiding (rather than removing) keeps every node where the layout put it.
  function applyFilters() {
    var visible = {};
    var nodeChanges = [];
    var edgeChanges = [];
    shown = { nodes: 0, edges: 0 };
    nodes.forEach(function (node) {
      var isVisible = nodeVisible(node);
      visible[node.id] = isVisible;
      if (isVisible) shown.nodes += 1;
      if (!!node.hidden === isVisible) nodeChanges.push({ id: node.id, hidden: !isVisible });
    });
    edges.forEach(function (edge) {
      var isVisible = visible[edge.from] && visible[edge.to];
      if (isVisible) shown.edges += 1;
      if (!!edge.hidden === isVisible) edgeChanges.push({ id: edge.id, hidden: !isVisible });
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    document.getElementById("count-nodes").textContent = String(shown.nodes);
    document.getElementById("count-edges").textContent = String(shown.edges);
    document.querySelectorAll("#legend-items button").forEach(function (button) {
      var off = !!filters.hiddenTypes[button.getAttribute("data-kind")];
      button.classList.toggle("off", off);
      button.setAttribute("aria-pressed", off ? "false" : "true");
    });
  }

  function fillSelect(select, items, valueOf, textOf) {
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = valueOf(item);
      option.text = textOf(item);
      select.appendChild(option);
    });
  }

  var forumSelect = document.getElementById("filter-forum");
  var countrySelect = document.getElementById("filter-country");
  fillSelect(forumSelect, data.forums, function (f) { return f.id; }, function (f) { return f.label; });
  fillSelect(countrySelect, data.countries, function (c) { return c.code; }, function (c) { return c.label; });
  forumSelect.addEventListener("change", function () { filters.forum = forumSelect.value; applyFilters(); });
  countrySelect.addEventListener("change", function () { filters.country = countrySelect.value; applyFilters(); });

  function resetFilters() {
    filters = { forum: "", country: "", hiddenTypes: {} };
    forumSelect.value = "";
    countrySelect.value = "";
    applyFilters();
  }
  document.getElementById("reset").addEventListener("click", function () {
    resetFilters();
    network.fit();
  });

  // The legend doubles as the node-type filter.
  var legend = document.getElementById("legend-items");
  var typeCounts = {};
  data.nodes.forEach(function (n) { typeCounts[n.kind] = (typeCounts[n.kind] || 0) + 1; });
  data.types.forEach(function (t) {
    var item = el("li");
    var button = el("button");
    button.type = "button";
    button.setAttribute("data-kind", t.name);
    var glyph = el("span", GLYPHS[t.shape] || "\u25CF", "glyph");
    glyph.style.color = t.color;
    button.appendChild(glyph);
    button.appendChild(el("span", t.label));
    button.appendChild(el("span", "(" + (typeCounts[t.name] || 0) + ")", "legend-count"));
    button.addEventListener("click", function () {
      filters.hiddenTypes[t.name] = !filters.hiddenTypes[t.name];
      applyFilters();
    });
    item.appendChild(button);
    legend.appendChild(item);
  });

  // ------------------------------------------------------------ details panel

  var detailsBody = document.getElementById("details-body");

  function addRows(parent, rows) {
    var list = el("dl");
    rows.forEach(function (row) {
      var values = Array.isArray(row[1]) ? row[1] : [row[1]];
      values = values.filter(function (v) { return v !== null && v !== undefined && v !== ""; });
      if (!values.length) return;
      list.appendChild(el("dt", row[0]));
      list.appendChild(el("dd", values.join("、")));
    });
    if (list.childNodes.length) parent.appendChild(list);
  }

  function addEvidence(parent, evidence) {
    parent.appendChild(el("h4", "根拠となる文 (" + evidence.length + ")"));
    if (!evidence.length) {
      parent.appendChild(el("p", "根拠の文はありません。", "hint"));
      return;
    }
    evidence.slice(0, MAX_EVIDENCE).forEach(function (ev) {
      var box = el("blockquote", null, "evidence");
      box.appendChild(el("p", ev.sentence, "sentence"));
      var about = [ev.date, ev.source].filter(function (v) { return v; }).join(", ");
      box.appendChild(el("p", "出典: " + (ev.document || "(題名なし)") + (about ? " (" + about + ")" : ""), "source"));
      if (ev.context.length) box.appendChild(el("p", ev.context.join(" / "), "context"));
      parent.appendChild(box);
    });
    if (evidence.length > MAX_EVIDENCE) {
      parent.appendChild(el("p", "ほか " + (evidence.length - MAX_EVIDENCE) + " 件", "hint"));
    }
  }

  function showNode(id) {
    var node = nodes.get(id);
    if (!node) return;
    var d = node.details;
    clear(detailsBody);
    detailsBody.setAttribute("data-node", id);
    detailsBody.removeAttribute("data-edge");
    detailsBody.appendChild(el("h3", d.label));
    detailsBody.appendChild(el("p", d.type, "type"));
    addRows(detailsBody, d.rows.concat([["別表記", d.aliases]]));
    if (d.links.length) {
      var heading = node.kind === "meeting" ? "出席者" : "出席した会合";
      detailsBody.appendChild(el("h4", heading + " (" + d.links.length + ")"));
      var list = el("ul", null, "links");
      d.links.forEach(function (link) { list.appendChild(el("li", link)); });
      detailsBody.appendChild(list);
    }
    if (node.kind !== "country" && node.kind !== "forum") addEvidence(detailsBody, d.evidence);
  }

  function showEdge(id) {
    var edge = edges.get(id);
    if (!edge) return;
    var from = nodes.get(edge.from);
    var to = nodes.get(edge.to);
    clear(detailsBody);
    detailsBody.setAttribute("data-edge", id);
    detailsBody.removeAttribute("data-node");
    detailsBody.appendChild(el("h3", from.label + " \u2192 " + to.label));
    detailsBody.appendChild(el("p", edge.kind + " (" + edge.description + ")", "type"));
    if (edge.kind === "represented") {
      var head = edge.head === true ? "はい" : edge.head === false ? "いいえ" : null;
      addRows(detailsBody, [["代表した側", edge.side], ["肩書", edge.title], ["機関", edge.institution], ["団長", head]]);
      addEvidence(detailsBody, edge.evidence || []);
    }
  }

  // Select node ``id``, show its details and (unless focus === false) centre the view on it.
  function select(id, focus) {
    var node = nodes.get(id);
    if (!node) return false;
    if (node.hidden) resetFilters();
    selectedId = id;
    network.selectNodes([id]);
    if (focus !== false) network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    showNode(id);
    return true;
  }
  explorer.select = select;
  // Where node ``id`` is drawn, in page coordinates (lets tests click it for real).
  explorer.pagePosition = function (id) {
    var p = network.canvasToDOM(network.getPositions([id])[id]);
    var box = container.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  };

  network.on("click", function (params) {
    if (params.nodes.length) {
      selectedId = params.nodes[0];
      showNode(selectedId);
    } else if (params.edges.length) {
      selectedId = params.edges[0];
      showEdge(selectedId);
    } else {
      selectedId = null;
    }
  });
  network.on("hoverNode", function (params) { if (selectedId === null) showNode(params.node); });
  network.on("hoverEdge", function (params) { if (selectedId === null) showEdge(params.edge); });

  // ------------------------------------------------------------ search

  var ignored = new RegExp("[\\s" + data.searchIgnored.replace(/[\\\]^-]/g, "\\$&") + "]", "g");
  function searchKey(text) {
    return String(text).normalize("NFKC").toLowerCase().replace(ignored, "");
  }

  var searchBox = document.getElementById("search");
  var resultList = document.getElementById("search-results");
  var PEOPLE = { official: 0, person: 0 };

  function search(text) {
    var key = searchKey(text);
    if (!key) return [];
    var found = [];
    nodes.forEach(function (node) {
      var exact = node.keys.indexOf(key) >= 0;
      if (exact || node.keys.some(function (k) { return k.indexOf(key) >= 0; })) {
        found.push({ node: node, rank: (exact ? 0 : 2) + (node.kind in PEOPLE ? 0 : 1) });
      }
    });
    found.sort(function (a, b) {
      return a.rank - b.rank || (a.node.label < b.node.label ? -1 : a.node.label > b.node.label ? 1 : 0);
    });
    return found.map(function (f) { return f.node; });
  }

  function showResults() {
    clear(resultList);
    if (!searchBox.value.trim()) return;
    var found = search(searchBox.value);
    if (!found.length) {
      resultList.appendChild(el("li", "見つかりません", "none"));
      return;
    }
    found.slice(0, MAX_RESULTS).forEach(function (node) {
      var item = el("li");
      var button = el("button", node.label);
      button.type = "button";
      button.setAttribute("data-node", node.id);
      button.appendChild(el("span", typeByName[node.kind].label, "result-type"));
      button.addEventListener("click", function () {
        select(node.id);
        clear(resultList);
      });
      item.appendChild(button);
      resultList.appendChild(item);
    });
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = resultList.querySelector("button");
      if (first) first.click();
    } else if (event.key === "Escape") {
      clear(resultList);
    }
  });

  // ------------------------------------------------------------ layout

  function markReady() {
    if (explorer.ready) return;
    // The layout is settled: stop physics so the page is idle and nodes stay put.
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
    explorer.timing.ready = performance.now();
    explorer.ready = true;
  }
  network.once("afterDrawing", function () { explorer.timing.firstDraw = performance.now(); });
  network.once("stabilizationIterationsDone", markReady);
  network.once("stabilized", markReady);
  applyFilters();
  if (!data.nodes.length) {
    clear(detailsBody);
    detailsBody.appendChild(el("p", "このグラフにはノードがありません。", "hint"));
    markReady();
  }
})();
