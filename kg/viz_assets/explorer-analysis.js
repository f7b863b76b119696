// kaigi-kg explorer: the analysis functions the page runs on what is shown, with no DOM and
// no vis: the layout of a subset, shortest chains between two nodes, the palette of a
// styling, and GEXF / GraphML of a subgraph. explorer.js calls them as window.kgAnalysis.
(function () {
  "use strict";

  var analysis = (window.kgAnalysis = {});

  // ------------------------------------------------------------ layout of a subset

  // The nodes ``ids`` and the ``links`` among them laid out again: each connected component
  // by Fruchterman–Reingold started from ``start`` (the positions computed when the page was
  // written, so a component keeps its shape) with links about ``spacing`` long; the largest
  // component where the subset's centre was, the others packed on shelves under it, as the
  // page's own layout does. Deterministic; O(n²) per iteration within a component.
  analysis.layoutSubset = function (ids, links, start, spacing, iterations) {
    var result = {};
    if (!ids.length) return result;
    var cx = 0, cy = 0;
    ids.forEach(function (id) { cx += start[id].x; cy += start[id].y; });
    cx /= ids.length; cy /= ids.length;
    var boxes = components(ids, links).map(function (c) {
      var local = forceLayout(c.ids, c.links, start, spacing, iterations || 80);
      var xs = c.ids.map(function (id) { return local[id].x; }), ys = c.ids.map(function (id) { return local[id].y; });
      return { local: local, ids: c.ids, x0: Math.min.apply(null, xs), y0: Math.min.apply(null, ys),
               x1: Math.max.apply(null, xs), y1: Math.max.apply(null, ys) };
    });
    var main = boxes[0];
    var mx = (main.x0 + main.x1) / 2, my = (main.y0 + main.y1) / 2;
    main.ids.forEach(function (id) { result[id] = { x: main.local[id].x - mx, y: main.local[id].y - my }; });
    var width = Math.max(main.x1 - main.x0, 6 * spacing);
    var left = -width / 2, top = (main.y1 - main.y0) / 2 + spacing;
    var cursor = left, shelf = 0;
    boxes.slice(1).forEach(function (b) {
      var w = b.x1 - b.x0, h = b.y1 - b.y0;
      if (cursor > left && cursor + w > left + width) { cursor = left; top += shelf + spacing * 0.6; shelf = 0; }
      b.ids.forEach(function (id) { result[id] = { x: cursor + b.local[id].x - b.x0, y: top + b.local[id].y - b.y0 }; });
      cursor += w + spacing * 0.6;
      shelf = Math.max(shelf, h);
    });
    ids.forEach(function (id) {
      result[id] = { x: Math.round((result[id].x + cx) * 10) / 10, y: Math.round((result[id].y + cy) * 10) / 10 };
    });
    return result;
  };

  // Connected components of the subset, largest first (ties by first id), each with its links.
  function components(ids, links) {
    var parent = {};
    ids.forEach(function (id) { parent[id] = id; });
    var root = function (id) { while (parent[id] !== id) { parent[id] = parent[parent[id]]; id = parent[id]; } return id; };
    links.forEach(function (l) { if (parent[l[0]] !== undefined && parent[l[1]] !== undefined) parent[root(l[0])] = root(l[1]); });
    var groups = {};
    ids.forEach(function (id) { var r = root(id); (groups[r] = groups[r] || { ids: [], links: [] }).ids.push(id); });
    links.forEach(function (l) { if (parent[l[0]] !== undefined && parent[l[1]] !== undefined) groups[root(l[0])].links.push(l); });
    return Object.keys(groups).map(function (r) { return groups[r]; }).sort(function (a, b) {
      return b.ids.length - a.ids.length || (a.ids[0] < b.ids[0] ? -1 : 1);
    });
  }

  // Fruchterman–Reingold of one connected component, centred on 0.
  function forceLayout(ids, links, start, k, rounds) {
    var n = ids.length;
    var result = {};
    if (n === 1) { result[ids[0]] = { x: 0, y: 0 }; return result; }
    var index = {};
    ids.forEach(function (id, i) { index[id] = i; });
    var xs = new Float64Array(n), ys = new Float64Array(n);
    var cx = 0, cy = 0, rms = 0;
    ids.forEach(function (id) { cx += start[id].x / n; cy += start[id].y / n; });
    ids.forEach(function (id, i) {
      xs[i] = start[id].x - cx; ys[i] = start[id].y - cy;
      rms += (xs[i] * xs[i] + ys[i] * ys[i]) / n;
    });
    rms = Math.sqrt(rms);
    var radius = k * Math.sqrt(n) * 0.45;
    for (var i = 0; i < n; i++) {
      if (rms > 1e-6) { xs[i] *= radius / rms; ys[i] *= radius / rms; continue; }
      // Coincident starts are spread on a golden-angle spiral.
      xs[i] = k * 0.3 * Math.sqrt(i + 1) * Math.cos(i * 2.399963);
      ys[i] = k * 0.3 * Math.sqrt(i + 1) * Math.sin(i * 2.399963);
    }
    var pairs = [];
    links.forEach(function (l) { if (l[0] !== l[1]) pairs.push(index[l[0]], index[l[1]]); });
    var dx = new Float64Array(n), dy = new Float64Array(n);
    var gravity = k / radius * 0.3;
    for (var step = 0; step < rounds; step++) {
      var t = radius * 0.15 * (1 - step / rounds) + k * 0.02;
      dx.fill(0); dy.fill(0);
      for (var a = 0; a < n; a++) {
        for (var b = a + 1; b < n; b++) {
          var ex = xs[a] - xs[b], ey = ys[a] - ys[b];
          var d2 = ex * ex + ey * ey;
          if (d2 < 1e-4) { ex = (a - b) * 0.01; ey = 0.01; d2 = ex * ex + ey * ey; }
          var f = k * k / d2;  // k²/d along the unit vector (e/d)
          dx[a] += ex * f; dy[a] += ey * f; dx[b] -= ex * f; dy[b] -= ey * f;
        }
      }
      for (var p = 0; p < pairs.length; p += 2) {
        var u = pairs[p], v = pairs[p + 1];
        var lx = xs[u] - xs[v], ly = ys[u] - ys[v];
        var g = Math.sqrt(lx * lx + ly * ly) / k;  // d²/k along the unit vector
        dx[u] -= lx * g; dy[u] -= ly * g; dx[v] += lx * g; dy[v] += ly * g;
      }
      for (var q = 0; q < n; q++) {
        dx[q] -= xs[q] * gravity; dy[q] -= ys[q] * gravity;
        var len = Math.sqrt(dx[q] * dx[q] + dy[q] * dy[q]);
        if (len > t) { dx[q] *= t / len; dy[q] *= t / len; }
        xs[q] += dx[q]; ys[q] += dy[q];
      }
    }
    ids.forEach(function (id, j) { result[id] = { x: xs[j], y: ys[j] }; });
    return result;
  }

  // ------------------------------------------------------------ shortest chains

  // Every shortest chain from ``from`` to ``to`` (at most ``limit``, in a stable order) over
  // ``adjacent`` (id → sorted neighbour ids), passing only through nodes ``passable`` accepts.
  analysis.shortestPaths = function (adjacent, from, to, passable, limit) {
    if (from === to || !adjacent[from] || !adjacent[to]) return [];
    var dist = {}, preds = {};
    dist[from] = 0;
    var frontier = [from];
    var found = false;
    while (frontier.length && !found) {
      var next = [];
      frontier.forEach(function (id) {
        if (id !== from && !passable(id)) return;
        adjacent[id].forEach(function (m) {
          if (dist[m] === undefined) { dist[m] = dist[id] + 1; preds[m] = [id]; next.push(m); }
          else if (dist[m] === dist[id] + 1) preds[m].push(id);
        });
      });
      found = dist[to] !== undefined;
      frontier = next;
    }
    if (!found) return [];
    var paths = [];
    (function walk(id, tail) {
      if (paths.length >= limit) return;
      if (id === from) { paths.push([from].concat(tail)); return; }
      preds[id].slice().sort().forEach(function (p) { walk(p, [id].concat(tail)); });
    })(to, []);
    return paths;
  };

  // ------------------------------------------------------------ palettes

  // Colours for the first groups of a styling (Tableau 10 and two more); the rest share grey.
  analysis.PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                      "#ff9da7", "#9c755f", "#86bcb6", "#d37295", "#8cd17d"];
  analysis.OTHER = "#bdbdbd";

  // ------------------------------------------------------------ GEXF and GraphML

  // XML text: escaped, and without the characters XML 1.0 does not allow.
  function xml(value) {
    return String(value)
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // The attributes written for nodes and edges: [name, type, GEXF type, GraphML type].
  var NODE_ATTRS = [["kind", "string"], ["iri", "string"], ["status", "string"], ["date", "string"],
                    ["country", "string"], ["community", "integer"], ["meetings", "integer"],
                    ["forums", "integer"], ["x", "double"], ["y", "double"], ["size", "double"],
                    ["color", "string"]];
  var EDGE_ATTRS = [["kind", "string"], ["relation", "string"], ["side", "string"], ["title", "string"]];
  var GRAPHML_TYPES = { string: "string", integer: "int", double: "double" };

  function present(v) { return v !== null && v !== undefined && v !== ""; }

  function rgb(hex) {
    var m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || "");
    return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : [128, 128, 128];
  }

  // ``graph`` = {nodes: [{id, label, kind, …attributes}], edges: [{id, from, to, label, …}]}.
  analysis.toGEXF = function (graph) {
    var out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
      '<meta><creator>kaigi-kg explorer</creator></meta>',
      '<graph defaultedgetype="directed" mode="static">'];
    [["node", NODE_ATTRS], ["edge", EDGE_ATTRS]].forEach(function (part) {
      out.push('<attributes class="' + part[0] + '">');
      part[1].forEach(function (a, i) { out.push('<attribute id="' + i + '" title="' + a[0] + '" type="' + a[1] + '"/>'); });
      out.push("</attributes>");
    });
    function values(item, attrs) {
      var cells = attrs.map(function (a, i) {
        return present(item[a[0]]) ? '<attvalue for="' + i + '" value="' + xml(item[a[0]]) + '"/>' : "";
      }).join("");
      return cells ? "<attvalues>" + cells + "</attvalues>" : "";
    }
    out.push("<nodes>");
    graph.nodes.forEach(function (n) {
      var c = rgb(n.color);
      out.push('<node id="' + xml(n.id) + '" label="' + xml(n.label) + '">' + values(n, NODE_ATTRS) +
        '<viz:color r="' + c[0] + '" g="' + c[1] + '" b="' + c[2] + '"/>' +
        '<viz:position x="' + n.x + '" y="' + (-n.y) + '" z="0.0"/><viz:size value="' + n.size + '"/></node>');
    });
    out.push("</nodes><edges>");
    graph.edges.forEach(function (e) {
      out.push('<edge id="' + xml(e.id) + '" source="' + xml(e.from) + '" target="' + xml(e.to) +
        '" label="' + xml(e.relation || e.kind) + '">' + values(e, EDGE_ATTRS) + "</edge>");
    });
    out.push("</edges></graph></gexf>");
    return out.join("\n") + "\n";
  };

  analysis.toGraphML = function (graph) {
    var out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'];
    var keys = [["node", [["label", "string"]].concat(NODE_ATTRS)], ["edge", [["label", "string"]].concat(EDGE_ATTRS)]];
    keys.forEach(function (part) {
      part[1].forEach(function (a) {
        out.push('<key id="' + part[0] + "_" + a[0] + '" for="' + part[0] + '" attr.name="' + a[0] +
          '" attr.type="' + GRAPHML_TYPES[a[1]] + '"/>');
      });
    });
    function values(kind, item, attrs) {
      return attrs.map(function (a) {
        var v = a[0] === "label" && kind === "edge" ? item.relation || item.kind : item[a[0]];
        return present(v) ? '<data key="' + kind + "_" + a[0] + '">' + xml(v) + "</data>" : "";
      }).join("");
    }
    out.push('<graph id="kaigi-kg" edgedefault="directed">');
    graph.nodes.forEach(function (n) {
      out.push('<node id="' + xml(n.id) + '">' + values("node", n, keys[0][1]) + "</node>");
    });
    graph.edges.forEach(function (e) {
      out.push('<edge id="' + xml(e.id) + '" source="' + xml(e.from) + '" target="' + xml(e.to) + '">' +
        values("edge", e, keys[1][1]) + "</edge>");
    });
    out.push("</graph></graphml>");
    return out.join("\n") + "\n";
  };
})();
