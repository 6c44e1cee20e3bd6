// Run Lighthouse (pinned in package.json) on one URL with Debian's Chromium; print a JSON summary.
//
//   node sitebuild/lighthouse.mjs <url> <mobile|desktop> [chromium path]
//
// prints {"scores": {performance, accessibility, "best-practices", seo} (0-100),
//         "metrics": {fcp, lcp, tbt, cls, si} (ms, CLS unitless), "bytes": transfer bytes,
//         "requests": n, "failing": {category: [audit ids that failed]}}
//
// LIGHTHOUSE_REPORT=file.json also writes the whole report there.
//
// One trace category is left out: with Debian's Chromium 156, Lighthouse 12.2.3's
// `disabled-by-default-devtools.timeline.invalidationTracking` (unscored; used for layout-shift root
// causes) overflows the trace buffer on long pages, which gives NO_FCP or a score read off a cut trace.
import fs from "node:fs";
import lighthouse, { desktopConfig } from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import Trace from "lighthouse/core/gather/gatherers/trace.js";

const [url, formFactor = "mobile", chromePath = "/usr/bin/chromium"] = process.argv.slice(2);
const defaults = Trace.getDefaultTraceCategories;
Trace.getDefaultTraceCategories = () => defaults().filter((c) => !c.includes("invalidationTracking"));

const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
try {
  const config = formFactor === "desktop" ? desktopConfig : undefined;
  const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error" }, config);
  const lhr = result.lhr;
  if (process.env.LIGHTHOUSE_REPORT) fs.writeFileSync(process.env.LIGHTHOUSE_REPORT, result.report);
  if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  const audit = (id) => lhr.audits[id] || {};
  const failing = {};
  for (const [name, category] of Object.entries(lhr.categories)) {
    failing[name] = category.auditRefs.filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
      .map((a) => a.id);
  }
  const scores = Object.fromEntries(Object.entries(lhr.categories)
    .map(([name, c]) => [name, c.score === null ? null : Math.round(c.score * 100)]));
  process.stdout.write(JSON.stringify({
    url, formFactor, scores,
    metrics: {
      fcp: audit("first-contentful-paint").numericValue, lcp: audit("largest-contentful-paint").numericValue,
      tbt: audit("total-blocking-time").numericValue, cls: audit("cumulative-layout-shift").numericValue,
      si: audit("speed-index").numericValue,
    },
    bytes: audit("total-byte-weight").numericValue,
    requests: (audit("network-requests").details || { items: [] }).items.length,
    domSize: audit("dom-size").numericValue,
    failing,
    warnings: lhr.runWarnings,
  }) + "\n");
} finally {
  await chrome.kill();
}
