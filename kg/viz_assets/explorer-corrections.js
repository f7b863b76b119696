// kaigi-kg explorer: corrections a reader can make. Under the details of a focused person,
// meeting, institution or forum it lists the facts that can be marked wrong (a side, a
// participation, two people merged who are not the same, two nodes that are one); the marks
// are kept in this browser and 訂正を保存 downloads them as corrections.yaml, which
// `kg build` applies on every rebuild when it lies beside the articles (docs/corrections.md).
// Graph text reaches the page through textContent only.
(function () {
  "use strict";

  var STORE = "kaigi-kg.corrections";
  var FILE = "corrections.yaml";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var PEOPLE = { official: true, person: true };
  var MERGEABLE = { official: true, person: true, institution: true, forum: true, meeting: true };

  function load() {
    try {
      var marks = JSON.parse(window.localStorage.getItem(STORE));
      return Array.isArray(marks) ? marks : [];
    } catch (e) { return []; }
  }
  var marks = load();
  function store() {
    try { window.localStorage.setItem(STORE, JSON.stringify(marks)); } catch (e) { /* disabled */ }
    saveButton.textContent = "訂正を保存 (" + marks.length + ")";
    saveButton.disabled = !marks.length;
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function indexOf(entry) {
    for (var i = 0; i < marks.length; i++) if (same(marks[i], entry)) return i;
    return -1;
  }
  function toggle(entry) {
    var at = indexOf(entry);
    if (at >= 0) marks.splice(at, 1); else marks.push(entry);
    store();
    redraw();
  }

  // YAML that any YAML (and, entry by entry, JSON) reader takes: JSON scalars and lists.
  function yaml() {
    var lines = ["# kaigi-kg corrections: facts marked wrong in the explorer (docs/corrections.md).",
                 "# Put this file beside the articles as corrections.yaml (or give kg build --corrections FILE).",
                 "corrections:"];
    marks.forEach(function (entry) {
      Object.keys(entry).forEach(function (key, i) {
        lines.push((i ? "  " : "- ") + key + ": " + JSON.stringify(entry[key]));
      });
    });
    if (!marks.length) lines[lines.length - 1] += " []";
    return lines.join("\n") + "\n";
  }
  function download() {
    var a = document.createElement("a");
    a.href = "data:application/yaml;charset=utf-8," + encodeURIComponent(yaml());
    a.download = FILE;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  }

  var saveButton = document.createElement("button");
  saveButton.type = "button";
  saveButton.id = "corrections-save";
  saveButton.title = "誤りとしてマークした事実を corrections.yaml として保存 (kg build が適用)";
  saveButton.addEventListener("click", download);
  var tools = document.getElementById("tab-tools") || document.getElementById("bar");
  tools.appendChild(saveButton);

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function button(text, entry, onClick) {
    var marked = entry && indexOf(entry) >= 0;
    var b = el("button", marked ? "マークを取り消す" : text, marked ? "mark marked" : "mark");
    b.type = "button";
    b.addEventListener("click", onClick || function () { toggle(entry); });
    return b;
  }
  function label(id) { return byId[id] ? byId[id].details.display : id; }
  function select(options, first) {
    var s = el("select");
    s.appendChild(new Option(first, ""));
    options.forEach(function (o) { s.appendChild(new Option(o[1], o[0])); });
    return s;
  }

  function representationsOf(id) {
    return data.edges.filter(function (e) { return e.kind === "represented" && (e.from === id || e.to === id); });
  }

  function section(id) {
    var node = byId[id];
    var box = el("section", null, "corrections");
    box.id = "kg-corrections";
    box.appendChild(el("h4", "誤りをマーク (訂正)"));
    var list = el("ul");
    representationsOf(id).forEach(function (edge) {
      var item = el("li");
      item.setAttribute("data-representation", edge.id);
      item.appendChild(el("span", label(edge.from) + " → " + label(edge.to), "fact"));
      if (edge.side) item.appendChild(el("span", edge.side, "note"));
      var side = { kind: "wrong-side", representation: edge.id, official: label(edge.from),
                   meeting_label: label(edge.to), side: edge.side || "" };
      var marked = marks.filter(function (m) { return m.kind === "wrong-side" && m.representation === edge.id; })[0];
      var correct = select(data.countries.map(function (c) { return [c.code, c.label]; }), "正しい側は不明");
      if (marked && marked.correct_side) correct.value = marked.correct_side;
      item.appendChild(button("側が違う", marked || side, function () {
        if (marked) { toggle(marked); return; }
        if (correct.value) side.correct_side = correct.value;
        toggle(side);
      }));
      item.appendChild(correct);
      item.appendChild(button("出席していない", { kind: "not-a-participant", person: edge.from, meeting: edge.to,
                                                  official: label(edge.from), meeting_label: label(edge.to) }));
      list.appendChild(item);
    });
    if (list.childNodes.length) box.appendChild(list);
    if (PEOPLE[node.kind]) {
      var names = [node.details.label].concat(node.details.aliases || []);
      var row = el("p", null, "split");
      row.appendChild(el("span", "別人が統合されている: ", "what"));
      var name = select(names.map(function (n) { return [n, n]; }), "別人の名前を選ぶ");
      row.appendChild(name);
      row.appendChild(button("マーク", null, function () {
        if (name.value) toggle({ kind: "not-same", person: id, name: name.value, label: node.details.label });
      }));
      box.appendChild(row);
    }
    if (MERGEABLE[node.kind]) {
      var merge = el("p", null, "merge");
      merge.appendChild(el("span", "同じものを統合: ", "what"));
      var others = data.nodes.filter(function (n) { return n.id !== id && (n.kind === node.kind ||
        (PEOPLE[n.kind] && PEOPLE[node.kind])); }).map(function (n) { return [n.id, n.details.display]; })
        .sort(function (a, b) { return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; });
      var other = select(others, "同じものを選ぶ");
      merge.appendChild(other);
      merge.appendChild(button("マーク", null, function () {
        if (other.value) toggle({ kind: "same", nodes: [id, other.value], labels: [label(id), label(other.value)] });
      }));
      box.appendChild(merge);
    }
    var mine = marks.filter(function (m) {
      return m.person === id || m.meeting === id || (m.nodes || []).indexOf(id) >= 0 ||
        representationsOf(id).some(function (e) { return e.id === m.representation; });
    });
    if (mine.length) {
      box.appendChild(el("p", "マーク済み: " + mine.length, "hint"));
      var marked = el("ul", null, "marked");
      mine.forEach(function (m) {
        var li = el("li");
        li.appendChild(el("code", m.kind));
        li.appendChild(el("span", " " + (m.name || (m.labels || []).join(" = ") || m.official + " → " + (m.meeting_label || m.meeting))));
        li.appendChild(button("マークを取り消す", m));
        marked.appendChild(li);
      });
      box.appendChild(marked);
    }
    return box;
  }

  var details = document.getElementById("details-body");
  function redraw() {
    var old = document.getElementById("kg-corrections");
    if (old) old.remove();
    var focus = window.kgExplorer && kgExplorer.state ? kgExplorer.state().focus : "";
    if (focus && byId[focus] && (MERGEABLE[byId[focus].kind])) details.appendChild(section(focus));
  }
  new MutationObserver(function () {
    if (!document.getElementById("kg-corrections")) redraw();
  }).observe(details, { childList: true });

  store();
  redraw();
  window.kgCorrections = {
    marks: function () { return JSON.parse(JSON.stringify(marks)); },
    yaml: yaml, download: download,
    clear: function () { marks = []; store(); redraw(); }
  };
})();
