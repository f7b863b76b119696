// kaigi-kg explorer. Every string from the graph is untrusted article text: it reaches the
// page only through textContent / option.text / the vis canvas, never through innerHTML.
// The whole view state (focus, filters, view) lives in the URL hash, so links reopen it and
// Back steps through it.
(function () {
  "use strict";

  var explorer = (window.kgExplorer = { ready: false, timing: { start: performance.now() } });
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var typeByName = {};
  data.types.forEach(function (t) { typeByName[t.name] = t; });
  var GLYPHS = { dot: "\u25CF", square: "\u25A0", triangle: "\u25B2", star: "\u2605", diamond: "\u25C6" };
  var MAX_EVIDENCE = 50;
  var MAX_RESULTS = 20;
  var MIN_LABEL_PX = 12;  // a drawn label is never smaller than this on screen
  var BASE_FONT = 14;
  var MAX_FIT_SCALE = 1.3;
  var DIMMED = 0.12;
  var STATUS_VALUES = data.statuses.map(function (s) { return s.value; });
  var TABLE_COLUMNS = [
    ["date", "日付"], ["forum", "協議体"], ["meeting", "会合"], ["side", "側"], ["official", "出席者"],
    ["title", "肩書"], ["institution", "機関"], ["evidence", "根拠となる文"], ["document", "記事"]];
  // Column order of the bundled `representations` query, so a CSV reads like its output.
  var CSV_COLUMNS = ["official", "side", "forum", "meeting", "date", "title", "institution", "evidence", "document"];
  // Strings of the analysis tools (paths, styling, period, re-layout, export), in one table
  // so that they can be translated together.
  var TEXT = {
    pathFrom: "ここから経路を探す",
    pathPick: "経路: 始点 {from} — 終点のノードをクリック (Esc で中止)",
    pathShown: "経路: {from} → {to}",
    pathClear: "経路を閉じる",
    pathHeading: "{from} から {to} への最短の経路 ({count} 本, {hops} 段)",
    pathNone: "{from} と {to} は繋がっていません。",
    pathWider: "会合と人物だけでは繋がらないため、機関・協議体も経由しています。",
    pathMore: "ほかにも同じ長さの経路があります (最初の {limit} 本を表示)。",
    sizeLabel: "大きさ",
    sizeOptions: [["", "リンクの数"], ["meetings", "会合の数"], ["forums", "協議体の数"]],
    colorLabel: "色",
    colorOptions: [["", "種類"], ["country", "国"], ["community", "コミュニティ"]],
    colorOther: "その他",
    colorNone: "国なし・複数の国",
    communityName: "{name} ほか {count} ノード",
    periodLabel: "期間 (会合の日付)",
    periodAll: "すべての期間",
    relayout: "絞り込み・フォーカスを再配置",
    exportGexf: "GEXF で保存",
    exportGraphml: "GraphML で保存",
  };
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) { return String(values[key]); });
  }

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeColor = {};
  data.edges.forEach(function (e) { edgeColor[e.id] = e.color; });
  var neighbours = {};
  data.nodes.forEach(function (n) { neighbours[n.id] = []; });
  data.edges.forEach(function (e) {
    neighbours[e.from].push({ id: e.to, countryLink: e.countryLink });
    neighbours[e.to].push({ id: e.from, countryLink: e.countryLink });
  });

  function defaultState() {
    return { focus: "", depth: 1, forum: "", country: "", statuses: STATUS_VALUES.slice(), hide: [],
             links: false, view: "graph", sort: "", desc: false, q: "", from: "", to: "", dates: "",
             size: "", color: "", relayout: true };
  }
  var state = defaultState();
  var shown = { nodes: data.nodes.length, edges: data.edges.length };
  var visibleIds = {};
  var focusSet = null;

  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  explorer.network = network;
  explorer.nodes = nodes;
  explorer.edges = edges;
  explorer.total = { nodes: data.nodes.length, edges: data.edges.length };
  explorer.shown = function () { return { nodes: shown.nodes, edges: shown.edges }; };
  explorer.state = function () { return JSON.parse(JSON.stringify(state)); };

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

  // A link in the panel: moves the focus to a node (or a document) of the graph.
  function goButton(text, id, note) {
    var wrap = el("span");
    var button = el("button", text, "go");
    button.type = "button";
    button.setAttribute("data-go", id);
    button.addEventListener("click", function () { setState(focusChange(id)); });
    wrap.appendChild(button);
    if (note) wrap.appendChild(el("span", note, "note"));
    return wrap;
  }

  function download(name, href) {
    var a = el("a");
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  }

  // ------------------------------------------------------------ state and the URL hash

  function hashOf(s) {
    var p = new URLSearchParams();
    if (s.view !== "graph") p.set("view", s.view);
    if (s.focus) p.set("focus", s.focus);
    if (s.depth > 1) p.set("depth", String(s.depth));
    if (s.forum) p.set("forum", s.forum);
    if (s.country) p.set("country", s.country);
    if (s.statuses.length !== STATUS_VALUES.length) p.set("status", s.statuses.join(","));
    if (s.hide.length) p.set("hide", s.hide.join(","));
    if (s.links) p.set("links", "1");
    if (s.sort) p.set("sort", (s.desc ? "-" : "") + s.sort);
    if (s.q) p.set("q", s.q);
    if (s.from) p.set("from", s.from);
    if (s.to) p.set("to", s.to);
    if (s.dates) p.set("dates", s.dates);
    if (s.size) p.set("size", s.size);
    if (s.color) p.set("color", s.color);
    if (!s.relayout) p.set("layout", "fixed");
    return p.toString();
  }

  function stateFromHash(hash) {
    var p = new URLSearchParams(hash.replace(/^#/, ""));
    var s = defaultState();
    var list = function (v) { return v ? v.split(",").filter(function (x) { return x; }) : []; };
    if (["graph", "table", "timeline"].indexOf(p.get("view")) >= 0) s.view = p.get("view");
    s.focus = p.get("focus") || "";
    s.depth = Math.max(1, Math.min(4, parseInt(p.get("depth") || "1", 10) || 1));
    s.forum = p.get("forum") || "";
    s.country = p.get("country") || "";
    if (p.has("status")) s.statuses = list(p.get("status")).filter(function (v) { return STATUS_VALUES.indexOf(v) >= 0; });
    s.hide = list(p.get("hide")).filter(function (v) { return typeByName[v]; });
    s.links = p.get("links") === "1";
    var sort = p.get("sort") || "";
    s.desc = sort.charAt(0) === "-";
    s.sort = sort.replace(/^-/, "");
    s.q = p.get("q") || "";
    s.from = byId[p.get("from")] ? p.get("from") : "";
    s.to = s.from && byId[p.get("to")] ? p.get("to") : "";
    s.dates = /^\d{4}-\d{2}\.\.\d{4}-\d{2}$/.test(p.get("dates") || "") ? p.get("dates") : "";
    s.size = TEXT.sizeOptions.some(function (o) { return o[0] === p.get("size"); }) ? p.get("size") : "";
    s.color = TEXT.colorOptions.some(function (o) { return o[0] === p.get("color"); }) ? p.get("color") : "";
    s.relayout = p.get("layout") !== "fixed";
    return s;
  }

  function writeHash(replace) {
    var hash = hashOf(state);
    if (location.hash.replace(/^#/, "") === hash) return;
    try {
      history[replace ? "replaceState" : "pushState"](null, "", hash ? "#" + hash : location.pathname + location.search);
    } catch (err) {
      // about:srcdoc (the notebook's iframe) has no URL to push to; the page still works.
    }
  }

  // Change part of the state, record it in the history and redraw.
  function setState(change, options) {
    Object.keys(change).forEach(function (k) { state[k] = change[k]; });
    var wanted = [change.focus, change.from, change.to].filter(function (id) { return id; });
    if (wanted.some(function (id) { return !visibleWith(state, id); })) {
      // Focusing something the filters hide: clear the filters rather than show nothing.
      var keep = { focus: state.focus, depth: state.depth, view: state.view, links: state.links, q: state.q,
                   from: state.from, to: state.to, size: state.size, color: state.color, relayout: state.relayout };
      state = defaultState();
      Object.keys(keep).forEach(function (k) { state[k] = keep[k]; });
    }
    if (!options || options.history !== false) writeHash();
    render({ reframe: !options || options.reframe !== false });
  }

  window.addEventListener("popstate", function () {
    state = stateFromHash(location.hash);
    render({ reframe: true });
  });

  // ------------------------------------------------------------ filters

  function nodeVisibleIn(s, node) {
    if (s.hide.indexOf(node.kind) >= 0) return false;
    if (s.forum && node.forums.indexOf(s.forum) < 0) return false;
    if (s.country && node.countries.indexOf(s.country) < 0) return false;
    if (meetingFilterActive(s) && !meetingsKept(s)[node.id]) return false;
    return true;
  }

  // The status and period filters select meetings: they keep those meetings and what they
  // link to (attendees, forums; countries too when their links are drawn), nothing else.
  function meetingFilterActive(s) {
    return s.statuses.length !== STATUS_VALUES.length || !!s.dates;
  }

  function meetingSelected(s, status, date) {
    if (s.statuses.length !== STATUS_VALUES.length && s.statuses.indexOf(status || "") < 0) return false;
    return !s.dates || inPeriod(s.dates, date);
  }

  var keptCache = { key: null, kept: null };
  function meetingsKept(s) {
    var key = s.statuses.join(",") + "|" + s.dates + "|" + s.links;
    if (keptCache.key === key) return keptCache.kept;
    var kept = {};
    data.nodes.forEach(function (n) {
      if (n.kind !== "meeting" || !meetingSelected(s, n.status, n.date)) return;
      kept[n.id] = true;
      neighbours[n.id].forEach(function (m) { if (!m.countryLink || s.links) kept[m.id] = true; });
    });
    keptCache = { key: key, kept: kept };
    return kept;
  }

  // The months a date covers ("2024" → 2024-01..2024-12) as month numbers, or null.
  function monthSpan(date) {
    var m = /^(\d{4})(?:-(\d{2}))?/.exec(date || "");
    if (!m) return null;
    var year = parseInt(m[1], 10) * 12;
    return m[2] ? [year + parseInt(m[2], 10) - 1, year + parseInt(m[2], 10) - 1] : [year, year + 11];
  }

  // Does ``date`` fall in the period "YYYY-MM..YYYY-MM" (an undated meeting never does)?
  function inPeriod(period, date) {
    var span = monthSpan(date);
    if (!span) return false;
    var ends = period.split("..").map(function (p) { return monthSpan(p)[0]; });
    return span[1] >= ends[0] && span[0] <= ends[1];
  }

  function visibleWith(s, id) {
    if (data.documents[id]) return true;
    var node = byId[id];
    return !!node && nodeVisibleIn(s, node);
  }

  function filtersActive() {
    return !!(state.forum || state.country || state.hide.length || meetingFilterActive(state));
  }

  // The focus: the node and its neighbours up to ``depth`` links (or a document's facts).
  function computeFocus() {
    if (state.from && state.to) return pathSet();
    if (!state.focus) return null;
    var set = {};
    if (data.documents[state.focus]) {
      data.documents[state.focus].nodes.forEach(function (id) { if (visibleIds[id]) set[id] = true; });
      return set;
    }
    if (!byId[state.focus]) return null;
    set[state.focus] = true;
    var frontier = [state.focus];
    for (var d = 0; d < state.depth; d++) {
      var next = [];
      frontier.forEach(function (id) {
        neighbours[id].forEach(function (n) {
          // Countries are badges: a country link only counts when the country is the focus
          // or country links are drawn.
          if (n.countryLink && !state.links && byId[id].kind !== "country") return;
          if (!set[n.id] && visibleIds[n.id]) { set[n.id] = true; next.push(n.id); }
        });
      });
      frontier = next;
    }
    return set;
  }

  var lastScale = null;
  var CELL = 120;

  // The screen box [left, top, right, bottom] of a label of ``px`` under (or over) a node
  // of radius ``size`` at (x, y), all in screen pixels.
  function labelBox(x, y, size, text, px, above) {
    var w = textWidth(text) * px + 4, h = px * 1.25;
    var top = above ? y - size - 2 - h : y + size + 2;
    return [x - w / 2, top, x + w / 2, top + h];
  }

  function textWidth(text) {
    var w = 0;
    for (var i = 0; i < text.length; i++) w += text.charCodeAt(i) > 0x2e7f ? 1 : 0.6;
    return w;
  }

  // Labels that fit (level of detail): by priority, a label is drawn only where it overlaps
  // no label already placed, at MIN_LABEL_PX or more on screen; zooming in names more nodes.
  // Overlap does not change when panning, so this runs only when the zoom changes.
  function updateLabels(force) {
    var scale = network.getScale();
    if (!force && lastScale !== null && Math.abs(scale / lastScale - 1) < 0.04) return;
    lastScale = scale;
    var px = Math.max(BASE_FONT * scale, MIN_LABEL_PX);
    var size = Math.round(px / scale * 10) / 10;
    var positions = network.getPositions();
    var candidates = data.nodes.filter(function (n) { return visibleIds[n.id] && (!focusSet || focusSet[n.id]); });
    candidates.sort(function (a, b) {
      var fa = a.id === state.focus ? -1 : 0, fb = b.id === state.focus ? -1 : 0;
      return fa - fb || a.labelRank - b.labelRank || sizeNow[b.id] - sizeNow[a.id] || (a.id < b.id ? -1 : 1);
    });
    var grid = {};
    var named = {};
    function fits(box) {
      var cells = [];
      for (var cx = Math.floor(box[0] / CELL); cx <= Math.floor(box[2] / CELL); cx++) {
        for (var cy = Math.floor(box[1] / CELL); cy <= Math.floor(box[3] / CELL); cy++) cells.push(cx + "," + cy);
      }
      var clash = cells.some(function (c) {
        return (grid[c] || []).some(function (o) { return box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]; });
      });
      if (!clash) cells.forEach(function (c) { (grid[c] = grid[c] || []).push(box); });
      return !clash;
    }
    candidates.forEach(function (n) {
      var p = positions[n.id];
      // Below the node if there is room, else above it.
      var radius = sizeNow[n.id];
      if (fits(labelBox(p.x * scale, p.y * scale, radius * scale, n.label, px, false))) named[n.id] = 0;
      else if (fits(labelBox(p.x * scale, p.y * scale, radius * scale, n.label, px, true))) {
        named[n.id] = -(2 * radius + (px * 1.25 + 4) / scale);
      }
    });
    var changes = [];
    nodes.forEach(function (node) {
      if (node.hidden) return;
      var shown = named[node.id] !== undefined;
      var wanted = shown ? byId[node.id].label : "";
      var vadjust = shown ? Math.round(named[node.id] * 10) / 10 : 0;
      if (node.label !== wanted || !node.font || node.font.size !== size || node.font.vadjust !== vadjust) {
        changes.push({ id: node.id, label: wanted, font: { size: size, vadjust: vadjust } });
      }
    });
    if (changes.length) nodes.update(changes);
  }
  network.on("zoom", function () { updateLabels(false); });
  // A dragged node takes its label along: place the labels again around it.
  network.on("dragEnd", function (params) { if (params.nodes.length) updateLabels(true); });
  // How many pairs of drawn labels overlap on screen (0 by construction; tests check it).
  explorer.labelOverlaps = function () {
    var boxes = explorer.labelsDrawn().map(function (l) {
      var box = labelBox(l.x, l.y, l.size, l.label, l.px, l.above);
      return [box[0] + 2, box[1] + 1, box[2] - 2, box[3] - 1];  // the glyphs, without the margin
    });
    var count = 0;
    for (var i = 0; i < boxes.length; i++) {
      for (var j = i + 1; j < boxes.length; j++) {
        var a = boxes[i], b = boxes[j];
        if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) count += 1;
      }
    }
    return count;
  };

  // Hiding (rather than removing) keeps every node where the layout put it.
  function applyVisibility() {
    var nodeChanges = [];
    var edgeChanges = [];
    visibleIds = {};
    shown = { nodes: 0, edges: 0 };
    data.nodes.forEach(function (node) {
      var isVisible = nodeVisibleIn(state, node);
      if (isVisible) { visibleIds[node.id] = true; shown.nodes += 1; }
    });
    focusSet = computeFocus();
    // Once the lit nodes are laid out again, the rest no longer sits beside them: fainter.
    var dimmed = focusSet && state.relayout ? DIMMED / 3 : DIMMED;
    nodes.forEach(function (node) {
      var isVisible = !!visibleIds[node.id];
      var opacity = !focusSet || focusSet[node.id] ? 1 : dimmed;
      if (!!node.hidden === isVisible || node.opacity !== opacity) {
        nodeChanges.push({ id: node.id, hidden: !isVisible, opacity: opacity });
      }
    });
    edges.forEach(function (edge) {
      var isVisible = visibleIds[edge.from] && visibleIds[edge.to] && (!edge.countryLink || state.links);
      if (isVisible) shown.edges += 1;
      var lit = !focusSet || (focusSet[edge.from] && focusSet[edge.to]);
      var c = edgeColor[edge.id];
      var color = { color: c, highlight: c, hover: c, opacity: lit ? 0.9 : dimmed };
      if (!!edge.hidden === isVisible || !edge.color || edge.color.opacity !== color.opacity) {
        edgeChanges.push({ id: edge.id, hidden: !isVisible, color: color });
      }
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    document.getElementById("count-nodes").textContent = String(shown.nodes);
    document.getElementById("count-edges").textContent = String(shown.edges);
  }

  // Re-frame on what is shown: the focus, else what the filters keep, else the main component.
  function frame() {
    var ids;
    if (focusSet) {
      ids = Object.keys(focusSet);
    } else if (filtersActive()) {
      ids = Object.keys(visibleIds);
    } else {
      ids = data.nodes.filter(function (n) { return n.main && visibleIds[n.id]; }).map(function (n) { return n.id; });
      if (!ids.length) ids = Object.keys(visibleIds);
    }
    // Countries wait in a row under the graph: framing them too would shrink the view.
    var placed = ids.filter(function (id) { return byId[id] && (byId[id].kind !== "country" || state.links); });
    if (placed.length) ids = placed;
    if (!ids.length) return;
    network.fit({ nodes: ids, animation: false });
    // A focus or a path: a margin, so that the labels of the outermost nodes fit too.
    var scale = Math.min(network.getScale() * (focusSet ? 0.9 : 1), MAX_FIT_SCALE);
    if (scale !== network.getScale()) network.moveTo({ scale: scale, animation: false });
  }
  explorer.fit = frame;

  // ------------------------------------------------------------ controls

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
  forumSelect.addEventListener("change", function () { setState({ forum: forumSelect.value, focus: "" }); });
  countrySelect.addEventListener("change", function () { setState({ country: countrySelect.value, focus: "" }); });

  var statusBox = document.getElementById("filter-status");
  data.statuses.forEach(function (s) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.value = s.value;
    box.id = "status-" + s.value;
    box.addEventListener("change", function () {
      var chosen = STATUS_VALUES.filter(function (v) { return document.getElementById("status-" + v).checked; });
      setState({ statuses: chosen, focus: "" });
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + s.label.replace(/ \(.*\)$/, "")));
    statusBox.appendChild(label);
  });

  document.getElementById("reset").addEventListener("click", function () {
    var keep = { view: state.view };
    state = defaultState();
    state.view = keep.view;
    writeHash();
    render({ reframe: true });
  });
  document.getElementById("fit").addEventListener("click", function () {
    network.fit({ nodes: Object.keys(visibleIds), animation: false });
    updateLabels(true);
  });
  var linksBox = document.getElementById("country-links");
  linksBox.addEventListener("change", function () { setState({ links: linksBox.checked }, { reframe: false }); });

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
      var hide = state.hide.filter(function (k) { return k !== t.name; });
      if (hide.length === state.hide.length) hide.push(t.name);
      setState({ hide: hide.sort() });
    });
    item.appendChild(button);
    legend.appendChild(item);
  });

  function syncControls() {
    forumSelect.value = state.forum;
    countrySelect.value = state.country;
    STATUS_VALUES.forEach(function (v) { document.getElementById("status-" + v).checked = state.statuses.indexOf(v) >= 0; });
    linksBox.checked = state.links;
    document.querySelectorAll("#legend-items button").forEach(function (button) {
      var off = state.hide.indexOf(button.getAttribute("data-kind")) >= 0;
      button.classList.toggle("off", off);
      button.setAttribute("aria-pressed", off ? "false" : "true");
    });
    document.querySelectorAll("#tabs button[role=tab]").forEach(function (tab) {
      tab.setAttribute("aria-selected", tab.getAttribute("data-view") === state.view ? "true" : "false");
    });
    document.getElementById("network").hidden = state.view !== "graph";
    document.getElementById("table-view").hidden = state.view !== "table";
    document.getElementById("timeline-view").hidden = state.view !== "timeline";
    document.getElementById("export-png").hidden = state.view !== "graph";
    document.getElementById("export-csv").hidden = state.view !== "table";
    linksBox.parentNode.hidden = state.view !== "graph";
  }

  document.querySelectorAll("#tabs button[role=tab]").forEach(function (tab) {
    tab.addEventListener("click", function () { setState({ view: tab.getAttribute("data-view") }); });
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

  function addGroups(parent, groups) {
    groups.forEach(function (group) {
      parent.appendChild(el("h4", group.heading + " (" + group.items.length + ")"));
      var list = el("ul", null, "links");
      list.setAttribute("data-heading", group.heading);
      group.items.forEach(function (item) {
        var li = el("li");
        li.appendChild(byId[item.id] ? goButton(item.text, item.id, item.note) : el("span", item.text));
        list.appendChild(li);
      });
      parent.appendChild(list);
    });
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
      var source = el("p", "出典: ", "source");
      var title = ev.document || "(題名なし)";
      source.appendChild(ev.documentId ? goButton(title, ev.documentId) : el("span", title));
      if (about) source.appendChild(el("span", " (" + about + ")"));
      box.appendChild(source);
      if (ev.context.length) box.appendChild(el("p", ev.context.join(" / "), "context"));
      parent.appendChild(box);
    });
    if (evidence.length > MAX_EVIDENCE) {
      parent.appendChild(el("p", "ほか " + (evidence.length - MAX_EVIDENCE) + " 件", "hint"));
    }
  }

  function sparqlFor(iri) {
    return "SELECT ?p ?o WHERE { <" + iri + "> ?p ?o }\n# 逆向き: SELECT ?s ?p WHERE { ?s ?p <" + iri + "> }";
  }

  function addIri(parent, iri) {
    parent.appendChild(el("h4", "IRI と SPARQL"));
    parent.appendChild(el("p", iri, "iri"));
    var pre = el("pre", sparqlFor(iri), "sparql");
    pre.title = "クリックで全体を選択 (kg query GRAPH.ttl -e '…' で実行)";
    parent.appendChild(pre);
  }

  function addFocusTools(parent) {
    var tools = el("div", null, "focus-tools");
    var more = el("button", "近傍を広げる (" + state.depth + " → " + (state.depth + 1) + " 段)");
    more.type = "button";
    more.id = "expand";
    more.disabled = state.depth >= 4;
    more.addEventListener("click", function () { setState({ depth: state.depth + 1 }); });
    var off = el("button", "フォーカス解除");
    off.type = "button";
    off.id = "unfocus";
    off.addEventListener("click", function () { setState({ focus: "", depth: 1 }); });
    tools.appendChild(more);
    tools.appendChild(off);
    if (byId[state.focus]) addPathStart(tools, state.focus);
    parent.appendChild(tools);
  }

  function showNode(id) {
    var node = byId[id];
    if (!node) return;
    var d = node.details;
    clear(detailsBody);
    detailsBody.setAttribute("data-node", id);
    detailsBody.removeAttribute("data-edge");
    detailsBody.appendChild(el("h3", d.display));
    detailsBody.appendChild(el("p", d.type + (d.display !== d.label ? "  (名称: " + d.label + ")" : ""), "type"));
    if (state.focus === id) addFocusTools(detailsBody);
    addRows(detailsBody, d.rows.concat([["別表記", d.aliases]]));
    addGroups(detailsBody, d.groups);
    if (node.kind !== "country" && node.kind !== "forum") addEvidence(detailsBody, d.evidence);
    addIri(detailsBody, id);
  }

  function showDocument(id) {
    var doc = data.documents[id];
    clear(detailsBody);
    detailsBody.setAttribute("data-node", id);
    detailsBody.removeAttribute("data-edge");
    detailsBody.appendChild(el("h3", doc.title));
    detailsBody.appendChild(el("p", "記事" + [doc.date, doc.source].filter(function (v) { return v; })
      .map(function (v) { return " · " + v; }).join(""), "type"));
    addFocusTools(detailsBody);
    var groups = data.types.map(function (t) {
      return { heading: t.label, items: doc.nodes.filter(function (n) { return byId[n] && byId[n].kind === t.name; })
        .map(function (n) { return { id: n, text: byId[n].details.display, note: "" }; }) };
    }).filter(function (g) { return g.items.length; });
    addGroups(detailsBody, groups);
    addIri(detailsBody, id);
  }

  function showEdge(id) {
    var edge = edges.get(id);
    if (!edge) return;
    clear(detailsBody);
    detailsBody.setAttribute("data-edge", id);
    detailsBody.removeAttribute("data-node");
    var heading = el("h3");
    heading.appendChild(goButton(byId[edge.from].details.display, edge.from));
    heading.appendChild(el("span", " \u2192 "));
    heading.appendChild(goButton(byId[edge.to].details.display, edge.to));
    detailsBody.appendChild(heading);
    detailsBody.appendChild(el("p", edge.description, "type"));
    if (edge.kind === "represented") {
      var head = edge.head === true ? "はい" : edge.head === false ? "いいえ" : null;
      addRows(detailsBody, [["代表した側", edge.side], ["肩書", edge.title], ["機関", edge.institution], ["団長", head]]);
      addEvidence(detailsBody, edge.evidence || []);
      addIri(detailsBody, id);
    }
  }

  // Without a focus: how to start, and the forums with the most meetings shown as a start.
  function showHint() {
    clear(detailsBody);
    detailsBody.removeAttribute("data-node");
    detailsBody.removeAttribute("data-edge");
    detailsBody.appendChild(el("p", data.nodes.length ? "ノードをクリックすると、その近傍にフォーカスし、詳細と根拠となる文が表示されます。"
      : "このグラフにはノードがありません。", "hint"));
    var meetings = {};
    data.nodes.forEach(function (n) {
      if (n.kind === "meeting" && visibleIds[n.id]) n.forums.forEach(function (f) { meetings[f] = (meetings[f] || 0) + 1; });
    });
    var top = data.forums.filter(function (f) { return meetings[f.id] && visibleIds[f.id]; })
      .sort(function (a, b) { return meetings[b.id] - meetings[a.id] || (a.label < b.label ? -1 : 1); }).slice(0, 12);
    if (!top.length) return;
    addGroups(detailsBody, [{ heading: "会合の多い協議体", items: top.map(function (f) {
      return { id: f.id, text: f.label, note: meetings[f.id] + " 会合" }; }) }]);
  }

  // Focus on node ``id`` (an IRI): the node and its neighbours, the rest dimmed.
  function select(id) {
    if (!byId[id] && !data.documents[id]) return false;
    setState(focusChange(id));
    return true;
  }
  explorer.select = select;
  explorer.focus = select;
  // Where node ``id`` is drawn, in page coordinates (lets tests click it for real).
  explorer.pagePosition = function (id) {
    var p = network.canvasToDOM(network.getPositions([id])[id]);
    var box = container.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  };
  // The labels drawn now inside the canvas: [{id, label, px}] (px = on-screen font size).
  explorer.labelsDrawn = function () {
    var scale = network.getScale();
    var box = container.getBoundingClientRect();
    var found = [];
    nodes.forEach(function (node) {
      if (node.hidden || !node.label) return;
      var p = network.canvasToDOM(network.getPositions([node.id])[node.id]);
      if (p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height) return;
      found.push({ id: node.id, label: node.label, px: node.font.size * scale, dimmed: node.opacity < 1,
                   x: p.x, y: p.y, size: node.size * scale, above: node.font.vadjust < 0 });
    });
    return found;
  };

  network.on("click", function (params) {
    if (params.nodes.length) {
      setState(focusChange(params.nodes[0]));
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
    } else if (state.focus && !state.from) {
      setState({ focus: "", depth: 1 }, { reframe: false });
    }
  });
  network.on("hoverNode", function (params) { if (!state.focus && !state.from) showNode(params.node); });

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
    data.nodes.forEach(function (node) {
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
    if (state.view === "table") renderTable();
    if (!searchBox.value.trim()) return;
    var found = search(searchBox.value);
    if (!found.length) {
      resultList.appendChild(el("li", "見つかりません", "none"));
      return;
    }
    found.slice(0, MAX_RESULTS).forEach(function (node) {
      var item = el("li");
      var button = el("button", node.details.display);
      button.type = "button";
      button.setAttribute("data-node", node.id);
      button.appendChild(el("span", typeByName[node.kind].label, "result-type"));
      button.addEventListener("click", function () {
        clear(resultList);
        var change = focusChange(node.id);
        change.view = state.view === "table" ? "graph" : state.view;
        setState(change);
      });
      item.appendChild(button);
      resultList.appendChild(item);
    });
  }
  searchBox.addEventListener("input", function () {
    // The search text is part of the view (deep links keep it) without a history step per key.
    state.q = searchBox.value;
    writeHash(true);
    showResults();
  });
  document.addEventListener("click", function (event) {
    if (!searchBox.parentNode.contains(event.target)) clear(resultList);
  });
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = resultList.querySelector("button");
      if (first) first.click();
    }
  });
  // Esc closes the search results, else ends picking or showing a path, else the focus.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (resultList.firstChild) clear(resultList);
    else if (state.from) setState({ from: "", to: "" }, { reframe: false });
    else if (state.focus) setState({ focus: "", depth: 1 }, { reframe: false });
  });

  // ------------------------------------------------------------ meetings table

  function rowVisible(row) {
    if (state.forum && row.forumId !== state.forum) return false;
    if (state.country && row.side !== state.country) return false;
    if (meetingFilterActive(state) && !meetingSelected(state, row.status, row.date)) return false;
    var key = searchKey(state.q);
    return !key || rowKeys(row).some(function (h) { return h.indexOf(key) >= 0; });
  }

  // What the table's search looks in: every cell (the evidence sentence and the document id
  // too) and the names the graph's search knows for the row's person, meeting and forum
  // (aliases, acronyms such as EDSCG).
  function rowKeys(row) {
    if (!row.keys) {
      var keys = CSV_COLUMNS.map(function (c) { return searchKey(row[c] || ""); });
      [row.officialId, row.meetingId, row.forumId].forEach(function (id) {
        if (byId[id]) keys = keys.concat(byId[id].keys);
      });
      keys.push(searchKey(row.documentId || ""));
      row.keys = keys.filter(function (k) { return k; });
    }
    return row.keys;
  }

  function tableRows() {
    var rows = data.rows.filter(rowVisible);
    if (state.sort) {
      var col = state.sort;
      var sign = state.desc ? -1 : 1;
      rows = rows.map(function (r, i) { return [r, i]; });
      rows.sort(function (a, b) {
        var x = a[0][col] || "", y = b[0][col] || "";
        return (x < y ? -sign : x > y ? sign : 0) || a[1] - b[1];
      });
      rows = rows.map(function (p) { return p[0]; });
    }
    return rows;
  }
  explorer.tableRows = tableRows;

  var table = document.getElementById("meetings-table");
  TABLE_COLUMNS.forEach(function (c) {
    var th = el("th", c[1]);
    th.setAttribute("data-col", c[0]);
    th.setAttribute("scope", "col");
    th.tabIndex = 0;
    var sortBy = function () {
      setState({ sort: c[0], desc: state.sort === c[0] ? !state.desc : false }, { reframe: false });
    };
    th.addEventListener("click", sortBy);
    th.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(); } });
    table.tHead.rows[0].appendChild(th);
  });

  function renderTable() {
    var body = table.tBodies[0];
    clear(body);
    var rows = tableRows();
    document.getElementById("table-summary").textContent = rows.length + " / " + data.rows.length +
      " 行 (代表 1 件 × 根拠の文 1 件で 1 行; bundled query `representations` と同じ行)。見出しをクリックで並べ替え。";
    table.querySelectorAll("th").forEach(function (th) {
      var col = th.getAttribute("data-col");
      if (col === state.sort) th.setAttribute("aria-sort", state.desc ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
    rows.forEach(function (row) {
      var tr = el("tr");
      if (row.status === "planned" || row.status === "mentioned") tr.className = "placeholder";
      TABLE_COLUMNS.forEach(function (c) {
        var td = el("td");
        td.setAttribute("data-col", c[0]);
        var value = row[c[0]];
        var target = { official: row.officialId, meeting: row.meetingId, forum: row.forumId, document: row.documentId }[c[0]];
        if (value !== null && value !== undefined && target && (byId[target] || data.documents[target])) {
          var button = goButton(value, target);
          button.firstChild.addEventListener("click", function () { setState({ view: "graph" }); });
          td.appendChild(button);
        } else {
          td.textContent = value === null || value === undefined ? "" : value;
        }
        if (c[0] === "evidence") td.className = "evidence-cell";
        if (c[0] === "meeting" && row.status && row.status !== "held") td.appendChild(el("span", "(" + row.status + ")", "note"));
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function csvText(rows) {
    var quote = function (v) { return '"' + String(v === null || v === undefined ? "" : v).replace(/"/g, '""') + '"'; };
    var lines = [CSV_COLUMNS.join(",")];
    rows.forEach(function (r) { lines.push(CSV_COLUMNS.map(function (c) { return quote(r[c]); }).join(",")); });
    return lines.join("\r\n") + "\r\n";
  }
  explorer.csv = function () { return csvText(tableRows()); };
  document.getElementById("export-csv").addEventListener("click", function () {
    // A byte-order mark so that spreadsheet programs read the Japanese as UTF-8.
    var blob = new Blob(["\ufeff" + csvText(tableRows())], { type: "text/csv;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    download("representations.csv", url);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  });

  // ------------------------------------------------------------ timeline (forum × date)

  function dateValue(text) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(text || "");
    if (!m) return null;
    var month = m[2] ? parseInt(m[2], 10) : 6.5;
    var day = m[3] ? parseInt(m[3], 10) : 15;
    return parseInt(m[1], 10) + (month - 1 + (day - 1) / 31) / 12;
  }

  function timelineMarker(meeting) {
    var button = el("button", null, "tl-meeting " + (meeting.status || ""));
    button.type = "button";
    button.title = meeting.details.display + (meeting.date ? "" : " (日付不明)");
    button.setAttribute("aria-label", meeting.details.display);
    button.setAttribute("data-node", meeting.id);
    if (state.focus === meeting.id) button.classList.add("selected");
    button.addEventListener("click", function () { setState({ focus: meeting.id, depth: 1 }, { reframe: false }); });
    return button;
  }

  function renderTimeline() {
    var box = document.getElementById("timeline");
    clear(box);
    var meetings = data.nodes.filter(function (n) { return n.kind === "meeting" && visibleIds[n.id]; });
    var values = meetings.map(function (m) { return dateValue(m.date); }).filter(function (v) { return v !== null; });
    var lanes = data.forums.filter(function (f) { return visibleIds[f.id]; }).map(function (f) {
      return { forum: f, meetings: meetings.filter(function (m) { return m.forums.indexOf(f.id) >= 0; }) };
    }).filter(function (lane) { return lane.meetings.length; });
    var dated = lanes.map(function (l) {
      var v = l.meetings.map(function (m) { return dateValue(m.date); }).filter(function (x) { return x !== null; });
      return v.length ? Math.min.apply(null, v) : Infinity;
    });
    lanes = lanes.map(function (l, i) { return [l, dated[i]]; }).sort(function (a, b) { return a[1] - b[1]; })
      .map(function (p) { return p[0]; });
    document.getElementById("timeline-summary").textContent = lanes.length + " 協議体 · " + meetings.length +
      " 会合 (◆ 開催済み、◇ 予定・言及のみ)。◆ をクリックすると、側ごとの出席者と根拠が右に表示されます。";
    if (!lanes.length) return;
    var low = values.length ? Math.floor(Math.min.apply(null, values)) : 2000;
    var high = values.length ? Math.floor(Math.max.apply(null, values)) + 1 : low + 1;
    var percent = function (v) { return (100 * (v - low) / (high - low)).toFixed(2) + "%"; };
    var axis = el("div", null, "tl-axis");
    axis.appendChild(el("div", "協議体", "tl-name"));
    var ticks = el("div", null, "tl-track");
    for (var year = low; year < high; year++) {
      var tick = el("span", String(year), "tl-tick");
      tick.style.left = percent(year);
      ticks.appendChild(tick);
    }
    axis.appendChild(ticks);
    axis.appendChild(el("div", "日付不明", "tl-undated"));
    box.appendChild(axis);
    lanes.forEach(function (lane) {
      var row = el("div", null, "tl-lane");
      row.setAttribute("data-forum", lane.forum.id);
      var name = el("div", null, "tl-name");
      name.appendChild(goButton(lane.forum.label, lane.forum.id));
      row.appendChild(name);
      var track = el("div", null, "tl-track");
      var undated = el("div", null, "tl-undated");
      lane.meetings.forEach(function (m) {
        var v = dateValue(m.date);
        var marker = timelineMarker(m);
        if (v === null) { undated.appendChild(marker); return; }
        marker.style.left = percent(v);
        track.appendChild(marker);
      });
      row.appendChild(track);
      row.appendChild(undated);
      box.appendChild(row);
    });
  }

  // ------------------------------------------------------------ PNG export

  network.on("beforeDrawing", function (ctx) {
    // An opaque background, so the exported PNG is not transparent.
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });
  explorer.png = function () { return container.querySelector("canvas").toDataURL("image/png"); };
  document.getElementById("export-png").addEventListener("click", function () {
    download("kaigi-kg-graph.png", explorer.png());
  });

  // ------------------------------------------------------------ paths between two nodes

  // Chains of meetings and people: only those are passed through (an institution, forum or
  // country only at either end), unless nothing else connects the two nodes.
  var PATH_LIMIT = 12;
  var PASSABLE = { official: true, person: true, meeting: true };
  var adjacent = {};
  data.nodes.forEach(function (n) { adjacent[n.id] = {}; });
  data.edges.forEach(function (e) { adjacent[e.from][e.to] = true; adjacent[e.to][e.from] = true; });
  Object.keys(adjacent).forEach(function (id) { adjacent[id] = Object.keys(adjacent[id]).sort(); });

  var pathCache = { key: null };
  function pathResult() {
    var key = state.from + "\n" + state.to;
    if (pathCache.key === key) return pathCache;
    var find = function (passable) {
      return kgAnalysis.shortestPaths(adjacent, state.from, state.to, function (id) { return passable(byId[id].kind); },
                                      PATH_LIMIT + 1);
    };
    var paths = find(function (kind) { return PASSABLE[kind]; });
    var wider = !paths.length;
    if (wider) paths = find(function (kind) { return kind !== "country"; });
    pathCache = { key: key, paths: paths.slice(0, PATH_LIMIT), more: paths.length > PATH_LIMIT, wider: wider && paths.length > 0 };
    return pathCache;
  }

  function pathSet() {
    var set = {};
    set[state.from] = set[state.to] = true;
    pathResult().paths.forEach(function (p) { p.forEach(function (id) { set[id] = true; }); });
    return set;
  }

  // What a click on node ``id`` does: ends a path being picked, else focuses the node.
  function focusChange(id) {
    if (state.from && !state.to && id !== state.from && byId[id]) {
      return { to: id, focus: "", forum: "", country: "", statuses: STATUS_VALUES.slice(), dates: "", hide: [] };
    }
    return { focus: id, depth: 1, from: "", to: "" };
  }

  explorer.path = function (from, to) {
    if (!byId[from] || !byId[to]) return false;
    setState({ from: from, to: "", focus: from });
    setState(focusChange(to));
    return true;
  };
  explorer.paths = function () { return state.from && state.to ? pathResult().paths : []; };

  function addPathStart(parent, id) {
    var start = el("button", TEXT.pathFrom);
    start.type = "button";
    start.id = "path-from";
    start.addEventListener("click", function () { setState({ from: id, to: "" }, { reframe: false }); });
    parent.appendChild(start);
  }

  var pathBar = document.getElementById("path-bar");
  function renderPathBar() {
    clear(pathBar);
    pathBar.hidden = !state.from;
    if (!state.from) return;
    var names = { from: byId[state.from].details.display, to: state.to ? byId[state.to].details.display : "" };
    pathBar.appendChild(el("span", fill(state.to ? TEXT.pathShown : TEXT.pathPick, names)));
    var close = el("button", TEXT.pathClear);
    close.type = "button";
    close.id = "path-clear";
    close.addEventListener("click", function () { setState({ from: "", to: "" }, { reframe: false }); });
    pathBar.appendChild(close);
  }

  // A path reads from left to right: one column a step, the chains of a column one under another.
  function pathLayout() {
    var columns = {};
    var placed = {};
    pathResult().paths.forEach(function (path) {
      path.forEach(function (id, step) {
        if (placed[id]) return;
        placed[id] = true;
        (columns[step] = columns[step] || []).push(id);
      });
    });
    var start = home[state.from];
    var positions = {};
    Object.keys(columns).forEach(function (step) {
      var column = columns[step];
      column.forEach(function (id, i) {
        positions[id] = { x: start.x + step * data.spacing * 1.2, y: start.y + (i - (column.length - 1) / 2) * data.spacing * 0.45 };
      });
    });
    [state.from, state.to].forEach(function (id) { if (!positions[id]) positions[id] = home[id]; });
    return positions;
  }

  function showPaths() {
    var result = pathResult();
    var names = { from: byId[state.from].details.display, to: byId[state.to].details.display,
                  count: result.paths.length, hops: result.paths.length ? result.paths[0].length - 1 : 0,
                  limit: PATH_LIMIT };
    clear(detailsBody);
    detailsBody.removeAttribute("data-node");
    detailsBody.removeAttribute("data-edge");
    detailsBody.setAttribute("data-paths", String(result.paths.length));
    detailsBody.appendChild(el("h3", fill(result.paths.length ? TEXT.pathHeading : TEXT.pathNone, names)));
    if (result.wider) detailsBody.appendChild(el("p", TEXT.pathWider, "hint"));
    var list = el("ol", null, "paths");
    result.paths.forEach(function (path) {
      var item = el("li");
      path.forEach(function (id, i) {
        if (i) item.appendChild(el("span", " \u2192 ", "arrow"));
        var glyph = el("span", GLYPHS[typeByName[byId[id].kind].shape], "glyph");
        glyph.style.color = typeByName[byId[id].kind].color;
        item.appendChild(glyph);
        item.appendChild(goButton(byId[id].details.display, id));
      });
      list.appendChild(item);
    });
    detailsBody.appendChild(list);
    if (result.more) detailsBody.appendChild(el("p", fill(TEXT.pathMore, names), "hint"));
  }

  // ------------------------------------------------------------ re-layout of a subset

  // What a filter, a focus or a path keeps is laid out again in the page, started from the
  // positions computed when the page was written (kgAnalysis.layoutSubset); clearing them
  // puts every node back where that layout had it.
  var RELAYOUT_MAX = 600;
  // Links of a subset a little shorter than in the whole layout: a subset has fewer labels.
  var SUBSET_SPACING = 0.75;
  var home = {};
  data.nodes.forEach(function (n) { home[n.id] = { x: n.x, y: n.y }; });
  var moved = {};
  var layoutKey = "";

  function subsetToLayout() {
    var set = focusSet || (filtersActive() ? visibleIds : null);
    if (!state.relayout || !set) return null;
    var ids = Object.keys(set).filter(function (id) { return byId[id] && (byId[id].kind !== "country" || state.links); });
    return ids.length > 1 && ids.length <= RELAYOUT_MAX ? ids.sort() : null;
  }

  // Returns true when nodes moved (the view must be framed again).
  function applyLayout() {
    var ids = subsetToLayout();
    var key = ids ? ids.join("\n") + "|" + state.links : "";
    if (key === layoutKey) return false;
    layoutKey = key;
    var target = {};
    Object.keys(moved).forEach(function (id) { target[id] = home[id]; });
    moved = {};
    if (ids) {
      var inSet = {};
      ids.forEach(function (id) { inSet[id] = true; });
      var links = data.edges.filter(function (e) {
        return inSet[e.from] && inSet[e.to] && (!e.countryLink || state.links);
      }).map(function (e) { return [e.from, e.to]; });
      var placed = state.from && state.to ? pathLayout() : kgAnalysis.layoutSubset(ids, links, home, SUBSET_SPACING * data.spacing, 80);
      ids.forEach(function (id) { target[id] = placed[id]; moved[id] = true; });
    }
    nodes.update(Object.keys(target).map(function (id) { return { id: id, x: target[id].x, y: target[id].y }; }));
    return true;
  }

  // ------------------------------------------------------------ styling by attribute

  var sizeNow = {};
  var colorNow = {};
  data.nodes.forEach(function (n) {
    sizeNow[n.id] = n.size;
    colorNow[n.id] = typeByName[n.kind].color;
  });

  function sizeFor(n) {
    if (state.size === "meetings") return Math.round((8 + 6 * Math.sqrt(n.meetings)) * 10) / 10;
    if (state.size === "forums") return Math.round((8 + 7 * Math.sqrt(n.forums.length)) * 10) / 10;
    return n.size;
  }

  var countryName = {};
  data.countries.forEach(function (c) { countryName[c.code] = c.label; });

  // The groups of a colouring, largest first: the first ones get the palette, the rest grey.
  function colorGroups(mode) {
    var keyOf = function (n) {
      var k = mode === "country" ? n.country : n.community;
      return k === null || k === undefined ? "" : String(k);
    };
    var members = {};
    data.nodes.forEach(function (n) { (members[keyOf(n)] = members[keyOf(n)] || []).push(n); });
    var keys = Object.keys(members).filter(function (k) { return k; }).sort(function (a, b) {
      return members[b].length - members[a].length || (a < b ? -1 : 1);
    });
    var groups = keys.map(function (k, i) {
      var name = k;
      if (mode === "country") name = countryName[k] || k;
      else {
        var best = members[k].slice().sort(function (a, b) {
          return a.labelRank - b.labelRank || b.meetings - a.meetings || (a.id < b.id ? -1 : 1); })[0];
        name = fill(TEXT.communityName, { name: best.details.display, count: members[k].length - 1 });
      }
      return { key: k, name: name, count: members[k].length, color: kgAnalysis.PALETTE[i] || kgAnalysis.OTHER };
    });
    var colorOf = {};
    groups.forEach(function (g) { members[g.key].forEach(function (n) { colorOf[n.id] = g.color; }); });
    (members[""] || []).forEach(function (n) { colorOf[n.id] = "#e6e6e6"; });
    var shownGroups = groups.slice(0, kgAnalysis.PALETTE.length);
    var rest = groups.slice(kgAnalysis.PALETTE.length).reduce(function (sum, g) { return sum + g.count; }, 0);
    if (rest) shownGroups.push({ key: "*", name: TEXT.colorOther, count: rest, color: kgAnalysis.OTHER });
    if (members[""]) shownGroups.push({ key: "", name: TEXT.colorNone, count: members[""].length, color: "#e6e6e6" });
    return { colorOf: colorOf, groups: shownGroups };
  }

  var styleKey = "|";
  function applyStyle() {
    var key = state.size + "|" + state.color;
    if (key === styleKey) return;
    styleKey = key;
    var coloring = state.color ? colorGroups(state.color) : null;
    nodes.update(data.nodes.map(function (n) {
      var c = coloring ? coloring.colorOf[n.id] : typeByName[n.kind].color;
      sizeNow[n.id] = sizeFor(n);
      colorNow[n.id] = c;
      // Placeholder meetings stay hollow: the colour goes to their dashed outline.
      var color = typeof n.color === "object" ? { background: "#ffffff", border: c, highlight: { background: "#ffffff", border: c } } : c;
      return { id: n.id, size: sizeNow[n.id], color: coloring ? color : n.color };
    }));
    renderStyleKey(coloring);
  }

  var styleBox = document.getElementById("style");
  var sizeSelect = el("select");
  var colorSelect = el("select");
  var styleKeyList = el("ul");
  (function buildStyleControls() {
    styleBox.appendChild(el("h2", TEXT.sizeLabel + " / " + TEXT.colorLabel));
    [[sizeSelect, "style-size", TEXT.sizeLabel, TEXT.sizeOptions, "size"],
     [colorSelect, "style-color", TEXT.colorLabel, TEXT.colorOptions, "color"]].forEach(function (c) {
      var label = el("label", c[2] + " ");
      c[0].id = c[1];
      fillSelect(c[0], c[3], function (o) { return o[0]; }, function (o) { return o[1]; });
      c[0].addEventListener("change", function () {
        var change = {};
        change[c[4]] = c[0].value;
        setState(change, { reframe: false });
      });
      label.appendChild(c[0]);
      styleBox.appendChild(label);
    });
    styleKeyList.id = "style-key";
    styleBox.appendChild(styleKeyList);
  })();

  function renderStyleKey(coloring) {
    clear(styleKeyList);
    if (!coloring) return;
    coloring.groups.forEach(function (g) {
      var item = el("li");
      item.setAttribute("data-key", g.key);
      var swatch = el("span", "\u25CF", "glyph");
      swatch.style.color = g.color;
      item.appendChild(swatch);
      item.appendChild(el("span", g.name));
      item.appendChild(el("span", "(" + g.count + ")", "legend-count"));
      styleKeyList.appendChild(item);
    });
  }

  // ------------------------------------------------------------ period (date range)

  var periodBox = document.getElementById("period");
  var monthsDated = data.nodes.map(function (n) { return n.kind === "meeting" ? monthSpan(n.date) : null; })
    .filter(function (s) { return s; });
  var firstMonth = Math.min.apply(null, monthsDated.map(function (s) { return s[0]; }));
  var lastMonth = Math.max.apply(null, monthsDated.map(function (s) { return s[1]; }));
  var periodFrom = el("input");
  var periodTo = el("input");
  var periodText = el("span", "", "period-text");
  function monthText(m) {
    var month = m % 12 + 1;
    return Math.floor(m / 12) + "-" + (month < 10 ? "0" : "") + month;
  }
  function periodOfSliders() {
    var a = Math.min(+periodFrom.value, +periodTo.value), b = Math.max(+periodFrom.value, +periodTo.value);
    return a === firstMonth && b === lastMonth ? "" : monthText(a) + ".." + monthText(b);
  }
  (function buildPeriod() {
    if (!monthsDated.length) { periodBox.hidden = true; return; }
    periodBox.appendChild(el("label", TEXT.periodLabel));
    var row = el("span", null, "period-row");
    [[periodFrom, "period-from"], [periodTo, "period-to"]].forEach(function (p) {
      p[0].type = "range";
      p[0].id = p[1];
      p[0].min = String(firstMonth);
      p[0].max = String(lastMonth);
      p[0].step = "1";
      p[0].addEventListener("input", function () { periodText.textContent = periodOfSliders().replace("..", " – ") || TEXT.periodAll; });
      p[0].addEventListener("change", function () { setState({ dates: periodOfSliders(), focus: "" }); });
      row.appendChild(p[0]);
    });
    row.appendChild(periodText);
    periodBox.appendChild(row);
  })();

  function syncPeriod() {
    if (!monthsDated.length) return;
    var ends = state.dates ? state.dates.split("..").map(function (p) { return monthSpan(p)[0]; }) : [firstMonth, lastMonth];
    periodFrom.value = String(ends[0]);
    periodTo.value = String(ends[1]);
    periodText.textContent = state.dates ? state.dates.replace("..", " – ") : TEXT.periodAll;
  }

  // ------------------------------------------------------------ GEXF and GraphML export

  // What is shown: the focus (or path) when there is one, else what the filters keep; with
  // the positions, sizes and colours drawn, and the links among those nodes.
  function shownGraph() {
    var ids = data.nodes.filter(function (n) { return visibleIds[n.id] && (!focusSet || focusSet[n.id]); })
      .map(function (n) { return n.id; });
    var inSet = {};
    ids.forEach(function (id) { inSet[id] = true; });
    var positions = network.getPositions(ids);
    return {
      nodes: ids.map(function (id) {
        var n = byId[id];
        return { id: id, label: n.details.display, kind: n.kind, iri: id, status: n.status, date: n.date,
                 country: n.country, community: n.community, meetings: n.meetings, forums: n.forums.length,
                 x: positions[id].x, y: positions[id].y, size: sizeNow[id], color: colorNow[id] };
      }),
      edges: data.edges.filter(function (e) {
        return inSet[e.from] && inSet[e.to] && (!e.countryLink || state.links);
      }).map(function (e) {
        return { id: e.id, from: e.from, to: e.to, kind: e.kind, relation: e.description, side: e.side, title: e.title };
      }),
    };
  }
  explorer.gexf = function () { return kgAnalysis.toGEXF(shownGraph()); };
  explorer.graphml = function () { return kgAnalysis.toGraphML(shownGraph()); };

  var tabTools = document.getElementById("tab-tools");
  var relayoutBox = el("input");
  (function buildTools() {
    var label = el("label");
    relayoutBox.type = "checkbox";
    relayoutBox.id = "relayout";
    relayoutBox.addEventListener("change", function () { setState({ relayout: relayoutBox.checked }); });
    label.appendChild(relayoutBox);
    label.appendChild(document.createTextNode(" " + TEXT.relayout));
    tabTools.insertBefore(label, tabTools.firstChild);
    [["export-gexf", TEXT.exportGexf, "kaigi-kg.gexf", explorer.gexf],
     ["export-graphml", TEXT.exportGraphml, "kaigi-kg.graphml", explorer.graphml]].forEach(function (b) {
      var button = el("button", b[1]);
      button.type = "button";
      button.id = b[0];
      button.className = "graph-only";
      button.addEventListener("click", function () {
        var url = URL.createObjectURL(new Blob([b[3]()], { type: "application/xml;charset=utf-8" }));
        download(b[2], url);
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      });
      tabTools.appendChild(button);
    });
  })();

  function syncTools() {
    relayoutBox.checked = state.relayout;
    sizeSelect.value = state.size;
    colorSelect.value = state.color;
    if (searchBox.value !== state.q) searchBox.value = state.q;
    document.querySelectorAll("#tab-tools .graph-only").forEach(function (b) { b.hidden = state.view !== "graph"; });
    relayoutBox.parentNode.hidden = state.view !== "graph";
    syncPeriod();
  }

  // ------------------------------------------------------------ drawing everything

  var drawnView = "graph";

  function render(options) {
    syncControls();
    syncTools();
    applyStyle();
    applyVisibility();
    if (applyLayout()) options = { reframe: true };
    renderPathBar();
    if (state.view === "graph" && drawnView !== "graph") {
      // The canvas had no size while its view was hidden.
      network.setSize("100%", "100%");
      network.redraw();
      options = { reframe: true };
    }
    drawnView = state.view;
    if (state.view === "graph" && options && options.reframe) {
      frame();
    }
    updateLabels(true);
    detailsBody.removeAttribute("data-paths");
    if (state.from && state.to) showPaths();
    else if (state.focus && data.documents[state.focus]) showDocument(state.focus);
    else if (state.focus && byId[state.focus]) showNode(state.focus);
    else showHint();
    if (state.focus && byId[state.focus]) network.selectNodes([state.focus]);
    else network.unselectAll();
    if (state.view === "table") renderTable();
    if (state.view === "timeline") renderTimeline();
  }
  explorer.render = render;

  // The layout was computed when the page was written: the first frame is the final one.
  var progress = document.getElementById("progress");
  network.once("afterDrawing", function () {
    explorer.timing.firstDraw = performance.now();
    explorer.timing.ready = explorer.timing.firstDraw;
    progress.hidden = true;
    explorer.ready = true;
  });
  state = stateFromHash(location.hash);
  render({ reframe: true });
  if (!data.nodes.length || state.view !== "graph") {
    progress.hidden = true;
    explorer.timing.firstDraw = explorer.timing.ready = performance.now();
    explorer.ready = true;
  }
})();
