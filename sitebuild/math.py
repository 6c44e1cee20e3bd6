"""Math rendered at build time: every formula of a page becomes KaTeX's HTML before it is written.

No math script runs in the reader's browser; the site serves KaTeX's stylesheet and fonts only
(`sitebuild.katex`). Formulas come from two places:

- pages: `pymdownx.arithmatex` (generic mode) writes `<span class="arithmatex">\\(...\\)</span>` inline
  and `<div class="arithmatex">\\[...\\]</div>` for display math;
- notebooks: nbconvert keeps TeX's `$...$` and `$$...$$` in the rendered markdown cells
  (`jp-RenderedMarkdown`), outside code.

KaTeX runs in Node (`katex_render.js`, one process per build, started at the first formula not in the
cache). A formula KaTeX cannot render stops the build with its error and the formula. Rendered HTML is
cached by KaTeX version, display mode and TeX in `.cache/katex/`, so a rebuild only starts Node for a new
formula.

    python -m sitebuild.math 'e^{-z}' --display     # print the HTML of one formula
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
from pathlib import Path

from sitebuild import katex
from sitebuild.digest import ROOT
from sitebuild.fileio import write_atomic

CACHE = ROOT / ".cache" / "katex"
SCRIPT = Path(__file__).with_name("katex_render.js")

ARITHMATEX = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<body>.*?)</(?P=tag)>', re.S)
NOTEBOOK_MARKDOWN = re.compile(r'(<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>)(.*?)(</div>)', re.S)
CODE = re.compile(r"(<(pre|code)\b.*?</\2>)", re.S)
# Pandoc's rule for inline math: no space just inside the dollars, no digit just after the closing one
# (so "costs $5 and $6" is prose).
DOLLARS = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?=[^\s$])(?P<inline>[^$\n]*?[^\s\\$])\$(?!\d)", re.S)


class MathError(ValueError):
    """KaTeX could not render a formula; the message names the formula and KaTeX's error."""


class Renderer:
    """TeX -> KaTeX HTML, cached; the Node process starts at the first formula not in the cache.

    Use as a context manager (or call `close`): closing stops Node and saves the cache.
    """

    def __init__(self, cache_dir: Path = CACHE, katex_dir: Path = katex.KATEX):
        self.katex_dir = Path(katex_dir)
        self.cache_path = Path(cache_dir) / f"katex-{katex.version(self.katex_dir)}.json"
        try:
            self.cache: dict[str, str] = json.loads(self.cache_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            self.cache = {}
        self._added = False
        self._node: subprocess.Popen | None = None

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @staticmethod
    def _key(tex: str, display: bool) -> str:
        return ("display:" if display else "inline:") + tex

    def render(self, formulas: list[tuple[str, bool]], where: str = "") -> list[str]:
        """The HTML of each `(tex, display)`, in order; raises `MathError` naming every formula that fails."""
        missing = sorted({(t, d) for t, d in formulas if self._key(t, d) not in self.cache})
        if missing:
            results = self._ask([{"tex": t, "display": d} for t, d in missing])
            errors = [
                f"  {'$$' if d else '$'}{t}{'$$' if d else '$'}: {r['error']}"
                for (t, d), r in zip(missing, results, strict=True)
                if "error" in r
            ]
            if errors:
                raise MathError(
                    f"{where + ': ' if where else ''}KaTeX cannot render "
                    f"{len(errors)} formula(s):\n" + "\n".join(errors)
                )
            for (t, d), result in zip(missing, results, strict=True):
                self.cache[self._key(t, d)] = result["html"]
            self._added = True
        return [self.cache[self._key(t, d)] for t, d in formulas]

    def _ask(self, items: list[dict]) -> list[dict]:
        if self._node is None:
            self._node = subprocess.Popen(
                ["node", str(SCRIPT), str(self.katex_dir)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        self._node.stdin.write(json.dumps(items, ensure_ascii=False) + "\n")
        self._node.stdin.flush()
        line = self._node.stdout.readline()
        if not line:
            raise MathError(f"KaTeX's Node process ended (exit code {self._node.poll()}): see its error above")
        return json.loads(line)

    def close(self) -> None:
        if self._node is not None:
            self._node.stdin.close()  # Node ends at the end of its input
            self._node.wait(timeout=10)
            self._node.stdout.close()
            self._node = None
        if self._added:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.cache_path, json.dumps(self.cache, ensure_ascii=False, sort_keys=True).encode())
            self._added = False


def _arithmatex_formula(body: str) -> tuple[str, bool]:
    text = html.unescape(body).strip()
    if text.startswith("\\[") and text.endswith("\\]"):
        return text[2:-2].strip(), True
    if text.startswith("\\(") and text.endswith("\\)"):
        return text[2:-2].strip(), False
    raise MathError(f"unexpected arithmatex content {text[:60]!r}")


def _display(rendered: str) -> str:
    """Display math scrolls sideways on a narrow screen: let a keyboard reach it (WCAG 2.1.1)."""
    return rendered.replace('<span class="katex-display">', '<span class="katex-display" tabindex="0">', 1)


def render_page(page_html: str, renderer: Renderer, where: str = "") -> str:
    """`page_html` with every formula (arithmatex's, and notebooks' dollar math) rendered by KaTeX."""
    matches = list(ARITHMATEX.finditer(page_html))
    if matches:
        formulas = [_arithmatex_formula(m["body"]) for m in matches]
        rendered = iter(renderer.render(formulas, where))

        def arithmatex(match: re.Match) -> str:
            out = next(rendered)
            tag = match["tag"]
            return f'<{tag} class="arithmatex">{_display(out) if tag == "div" else out}</{tag}>'

        page_html = ARITHMATEX.sub(arithmatex, page_html)
    if "jp-RenderedMarkdown" in page_html:
        page_html = NOTEBOOK_MARKDOWN.sub(lambda m: m[1] + _dollar_math(m[2], renderer, where) + m[3], page_html)
    return page_html


def _dollar_math(fragment: str, renderer: Renderer, where: str) -> str:
    """TeX's `$...$` and `$$...$$` in rendered notebook markdown, outside `<pre>` and `<code>`."""
    pieces = CODE.split(fragment)  # [text, code, tag, text, code, tag, ...]
    texts = pieces[::3]
    found = [(m, i) for i, text in enumerate(texts) for m in DOLLARS.finditer(text)]
    if not found:
        return fragment
    formulas = [
        (html.unescape(m["display"] if m["display"] is not None else m["inline"]).strip(), m["display"] is not None)
        for m, _ in found
    ]
    rendered = iter(renderer.render(formulas, where))

    def one(match: re.Match) -> str:
        out = next(rendered)
        return _display(out) if match["display"] is not None else out

    for i, text in enumerate(texts):
        texts[i] = DOLLARS.sub(one, text)
    pieces[::3] = texts
    return "".join(piece for k, piece in enumerate(pieces) if k % 3 != 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild.math", description=__doc__.splitlines()[0])
    parser.add_argument("tex")
    parser.add_argument("--display", action="store_true")
    args = parser.parse_args(argv)
    try:
        with Renderer() as renderer:
            print(renderer.render([(args.tex, args.display)])[0])
    except MathError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
