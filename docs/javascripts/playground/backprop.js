// The chain-rule page's backward pass, one node at a time (docs/chain-rule.md, "A graph after its
// backward pass"). A page places
//   <div class="nn-backprop" data-w="0.5" data-x="2" data-b="-0.5" data-target="1">a sentence</div>
// and widgets.js loads engine.js, this file and stylesheets/backprop.css, then calls
// NNBackprop.mount(root) for each such element (again after an instant navigation: mount skips a root
// it already built). The graph is the static figure's (scripts/plot_chain_rule_graph.py),
// L = (relu(w·x + b) − target)² + w², built with NNEngine.Value; NNEngine.BackwardPass does the
// chain rule, one node per Step, and this file only shows what each step did. Each value and gradient
// cell keeps its full number in data-value and data-grad, and each row what reached it in data-arrived
// (tests/browser/test_backprop_stepper.py compares them with concepts.chain_rule).
(function () {
  "use strict";

  // The nodes in the order the forward pass computes them, as the figure names them, and how each is
  // computed (a function of the target, for e).
  var NODES = [
    { name: "w", how: function () { return " (weight)"; } },
    { name: "x", how: function () { return " (input)"; } },
    { name: "b", how: function () { return " (bias)"; } },
    { name: "p", how: function () { return " = w · x"; } },
    { name: "z", how: function () { return " = p + b"; } },
    { name: "a", how: function () { return " = relu(z)"; } },
    { name: "e", how: function (target) { return " = a − " + number(target); } },
    { name: "s", how: function () { return " = e²"; } },
    { name: "r", how: function () { return " = w²"; } },
    { name: "L", how: function () { return " = s + r"; } },
  ];
  var INPUTS = [
    { name: "w", label: "w (weight)", fallback: 0.5 },
    { name: "x", label: "x (input)", fallback: 2 },
    { name: "b", label: "b (bias)", fallback: -0.5 },
  ];

  // A number as the page prints one: 4 significant digits, a real minus sign, powers of ten as 1.5e−7.
  function number(v) {
    if (v !== v) return "not a number";
    if (!isFinite(v)) return v > 0 ? "∞" : "−∞";
    var a = Math.abs(v);
    var text = a !== 0 && (a >= 1e5 || a < 1e-4)
      ? v.toExponential(3).replace(/\.?0+e/, "e").replace("e+", "e")
      : String(+v.toPrecision(4));
    return text.replace(/-/g, "−");
  }
  // A factor or a later term of a sum: a negative one in brackets, as in 1 × (−2) or −2 + (−1).
  function term(v) { return v < 0 ? "(" + number(v) + ")" : number(v); }

  // A data attribute as a number: the page writes them with a real minus sign (sitebuild.values).
  function readNumber(text, fallback) {
    if (text === null || text === undefined || !String(text).trim()) return fallback;
    var v = Number(String(text).replace(/\u2212/g, "-").trim());
    return isFinite(v) ? v : fallback;
  }

  function el(tag, attrs, text, parent) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined && text !== null) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  // The graph: the nodes by name and in forward order, and the loss L.
  function buildGraph(w, x, b, target) {
    var Value = window.NNEngine.Value;
    var nw = new Value(w, [], [], "", "w"), nx = new Value(x, [], [], "", "x"), nb = new Value(b, [], [], "", "b");
    var p = nw.mul(nx), z = p.add(nb), a = z.relu(), e = a.sub(target), s = e.pow(2), r = nw.pow(2), L = s.add(r);
    var list = [nw, nx, nb, p, z, a, e, s, r, L];
    list.forEach(function (node, i) { node.label = NODES[i].name; });
    return { list: list, loss: L };
  }

  // What step `count` of `total` did, in words: what reached the node (one path, several that add, or
  // the start, dL/dL = 1) and what it passes to each of its inputs.
  function sentence(result, arrived, count, total) {
    var node = result.node, name = node.label, grad = "dL/d" + name;
    var words = "Step " + count + " of " + total + ": ";
    if (!arrived.length) {
      words += name + " is the loss itself, so " + grad + " = " + number(result.upstream) + ".";
    } else if (arrived.length === 1) {
      words += name + " gets " + grad + " = " + number(result.upstream) + " from " + arrived[0].from.label + ".";
    } else {
      words += name + " gets " + arrived.map(function (a) { return number(a.amount) + " from " + a.from.label; })
        .join(" and ") + ". Its " + (arrived.length === 2 ? "two" : arrived.length) + " paths add: " + grad + " = " +
        arrived.map(function (a, i) { return i ? term(a.amount) : number(a.amount); }).join(" + ") + " = " +
        number(result.upstream) + ".";
    }
    if (result.passed.length) {
      words += " It passes " + result.passed.map(function (p) {
        return grad + " × d" + name + "/d" + p.to.label + " = " + number(result.upstream) + " × " + term(p.local) +
          " = " + number(p.amount) + " to " + p.to.label;
      }).join(" and ") + ".";
    } else {
      words += " " + name + " is an input of the graph, so it passes nothing on.";
    }
    if (count === total) words += " The backward pass is done: every node has its gradient.";
    return words;
  }

  function mount(root) {
    if (!root || root.classList.contains("nn-bp-ready")) return;
    root.classList.add("nn-bp-ready");
    root.textContent = "";
    var target = readNumber(root.getAttribute("data-target"), 1);

    var controls = el("div", { "class": "nn-bp-controls", role: "group", "aria-label": "The inputs of the graph" }, null, root);
    var fields = {};
    INPUTS.forEach(function (spec) {
      var label = el("label", { "class": "nn-bp-field" }, null, controls);
      el("span", { "class": "nn-bp-name" }, spec.label, label);
      var input = el("input", { type: "number", step: "0.1", "class": "nn-bp-input" }, null, label);
      input.value = String(readNumber(root.getAttribute("data-" + spec.name), spec.fallback));
      input.setAttribute("data-last", input.value);
      fields[spec.name] = input;
    });

    var box = el("div", {
      "class": "nn-bp-scroll", tabindex: "0", role: "region",
      "aria-label": "The nodes of the graph, with their values and gradients",
    }, null, root);
    var table = el("table", { "class": "nn-bp-table" }, null, box);
    el("caption", {}, "L = (relu(w·x + b) − " + number(target) + ")² + w², node by node", table);
    var head = el("tr", {}, null, el("thead", {}, null, table));
    el("th", { scope: "col" }, "Node", head);
    el("th", { scope: "col", "class": "nn-bp-num" }, "Value", head);
    var gradHead = el("th", { scope: "col", "class": "nn-bp-num" }, "Gradient", head);
    el("span", { "class": "nn-bp-sub" }, "dL/d(node)", gradHead);
    el("th", { scope: "col", "class": "nn-bp-num" }, "Backward step", head);
    var body = el("tbody", {}, null, table);
    var rows = {};
    NODES.forEach(function (spec) {
      var tr = el("tr", { "data-node": spec.name }, null, body);
      var th = el("th", { scope: "row", "class": "nn-bp-node" }, null, tr);
      el("span", { "class": "nn-bp-name" }, spec.name, th);
      rows[spec.name] = {
        tr: tr,
        how: th.appendChild(document.createTextNode("")),
        value: el("td", { "class": "nn-bp-num" }, null, tr),
        grad: el("td", { "class": "nn-bp-num nn-bp-grad" }, null, tr),
        visit: el("td", { "class": "nn-bp-num nn-bp-visit" }, null, tr),
      };
    });

    var buttons = el("div", { "class": "nn-bp-buttons" }, null, root);
    var stepButton = el("button", { type: "button", "class": "nn-bp-button nn-bp-primary" }, "Step", buttons);
    var runButton = el("button", { type: "button", "class": "nn-bp-button" }, "Run to the end", buttons);
    var resetButton = el("button", { type: "button", "class": "nn-bp-button" }, "Reset", buttons);
    var say = el("p", { "class": "nn-bp-say", "aria-live": "polite" }, null, root);

    var state = null;

    function inputs() {
      return { w: +fields.w.getAttribute("data-last"), x: +fields.x.getAttribute("data-last"),
               b: +fields.b.getAttribute("data-last") };
    }

    // A new graph from the inputs, values computed, no gradient yet.
    function reset(message) {
      var v = inputs(), graph = buildGraph(v.w, v.x, v.b, target);
      state = { graph: graph, pass: new window.NNEngine.BackwardPass(graph.loss), count: 0, current: null,
                visit: new Map(), arrived: new Map() };
      state.total = window.NNEngine.topologicalOrder(graph.loss).length;
      graph.list.forEach(function (node, i) {
        var cells = rows[NODES[i].name];
        cells.how.data = NODES[i].how(target);
        cells.value.textContent = number(node.data);
        cells.value.setAttribute("data-value", String(node.data));
        state.arrived.set(node, []);
      });
      show();
      say.textContent = message || "Press Step to start the backward pass at L, where dL/dL = 1.";
    }

    function show() {
      state.graph.list.forEach(function (node, i) {
        var cells = rows[NODES[i].name], visit = state.visit.get(node), current = node === state.current;
        cells.tr.classList.toggle("nn-bp-visited", visit !== undefined);
        cells.tr.classList.toggle("nn-bp-current", current);
        if (current) cells.tr.setAttribute("aria-current", "step"); else cells.tr.removeAttribute("aria-current");
        cells.tr.setAttribute("data-arrived", JSON.stringify(state.arrived.get(node).map(function (a) {
          return { from: a.from.label, amount: a.amount };
        })));
        if (visit === undefined) {
          cells.grad.textContent = "not yet";
          cells.grad.classList.add("nn-bp-empty");
          cells.grad.removeAttribute("data-grad");
          cells.visit.textContent = "";
          cells.tr.removeAttribute("data-visit");
        } else {
          cells.grad.textContent = number(node.grad);
          cells.grad.classList.remove("nn-bp-empty");
          cells.grad.setAttribute("data-grad", String(node.grad));
          cells.visit.textContent = current ? visit + ", now" : String(visit);
          cells.tr.setAttribute("data-visit", String(visit));
        }
      });
      var done = state.pass.done();
      var focused = document.activeElement;  // a button about to be disabled hands the keyboard to Reset
      if (done && (focused === stepButton || focused === runButton)) resetButton.focus();
      stepButton.disabled = done;
      runButton.disabled = done;
      root.setAttribute("data-step", String(state.count));
    }

    function step() {
      if (state.pass.done()) return;
      var result = state.pass.next();
      state.count += 1;
      state.visit.set(result.node, state.count);
      state.current = result.node;
      result.passed.forEach(function (p) { state.arrived.get(p.to).push({ from: result.node, amount: p.amount }); });
      return sentence(result, state.arrived.get(result.node), state.count, state.total);
    }

    stepButton.addEventListener("click", function () {
      var words = step();
      show();
      if (words) say.textContent = words;
    });
    runButton.addEventListener("click", function () {
      var words;
      while (!state.pass.done()) words = step();
      show();
      if (words) say.textContent = words;
    });
    resetButton.addEventListener("click", function () { reset(); });

    // A changed input rebuilds the graph at once; a half-typed one ("-", "") waits, and on leaving the
    // field an input that is still not a number goes back to the last one that was.
    INPUTS.forEach(function (spec) {
      var input = fields[spec.name];
      input.addEventListener("input", function () {
        var v = input.value.trim() === "" ? NaN : Number(input.value);
        if (!isFinite(v) || String(v) === input.getAttribute("data-last")) return;
        input.setAttribute("data-last", String(v));
        var now = inputs();
        reset("The values are computed again for w = " + number(now.w) + ", x = " + number(now.x) + ", b = " +
              number(now.b) + ". Press Step to start the backward pass at L.");
      });
      input.addEventListener("change", function () {
        var v = input.value.trim() === "" ? NaN : Number(input.value);
        if (!isFinite(v)) input.value = input.getAttribute("data-last");
      });
    });

    reset();
  }

  window.NNBackprop = { mount: mount };
})();
