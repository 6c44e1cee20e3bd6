// Render TeX to HTML with KaTeX, for sitebuild/math.py: the build runs this once and talks to it
// over stdin/stdout, one JSON line each way per batch.
//
//   in:  [{"tex": "a^2", "display": false}, ...]
//   out: [{"html": "<span class=\"katex\">..."} | {"error": "KaTeX parse error: ..."}, ...]
//
// Usage: node katex_render.js <path of node_modules/katex>
"use strict";
const path = require("path");
const readline = require("readline");
const katex = require(path.resolve(process.argv[2] || "node_modules/katex"));

function render(item) {
  try {
    return { html: katex.renderToString(item.tex, { displayMode: !!item.display, throwOnError: true,
                                                    strict: "error", output: "htmlAndMathml" }) };
  } catch (error) {
    return { error: String(error.message || error) };
  }
}

readline.createInterface({ input: process.stdin, terminal: false }).on("line", (line) => {
  if (!line.trim()) return;
  process.stdout.write(JSON.stringify(JSON.parse(line).map(render)) + "\n");
});
