"""How much a reader has to read, and how hard it is: words, sentences and the Flesch-Kincaid grade.

The readers this site is for know school algebra. The short answers are held to at most 90 words at
a Flesch-Kincaid grade of at most 9, and a question page's prose before "The maths" to about 1,500
words (design/CONCEPT_PAGE.md); the tests use these functions, and so does

    python -m sitebuild.readability            # every answer and every question page, as a table

What counts is what a reader reads as prose: code, alt text (a screen reader's description of a
figure, not read beside it), HTML comments and tags are left out; a formula counts as one word and a
number the build writes in (`{{ figure.key }}`) as one word of one syllable. The grade is
0.39 × words per sentence + 11.8 × syllables per word − 15.59 (Kincaid et al. 1975), with syllables
counted by a rule of thumb (groups of vowels, less a silent final e), as readability tools do.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from sitebuild import nav
from sitebuild.digest import ROOT

MATHS_HEADING = "## The maths"
_REMOVE = (
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"^\s*(```|~~~).*?^\s*\1\s*$", re.S | re.M),  # fenced code
    re.compile(r"!\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)]*\)"),  # images: the alt text is not read beside them
    re.compile(r"^\s*--8<--.*$", re.M),  # snippet lines (the included file is counted on its own)
    re.compile(r"^\s*:::.*$", re.M),  # API entries
    re.compile(r"<[A-Za-z/][^>]*>"),  # tags
    re.compile(r"\{[:.#][^}]*\}"),  # attribute lists
    re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$", re.M),  # link definitions
)
_MATH = re.compile(r"\$\$.*?\$\$|(?<![\\$])\$(?!\s)(?:[^$\n]|\n(?!\s*\n))+?(?<![\s\\])\$", re.S)
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
_ADMONITION = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?)\s*\w+(?:\s+"(?P<title>[^"]*)")?\s*$', re.M)
_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F\u0370-\u03FF][\w'’\u0370-\u03FF-]*")
_SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"”’)]|$)|:\s*$|\n\s*\n")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """The Flesch-Kincaid grade level."""
        if not self.words:
            return 0.0
        return 0.39 * self.words / max(self.sentences, 1) + 11.8 * self.syllables / self.words - 15.59


def prose(markdown: str) -> str:
    """What a reader reads as prose in `markdown`: code, images, comments and tags out, a formula as "x"."""
    text = markdown
    for pattern in _REMOVE:
        text = pattern.sub(" ", text)
    text = _ADMONITION.sub(lambda m: (m["title"] or "") + ".", text)  # a box's title reads as a sentence
    text = _MATH.sub(" x ", text)
    text = _PLACEHOLDER.sub(" 1 ", text)
    text = re.sub(r"`[^`]*`", " x ", text)  # inline code: a name, read as one word
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: their words
    text = re.sub(r"^\s*(#+|[-*+]|\d+\.)\s+", "", text, flags=re.M)  # heading marks, list bullets
    text = re.sub(r"^(#+\s.*)$", r"\1.", text, flags=re.M)
    return re.sub(r"[*_|]+", " ", text)


def syllables(word: str) -> int:
    """Syllables in an English word, by rule of thumb: groups of vowels, less a silent final e; at least 1.

    Examples:
        >>> [syllables(w) for w in ("loss", "neuron", "gradient", "rate", "the", "simple", "every")]
        [1, 2, 3, 1, 1, 2, 3]
    """
    word = word.lower().strip("'’-")
    if not word.isalpha():
        return 1  # a number or a symbol is read as a word
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    count += len(re.findall(r"i[aeu]|eo|(?<!q)u[ao]|(?<![tscgx])io", word)) - len(re.findall(r"ie$|ies$|ied$", word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ie", "ye")) and count > 1:
        count -= 1
    if word.endswith(("ed", "es")) and count > 1 and not re.search(r"[td]ed$|[sxz]es$|[cg]es$|[sc]hes$", word):
        count -= 1
    return max(1, count)


def measure(markdown: str) -> Readability:
    """Words, sentences and syllables of the prose of `markdown`.

    Examples:
        >>> r = measure("A neuron adds its inputs. Then it squashes the sum.")
        >>> r.words, r.sentences, round(r.grade, 1)
        (10, 2, 1.7)
    """
    text = prose(markdown)
    words = _WORD.findall(text)
    sentences = [s for s in _SENTENCE_END.split(text) if _WORD.search(s)]
    return Readability(len(words), len(sentences), sum(syllables(w) for w in words))


def before_the_maths(page_markdown: str, docs_dir: Path) -> str:
    """A question page up to "## The maths", with the short answer it includes pasted in."""
    head = page_markdown.split(f"\n{MATHS_HEADING}\n", 1)[0]

    def include(match: re.Match) -> str:
        path = Path(docs_dir).parent / match["path"]
        return path.read_text(encoding="utf-8") if path.is_file() else ""

    return re.sub(r'^\s*--8<--\s+"(?P<path>docs/answers/[^"]+)"\s*$', include, head, flags=re.M)


def report(docs_dir: Path = ROOT / "docs") -> str:
    docs_dir = Path(docs_dir)
    lines = [
        "| question | answer: words | sentences | grade | page before the maths: words | grade |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for question in nav.questions():
        answer = measure((docs_dir / question.answer).read_text(encoding="utf-8"))
        head = measure(before_the_maths((docs_dir / question.page).read_text(encoding="utf-8"), docs_dir))
        lines.append(
            f"| {question.page} | {answer.words} | {answer.sentences} | {answer.grade:.1f} | "
            f"{head.words} | {head.grade:.1f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"))
