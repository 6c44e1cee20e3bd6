// The playground's engine: a plain-JavaScript mirror of the parts of `concepts` it trains with.
//
// Every function here copies a numpy function of `concepts` formula for formula, in float64
// (Float64Array, row-major like numpy: W[i * fanOut + j] is W[i, j] of a (fanIn, fanOut) matrix):
//   activations and derivatives  concepts.neuron.activations (sigmoid, tanh, relu, leaky_relu, identity)
//   MLP forward and backward     concepts.network.MLP (x @ W + b, the output layer linear)
//   losses and gradients         concepts.loss: binary_cross_entropy_with_logits, mse_loss (of the output,
//                                and of the probability sigmoid(output), through sigmoid_grad)
//   initializers                 concepts.initialization (the SCHEMES of depth.py, zeros, constant, and
//                                MLP's default, PyTorch's nn.Linear)
//   optimizers                   concepts.learning_rate.SGD (momentum, Nesterov) and Adam
//   schedules                    concepts.learning_rate: step_lr, exponential_lr, cosine_annealing_lr
//   data                         concepts.datasets: two_moons, xor_blobs, circles, spiral
//   statistics                   hidden activations' std (depth_statistics), ||dL/dW|| per layer
//                                (layer_gradient_norms), 2/L of a linear model's squared error
//   Value                        concepts.chain_rule.Value: a scalar that records its graph, backward()
// scripts/values_playground.py exports test vectors computed by `concepts`; tests/browser/test_playground.py
// runs this file on them and requires agreement to 1e-12. Random draws follow the same distributions
// from a seeded generator of this file's own (xoshiro128**), not numpy's bit stream: the tests check
// their moments. No library, no other host; loaded only by the pages that use it.
(function (root) {
  "use strict";

  // --- random numbers ----------------------------------------------------------------------------

  // xoshiro128** (Blackman and Vigna 2018), seeded through splitmix32: a reproducible stream, so that a
  // shared address (its seed) rebuilds the same data and the same start.
  function Rng(seed) {
    var s = (Number(seed) >>> 0) || 0;
    function splitmix() {
      s = (s + 0x9e3779b9) | 0;
      var z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    }
    this.a = splitmix(); this.b = splitmix(); this.c = splitmix(); this.d = splitmix();
    this.spare = null;
  }
  Rng.prototype.next32 = function () {
    var a = this.a, b = this.b, c = this.c, d = this.d;
    var r = Math.imul(b, 5), rotated = (r << 7) | (r >>> 25);
    var result = Math.imul(rotated, 9) >>> 0;
    var t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t;
    d = (d << 11) | (d >>> 21);
    this.a = a; this.b = b; this.c = c; this.d = d;
    return result;
  };
  // Uniform in [0, 1) with 53 random bits.
  Rng.prototype.uniform = function () {
    var hi = this.next32() >>> 5, lo = this.next32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  Rng.prototype.uniformRange = function (a, b) { return a + (b - a) * this.uniform(); };
  // Standard normal by Box and Muller (1958): two uniforms give two independent normals.
  Rng.prototype.normal = function () {
    if (this.spare !== null) { var keep = this.spare; this.spare = null; return keep; }
    var u = 1 - this.uniform(), v = this.uniform();  // u in (0, 1]: log(u) is finite
    var radius = Math.sqrt(-2 * Math.log(u)), angle = 2 * Math.PI * v;
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  Rng.prototype.permutation = function (n) {  // Fisher and Yates
    var out = new Int32Array(n);
    for (var i = 0; i < n; i++) out[i] = i;
    for (var j = n - 1; j > 0; j--) {
      var k = Math.floor(this.uniform() * (j + 1)), swap = out[j];
      out[j] = out[k]; out[k] = swap;
    }
    return out;
  };

  // --- activations: concepts.neuron.activations ---------------------------------------------------

  function sigmoid(z) { return 1 / (1 + Math.exp(-z)); }
  function sigmoidGrad(z) { var e = Math.exp(-Math.abs(z)); return (1 / (1 + e)) * (e / (1 + e)); }
  function tanhGrad(z) { var e = Math.exp(-Math.abs(z)); e = e * e; return 4 * (1 / (1 + e)) * (e / (1 + e)); }
  function relu(z) { return z > 0 ? z : 0; }
  function reluGrad(z) { return z > 0 ? 1 : 0; }
  var LEAKY = 0.01;  // leaky_relu's default negative_slope
  function leakyRelu(z) { return z > 0 ? z : z * LEAKY; }
  function leakyReluGrad(z) { return z > 0 ? 1 : LEAKY; }
  var ACTIVATIONS = {
    tanh: { f: Math.tanh, df: tanhGrad },
    relu: { f: relu, df: reluGrad },
    sigmoid: { f: sigmoid, df: sigmoidGrad },
    leaky_relu: { f: leakyRelu, df: leakyReluGrad },
    identity: { f: function (z) { return z; }, df: function () { return 1; } },
  };

  // --- losses: concepts.loss, mean over the batch, on the network's output z ------------------------
  // Each: value(z, y) -> the mean loss; grad(z, y) -> dL/dz (a new Float64Array); predict(z) -> class.
  var LOSSES = {
    // binary_cross_entropy_with_logits: max(z, 0) - z y + log(1 + exp(-|z|))
    cross_entropy: {
      value: function (z, y) {
        var total = 0;
        for (var i = 0; i < z.length; i++) total += Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
        return total / z.length;
      },
      grad: function (z, y) {
        var g = new Float64Array(z.length);
        for (var i = 0; i < z.length; i++) g[i] = (sigmoid(z[i]) - y[i]) / z.length;
        return g;
      },
    },
    // mse_loss(z, y): the squared error of the output itself
    mse: {
      value: function (z, y) {
        var total = 0;
        for (var i = 0; i < z.length; i++) { var e = z[i] - y[i]; total += e * e; }
        return total / z.length;
      },
      grad: function (z, y) {
        var g = new Float64Array(z.length);
        for (var i = 0; i < z.length; i++) g[i] = 2 * (z[i] - y[i]) / z.length;
        return g;
      },
    },
    // mse_loss(sigmoid(z), y), its gradient mse_loss_grad(sigmoid(z), y) * sigmoid_grad(z)
    mse_probability: {
      value: function (z, y) {
        var total = 0;
        for (var i = 0; i < z.length; i++) { var e = sigmoid(z[i]) - y[i]; total += e * e; }
        return total / z.length;
      },
      grad: function (z, y) {
        var g = new Float64Array(z.length);
        for (var i = 0; i < z.length; i++) g[i] = 2 * (sigmoid(z[i]) - y[i]) / z.length * sigmoidGrad(z[i]);
        return g;
      },
    },
  };
  // The class a network's output z stands for: the probability sigmoid(z) above 1/2 for the losses
  // of a probability; an output above 1/2 for the squared error of the output, which aims at 0 and 1.
  function predict(loss, z) { return loss === "mse" ? (z > 0.5 ? 1 : 0) : (z > 0 ? 1 : 0); }

  // --- initializers: concepts.initialization ------------------------------------------------------
  // Each: {label, weights(fanIn, fanOut, rng) -> Float64Array, bias(fanIn, fanOut, rng), variance(n, m)}
  function filled(count, draw) {
    var out = new Float64Array(count);
    for (var i = 0; i < count; i++) out[i] = draw();
    return out;
  }
  var CONSTANT = 0.5;  // initializer("constant", value=0.5)
  var FIXED = 0.3;  // SCHEMES["fixed"]: U(-0.3, 0.3)
  function zerosBias(n, m) { return new Float64Array(m); }
  var INITIALIZERS = {
    zeros: { label: "zeros", variance: function () { return 0; }, bias: zerosBias,
      weights: function (n, m) { return new Float64Array(n * m); } },
    constant: { label: "constant " + CONSTANT, variance: function () { return 0; }, bias: zerosBias,
      weights: function (n, m) { return new Float64Array(n * m).fill(CONSTANT); } },
    fixed: { label: "U(−" + FIXED + ", " + FIXED + ")", variance: function () { return (2 * FIXED) * (2 * FIXED) / 12; },
      bias: zerosBias,
      weights: function (n, m, rng) { return filled(n * m, function () { return rng.uniformRange(-FIXED, FIXED); }); } },
    std1: { label: "N(0, 1)", variance: function () { return 1; }, bias: zerosBias,
      weights: function (n, m, rng) { return filled(n * m, function () { return rng.normal(); }); } },
    // MLP's default, PyTorch's nn.Linear: weights and biases from U(-1/sqrt(fan_in), 1/sqrt(fan_in))
    pytorch: { label: "PyTorch's default U(±1/√n)", variance: function (n) { return 1 / (3 * n); },
      weights: function (n, m, rng) { var a = 1 / Math.sqrt(n); return filled(n * m, function () { return rng.uniformRange(-a, a); }); },
      bias: function (n, m, rng) { var a = 1 / Math.sqrt(n); return filled(m, function () { return rng.uniformRange(-a, a); }); } },
    xavier: { label: "Xavier U(±√(6/(n+m)))", variance: function (n, m) { return 2 / (n + m); }, bias: zerosBias,
      weights: function (n, m, rng) { var a = Math.sqrt(6 / (n + m)); return filled(n * m, function () { return rng.uniformRange(-a, a); }); } },
    he: { label: "He N(0, 2/n)", variance: function (n) { return 2 / n; }, bias: zerosBias,
      weights: function (n, m, rng) { var s = Math.sqrt(2 / n); return filled(n * m, function () { return s * rng.normal(); }); } },
  };

  // f(z) and g * f'(z) element by element, in a loop of their own per activation: a loop that calls
  // one known function runs several times faster than one calling through a variable.
  function activate(name, z, f, out) {
    var n = z.length, i;
    if (name === "tanh") for (i = 0; i < n; i++) out[i] = Math.tanh(z[i]);
    else if (name === "relu") for (i = 0; i < n; i++) out[i] = z[i] > 0 ? z[i] : 0;
    else if (name === "sigmoid") for (i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-z[i]));
    else for (i = 0; i < n; i++) out[i] = f(z[i]);
    return out;
  }
  function slopeTimes(name, z, g, df) {  // g *= f'(z), in place
    var n = z.length, i, e;
    if (name === "tanh") for (i = 0; i < n; i++) { e = Math.exp(-Math.abs(z[i])); e = e * e; g[i] *= 4 * (1 / (1 + e)) * (e / (1 + e)); }
    else if (name === "relu") for (i = 0; i < n; i++) { if (!(z[i] > 0)) g[i] *= 0; }
    else if (name === "sigmoid") for (i = 0; i < n; i++) { e = Math.exp(-Math.abs(z[i])); g[i] *= (1 / (1 + e)) * (e / (1 + e)); }
    else for (i = 0; i < n; i++) g[i] *= df(z[i]);
    return g;
  }

  // --- the network: concepts.network.MLP -----------------------------------------------------------

  function MLP(sizes, activation, init, rng) {
    if (!ACTIVATIONS[activation]) throw new Error("activation must be one of " + Object.keys(ACTIVATIONS) + ", got " + activation);
    this.sizes = sizes.slice();
    this.activation = activation;
    this.W = []; this.b = [];
    var scheme = INITIALIZERS[init || "pytorch"];
    if (!scheme) throw new Error("init must be one of " + Object.keys(INITIALIZERS) + ", got " + init);
    for (var l = 0; l + 1 < sizes.length; l++) {
      this.W.push(scheme.weights(sizes[l], sizes[l + 1], rng));
      this.b.push(scheme.bias(sizes[l], sizes[l + 1], rng));
    }
    this.inputs = []; this.z = []; this.n = 0;
    this.buffers = {};
  }
  // The arrays of a forward and a backward pass are reused from one pass to the next with the same batch
  // size (allocating them anew each step took a third of the time): what forward returns, and what
  // backward reads, hold until the next forward with as many rows.
  MLP.prototype.buffer = function (kind, layer, length) {
    var key = kind + layer, have = this.buffers[key];
    if (!have || have.length !== length) have = this.buffers[key] = new Float64Array(length);
    return have;
  };
  // [W1, b1, W2, b2, ...], the arrays the network computes with (MLP.parameters()).
  MLP.prototype.parameters = function () {
    var out = [];
    for (var l = 0; l < this.W.length; l++) out.push(this.W[l], this.b[l]);
    return out;
  };
  MLP.prototype.setParameters = function (list) {
    for (var l = 0; l < this.W.length; l++) {
      this.W[l] = Float64Array.from(list[2 * l]);
      this.b[l] = Float64Array.from(list[2 * l + 1]);
    }
  };
  // x: n rows of sizes[0] numbers, row-major; returns the output, n × sizes[-1]. Keeps each layer's input
  // and pre-activation for backward, as MLP.forward does.
  MLP.prototype.forward = function (x, n) {
    var f = ACTIVATIONS[this.activation].f, last = this.W.length - 1, h = x;
    this.inputs = []; this.z = []; this.n = n;
    for (var l = 0; l <= last; l++) {
      var fanIn = this.sizes[l], fanOut = this.sizes[l + 1], W = this.W[l], b = this.b[l];
      var z = this.buffer("z", l, n * fanOut);
      for (var r = 0; r < n; r++) {
        var rowIn = r * fanIn, rowOut = r * fanOut;
        for (var j = 0; j < fanOut; j++) {  // (h @ W)[r, j], summed over i in order, then + b
          var total = 0;
          for (var i = 0, w = j; i < fanIn; i++, w += fanOut) total += h[rowIn + i] * W[w];
          z[rowOut + j] = total + b[j];
        }
      }
      this.inputs.push(h); this.z.push(z);
      h = l < last ? activate(this.activation, z, f, this.buffer("a", l, n * fanOut)) : z;  // the output layer is linear
    }
    return h;
  };
  // g: dL/d(output), n × sizes[-1]; returns [dW1, db1, dW2, db2, ...] (MLP.backward).
  MLP.prototype.backward = function (gOut) {
    var df = ACTIVATIONS[this.activation].df, n = this.n, grads = new Array(2 * this.W.length), g = gOut;
    for (var l = this.W.length - 1; l >= 0; l--) {
      var fanIn = this.sizes[l], fanOut = this.sizes[l + 1], x = this.inputs[l], W = this.W[l];
      var db = new Float64Array(fanOut), dW = new Float64Array(fanIn * fanOut), r, j;
      for (j = 0; j < fanOut; j++) {  // g summed over the batch
        var sum = 0;
        for (r = j; r < n * fanOut; r += fanOut) sum += g[r];
        db[j] = sum;
      }
      for (var i = 0; i < fanIn; i++) {  // x.T @ g, summed over the batch in order
        for (j = 0; j < fanOut; j++) {
          var total = 0;
          for (var xi = i, gi = j, end = n * fanOut; gi < end; xi += fanIn, gi += fanOut) total += x[xi] * g[gi];
          dW[i * fanOut + j] = total;
        }
      }
      grads[2 * l] = dW; grads[2 * l + 1] = db;
      if (l > 0) {  // g @ W.T, times the activation's slope at the layer below's z
        var below = this.buffer("below", l, n * fanIn), zBelow = this.z[l - 1];
        for (var s = 0; s < n; s++) {
          for (var u = 0; u < fanIn; u++) {
            var total = 0, wr = u * fanOut, gr = s * fanOut;
            for (var v = 0; v < fanOut; v++) total += g[gr + v] * W[wr + v];
            below[s * fanIn + u] = total;
          }
        }
        g = slopeTimes(this.activation, zBelow, below, df);
      }
    }
    return grads;
  };
  // The std of each hidden layer's outputs over batch and units, after forward (depth_statistics).
  MLP.prototype.activationStd = function () {
    var out = [];
    for (var l = 1; l < this.inputs.length; l++) out.push(std(this.inputs[l]));
    return out;
  };

  function std(values) {
    var mean = 0, i;
    for (i = 0; i < values.length; i++) mean += values[i];
    mean /= values.length;
    var total = 0;
    for (i = 0; i < values.length; i++) { var d = values[i] - mean; total += d * d; }
    return Math.sqrt(total / values.length);
  }
  // The Frobenius norm, scaled by the largest entry where the plain sum of squares would leave the
  // float range (backprop._norm).
  function norm(values) {
    var total = 0, i;
    for (i = 0; i < values.length; i++) total += values[i] * values[i];
    var plain = Math.sqrt(total);
    if ((plain === 0 || !isFinite(plain))) {
      var largest = 0;
      for (i = 0; i < values.length; i++) {
        if (!isFinite(values[i])) return plain;
        largest = Math.max(largest, Math.abs(values[i]));
      }
      if (largest === 0) return 0;
      total = 0;
      for (i = 0; i < values.length; i++) { var q = values[i] / largest; total += q * q; }
      return largest * Math.sqrt(total);
    }
    return plain;
  }

  // --- optimizers: concepts.learning_rate -----------------------------------------------------------

  function SGD(lr, momentum, nesterov) {
    this.lr = lr; this.momentum = momentum || 0; this.nesterov = !!nesterov; this.velocity = null;
  }
  SGD.prototype.step = function (params, grads) {
    if (this.momentum && !this.velocity) this.velocity = [];
    for (var p = 0; p < params.length; p++) {
      var w = params[p], g = grads[p], lr = this.lr, mu = this.momentum;
      if (!mu) { for (var i = 0; i < w.length; i++) w[i] -= lr * g[i]; continue; }
      var b = this.velocity[p];
      if (!b) b = this.velocity[p] = Float64Array.from(g);  // the first step: no history yet
      else for (var j = 0; j < w.length; j++) b[j] = b[j] * mu + g[j];
      if (this.nesterov) for (var k = 0; k < w.length; k++) w[k] -= lr * (g[k] + mu * b[k]);
      else for (var q = 0; q < w.length; q++) w[q] -= lr * b[q];
    }
  };

  function Adam(lr, beta1, beta2, eps) {
    this.lr = lr;
    this.beta1 = beta1 === undefined ? 0.9 : beta1;
    this.beta2 = beta2 === undefined ? 0.999 : beta2;
    this.eps = eps === undefined ? 1e-8 : eps;
    this.t = 0; this.m = null; this.v = null;
  }
  Adam.prototype.step = function (params, grads) {
    if (!this.m) {
      this.m = params.map(function (p) { return new Float64Array(p.length); });
      this.v = params.map(function (p) { return new Float64Array(p.length); });
    }
    this.t += 1;
    var b1 = this.beta1, b2 = this.beta2, t = this.t;
    var stepSize = this.lr / (1 - Math.pow(b1, t)), correction = Math.sqrt(1 - Math.pow(b2, t));
    for (var p = 0; p < params.length; p++) {
      var w = params[p], g = grads[p], m = this.m[p], v = this.v[p];
      for (var i = 0; i < w.length; i++) {
        m[i] = m[i] * b1 + (1 - b1) * g[i];
        v[i] = v[i] * b2 + (1 - b2) * g[i] * g[i];
        w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / correction + this.eps);
      }
    }
  };

  // --- schedules: concepts.learning_rate.schedules --------------------------------------------------
  // rate(lr0, step, total): the rate of step `step` (from 0) of a run of `total` steps.
  var SCHEDULES = {
    constant: { label: "constant", rate: function (lr0) { return lr0; } },
    step: { label: "halve every quarter", rate: function (lr0, step, total) {  // step_lr(lr0, step, total // 4, 0.5)
      var size = Math.max(1, Math.floor(total / 4));
      return lr0 * Math.pow(0.5, Math.floor(step / size));
    } },
    exponential: { label: "exponential, to 1 % at the end", rate: function (lr0, step, total) {  // exponential_lr(lr0, step, 0.01 ** (1 / total))
      return lr0 * Math.pow(Math.pow(0.01, 1 / total), step);
    } },
    cosine: { label: "cosine to 0", rate: function (lr0, step, total) {  // cosine_annealing_lr(lr0, step, total)
      return 0 + (lr0 - 0) * ((1 + Math.cos(Math.PI * step / total)) / 2);
    } },
  };

  // --- data: concepts.datasets ---------------------------------------------------------------------

  // numpy.linspace(start, stop, num, endpoint): k * step + start, the last point exactly stop.
  function linspace(start, stop, num, endpoint) {
    var out = new Float64Array(num), div = endpoint ? num - 1 : num;
    if (num === 1) { out[0] = start; return out; }
    var step = (stop - start) / div;
    for (var k = 0; k < num; k++) out[k] = k * step + start;
    if (endpoint) out[num - 1] = stop;
    return out;
  }
  function dataset(n, place) {  // {x: n × 2, y: n}, class 0 first, from place(x, y, nA, nB)
    var x = new Float64Array(2 * n), y = new Float64Array(n), nA = Math.floor(n / 2);
    place(x, nA, n - nA);
    for (var i = nA; i < n; i++) y[i] = 1;
    return { x: x, y: y, n: n };
  }
  var DATASETS = {
    moons: { label: "two moons", noise: 0.1, points: function (n) {
      return dataset(n, function (x, nA, nB) {
        var tA = linspace(0, Math.PI, nA, true), tB = linspace(0, Math.PI, nB, true);
        for (var i = 0; i < nA; i++) { x[2 * i] = Math.cos(tA[i]); x[2 * i + 1] = Math.sin(tA[i]); }
        for (var j = 0; j < nB; j++) { x[2 * (nA + j)] = 1 - Math.cos(tB[j]); x[2 * (nA + j) + 1] = 0.5 - Math.sin(tB[j]); }
      });
    } },
    xor: { label: "XOR", noise: 0.3, points: function (n) {
      return dataset(n, function (x, nA, nB) {
        for (var i = 0; i < nA; i++) { var s = i % 2 ? 1 : -1; x[2 * i] = s; x[2 * i + 1] = s; }
        for (var j = 0; j < nB; j++) { var t = j % 2 ? 1 : -1; x[2 * (nA + j)] = t; x[2 * (nA + j) + 1] = -t; }
      });
    } },
    circles: { label: "circles", noise: 0.1, points: function (n) {
      return dataset(n, function (x, nA, nB) {
        var tA = linspace(0, 2 * Math.PI, nA, false), tB = linspace(0, 2 * Math.PI, nB, false);
        for (var i = 0; i < nA; i++) { x[2 * i] = Math.cos(tA[i]); x[2 * i + 1] = Math.sin(tA[i]); }
        for (var j = 0; j < nB; j++) { x[2 * (nA + j)] = 0.5 * Math.cos(tB[j]); x[2 * (nA + j) + 1] = 0.5 * Math.sin(tB[j]); }
      });
    } },
    spiral: { label: "spiral", noise: 0.05, points: function (n) {
      return dataset(n, function (x, nA, nB) {
        [[0, nA], [nA, nB]].forEach(function (part, c) {
          var t = linspace(0, 1, part[1], true);
          for (var k = 0; k < part[1]; k++) {
            var r = 0.2 + 0.8 * t[k], theta = 2 * Math.PI * 1.5 * t[k] + Math.PI * c, row = 2 * (part[0] + k);
            x[row] = r * Math.cos(theta); x[row + 1] = r * Math.sin(theta);
          }
        });
      });
    } },
  };
  // Each data set's `noise` is the one the playground suggests when a reader picks it (its arms or rings
  // still visible), not necessarily the default of its function in concepts.datasets.
  // The data set `name` with n points, Gaussian noise of std `noise` added from rng (concepts.datasets).
  function makeData(name, n, noise, rng) {
    var spec = DATASETS[name];
    if (!spec) throw new Error("data must be one of " + Object.keys(DATASETS) + ", got " + name);
    var data = spec.points(n);
    if (noise > 0) for (var i = 0; i < data.x.length; i++) data.x[i] += noise * rng.normal();
    return data;
  }
  function take(data, index) {  // the rows `index` of data, as a new data set
    var x = new Float64Array(2 * index.length), y = new Float64Array(index.length);
    for (var i = 0; i < index.length; i++) {
      x[2 * i] = data.x[2 * index[i]]; x[2 * i + 1] = data.x[2 * index[i] + 1]; y[i] = data.y[index[i]];
    }
    return { x: x, y: y, n: index.length };
  }

  // --- 2/L of a linear model's squared error --------------------------------------------------------
  // For z = x @ w + b and L(w, b) = mean((z - y)^2), the Hessian is (2/n) A^T A with A = [x, 1]: the loss
  // is a quadratic bowl, and gradient descent on it converges exactly when the rate is below 2/L, L the
  // Hessian's largest eigenvalue (Jacobi's method on the 3 × 3 symmetric matrix).
  function hessianLinearMSE(x, n) {
    var H = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    for (var r = 0; r < n; r++) {
      var a = [x[2 * r], x[2 * r + 1], 1];
      for (var i = 0; i < 3; i++) for (var j = 0; j < 3; j++) H[i][j] += a[i] * a[j];
    }
    for (var p = 0; p < 3; p++) for (var q = 0; q < 3; q++) H[p][q] *= 2 / n;
    return H;
  }
  function symmetricEigenvalues(A) {
    var M = A.map(function (row) { return row.slice(); }), size = M.length;
    for (var sweep = 0; sweep < 100; sweep++) {
      var off = 0;
      for (var i = 0; i < size; i++) for (var j = i + 1; j < size; j++) off += M[i][j] * M[i][j];
      if (off < 1e-300) break;
      for (var p = 0; p < size; p++) {
        for (var q = p + 1; q < size; q++) {
          if (M[p][q] === 0) continue;
          var theta = (M[q][q] - M[p][p]) / (2 * M[p][q]);
          var t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          var c = 1 / Math.sqrt(t * t + 1), s = t * c;
          for (var k = 0; k < size; k++) {  // rotate columns p and q, then rows p and q
            var mkp = M[k][p], mkq = M[k][q];
            M[k][p] = c * mkp - s * mkq; M[k][q] = s * mkp + c * mkq;
          }
          for (var h = 0; h < size; h++) {
            var mph = M[p][h], mqh = M[q][h];
            M[p][h] = c * mph - s * mqh; M[q][h] = s * mph + c * mqh;
          }
        }
      }
    }
    return M.map(function (row, i) { return row[i]; }).sort(function (a, b) { return a - b; });
  }
  function linearMSESharpness(x, n) {
    var eig = symmetricEigenvalues(hessianLinearMSE(x, n));
    return eig[eig.length - 1];
  }

  // --- a training run: what the playground does each step ------------------------------------------

  var DEFAULTS = {
    data: "moons", noise: 0.1, points: 400, heldOut: 0.5, seed: 1,
    hidden: [16, 16], activation: "tanh", init: "pytorch",
    loss: "cross_entropy", optimizer: "adam", lr: 0.01, momentum: 0.9, schedule: "constant",
    batch: 0,  // 0: the whole training set
    steps: 1000,
  };
  // A training run from settings: data (the training set, then the held-out set, split at random),
  // the network, the optimizer; step() takes one step on the next batch.
  function Trainer(settings) {
    var s = {};
    Object.keys(DEFAULTS).forEach(function (key) { s[key] = settings && key in settings ? settings[key] : DEFAULTS[key]; });
    this.settings = s;
    var rng = new Rng(s.seed);
    var all = makeData(s.data, s.points, s.noise, rng);
    var order = rng.permutation(all.n), nHeld = Math.round(all.n * s.heldOut);
    this.train = take(all, order.subarray(nHeld));
    this.held = take(all, order.subarray(0, nHeld));
    this.sizes = [2].concat(s.hidden, [1]);
    this.net = new MLP(this.sizes, s.activation, s.init, rng);
    this.rng = rng;
    this.optimizer = s.optimizer === "adam" ? new Adam(s.lr) : new SGD(s.lr, s.momentum, false);
    this.loss = LOSSES[s.loss];
    if (!this.loss) throw new Error("loss must be one of " + Object.keys(LOSSES) + ", got " + s.loss);
    if (!SCHEDULES[s.schedule]) throw new Error("schedule must be one of " + Object.keys(SCHEDULES) + ", got " + s.schedule);
    this.step = 0;
    this.queue = [];  // the rest of this epoch's shuffled training indices
    this.last = null;  // what the last step measured
  }
  Trainer.prototype.nextBatch = function () {
    var size = this.settings.batch > 0 ? Math.min(this.settings.batch, this.train.n) : this.train.n;
    if (size === this.train.n) return null;  // the whole training set, in its order
    if (this.queue.length < size) {  // a new epoch: the left-overs first, then a fresh shuffle
      var fresh = Array.prototype.slice.call(this.rng.permutation(this.train.n));
      this.queue = this.queue.concat(fresh);
    }
    return this.queue.splice(0, size);
  };
  Trainer.prototype.rate = function (step) {
    return SCHEDULES[this.settings.schedule].rate(this.settings.lr, step, this.settings.steps);
  };
  // One step on `batch` (training-set indices; null: all of it). Returns the batch's loss before the step.
  Trainer.prototype.trainStep = function (batch) {
    if (batch === undefined) batch = this.nextBatch();
    var data = batch ? take(this.train, batch) : this.train;
    var z = this.net.forward(data.x, data.n);
    var lossValue = this.loss.value(z, data.y);
    var grads = this.net.backward(this.loss.grad(z, data.y));
    this.optimizer.lr = this.rate(this.step);
    this.last = { loss: lossValue, grads: grads };
    this.optimizer.step(this.net.parameters(), grads);
    this.step += 1;
    return lossValue;
  };
  // Loss and accuracy on a data set (the training or the held-out one), without training.
  Trainer.prototype.evaluate = function (data) {
    var z = this.net.forward(data.x, data.n), right = 0;
    for (var i = 0; i < data.n; i++) if (predict(this.settings.loss, z[i]) === data.y[i]) right += 1;
    var finite = true;
    for (var k = 0; k < z.length; k++) if (!isFinite(z[k])) { finite = false; break; }
    return { loss: finite ? this.loss.value(z, data.y) : Infinity, accuracy: right / data.n };
  };
  // Per layer, on the whole training set: the std of each hidden layer's output, and ||dL/dW||.
  Trainer.prototype.layerStatistics = function () {
    var z = this.net.forward(this.train.x, this.train.n);
    var activationStd = this.net.activationStd();
    var grads = this.net.backward(this.loss.grad(z, this.train.y)), gradNorm = [];
    for (var l = 0; l < grads.length; l += 2) gradNorm.push(norm(grads[l]));
    return { activationStd: activationStd, gradNorm: gradNorm };
  };
  // The network's output over a grid of points (for the decision boundary): cols × rows numbers.
  Trainer.prototype.grid = function (x0, x1, y0, y1, cols, rows) {
    var points = new Float64Array(2 * cols * rows);
    for (var r = 0; r < rows; r++) for (var c = 0; c < cols; c++) {
      var i = 2 * (r * cols + c);
      points[i] = x0 + (c + 0.5) * (x1 - x0) / cols;
      points[i + 1] = y1 - (r + 0.5) * (y1 - y0) / rows;
    }
    return this.net.forward(points, cols * rows);
  };

  // --- Value: concepts.chain_rule.Value -------------------------------------------------------------

  var created = 0;
  function Value(data, inputs, localGrads, op, label) {
    this.data = data; this.grad = 0;
    this.inputs = inputs || []; this.localGrads = localGrads || [];
    this.op = op || ""; this.label = label || "";
    this.number = created++;  // creation order is a topological order
  }
  function lift(other) { return other instanceof Value ? other : null; }
  Value.prototype.add = function (o) {
    var v = lift(o);
    return v ? new Value(this.data + v.data, [this, v], [1, 1], "+") : new Value(this.data + o, [this], [1], "+");
  };
  Value.prototype.sub = function (o) {
    var v = lift(o);
    return v ? new Value(this.data - v.data, [this, v], [1, -1], "-") : new Value(this.data - o, [this], [1], "-");
  };
  Value.prototype.mul = function (o) {
    var v = lift(o);
    return v ? new Value(this.data * v.data, [this, v], [v.data, this.data], "*") : new Value(this.data * o, [this], [o], "*");
  };
  Value.prototype.pow = function (n) {  // whole or positive exponents, as the page's graphs use
    var x = this.data;
    return new Value(Math.pow(x, n), [this], [n !== 0 ? n * Math.pow(x, n - 1) : 0], "**" + n);
  };
  Value.prototype.relu = function () {
    return this.data > 0 ? new Value(this.data, [this], [1], "relu") : new Value(0, [this], [0], "relu");
  };
  Value.prototype.tanh = function () { var t = Math.tanh(this.data); return new Value(t, [this], [1 - t * t], "tanh"); };
  Value.prototype.exp = function () { var e = Math.exp(this.data); return new Value(e, [this], [e], "exp"); };
  Value.prototype.sigmoid = function () {
    var e = Math.exp(-Math.abs(this.data)), hi = 1 / (1 + e), lo = e / (1 + e);
    return new Value(this.data >= 0 ? hi : lo, [this], [hi * lo], "sigmoid");
  };
  // Every value root depends on, each after its inputs (topological_order).
  function topologicalOrder(root) {
    var seen = new Set([root]), stack = [root], found = [root];
    while (stack.length) {
      stack.pop().inputs.forEach(function (child) {
        if (!seen.has(child)) { seen.add(child); stack.push(child); found.push(child); }
      });
    }
    return found.sort(function (a, b) { return a.number - b.number; });
  }
  // The backward pass one node at a time: each call to next() visits one node, from root back to the
  // leaves, and returns {node, upstream, passed: [{to, local, amount}]}; run() does them all (backward()).
  function BackwardPass(root, gradient) {
    this.order = topologicalOrder(root).reverse();
    this.pending = new Map([[root, gradient === undefined ? 1 : gradient]]);
    this.index = 0;
  }
  BackwardPass.prototype.done = function () { return this.index >= this.order.length; };
  BackwardPass.prototype.next = function () {
    var node = this.order[this.index++], upstream = this.pending.get(node), pending = this.pending, passed = [];
    pending.delete(node);
    node.grad += upstream;
    node.inputs.forEach(function (child, i) {
      var amount = node.localGrads[i] * upstream;
      pending.set(child, (pending.get(child) || 0) + amount);
      passed.push({ to: child, local: node.localGrads[i], amount: amount });
    });
    return { node: node, upstream: upstream, passed: passed };
  };
  Value.prototype.backward = function (gradient) {
    var pass = new BackwardPass(this, gradient);
    while (!pass.done()) pass.next();
  };

  root.NNEngine = {
    Rng: Rng,
    sigmoid: sigmoid, sigmoidGrad: sigmoidGrad, tanh: Math.tanh, tanhGrad: tanhGrad,
    relu: relu, reluGrad: reluGrad, leakyRelu: leakyRelu, leakyReluGrad: leakyReluGrad,
    ACTIVATIONS: ACTIVATIONS, LOSSES: LOSSES, predict: predict, INITIALIZERS: INITIALIZERS,
    MLP: MLP, SGD: SGD, Adam: Adam, SCHEDULES: SCHEDULES, DATASETS: DATASETS,
    linspace: linspace, makeData: makeData, take: take, std: std, norm: norm,
    linearMSESharpness: linearMSESharpness, symmetricEigenvalues: symmetricEigenvalues,
    DEFAULTS: DEFAULTS, Trainer: Trainer,
    Value: Value, topologicalOrder: topologicalOrder, BackwardPass: BackwardPass,
  };
})(typeof window !== "undefined" ? window : globalThis);
