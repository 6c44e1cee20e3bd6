// Interactive figures: a slider over precomputed frames, drawn as SVG. No library, no other host.
//
// A page places   <div class="nn-widget" data-src="../figures/NAME.json"></div>
// and a figure script (scripts/plot_*.py, through sitebuild.figure_style.save_json) writes NAME.json (the offline
// edition, read from file://, where fetch cannot work, has it inlined as <script class="nn-widget-data">):
//   { "title": str, "slider": {"label": str, "values": [..], "labels": [..], "initial": int},
//     "panels": [{"title", "xlabel", "ylabel", "xlim": [a, b], "ylim": [a, b],
//                 "xscale": "linear"|"log", "yscale": "linear"|"log", "aspect": "equal"|null,
//                 "legend": "upper right"|"upper left"|"lower right"|"lower left"|"none",
//                 "static": [series, ...]}],
//     "frames": [{"caption": str, "panels": [{"series": [series, ...]}]}] }
//   series = {"points": [[x, y], ...], "color": 0..5 | "fg" | "muted", "label": str?,
//             "width": number?, "dash": bool?, "markers": bool?, "fill": bool?}
// A point [x, null] breaks a line. Colours come from CSS variables, so both palettes work; the widget
// is (re)built on every page view, which Material's instant navigation signals through document$.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var W = 340, H = 250, M = { left: 52, right: 12, top: 26, bottom: 42 };

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function scale(kind, domain, range) {
    var log = kind === "log";
    var f = log ? Math.log10 : function (v) { return v; };
    var d0 = f(domain[0]), d1 = f(domain[1]);
    var s = function (v) { return range[0] + (f(v) - d0) / (d1 - d0) * (range[1] - range[0]); };
    s.ticks = function (count) {
      if (log) {  // decades, every second or third one when there are too many to label
        var out = [], first = Math.ceil(d0), last = Math.floor(d1);
        var every = Math.max(1, Math.ceil((last - first + 1) / 6));
        for (var e = first; e <= last; e += every) out.push(Math.pow(10, e));
        return out;
      }
      var span = d1 - d0, step = Math.pow(10, Math.floor(Math.log10(span / count)));
      if (span / step > count * 5) step *= 5; else if (span / step > count * 2) step *= 2;
      var ticks = [];
      for (var t = Math.ceil(d0 / step) * step; t <= d1 + step * 1e-9; t += step) ticks.push(+t.toPrecision(12));
      return ticks;
    };
    s.log = log;
    return s;
  }

  function fmt(v, log) {
    if (log) return v >= 1e4 || v < 1e-3 ? "1e" + Math.round(Math.log10(v)) : String(+v.toPrecision(3));
    var a = Math.abs(v);
    return a !== 0 && (a >= 1e4 || a < 1e-3) ? v.toExponential(0) : String(+v.toPrecision(4));
  }

  function colorClass(color) {
    return typeof color === "number" ? "nn-c" + color : "nn-" + (color || "fg");
  }

  function drawSeries(g, series, x, y) {
    var parts = [], current = [];
    series.points.forEach(function (p) {
      if (p[1] === null || !isFinite(p[1]) || !isFinite(p[0])) {
        if (current.length) parts.push(current);
        current = [];
      } else current.push(x(p[0]).toFixed(2) + "," + y(p[1]).toFixed(2));
    });
    if (current.length) parts.push(current);
    var cls = colorClass(series.color);
    parts.forEach(function (pts) {
      var line = el("polyline", { points: pts.join(" "), "class": "nn-line " + cls }, g);
      if (series.width) line.style.strokeWidth = series.width;
      if (series.dash) line.style.strokeDasharray = "5 4";
      if (series.fill) line.classList.add("nn-fill");
      if (series.markers) pts.forEach(function (p) {
        var xy = p.split(",");
        el("circle", { cx: xy[0], cy: xy[1], r: 3, "class": "nn-marker " + cls }, g);
      });
    });
  }

  function panel(svg, spec, index, count, stacked) {
    var width = count > 1 || stacked ? W : W * 1.4;
    var g = el("g", { transform: stacked ? "translate(0," + (index * H) + ")" : "translate(" + (index * W) + ",0)" }, svg);
    var innerW = width - M.left - M.right, innerH = H - M.top - M.bottom;
    var left = M.left, right = M.left + innerW, top = M.top, bottom = M.top + innerH;
    if (spec.aspect === "equal") {  // same units on both axes: shrink one side
      var ux = innerW / (spec.xlim[1] - spec.xlim[0]), uy = innerH / (spec.ylim[1] - spec.ylim[0]);
      if (ux > uy) { var w = uy * (spec.xlim[1] - spec.xlim[0]); left += (innerW - w) / 2; right = left + w; }
      else { var h = ux * (spec.ylim[1] - spec.ylim[0]); top += (innerH - h) / 2; bottom = top + h; }
    }
    var x = scale(spec.xscale, spec.xlim, [left, right]);
    var y = scale(spec.yscale, spec.ylim, [bottom, top]);
    var axes = el("g", { "class": "nn-axes" }, g);
    x.ticks(4).forEach(function (t) {
      el("line", { x1: x(t), x2: x(t), y1: top, y2: bottom, "class": "nn-grid" }, axes);
      el("text", { x: x(t), y: bottom + 14, "text-anchor": "middle" }, axes).textContent = fmt(t, x.log);
    });
    y.ticks(4).forEach(function (t) {
      el("line", { x1: left, x2: right, y1: y(t), y2: y(t), "class": "nn-grid" }, axes);
      el("text", { x: left - 5, y: y(t) + 4, "text-anchor": "end" }, axes).textContent = fmt(t, y.log);
    });
    el("rect", { x: left, y: top, width: right - left, height: bottom - top, "class": "nn-frame" }, axes);
    el("text", { x: (left + right) / 2, y: 16, "text-anchor": "middle", "class": "nn-title" }, axes)
      .textContent = spec.title || "";
    el("text", { x: (left + right) / 2, y: H - 6, "text-anchor": "middle" }, axes).textContent = spec.xlabel || "";
    el("text", { transform: "translate(12," + (top + bottom) / 2 + ") rotate(-90)", "text-anchor": "middle" }, axes)
      .textContent = spec.ylabel || "";
    var clipId = "nn-clip-" + Math.random().toString(36).slice(2);
    var clip = el("clipPath", { id: clipId }, g);
    el("rect", { x: left, y: top, width: right - left, height: bottom - top }, clip);
    var plot = el("g", { "clip-path": "url(#" + clipId + ")" }, g);
    (spec.static || []).forEach(function (s) { drawSeries(plot, s, x, y); });
    var live = el("g", { "class": "nn-live" }, plot);
    var legend = el("g", { "class": "nn-legend" }, g);
    return { live: live, legend: legend, x: x, y: y, left: left, right: right, top: top, bottom: bottom, spec: spec };
  }

  // Text widths from a canvas, in the widget's font: measuring the SVG (getBBox) would make the browser
  // lay out the whole page again for every legend.
  var measure = null;
  function textWidth(text) {
    if (!measure) {
      measure = document.createElement("canvas").getContext("2d");
      var family = getComputedStyle(document.body).getPropertyValue("--md-text-font-family") || "sans-serif";
      measure.font = "11px " + family.trim().replace(/^var\(.*\)$/, "sans-serif") + ", sans-serif";
    }
    return measure.measureText(text).width;
  }

  // The legend sits in a box in one corner: spec.legend is "upper right" (default), "upper left",
  // "lower right", "lower left" or "none".
  function legendFor(p, series) {
    while (p.legend.firstChild) p.legend.removeChild(p.legend.firstChild);
    var where = p.spec.legend || "upper right";
    var labelled = (p.spec.static || []).concat(series).filter(function (s) { return s.label; });
    if (!labelled.length || where === "none") return;
    var box = el("rect", { "class": "nn-legend-box", rx: 3 }, p.legend);
    var rows = el("g", {}, p.legend);
    labelled.forEach(function (s, i) {
      var yy = 12 + i * 15;
      var swatch = el("line", { x1: 6, x2: 22, y1: yy - 4, y2: yy - 4, "class": "nn-line " + colorClass(s.color) }, rows);
      if (s.dash) swatch.style.strokeDasharray = "4 3";
      el("text", { x: 27, y: yy }, rows).textContent = s.label;
    });
    var widest = Math.max.apply(null, labelled.map(function (s) { return textWidth(s.label); }));
    var width = widest + 27 + 8, height = labelled.length * 15 + 4;
    box.setAttribute("width", width); box.setAttribute("height", height);
    var left = where.indexOf("left") >= 0 ? p.left + 6 : p.right - width - 6;
    var top = where.indexOf("lower") >= 0 ? p.bottom - height - 6 : p.top + 6;
    p.legend.setAttribute("transform", "translate(" + left + "," + top + ")");
  }

  // Side by side, the panels' text (11 units) must still show at 9.5 CSS px or more; on a narrower
  // screen (a phone) they are stacked, each as wide as the widget.
  var MIN_SCALE = 9.5 / 11;

  function isStacked(root, count) {
    var wide = count > 1 ? W * count : W * 1.4;
    return root.clientWidth > 0 && root.clientWidth / wide < MIN_SCALE;
  }

  function build(root, data, initial) {
    root.textContent = "";
    root.classList.add("nn-ready");
    var count = data.panels.length;
    var stacked = isStacked(root, count);
    root.setAttribute("data-layout", stacked ? "stacked" : "row");
    var width = stacked ? W : (count > 1 ? W * count : W * 1.4);
    var height = stacked ? H * count : H;
    if (data.title) {
      var heading = document.createElement("div");
      heading.className = "nn-widget-title";
      heading.textContent = data.title;
      root.appendChild(heading);
    }
    var controls = document.createElement("label");
    controls.className = "nn-controls";
    var name = document.createElement("span");
    name.textContent = data.slider.label + " ";
    var input = document.createElement("input");
    input.type = "range"; input.min = 0; input.max = data.frames.length - 1; input.step = 1;
    input.value = initial === undefined ? (data.slider.initial || 0) : initial;
    input.setAttribute("aria-label", data.slider.label);
    var value = document.createElement("output");
    controls.appendChild(name); controls.appendChild(input); controls.appendChild(value);
    root.appendChild(controls);
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "class": "nn-svg" });
    svg.setAttribute("aria-label", data.title || data.slider.label);
    root.appendChild(svg);
    var caption = document.createElement("div");
    caption.className = "nn-caption";
    caption.setAttribute("aria-live", "polite");
    root.appendChild(caption);
    var panels = data.panels.map(function (spec, i) { return panel(svg, spec, i, count, stacked); });

    function show(index) {
      var frame = data.frames[index];
      value.textContent = (data.slider.labels || data.slider.values)[index];
      caption.textContent = frame.caption || "";
      panels.forEach(function (p, i) {
        while (p.live.firstChild) p.live.removeChild(p.live.firstChild);
        var series = (frame.panels[i] || { series: [] }).series;
        series.forEach(function (s) { drawSeries(p.live, s, p.x, p.y); });
        legendFor(p, series);
      });
      root.setAttribute("data-frame", String(index));
    }
    input.addEventListener("input", function () { show(+input.value); });
    show(+input.value);
    // Rotating a phone or resizing a window can cross the threshold: lay the panels out again.
    if (window.ResizeObserver && !root.nnObserved) {
      root.nnObserved = true;
      new ResizeObserver(function () {
        if (isStacked(root, count) !== (root.getAttribute("data-layout") === "stacked")) {
          build(root, data, +root.querySelector("input").value);
        }
      }).observe(root);
    }
  }

  // A widget is built when it comes near the screen, not while the page loads.
  function init(doc) {
    var widgets = [].slice.call((doc || document).querySelectorAll(".nn-widget[data-src]:not(.nn-ready)"));
    if (!window.IntersectionObserver) { widgets.forEach(load); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); load(entry.target); }
      });
    }, { rootMargin: "400px 0px" });
    widgets.forEach(function (root) { observer.observe(root); });
  }

  function load(root) {
    if (root.classList.contains("nn-ready")) return;
    var inline = root.querySelector("script.nn-widget-data");  // the offline edition inlines the data
    if (inline) { build(root, JSON.parse(inline.textContent)); return; }
    fetch(root.getAttribute("data-src"))
      .then(function (r) { if (!r.ok) throw new Error(r.status + " " + r.url); return r.json(); })
      .then(function (data) { build(root, data); })
      .catch(function (error) {
        root.textContent = "This interactive figure could not load its data (" + error.message + ").";
        console.error("nn-widget:", error);
      });
  }

  // Material wraps each table in a box that scrolls sideways on a narrow screen; a keyboard must be
  // able to reach it (WCAG 2.1.1, axe: scrollable-region-focusable).
  function focusableScrollBoxes(doc) {
    (doc || document).querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (box) {
      box.tabIndex = 0;
    });
  }

  // The API section is a closed <details> whose content waits in a <template> until the reader opens
  // it (sitebuild/accessibility.py); a link to a function in it opens it.
  function unfold(details) {
    var body = details.querySelector("template.nn-api-body");
    if (!body) return;
    details.appendChild(body.content);
    body.remove();
    details.querySelectorAll("table, pre > code").forEach(function (box) {  // may scroll sideways: keyboard too
      if (!box.hasAttribute("tabindex")) box.tabIndex = 0;
    });
  }
  document.addEventListener("toggle", function (event) {
    if (event.target.matches && event.target.matches("details.nn-api") && event.target.open) unfold(event.target);
  }, true);

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    if (!document.getElementById(id)) {
      document.querySelectorAll("template.nn-api-body").forEach(function (body) {
        if (body.content.getElementById(id)) unfold(body.parentElement);
      });
    }
    var target = document.getElementById(id), opened = false;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) { node.open = true; opened = true; }
    }
    if (opened) target.scrollIntoView();
  }
  window.addEventListener("hashchange", openTarget);

  // The playground and the chain-rule page's backward-pass stepper train and compute in the browser, on
  // javascripts/playground/engine.js: their scripts and stylesheet are fetched only by a page that holds
  // one (a <script> element, which works from file:// too), once, and mount every element they find.
  var HERE = (document.currentScript && document.currentScript.src) || "";
  var BASE = HERE.slice(0, HERE.lastIndexOf("/") + 1);  // .../javascripts/
  var LIVE = [
    { selector: ".nn-playground", scripts: ["playground/engine.js", "playground/playground.js"], css: "playground.css",
      mount: "NNPlayground" },
    { selector: ".nn-backprop", scripts: ["playground/engine.js", "playground/backprop.js"], css: "backprop.css",
      mount: "NNBackprop" },
  ];
  var loaded = {};
  function loadOnce(url, kind) {
    if (!loaded[url]) loaded[url] = new Promise(function (resolve, reject) {
      var node = kind === "css" ? document.createElement("link") : document.createElement("script");
      if (kind === "css") { node.rel = "stylesheet"; node.href = url; } else { node.src = url; node.async = false; }
      node.onload = resolve;
      node.onerror = function () { reject(new Error("could not load " + url)); };
      document.head.appendChild(node);
    });
    return loaded[url];
  }
  function mountLive(doc) {
    LIVE.forEach(function (kind) {
      var roots = (doc || document).querySelectorAll(kind.selector);
      if (!roots.length) return;
      var css = loadOnce(BASE.replace(/javascripts\/$/, "stylesheets/") + kind.css, "css");
      var scripts = kind.scripts.map(function (src) { return loadOnce(BASE + src, "js"); });
      Promise.all(scripts).then(function () {
        return css.catch(function () {});  // unstyled is still usable
      }).then(function () {
        // after the page's first frame is painted: the reader sees the text at once, the view a moment later
        requestAnimationFrame(function () {
          setTimeout(function () { roots.forEach(function (root) { window[kind.mount].mount(root); }); }, 0);
        });
      }).catch(function (error) {
        roots.forEach(function (root) { root.textContent = "This interactive part could not load (" + error.message + ")."; });
        console.error("nn-live:", error);
      });
    });
  }

  function onPage(doc) {
    init(doc);
    mountLive(doc);
    if (location.hash) openTarget();
    focusableScrollBoxes(doc);
    requestAnimationFrame(function () { focusableScrollBoxes(doc); });  // after Material's own mounting
  }

  // Opened from disk (the offline edition), Material's document$ never emits: build once on load.
  if (location.protocol === "file:") {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { onPage(document); });
    } else onPage(document);
  } else document$.subscribe(function () { onPage(document); });
})();
