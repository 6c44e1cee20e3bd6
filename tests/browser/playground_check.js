// Runs the playground's engine (window.NNEngine) on the vectors `concepts` exported
// (scripts/values_playground.py) and lists every disagreement. Loaded by tests/browser/test_playground.py.
//   checkEngine(vectors, section) -> {failures: [str], worst: number, compared: number}
// Two numbers agree when |actual - expected| <= TOLERANCE * scale, the scale being the largest magnitude
// in the expected array (so an entry that is a sum of cancelling terms is judged against those terms'
// size, as rounding allows), and at least the entry's own magnitude.
window.checkEngine = function (vectors, section) {
  "use strict";
  var E = window.NNEngine, TOLERANCE = vectors.tolerance, failures = [], worst = 0, compared = 0;

  function close(what, actual, expected) {
    actual = Array.prototype.slice.call(actual);
    expected = Array.prototype.slice.call(expected);
    if (actual.length !== expected.length) {
      failures.push(what + ": length " + actual.length + ", expected " + expected.length);
      return;
    }
    var scale = 0;
    expected.forEach(function (e) { scale = Math.max(scale, Math.abs(e)); });
    for (var i = 0; i < expected.length; i++) {
      var a = actual[i], e = expected[i];
      compared += 1;
      if (a === e) continue;
      var error = Math.abs(a - e) / Math.max(scale, Math.abs(e), 1e-300);
      if (!(error <= TOLERANCE)) {
        failures.push(what + "[" + i + "]: " + a + ", expected " + e + " (relative error " + error.toExponential(2) + ")");
        if (failures.length > 20) throw new Error("too many failures: " + failures.slice(0, 5).join("; "));
      }
      if (isFinite(error)) worst = Math.max(worst, error);
    }
  }
  function network(sizes, activation, params) {
    var net = new E.MLP(sizes, activation, "zeros", new E.Rng(0));
    net.setParameters(params);
    return net;
  }

  var sections = {
    activations: function () {
      Object.keys(vectors.activations).forEach(function (name) {
        var c = vectors.activations[name], act = E.ACTIVATIONS[name];
        close(name, c.z.map(act.f), c.f);
        close(name + "'", c.z.map(act.df), c.df);
      });
    },
    losses: function () {
      vectors.losses.forEach(function (c, k) {
        var loss = E.LOSSES[c.loss];
        close(c.loss + " #" + k, [loss.value(c.z, c.y)], [c.value]);
        close(c.loss + " grad #" + k, loss.grad(c.z, c.y), c.grad);
      });
    },
    networks: function () {
      vectors.networks.forEach(function (c) {
        var what = c.sizes.join("-") + " " + c.activation, net = network(c.sizes, c.activation, c.params);
        close(what + " output", net.forward(Float64Array.from(c.x), c.n), c.out);
        close(what + " hidden std", net.activationStd(), c.hidden_std);
        var grads = net.backward(Float64Array.from(c.grad_output));
        grads.forEach(function (g, i) { close(what + " grad " + i, g, c.grads[i]); });
        var norms = [];
        for (var l = 0; l < grads.length; l += 2) norms.push(E.norm(grads[l]));
        close(what + " gradient norms", norms, c.grad_norms);
      });
    },
    optimizers: function () {
      vectors.optimizers.forEach(function (c, k) {
        var s = c.settings, params = c.start.map(function (p) { return Float64Array.from(p); });
        var opt = c.kind === "adam" ? new E.Adam(s.lr) : new E.SGD(s.lr, s.momentum || 0, s.nesterov || false);
        c.grads.forEach(function (g, t) {
          opt.step(params, g.map(function (a) { return Float64Array.from(a); }));
          params.forEach(function (p, i) { close(c.kind + " #" + k + " step " + t + " param " + i, p, c.after[t][i]); });
        });
      });
    },
    schedules: function () {
      vectors.schedules.forEach(function (c) {
        var rate = E.SCHEDULES[c.schedule].rate;
        close(c.schedule + " over " + c.total, c.steps.map(function (s) { return rate(c.lr0, s, c.total); }), c.rates);
      });
    },
    datasets: function () {
      vectors.datasets.forEach(function (c) {
        var data = E.DATASETS[c.data].points(c.n);
        close(c.data + " x, n = " + c.n, data.x, c.x);
        close(c.data + " y, n = " + c.n, data.y, c.y);
      });
    },
    sharpness: function () {
      vectors.sharpness.forEach(function (c) {
        close(c.data + " L", [E.linearMSESharpness(Float64Array.from(c.x), c.n)], [c.L]);
      });
    },
    values: function () {
      vectors.values.forEach(function (c) {
        var w = new E.Value(c.w, [], [], "", "w"), x = new E.Value(c.x, [], [], "", "x"), b = new E.Value(c.b, [], [], "", "b");
        var loss = w.mul(x).add(b).relu().sub(1).pow(2).add(w.pow(2));
        loss.backward();
        var order = E.topologicalOrder(loss);
        var ops = order.map(function (v) { return v.op; }).join(" "), expected = c.ops.join(" ").replace(/\*\*2\.0/g, "**2");
        if (ops !== expected) failures.push("graph ops: " + ops + ", expected " + expected);
        close("values at w=" + c.w, order.map(function (v) { return v.data; }), c.data);
        close("gradients at w=" + c.w, order.map(function (v) { return v.grad; }), c.grad);
      });
    },
    runs: function () {
      vectors.runs.forEach(function (c, k) {
        var s = c.settings, settings = {};
        Object.keys(s).forEach(function (key) { settings[key] = s[key]; });
        settings.points = 4;  // the trainer's own data is replaced by the run's
        var trainer = new E.Trainer(settings), n = c.y.length;
        trainer.train = { x: Float64Array.from(c.x), y: Float64Array.from(c.y), n: n };
        trainer.net = network([2].concat(s.hidden, [1]), s.activation, c.start);
        var losses = [];
        for (var step = 0; step < s.steps; step++) losses.push(trainer.trainStep(c.batches ? c.batches[step] : null));
        var what = "run " + k + " (" + s.activation + ", " + s.loss + ", " + s.optimizer + ", " + s.schedule + ")";
        close(what + " losses", losses, c.losses);
        trainer.net.parameters().forEach(function (p, i) { close(what + " final param " + i, p, c.end[i]); });
      });
    },
  };
  sections[section]();
  return { failures: failures, worst: worst, compared: compared };
};
