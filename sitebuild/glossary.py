"""The glossary (`docs/glossary.md`, a definition list) as the one source of the tooltips.

Its terms and the first sentence of each definition become tooltips on every other page: the first use
of each term in a page's text (its plural and capitalised forms too) is wrapped in
`<abbr title="definition">`, which Material shows as a tooltip. Headings, links, code, math and
scripts are left alone. This works on the rendered HTML in one pass of one regular expression.

    python -m sitebuild.glossary docs/glossary.md    # print the terms and their tooltips
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _plain(text: str) -> str:
    """Markdown to plain text for a tooltip: links to their text, no emphasis, code or math marks."""
    text = _LINK.sub(r"\1", text)
    return re.sub(r"[*`$]", "", text).replace('"', "'").strip()


def terms(glossary: Path) -> dict[str, str]:
    """The glossary's terms and their definitions (first sentence, plain text), in the glossary's order."""
    lines = Path(glossary).read_text(encoding="utf-8").splitlines()
    found = {}
    for i, (term, nxt) in enumerate(zip(lines, lines[1:])):
        if term and not term.startswith((" ", ":", "#", "!", "[", "*", "-")) and nxt.startswith(":   "):
            definition = [nxt[4:]]
            for line in lines[i + 2 :]:  # a definition wraps onto lines indented by four spaces
                if not line.startswith("    "):
                    break
                definition.append(line.strip())
            first_sentence = re.split(r"(?<=[.!?])\s", " ".join(definition).strip(), maxsplit=1)[0]
            found[term.strip()] = _plain(first_sentence)
    return found


def forms(term: str) -> list[str]:
    """The spellings of a term that get its tooltip: as written, capitalised, and plural.

    Examples:
        >>> forms("loss")
        ['Loss', 'Losses', 'loss', 'losses']
        >>> forms("matrix")[2:], forms("epoch")[2:]
        (['matrices', 'matrix'], ['epoch', 'epochs'])
    """
    found = {term, term[0].upper() + term[1:]}
    plurals = set()
    for form in found:
        if form.endswith(("ix", "ex")):  # matrix, vertex: matrices, vertices
            plurals.add(form[:-1] + "ces")
        elif form.endswith(("s", "x", "sh")) or (form.endswith("ch") and not form.endswith("och")):
            plurals.add(form + "es")  # losses, batches; but epochs
        else:
            plurals.add(form + "s")
    return sorted(found | plurals)


_REFERENCES = '<h2 id="references">'  # a question page's list of cited works, and its API section after it
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_SKIP = frozenset(
    {
        "a",
        "abbr",
        "button",
        "code",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "kbd",
        "pre",
        "script",
        "style",
        "svg",
        "textarea",
        "title",
    }
)
_TEX = re.compile(r"(\$\$.*?\$\$|\$[^$]+\$|\\\(.*?\\\)|\\\[.*?\\\])", re.S)  # math left as TeX, kept whole
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


def tooltips(html: str, definitions: dict[str, str]) -> str:
    """Wrap the first use of each term of `definitions` in the text of `html` in an `<abbr>` tooltip.

    Nothing from a page's References heading on is marked: the titles of cited works use words in
    their own senses ("bias" in "the bias-variance trade-off").

    Examples:
        >>> tooltips("<h2>Loss</h2><p>A loss, two losses.</p>", {"loss": "How wrong."})
        '<h2>Loss</h2><p>A <abbr title="How wrong.">loss</abbr>, two losses.</p>'
        >>> tooltips("<p>The loss $log(p)$ uses a log.</p>", {"log": "A power of e."})
        '<p>The loss $log(p)$ uses a <abbr title="A power of e.">log</abbr>.</p>'
        >>> tooltips('<p>x</p><h2 id="references">R</h2><p>The bias-variance trade-off.</p>', {"bias": "Added."})
        '<p>x</p><h2 id="references">R</h2><p>The bias-variance trade-off.</p>'
    """
    spelled = {form: term for term in definitions for form in forms(term)}
    if not spelled:
        return html
    head, references, tail = html.partition(_REFERENCES)  # titles of cited works keep their own words
    if references:
        return tooltips(head, definitions) + references + tail
    pattern = re.compile(
        r"(?<![\w\\-])(" + "|".join(map(re.escape, sorted(spelled, key=len, reverse=True))) + r")(?![\w-])"
    )
    seen: set[str] = set()
    stack: list[bool] = []  # for each open element: does it (or one around it) forbid tooltips?

    def wrap(match: re.Match) -> str:
        term = spelled[match[1]]
        if term in seen:
            return match[0]
        seen.add(term)
        title = definitions[term].replace("&", "&amp;").replace('"', "&quot;")
        return f'<abbr title="{title}">{match[1]}</abbr>'

    out = []
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            name = re.match(r"</?\s*([\w-]+)", piece)
            if name and not piece.startswith("<!"):
                tag = name[1].lower()
                if piece.startswith("</"):
                    if stack:
                        stack.pop()
                elif tag not in _VOID and not piece.endswith("/>"):
                    math = 'class="arithmatex' in piece
                    stack.append((stack[-1] if stack else False) or tag in _SKIP or math)
            out.append(piece)
        elif piece and not (stack and stack[-1]):  # text, outside any TeX it holds (notebook pages keep theirs raw)
            out.append("".join(p if i % 2 else pattern.sub(wrap, p) for i, p in enumerate(_TEX.split(piece))))
        else:
            out.append(piece)
    return "".join(out)


if __name__ == "__main__":
    for term, definition in terms(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/glossary.md")).items():
        print(f"{term}: {definition}")
