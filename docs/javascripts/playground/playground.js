// The playground: a network trained live in the reader's browser, on the engine proven equal to
// `concepts` (engine.js). Mounted by widgets.js on the element <div class="nn-playground">.
//
// Every setting lives in the page's address (?data=moons&layers=16-16&...), so a configuration can be
// shared; ?preset=NAME opens one of PRESETS, the settings each question page links to, and the address
// then shows them in full. No library, no other host.
(function () {
  "use strict";
  var E = window.NNEngine;

  // --- settings and the address -------------------------------------------------------------------

  var CHOICES = {
    data: Object.keys(E.DATASETS),
    activation: ["tanh", "relu", "sigmoid", "leaky_relu"],
    init: ["zeros", "constant", "fixed", "std1", "pytorch", "xavier", "he"],
    loss: ["cross_entropy", "mse_probability", "mse"],
    optimizer: ["adam", "sgd"],
    schedule: Object.keys(E.SCHEDULES),
  };
  var LABELS = {
    data: { moons: "two moons", xor: "XOR", circles: "circles", spiral: "spiral" },
    activation: { tanh: "tanh", relu: "ReLU", sigmoid: "sigmoid", leaky_relu: "leaky ReLU" },
    init: { zeros: "all zeros", constant: "all 0.5", fixed: "fixed range U(−0.3, 0.3)", std1: "N(0, 1)",
      pytorch: "PyTorch's default U(±1/√n)", xavier: "Xavier U(±√(6/(n+m)))", he: "He N(0, 2/n)" },
    loss: { cross_entropy: "cross-entropy", mse_probability: "squared error of the probability",
      mse: "squared error of the output" },
    optimizer: { adam: "Adam", sgd: "SGD (with momentum)" },
    schedule: { constant: "constant", step: "halve every quarter of the run", exponential: "exponential, to 1 % at the end",
      cosine: "cosine, down to 0 at the end" },
  };
  var NUMBERS = {  // name: [low, high, whole]
    noise: [0, 1, false], points: [20, 2000, true], heldOut: [0.1, 0.9, false], seed: [0, 4294967295, true],
    lr: [1e-5, 10, false], momentum: [0, 0.99, false], batch: [0, 2000, true], steps: [10, 20000, true],
  };
  var KEYS = { data: "data", noise: "noise", points: "points", heldOut: "heldout", seed: "seed", hidden: "layers",
    activation: "act", init: "init", loss: "loss", optimizer: "opt", lr: "lr", momentum: "momentum",
    schedule: "schedule", batch: "batch", steps: "steps" };
  var DEPTHS = [0, 1, 2, 3, 4, 6, 8, 10], WIDTHS = [1, 2, 3, 4, 8, 16, 32];
  var BATCHES = [0, 10, 32, 100];
  var STEPS = [250, 500, 1000, 2000, 5000];
  var POINTS = [100, 200, 400, 1000], HELD_OUT = [0.2, 0.5, 0.8];

  // Each question page links to one of these (docs/<page>.md, "Try it"): the settings that make its point.
  var DEEP_RELU = { hidden: [16, 16, 16, 16, 16, 16, 16, 16, 16, 16], activation: "relu", optimizer: "sgd", lr: 0.1,
    momentum: 0.9, steps: 500 };
  var CONFIDENT = { data: "spiral", hidden: [32, 32], init: "std1", seed: 2, optimizer: "sgd", lr: 0.5, momentum: 0,
    steps: 1000 };
  var PRESETS = {
    "zero-start": { title: "All-zero weights: the hidden neurons start equal and stay equal",
      settings: { init: "zeros", optimizer: "sgd", lr: 0.1, momentum: 0.9 } },
    "rate-above-2-over-L": { title: "A rate just above 2/L: the squared error of a straight-line model blows up",
      settings: { hidden: [], loss: "mse", optimizer: "sgd", momentum: 0, batch: 0, steps: 250 }, rateOverLimit: 1.05 },
    "rate-below-2-over-L": { title: "A rate just below 2/L: the same model settles",
      settings: { hidden: [], loss: "mse", optimizer: "sgd", momentum: 0, batch: 0, steps: 250 }, rateOverLimit: 0.95 },
    "he-depth-10": { title: "He's start through 10 ReLU layers: the outputs' spread holds up, and the network learns",
      settings: merge(DEEP_RELU, { init: "he" }) },
    "fixed-depth-10": { title: "A fixed range through 10 ReLU layers: the outputs' spread fades layer by layer, and SGD is stuck",
      settings: merge(DEEP_RELU, { init: "fixed" }) },
    "cross-entropy": { title: "Cross-entropy from a start that is confidently wrong about many points",
      settings: merge(CONFIDENT, { loss: "cross_entropy" }) },
    "squared-error": { title: "The squared error of the probability from the same start: a weak push on the worst points",
      settings: merge(CONFIDENT, { loss: "mse_probability" }) },
    "sigmoid-depth": { title: "Eight sigmoid layers: the gradient fades on its way down",
      settings: { hidden: [16, 16, 16, 16, 16, 16, 16, 16], activation: "sigmoid", init: "pytorch", steps: 500 } },
  };
  function merge(a, b) {
    var out = {};
    [a, b].forEach(function (o) { Object.keys(o).forEach(function (k) { out[k] = o[k]; }); });
    return out;
  }

  function defaults() {
    var s = {};
    Object.keys(E.DEFAULTS).forEach(function (k) { s[k] = Array.isArray(E.DEFAULTS[k]) ? E.DEFAULTS[k].slice() : E.DEFAULTS[k]; });
    return s;
  }
  function parseNumber(name, text) {
    var range = NUMBERS[name], value = Number(text);
    if (text === "" || !isFinite(value) || value < range[0] || value > range[1] || (range[2] && value !== Math.floor(value))) {
      throw new Error("expected " + (range[2] ? "a whole number" : "a number") + " from " + range[0] + " to " + range[1]);
    }
    return value;
  }
  function parseLayers(text) {
    if (text === "none" || text === "0" || text === "") return [];
    var widths = text.split("-").map(Number);
    if (widths.length > 12 || widths.some(function (w) { return !(w >= 1 && w <= 64 && w === Math.floor(w)); })) {
      throw new Error("expected widths from 1 to 64 joined by '-', at most 12 layers, or 'none'");
    }
    return widths;
  }
  // Settings from the address: {settings, preset, problems}
  function fromAddress(search) {
    var params = new URLSearchParams(search), s = defaults(), problems = [], preset = null;
    if (params.has("preset")) {
      preset = params.get("preset");
      if (PRESETS[preset]) Object.keys(PRESETS[preset].settings).forEach(function (k) { s[k] = PRESETS[preset].settings[k]; });
      else { problems.push("preset=" + preset + " (no such preset)"); preset = null; }
    }
    Object.keys(KEYS).forEach(function (name) {
      var key = KEYS[name];
      if (!params.has(key)) return;
      var text = params.get(key);
      try {
        if (name === "hidden") s.hidden = parseLayers(text);
        else if (CHOICES[name]) {
          if (CHOICES[name].indexOf(text) < 0) throw new Error("expected one of " + CHOICES[name].join(", "));
          s[name] = text;
        } else s[name] = parseNumber(name, text);
      } catch (error) { problems.push(key + "=" + text + " (" + error.message + ")"); }
    });
    return { settings: s, preset: preset, problems: problems };
  }
  function toAddress(s, preset) {
    var params = new URLSearchParams();
    if (preset) params.set("preset", preset);
    Object.keys(KEYS).forEach(function (name) {
      var value = s[name];
      params.set(KEYS[name], name === "hidden" ? (value.length ? value.join("-") : "none") : String(value));
    });
    return "?" + params.toString();
  }

  // --- formatting ---------------------------------------------------------------------------------

  function num(v, digits) {
    if (!isFinite(v)) return v > 0 ? "∞" : v < 0 ? "−∞" : "not a number";
    var a = Math.abs(v), text;
    if (a !== 0 && (a < 1e-3 || a >= 1e5)) {
      var parts = v.toExponential((digits || 3) - 1).split("e");
      text = parts[0] + " × 10^" + Number(parts[1]);
      text = text.replace(/\^(-?\d+)/, function (_, e) { return sup(e); });
    } else text = String(Number(v.toPrecision(digits || 3)));
    return text.replace(/-/g, "−");
  }
  function sup(text) {
    var map = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
    return String(text).split("").map(function (c) { return map[c]; }).join("");
  }
  function percent(v) { return (100 * v).toFixed(1) + " %"; }

  // --- the DOM ------------------------------------------------------------------------------------

  var SVG = "http://www.w3.org/2000/svg";
  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "class") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function s(tag, attrs, parent) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  var uid = 0;
  function field(label, control, hint) {
    var id = "nn-pg-" + (++uid);
    control.id = id;
    var parts = [h("label", { for: id, text: label }), control];
    if (hint) {
      var hintId = id + "-hint";
      control.setAttribute("aria-describedby", hintId);
      parts.push(h("span", { class: "nn-pg-hint", id: hintId, text: hint }));
    }
    return h("div", { class: "nn-pg-field" }, parts);
  }
  function select(options, labels, value) {
    var node = h("select");
    options.forEach(function (o) {
      var opt = h("option", { value: String(o), text: labels ? labels[o] : String(o) });
      if (String(o) === String(value)) opt.selected = true;
      node.appendChild(opt);
    });
    return node;
  }

  function Playground(root) {
    this.root = root;
    var parsed = fromAddress(location.search);
    this.settings = parsed.settings;
    this.preset = parsed.preset;
    this.problems = parsed.problems;
    this.running = false;
    this.build();
    this.reset();
    // Redraw when the reader switches the palette (the colours come from CSS variables) or the width changes.
    var self = this, watchers = [], redraw = function () {
      if (!root.isConnected) { watchers.forEach(function (w) { w.disconnect(); }); return; }  // the reader left the page
      if (!self.running) self.drawBoundary();
    };
    watchers.push(new MutationObserver(redraw));
    watchers[0].observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    if (window.ResizeObserver) { watchers.push(new ResizeObserver(redraw)); watchers[1].observe(this.canvas); }
  }

  Playground.prototype.build = function () {
    var self = this, st = this.settings;
    this.root.textContent = "";
    this.root.classList.add("nn-ready");
    var note = this.note = h("p", { class: "nn-pg-note" });
    // controls
    this.runButton = h("button", { type: "button", class: "nn-pg-button nn-pg-primary", text: "Train" });
    this.stepButton = h("button", { type: "button", class: "nn-pg-button", text: "One step" });
    this.resetButton = h("button", { type: "button", class: "nn-pg-button", text: "Start again" });
    this.runButton.addEventListener("click", function () { self.toggle(); });
    this.stepButton.addEventListener("click", function () { self.pause(); self.advance(1); self.draw(); self.say(); });
    this.resetButton.addEventListener("click", function () { self.pause(); self.reset(); });
    this.status = h("p", { class: "nn-pg-status" });
    // What a screen reader announces: the state when training stops or a single step is taken, not every frame.
    this.announce = h("p", { class: "nn-pg-sr", role: "status", "aria-live": "polite" });
    // the pictures
    this.canvas = h("canvas", { class: "nn-pg-canvas", role: "img", width: "360", height: "360" });
    this.legend = h("p", { class: "nn-pg-legend" });
    this.lossSvg = s("svg", { class: "nn-pg-chart", viewBox: "0 0 340 200", role: "img" });
    this.layerTable = h("table", { class: "nn-pg-layers" });
    var layerBox = h("div", { class: "nn-pg-scroll", tabindex: "0", role: "region", "aria-label": "Layer by layer" }, [this.layerTable]);
    var layerText = h("p", { class: "nn-pg-layer-text", text: "For each layer, on the training points: the spread of its outputs " +
      "(their standard deviation) and the size of the gradient of its weights, ‖dL/dW‖, which the bars show on a log scale." });
    this.limit = h("p", { class: "nn-pg-limit" });
    this.push = h("p", { class: "nn-pg-limit nn-pg-push" });
    // the settings
    var form = h("form", { class: "nn-pg-settings" });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    function change(name, parse) {
      return function (event) {
        self.settings[name] = parse(event.target.value);
        self.preset = null;
        self.pause();
        self.reset();
      };
    }
    function choice(name, label, hint) {
      var node = select(CHOICES[name], LABELS[name], st[name]);
      node.addEventListener("change", change(name, String));
      return field(label, node, hint);
    }
    var dataSelect = select(CHOICES.data, LABELS.data, st.data);
    dataSelect.addEventListener("change", function () {  // a new data set comes with the noise suggested for it
      var suggested = E.DATASETS[dataSelect.value].noise;
      noise.value = String(suggested); noiseOut.textContent = String(suggested);
      self.settings.data = dataSelect.value; self.settings.noise = suggested;
      self.preset = null; self.pause(); self.reset();
    });
    var dataField = field("Data set", dataSelect);
    function menu(name, label, options, labels, hint) {
      var node = select(options, labels, st[name]);
      if (options.indexOf(st[name]) < 0) node.insertBefore(h("option", { value: String(st[name]), text: String(st[name]), selected: "" }), node.firstChild);
      node.addEventListener("change", change(name, Number));
      return field(label, node, hint);
    }
    var noise = h("input", { type: "range", min: "0", max: "0.5", step: "0.05", value: String(st.noise) });
    var noiseOut = h("output", { text: String(st.noise) });
    noise.addEventListener("input", function () { noiseOut.textContent = noise.value; });
    noise.addEventListener("change", change("noise", Number));
    var depth = select(DEPTHS, null, st.hidden.length);
    var width = select(WIDTHS, null, st.hidden.length ? st.hidden[0] : 16);
    function layers() {
      var d = Number(depth.value), w = Number(width.value), out = [];
      for (var i = 0; i < d; i++) out.push(w);
      self.settings.hidden = out; self.preset = null; self.pause(); self.reset();
    }
    depth.addEventListener("change", layers);
    width.addEventListener("change", layers);
    var rate = h("input", { type: "range", min: "-4", max: "1", step: "0.05", value: String(Math.log10(st.lr)) });
    var rateOut = h("output", { text: num(st.lr) });
    this.rateOut = rateOut; this.rateInput = rate;
    rate.addEventListener("input", function () { rateOut.textContent = num(Math.pow(10, Number(rate.value))); });
    rate.addEventListener("change", function () {
      self.settings.lr = Number(Math.pow(10, Number(rate.value)).toPrecision(3));
      self.preset = null; self.pause(); self.reset();
    });
    var momentum = h("input", { type: "range", min: "0", max: "0.99", step: "0.01", value: String(st.momentum) });
    var momentumOut = h("output", { text: String(st.momentum) });
    momentum.addEventListener("input", function () { momentumOut.textContent = momentum.value; });
    momentum.addEventListener("change", change("momentum", Number));
    var seed = h("input", { type: "number", min: "0", max: "4294967295", step: "1", value: String(st.seed), inputmode: "numeric" });
    seed.addEventListener("change", function () {
      try { self.settings.seed = parseNumber("seed", seed.value); } catch (error) { seed.value = String(self.settings.seed); return; }
      self.preset = null; self.pause(); self.reset();
    });
    function ranged(control, output, label, hint) {
      var wrap = field(label, control, hint);
      output.setAttribute("for", control.id);
      wrap.insertBefore(output, control.nextSibling);
      return wrap;
    }
    form.appendChild(h("fieldset", {}, [h("legend", { text: "Data" }),
      dataField,
      ranged(noise, noiseOut, "Noise", "how far points scatter from their shape"),
      menu("points", "Points", POINTS),
      menu("heldOut", "Held out", HELD_OUT, { 0.2: "a fifth", 0.5: "half", 0.8: "four fifths" },
        "the share of the points kept out of training, to test on"),
      field("Seed", seed, "the random draws: same seed, same data and start"),
    ]));
    form.appendChild(h("fieldset", {}, [h("legend", { text: "Network" }),
      field("Hidden layers", depth, "0: a straight-line model"),
      field("Neurons per layer", width),
      choice("activation", "Activation"),
      choice("init", "Initial weights"),
    ]));
    form.appendChild(h("fieldset", {}, [h("legend", { text: "Training" }),
      choice("loss", "Loss"),
      choice("optimizer", "Optimizer"),
      ranged(rate, rateOut, "Learning rate", "a log scale: each notch multiplies"),
      ranged(momentum, momentumOut, "Momentum (SGD)"),
      choice("schedule", "Schedule"),
      menu("batch", "Batch", BATCHES, { 0: "all training points", 10: "10", 32: "32", 100: "100" }),
      menu("steps", "Steps", STEPS),
    ]));
    var pictures = h("div", { class: "nn-pg-pictures" }, [
      h("figure", { class: "nn-pg-figure" }, [this.canvas, h("figcaption", {}, [this.legend])]),
      h("figure", { class: "nn-pg-figure" }, [this.lossSvg, h("figcaption", { text: "Loss against the step: training (solid) and held-out (dashed), on a log scale." })]),
    ]);
    this.root.appendChild(h("div", { class: "nn-pg" }, [
      note,
      h("div", { class: "nn-pg-buttons" }, [this.runButton, this.stepButton, this.resetButton]),
      this.status, this.announce, this.limit, this.push, pictures,
      h("h2", { class: "nn-pg-heading", text: "Layer by layer" }),
      layerText, layerBox,
      h("h2", { class: "nn-pg-heading", text: "Settings" }),
      form,
    ]));
  };

  Playground.prototype.reset = function () {
    var st = this.settings, preset = this.preset && PRESETS[this.preset];
    this.trainer = new E.Trainer(st);
    this.sharpness = st.hidden.length === 0 ? E.linearMSESharpness(this.trainer.train.x, this.trainer.train.n) : null;
    if (preset && preset.rateOverLimit && this.sharpness) {  // the rate from the data's own limit 2/L
      var rate = preset.rateOverLimit * 2 / this.sharpness;
      st.lr = Number(rate.toPrecision(3));
      this.trainer.settings.lr = st.lr;
      this.trainer.optimizer.lr = st.lr;
    }
    this.rateInput.value = String(Math.log10(st.lr));
    this.rateOut.textContent = num(st.lr);
    this.history = [];
    this.diverged = false;
    this.measure();
    var text = [];
    if (preset) text.push("Preset: " + preset.title + ".");
    if (this.problems.length) text.push("Not understood in the address, and left at their defaults: " + this.problems.join("; ") + ".");
    this.note.textContent = text.join(" ");
    this.note.hidden = !text.length;
    if (history.replaceState) history.replaceState(history.state, "", toAddress(st, this.preset) + location.hash);
    this.draw();
  };

  Playground.prototype.measure = function () {
    var t = this.trainer, train = t.evaluate(t.train), held = t.evaluate(t.held);
    this.current = { step: t.step, train: train, held: held };
    this.history.push({ step: t.step, train: train.loss, held: held.loss });
    if (!isFinite(train.loss)) this.diverged = true;
  };

  Playground.prototype.advance = function (count) {
    var t = this.trainer;
    for (var i = 0; i < count && t.step < t.settings.steps && !this.diverged; i++) {
      t.trainStep();
      if (!isFinite(t.last.loss)) this.diverged = true;
    }
    this.measure();
  };
  Playground.prototype.finished = function () { return this.diverged || this.trainer.step >= this.trainer.settings.steps; };

  Playground.prototype.toggle = function () { if (this.running) this.pause(); else this.play(); };
  Playground.prototype.play = function () {
    if (this.finished()) this.reset();
    this.running = true;
    this.runButton.textContent = "Pause";
    var self = this;
    function frame() {
      if (!self.running || !self.root.isConnected) { self.running = false; return; }
      // A run of any length takes about four seconds at 60 frames a second, so the boundary can be seen
      // moving; fewer steps per frame where the computer cannot keep up (12 ms of steps at most).
      var start = performance.now(), perFrame = Math.max(1, Math.ceil(self.trainer.settings.steps / 240)), done = 0;
      do { self.advance(1); done += 1; } while (done < perFrame && performance.now() - start < 12 && !self.finished());
      self.draw();
      if (self.finished()) self.pause();
      else requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
  };
  Playground.prototype.say = function () { this.announce.textContent = this.status.textContent; };
  Playground.prototype.pause = function () {
    if (this.running && this.announce) { this.running = false; this.say(); }
    this.running = false;
    if (this.runButton) this.runButton.textContent = this.finished() ? "Train again" : "Train";
  };

  // --- drawing ------------------------------------------------------------------------------------

  function color(name) { return getComputedStyle(document.querySelector(".nn-pg") || document.body).getPropertyValue(name).trim(); }
  function rgb(hex) {
    var m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex || "");
    return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : [128, 128, 128];
  }

  Playground.prototype.extent = function () {
    var x = this.trainer.train.x, lo = [Infinity, Infinity], hi = [-Infinity, -Infinity];
    [this.trainer.train, this.trainer.held].forEach(function (d) {
      for (var i = 0; i < d.n; i++) for (var k = 0; k < 2; k++) {
        lo[k] = Math.min(lo[k], d.x[2 * i + k]); hi[k] = Math.max(hi[k], d.x[2 * i + k]);
      }
    });
    void x;
    var cx = (lo[0] + hi[0]) / 2, cy = (lo[1] + hi[1]) / 2, half = Math.max(hi[0] - lo[0], hi[1] - lo[1]) / 2 + 0.25;
    return [cx - half, cx + half, cy - half, cy + half];
  };

  Playground.prototype.drawBoundary = function () {
    var canvas = this.canvas, ratio = window.devicePixelRatio || 1;
    var size = Math.round((canvas.clientWidth || 360) * ratio);
    if (canvas.width !== size) { canvas.width = size; canvas.height = size; }
    var ctx = canvas.getContext("2d"), ext = this.extent(), cells = 60, t = this.trainer;
    var z = t.grid(ext[0], ext[1], ext[2], ext[3], cells, cells);
    var c0 = rgb(color("--nn-pg-c0")), c1 = rgb(color("--nn-pg-c1"));
    var image = ctx.createImageData(cells, cells), loss = t.settings.loss;
    for (var i = 0; i < cells * cells; i++) {
      var p = loss === "mse" ? Math.min(1, Math.max(0, z[i])) : E.sigmoid(z[i]);
      if (!isFinite(p)) p = 0.5;
      var c = p > 0.5 ? c1 : c0;  // the class it gives, tinted by how sure it is
      for (var k = 0; k < 3; k++) image.data[4 * i + k] = c[k];
      image.data[4 * i + 3] = Math.round(Math.abs(p - 0.5) * 2 * 0.5 * 255);
    }
    var small = document.createElement("canvas");
    small.width = cells; small.height = cells;
    small.getContext("2d").putImageData(image, 0, 0);
    ctx.fillStyle = color("--md-default-bg-color") || "#fff";
    ctx.fillRect(0, 0, size, size);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(small, 0, 0, size, size);
    var scale = size / (ext[1] - ext[0]), r = 3.2 * ratio;
    function at(x, y) { return [(x - ext[0]) * scale, (ext[3] - y) * scale]; }
    var colors = [color("--nn-pg-c0"), color("--nn-pg-c1")], edge = color("--nn-pg-edge");
    [[t.train, true], [t.held, false]].forEach(function (pair) {
      var d = pair[0];
      for (var i = 0; i < d.n; i++) {
        var xy = at(d.x[2 * i], d.x[2 * i + 1]);
        ctx.beginPath();
        if (d.y[i] === 1) ctx.rect(xy[0] - r, xy[1] - r, 2 * r, 2 * r);  // class 1: squares, class 0: circles
        else ctx.arc(xy[0], xy[1], r, 0, 2 * Math.PI);
        if (pair[1]) { ctx.fillStyle = colors[d.y[i]]; ctx.fill(); ctx.lineWidth = ratio; ctx.strokeStyle = edge; ctx.stroke(); }
        else { ctx.lineWidth = 1.6 * ratio; ctx.strokeStyle = colors[d.y[i]]; ctx.stroke(); }
      }
    });
  };

  Playground.prototype.drawLoss = function () {
    var svg = this.lossSvg, W = 340, H = 200, M = { l: 46, r: 18, t: 10, b: 34 };
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var finite = this.history.filter(function (p) { return isFinite(p.train) && isFinite(p.held); });
    var lo = Infinity, hi = -Infinity;
    finite.forEach(function (p) { lo = Math.min(lo, p.train, p.held); hi = Math.max(hi, p.train, p.held); });
    if (!finite.length) { lo = 0.01; hi = 1; }
    lo = Math.pow(10, Math.floor(Math.log10(Math.max(lo, 1e-6))));
    hi = Math.pow(10, Math.ceil(Math.log10(Math.max(hi, lo * 10))));
    var steps = this.trainer.settings.steps;
    function x(v) { return M.l + v / steps * (W - M.l - M.r); }
    function y(v) { return H - M.b - (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * (H - M.t - M.b); }
    var axes = s("g", { class: "nn-pg-axes" }, svg);
    var decades = Math.round(Math.log10(hi / lo)), every = Math.max(1, Math.ceil(decades / 4));
    for (var e = Math.log10(lo); e <= Math.log10(hi) + 1e-9; e += every) {
      var v = Math.pow(10, Math.round(e));
      s("line", { x1: M.l, x2: W - M.r, y1: y(v), y2: y(v), class: "nn-pg-grid" }, axes);
      s("text", { x: M.l - 4, y: y(v) + 4, "text-anchor": "end" }, axes).textContent = e >= -2 && e <= 3 ? String(v) : "10" + sup(Math.round(e));
    }
    [0, steps / 2, steps].forEach(function (v) {
      s("text", { x: x(v), y: H - M.b + 14, "text-anchor": "middle" }, axes).textContent = String(v);
    });
    s("text", { x: (M.l + W - M.r) / 2, y: H - 4, "text-anchor": "middle" }, axes).textContent = "step";
    s("rect", { x: M.l, y: M.t, width: W - M.l - M.r, height: H - M.t - M.b, class: "nn-pg-frame" }, axes);
    ["train", "held"].forEach(function (key) {
      var pts = finite.map(function (p) { return x(p.step).toFixed(1) + "," + y(Math.max(p[key], lo)).toFixed(1); });
      if (pts.length) s("polyline", { points: pts.join(" "), class: "nn-pg-line nn-pg-" + key }, svg);
    });
    var c = this.current;
    svg.setAttribute("aria-label", "Loss against the step. At step " + c.step + ": training loss " + num(c.train.loss) +
      ", held-out loss " + num(c.held.loss) + ".");
  };

  Playground.prototype.drawLayers = function () {
    var t = this.trainer, stats = t.layerStatistics(), table = this.layerTable;
    table.textContent = "";
    table.appendChild(h("thead", {}, [h("tr", {}, ["Layer", "Spread", "Gradient"].map(function (label) {
      return h("th", { scope: "col", text: label });
    }))]));
    var body = h("tbody"), layers = t.net.W.length, largest = 0;
    stats.gradNorm.forEach(function (g) { if (isFinite(g)) largest = Math.max(largest, g); });
    for (var l = 0; l < layers; l++) {
      var name = l < layers - 1 ? "hidden " + (l + 1) + " (" + t.sizes[l + 1] + ")" : "output";
      var spread = l < layers - 1 ? num(stats.activationStd[l]) : "—";
      var g = stats.gradNorm[l], share = largest > 0 && g > 0 ? Math.max(0.02, 1 + Math.log10(g / largest) / 6) : 0;
      var bar = h("span", { class: "nn-pg-bar", "aria-hidden": "true" });
      bar.style.width = (Math.max(0, share) * 3).toFixed(2) + "em";
      var cell = h("td", { "data-value": String(g) }, [bar, document.createTextNode(" " + num(g))]);
      body.appendChild(h("tr", { "data-spread": l < layers - 1 ? String(stats.activationStd[l]) : "" },
        [h("th", { scope: "row", text: name }), h("td", { text: spread }), cell]));
    }
    table.appendChild(body);
  };

  // The training points whose own class gets a probability below WRONG, and the mean size of the loss's
  // slope dL/dz on each of them (per point: the gradient of the mean times the number of points).
  var WRONG = 0.05;
  Playground.prototype.confidentlyWrong = function () {
    var t = this.trainer, d = t.train, z = t.net.forward(d.x, d.n), g = t.loss.grad(z, d.y), count = 0, push = 0;
    for (var i = 0; i < d.n; i++) {
      var p = E.sigmoid(z[i]), own = d.y[i] === 1 ? p : 1 - p;
      if (own < WRONG) { count += 1; push += Math.abs(g[i]) * d.n; }
    }
    return { count: count, push: count ? push / count : 0 };
  };

  Playground.prototype.draw = function () {
    var c = this.current, t = this.trainer, st = t.settings;
    this.drawBoundary();
    this.drawLoss();
    this.drawLayers();
    var state = this.diverged ? "The loss left the range of numbers a computer holds: training diverged. " : "";
    this.status.textContent = state + "Step " + c.step + " of " + st.steps + ". Training loss " + num(c.train.loss) +
      ", held-out loss " + num(c.held.loss) + ". Right answers: " + percent(c.train.accuracy) + " of the training points, " +
      percent(c.held.accuracy) + " of the held-out points.";
    this.status.setAttribute("data-step", String(c.step));
    this.status.setAttribute("data-held-accuracy", String(c.held.accuracy));
    this.status.setAttribute("data-diverged", String(this.diverged));
    this.canvas.setAttribute("aria-label", "The data and the network's answer at step " + c.step + ": the background shows which class it gives " +
      "each place, darker where it is surer. " + percent(c.held.accuracy) + " of the held-out points are on their own class's side.");
    this.legend.textContent = "Circles: class 0; squares: class 1. Filled: the " + t.train.n + " training points; rings: the " +
      t.held.n + " held-out points, never trained on. The background is the network's answer, darker where it is surer.";
    var wrong = st.loss !== "mse" ? this.confidentlyWrong() : { count: 0 };
    if (wrong.count) {
      this.push.hidden = false;
      this.push.textContent = "Training points the network is confidently wrong about (it gives their class less than " +
        percent(WRONG) + "): " + wrong.count + ". The loss pushes each of them with " + num(wrong.push) + " on average (the slope of " +
        "its loss with respect to the network's output; cross-entropy's is close to 1 there).";
      this.push.setAttribute("data-count", String(wrong.count));
      this.push.setAttribute("data-push", String(wrong.push));
    } else this.push.hidden = true;
    if (this.sharpness !== null && st.loss === "mse") {
      this.limit.hidden = false;
      this.limit.textContent = "With no hidden layer and the squared error of the output, the loss is a bowl: its steepest curvature L = " +
        num(this.sharpness) + " sets the limit 2/L = " + num(2 / this.sharpness) + " for the learning rate" +
        (st.optimizer === "sgd" && !st.momentum && !st.batch ? "; this rate, " + num(st.lr) + ", is " + num(st.lr * this.sharpness / 2) + " times the limit." : " (for plain SGD on all the training points).");
    } else this.limit.hidden = true;
    if (!this.running) this.runButton.textContent = this.finished() ? "Train again" : "Train";
    this.stepButton.disabled = this.finished();
  };

  window.NNPlayground = {
    PRESETS: PRESETS,
    fromAddress: fromAddress,
    toAddress: toAddress,
    mount: function (root) {
      if (root.nnPlayground) return root.nnPlayground;
      root.nnPlayground = new Playground(root);
      return root.nnPlayground;
    },
  };
})();
