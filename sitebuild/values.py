"""Numbers computed into the pages: the code that measures a number also writes it into the sentence.

A figure script that draws a result also saves the numbers its page states about it, next to the
figure: `figures/<figure>.values.json`, a flat object of named numbers (`figure_style.save_values`).
Numbers that no figure draws come from a `scripts/values_<question>.py` script the same way, and
timings from the benchmarks' own results (`benchmarks/<name>.values.json`). `sitebuild.figures`
reruns a script only when its code changed, so the numbers are cached with the figures and cannot be
older than the code.

A page names the number where it is stated, in prose, in alt text, in a table or in math, with a
Python format specification:

    the held-out loss is lowest, {{ loss_overfitting.best_held_out:.3f }}, at step {{ loss_overfitting.best_step }}

and the build writes the number in (a Python-Markdown preprocessor that runs after the snippets are
included, so an included short answer is filled too). A name that does not exist, or a format that
does not fit its value, stops the build with the page, the line and what exists.

`typed_numbers` finds the numbers still typed by hand: decimals, powers of ten and percentages in the
prose and alt text of a page, outside code, math, comments and link targets. `ALLOWED` is the short
list of typed numbers that are definitions, not results, each with its reason; the tests fail on any
other.

    python -m sitebuild.values --typed docs/            # the typed numbers, per page, and their count
    python -m sitebuild.values docs/loss.md             # print the page with its numbers written in
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from markdown import Extension
from markdown.preprocessors import Preprocessor

from sitebuild.digest import ROOT

FOLDERS = (ROOT / "figures", ROOT / "benchmarks")  # where `*.values.json` files are read from
SUFFIX = ".values.json"

# {{ name.key }} or {{ name.key:format }}; names and keys are Python identifiers.
PLACEHOLDER = re.compile(r"\{\{\s*(?P<name>[A-Za-z_]\w*)\.(?P<key>[A-Za-z_]\w*)\s*(?::(?P<format>[^{}]*?))?\s*\}\}")
_OPENING = re.compile(r"\{\{")
_INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)


class ValuesError(ValueError):
    """A placeholder that names no value, or whose format does not fit its value."""


def load(folders=FOLDERS) -> dict[str, dict]:
    """Every `*.values.json` in `folders`, by name (the file name without `.values.json`)."""
    values: dict[str, dict] = {}
    for folder in folders:
        for path in sorted(Path(folder).glob(f"*{SUFFIX}")):
            name = path.name.removesuffix(SUFFIX)
            if name in values:
                raise ValuesError(f"{path}: the name {name!r} is already taken by another values file")
            values[name] = json.loads(path.read_text(encoding="utf-8"))
    return values


def format_value(value, spec: str) -> str:
    """`value` formatted by `spec`, as typeset prose has it: a real minus sign (−) for a negative number,
    and an exponent without its plus sign or leading zeros (`:.1e` gives 2.4e4 and 8.4e-5, not 2.4e+04).

    Examples:
        >>> format_value(-0.25, ".2f"), format_value(24000.0, ".1e"), format_value(8.4e-5, ".1e")
        ('−0.25', '2.4e4', '8.4e-5')
    """
    text = format(value, spec)
    if not isinstance(value, (int, float)):
        return text
    text = re.sub(r"([eE])\+?(-?)0*(\d)", r"\1\2\3", text)
    return re.sub(r"(?<![\w.])-(?=[\d.∞])", "−", text)


def fill(markdown: str, values: dict[str, dict], where: str = "page") -> str:
    """`markdown` with every `{{ name.key:format }}` replaced by the value, formatted.

    Raises ValuesError, naming `where` and the line, for an unknown name or key, a format that does not
    fit the value, or a `{{` that opens no placeholder.

    Examples:
        >>> fill("loss {{ fig.loss:.2f }} at step {{ fig.step }}", {"fig": {"loss": 0.1234, "step": 50}})
        'loss 0.12 at step 50'
        >>> fill("{{ fig.slope:.1f }}", {"fig": {"slope": -0.25}})
        '−0.2'
        >>> fill("`{{ fig.loss }}` shows the syntax", {})
        '`{{ fig.loss }}` shows the syntax'
        >>> fill("{{ fig.nope }}", {"fig": {"loss": 1}})
        Traceback (most recent call last):
        ...
        sitebuild.values.ValuesError: page, line 1: {{ fig.nope }}: fig has no value 'nope' (it has: loss)
    """

    code = _code_spans(markdown)

    def in_code(position: int) -> bool:
        return any(begin <= position < stop for begin, stop in code)

    def line_of(position: int) -> int:
        return markdown.count("\n", 0, position) + 1

    placeholders = {m.start() for m in PLACEHOLDER.finditer(markdown)}
    for opening in _OPENING.finditer(markdown):
        if opening.start() not in placeholders and not in_code(opening.start()):
            raise ValuesError(
                f"{where}, line {line_of(opening.start())}: '{{{{' that is not a placeholder "
                "{{ name.key }} or {{ name.key:format }}"
            )

    def replace(match: re.Match) -> str:
        if in_code(match.start()):  # code shows the syntax as it is (and code blocks run as typed)
            return match[0]
        name, key, spec = match["name"], match["key"], (match["format"] or "").strip()
        at = f"{where}, line {line_of(match.start())}: {match[0]}"
        if name not in values:
            raise ValuesError(f"{at}: no values file {name}{SUFFIX} (there are: {', '.join(sorted(values))})")
        if key not in values[name]:
            raise ValuesError(f"{at}: {name} has no value {key!r} (it has: {', '.join(values[name])})")
        value = values[name][key]
        try:
            return format_value(value, spec)
        except (ValueError, TypeError) as error:
            raise ValuesError(f"{at}: the format {spec!r} does not fit the value {value!r}: {error}") from None

    return PLACEHOLDER.sub(replace, markdown)


_SNIPPET = re.compile(r'^\s*--8<--\s+"(?P<path>[^":]+)"\s*$', re.M)


def check(markdown: str, where: str, values: dict[str, dict], root: Path = ROOT) -> None:
    """Raise ValuesError, naming the file and its line, for a placeholder in `markdown` or in a whole file
    it includes with a snippet line (`--8<-- "docs/answers/loss.md"`) that cannot be filled.

    The build calls it before Markdown runs, so that a mistake is reported where it was typed (the
    preprocessor sees the page with its snippets already pasted in).
    """
    fill(markdown, values, where)
    for match in _SNIPPET.finditer(markdown):
        included = Path(root) / match["path"]
        if included.is_file():
            fill(included.read_text(encoding="utf-8"), values, match["path"])


def _code_spans(markdown: str) -> list[tuple[int, int]]:
    """Where `markdown` has code: fenced blocks (whole lines) and inline code, as (start, end) offsets."""
    spans, fence, offset, block_start = [], None, 0, 0
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            fence, block_start = match["fence"], offset
        elif fence is not None and match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence):
            spans.append((block_start, offset + len(line)))
            fence = None
        offset += len(line) + 1
    if fence is not None:
        spans.append((block_start, len(markdown)))
    inline = _INLINE_CODE.finditer(markdown)
    spans += [(m.start(), m.end()) for m in inline if not any(a <= m.start() < b for a, b in spans)]
    return spans


# --- the build step: a Python-Markdown extension ----------------------------------------------------


class _Fill(Preprocessor):
    def __init__(self, md, folders):
        super().__init__(md)
        self.folders = folders

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "{{" not in text:
            return lines
        return fill(text, load(self.folders), "the page").split("\n")


class ValuesExtension(Extension):
    """Write the values in after the snippets are included (snippets run at priority 32, fences at 31)."""

    def __init__(self, **kwargs):
        self.config = {"folders": [[str(f) for f in FOLDERS], "folders holding *.values.json files"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        folders = [Path(f) if Path(f).is_absolute() else ROOT / f for f in self.getConfig("folders")]
        md.preprocessors.register(_Fill(md, folders), "nn5q_values", 31.5)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown finds the extension by this name)
    return ValuesExtension(**kwargs)


# --- the check: numbers still typed by hand -----------------------------------------------------------

# Typed numbers that are definitions, not results: each with why it may be typed. Keyed by the page
# (its path under docs/) and the number as typed.
ALLOWED: Mapping[tuple[str, str], str] = MappingProxyType(
    {
        ("learning-rate.md", "0.95"): "PyTorch OneCycleLR's default max_momentum, quoted as a definition (concepts "
        "has no momentum cycle to read it from, and PyTorch is not a build dependency)",
        ("learning-rate.md", "0.85"): "PyTorch OneCycleLR's default base_momentum, quoted as a definition (as 0.95)",
        ("learning-rate.md", "0.001"): "the low end of the rates common in practice for plain gradient descent: "
        "a statement about practice, not a result",
        ("learning-rate.md", "0.1"): "the high end of that range of common rates",
        ("initialization.md", "0.2"): "exercise 2's given (a leaky ReLU's negative slope), part of the question; "
        "its solution's code uses the same value",
        ("reference/how-it-is-built.md", "0.1"): "the development server's poll interval, a setting written "
        "in hooks/site_hooks.py (PollingObserver(timeout=0.1)), not a result",
    }
)

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})")
_HIDDEN = (  # what is not prose: replaced by spaces, so that line numbers stay right
    re.compile(r"<!--.*?-->", re.S),  # comments
    re.compile(r"\$\$.*?\$\$", re.S),  # display math
    re.compile(r"\\\[.*?\\\]", re.S),
    re.compile(r"(?<![\\$])\$(?!\s)(?:[^$\n]|\n(?!\s*\n))+?(?<![\s\\])\$"),  # inline math, over lines too
    re.compile(r"\\\(.*?\\\)"),
    _INLINE_CODE,
    PLACEHOLDER,  # numbers the build writes in
    re.compile(r"\]\([^)]*\)"),  # link and image targets
    re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$", re.M),  # reference-style link definitions
    re.compile(r"^\s*--8<--.*$", re.M),  # snippet lines
    re.compile(r"<[A-Za-z/][^>]*>"),  # HTML tags and their attributes
    re.compile(r"\{[:.#][^}]*\}"),  # attribute lists
    # Names, not quantities: a section or theorem of a cited book, an arXiv number, a release, an address.
    re.compile(r"(?:\b[Ss]ections?|§|\bTheorem|\barXiv:)\s*\d[\d.]*(?:(?:,\s*|\s+and\s+)\d[\d.]*)*"),
    re.compile(r"\b(?:Python|PyTorch|MkDocs|WCAG|mkdocs-jupyter|Zensical|Lighthouse|axe-core)\s+\d+(?:\.\d+)+"),
    re.compile(r"\b\d+\.\d+\.\d+\.\d+\b"),
)
_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
NUMBER = re.compile(
    r"(?<![\w.])(?:"
    rf"10\s?[⁻⁺]?[{_SUPERSCRIPT}]+"  # a power of ten: 10⁻⁸
    r"|10\^\{?[-−]?\d+\}?"  # 10^-8
    r"|10 to the (?:minus )?\d+"  # 10 to the 4 (alt text)
    r"|[-−+]?(?:\d[\d,]*)?\.?\d+[eE][-−+]?\d+"  # 1e-8, 2.5e3
    r"|[-−+]?\d[\d,]*(?:\.\d+)?\s?(?:%|per ?cent\b)"  # a percentage
    r"|[-−+]?\d[\d,]*\.\d+(?:\.\d+)*"  # a decimal (and a version number)
    r"|[-−+]?\.\d+"  # .5
    r")"
)


@dataclass(frozen=True)
class TypedNumber:
    page: str
    line: int
    number: str
    context: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.number}  ({self.context})"


def prose(markdown: str) -> str:
    """`markdown` with everything that is not prose or alt text blanked out (line numbers kept)."""
    lines, fence = [], None
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match["fence"]
            lines.append("")
        elif fence is not None:
            if match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence):
                fence = None
            lines.append("")
        else:
            lines.append(line)
    text = "\n".join(lines)
    for pattern in _HIDDEN:
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)
    return text


def typed_numbers(markdown: str, page: str = "page", allowed: Mapping | None = None) -> list[TypedNumber]:
    """The decimals, powers of ten and percentages typed in the prose and alt text of `markdown`.

    Examples:
        >>> [t.number for t in typed_numbers("slope 0.36, 24 % of it, 1e-8 and 10⁻⁸; `x = 0.5` and $0.25$")]
        ['0.36', '24 %', '1e-8', '10⁻⁸']
        >>> typed_numbers("loss {{ fig.loss:.2f }} at step 50, year 1986")
        []
    """
    allowed = ALLOWED if allowed is None else allowed
    found = []
    text = prose(markdown)
    source_lines = markdown.split("\n")
    for number, line in enumerate(text.split("\n"), 1):
        for match in NUMBER.finditer(line):
            typed = match[0].strip()
            if (page, typed) in allowed:
                continue
            context = source_lines[number - 1][max(0, match.start() - 40) : match.end() + 40].strip()
            found.append(TypedNumber(page, number, typed, context))
    return found


def notebook_markdown(source: str) -> str:
    """The Markdown cells of a percent-format notebook (`# %% [markdown]`), other lines left blank."""
    lines, in_markdown = [], False
    for line in source.split("\n"):
        if line.startswith("# %%"):
            in_markdown = "[markdown]" in line
            lines.append("")
        elif in_markdown and (line.startswith("# ") or line == "#"):
            lines.append(line[2:])
        else:
            lines.append("")
    return "\n".join(lines)


def pages(docs_dir: Path) -> dict[str, str]:
    """Every page's prose by its path under `docs_dir`: the Markdown pages and the notebooks' Markdown."""
    docs_dir = Path(docs_dir)
    found = {}
    for path in sorted(docs_dir.rglob("*.md")):
        found[path.relative_to(docs_dir).as_posix()] = path.read_text(encoding="utf-8")
    for path in sorted((docs_dir / "notebooks").glob("*.py")):
        found[path.relative_to(docs_dir).as_posix()] = notebook_markdown(path.read_text(encoding="utf-8"))
    return found


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--typed":
        total = 0
        for page, markdown in pages(Path(argv[1])).items():
            typed = typed_numbers(markdown, page)
            total += len(typed)
            for item in typed:
                print(item)
        print(f"{total} typed numbers")
        return 1 if total else 0
    if len(argv) == 1:
        print(fill(Path(argv[0]).read_text(encoding="utf-8"), load(), argv[0]), end="")
        return 0
    print("usage: python -m sitebuild.values PAGE.md | --typed DOCS_DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
