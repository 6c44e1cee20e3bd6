// Render math with KaTeX, served from this site (assets/katex), on every page view.
// Material's instant navigation swaps pages without reloading, so render on its document$ observable.
(function () {
  "use strict";
  var bracket = [
    { left: "\\[", right: "\\]", display: true },
    { left: "\\(", right: "\\)", display: false },
  ];
  // Notebook markdown keeps TeX's dollar delimiters; ordinary pages use arithmatex's brackets only,
  // so a dollar sign in prose is never taken for math.
  var dollar = [{ left: "$$", right: "$$", display: true }, { left: "$", right: "$", display: false }];
  function render(root) {
    root.querySelectorAll(".arithmatex").forEach(function (el) {
      renderMathInElement(el, { delimiters: bracket, throwOnError: false });
    });
    root.querySelectorAll(".jp-RenderedMarkdown").forEach(function (el) {
      renderMathInElement(el, { delimiters: dollar.concat(bracket), throwOnError: false });
    });
  }
  // Opened from disk (the offline edition), Material's document$ never emits: render once on load.
  if (location.protocol === "file:") {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { render(document.body); });
    } else render(document.body);
  } else document$.subscribe(function (doc) { render(doc.body || document.body); });
})();
