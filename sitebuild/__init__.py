"""The site's build steps, each one job, each a function of files in and files out.

Every step runs without MkDocs (several from the command line, `python -m sitebuild.<step>`), keeps
no state in module globals, reruns only when the content of its inputs changed, and never rewrites a
file with the bytes it already has. `hooks/site_hooks.py` is the thin MkDocs caller.

| module | job | cached on |
|---|---|---|
| `figures` | rerun the scripts whose code changed (`scripts/plot_*.py`, `values_*.py`) | `figures/manifest.json` |
| `figure_style` | the one style and deterministic save the figure scripts share | (a library) |
| `notebooks` | execute `docs/notebooks/*.py`, offer them as .ipynb, .py and a zip | `.cache/notebooks/`: content key |
| `math` | every formula to HTML with KaTeX (Node) at build time, no math script sent | `.cache/katex/`: KaTeX, TeX |
| `katex` | KaTeX's stylesheet and fonts from node_modules into the site | (copies) |
| `nav` | `mkdocs.yml` read without MkDocs; the five questions, the one list of them (its nav) | (cheap) |
| `values` | the numbers a page states, written in; numbers typed by hand, found | (saved by `figures`) |
| `readability` | words, sentences and Flesch-Kincaid grade of the answers and pages | (cheap) |
| `home` | the home page's five answers, one per question of the nav | (cheap) |
| `glossary` | the glossary's terms as tooltips, first use only | (cheap) |
| `exercises` | the exercises index gathered from the question pages | (cheap) |
| `variants` | each `figures/x.svg` image becomes a lazy `<picture>` per palette, narrow variant for phones | (cheap) |
| `accessibility` | names and labels Material leaves out, copy buttons written in, the API section folded | (cheap) |
| `offline` | what the offline edition needs: local iframe-worker, widget data inlined | (cheap) |
| `stamp` | the footer's build stamp: date, commit, versions | (cheap) |
| `digest` | code digests that ignore docstrings, comments and layout; import graphs | (a library) |
| `fileio` | atomic writes that leave a file with the same bytes untouched | (a library) |
| `local_site` | serve a built site on 127.0.0.1 (gzip, as a static host) and find Chromium | (a library) |
| `audit` | `make audit`: Lighthouse, axe, bytes, requests, figure text at 390 px, per page | (reports) |
| `screenshot` | full-page screenshots of every page of a built site, light and dark (a tool) | (pictures) |
"""
