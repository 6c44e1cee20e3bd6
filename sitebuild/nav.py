"""The site's pages as `mkdocs.yml` lists them, read without MkDocs; the one list of the five questions.

The nav section "The five questions" of `mkdocs.yml` is the only place where the question pages are
listed. Whatever else needs them (the home page, the exercises index, the audit, the tests) reads them
here, through `questions()`. The rest of a question follows from its page's name, `learning-rate.md`:
its code `concepts.learning_rate`, its notebook `notebooks/learning_rate.py`, its short answer
`answers/learning-rate.md` (included by the page and by the home page), its URL `learning-rate/`.

tests/test_docs.py checks that each of those exists, and that the nav's section "Notebooks" lists the
same questions in the same order.

`mkdocs.yml` uses MkDocs' own YAML tags (`!ENV [NAME, default]`); here `!ENV` gives its default and any
other tag gives None, which is all the nav needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from sitebuild.digest import ROOT

MKDOCS_YML = ROOT / "mkdocs.yml"
QUESTIONS_SECTION = "The five questions"
NOTEBOOKS_SECTION = "Notebooks"


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: `!ENV [NAME, default]` becomes the default (or None)."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if len(values) > 1 else None
    return None


_MkDocsLoader.add_constructor("!ENV", _env_tag)
_MkDocsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !relative and the like
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path = MKDOCS_YML) -> dict:
    """mkdocs.yml as plain data."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_MkDocsLoader)  # a SafeLoader


def nav_sources(items) -> list[str]:
    """Every page file of a nav (or part of one), in nav order; external links are not pages.

    Examples:
        >>> nav_sources(["index.md", {"Part": ["a.md", {"B": "b.md"}, {"Out": "https://example.org/"}]}])
        ['index.md', 'a.md', 'b.md']
    """
    if isinstance(items, str):
        return [] if "://" in items else [items]
    if isinstance(items, list):
        return [source for item in items for source in nav_sources(item)]
    if isinstance(items, dict):
        return [source for value in items.values() for source in nav_sources(value)]
    return []


def section_pages(nav: list, title: str) -> list[str]:
    """The page files of the nav section whose title starts with `title` (any case), in order.

    Examples:
        >>> section_pages([{"Home": "index.md"}, {"Notebooks": ["notebooks/index.md", "notebooks/a.py"]}],
        ...               "notebooks")
        ['notebooks/index.md', 'notebooks/a.py']
    """
    for item in nav or []:
        if isinstance(item, dict):
            for name, children in item.items():
                if name.lower().startswith(title.lower()):
                    return nav_sources(children)
    return []


def question_pages(nav: list) -> list[str]:
    """The pages of the nav section "The five questions", in order."""
    return section_pages(nav, QUESTIONS_SECTION)


def page_url(src: str) -> str:
    """The URL path (directory URLs) of a page file relative to docs/.

    Examples:
        >>> page_url("learning-rate.md"), page_url("reference/index.md"), page_url("index.md")
        ('learning-rate/', 'reference/', '')
    """
    parts = src.rsplit(".", 1)[0].split("/")
    if parts[-1] in ("index", "README"):
        parts = parts[:-1]
    return "/".join(parts) + "/" if parts else ""


def page_title(markdown: str) -> str:
    """A page's title: its first line, a Markdown heading.

    Examples:
        >>> page_title("# What is loss?\\n\\nA number.")
        'What is loss?'
    """
    return markdown.split("\n", 1)[0].lstrip("#").strip()


@dataclass(frozen=True)
class Question:
    """One of the five questions: its number and its page; the rest follows from the page's name.

    Examples:
        >>> q = Question(2, "learning-rate.md")
        >>> q.package, q.notebook, q.answer, q.url
        ('concepts.learning_rate', 'notebooks/learning_rate.py', 'answers/learning-rate.md', 'learning-rate/')
    """

    number: int  # 1 to 5, the order of the nav
    page: str  # relative to docs/: "learning-rate.md"

    @property
    def slug(self) -> str:
        return self.page.removesuffix(".md")

    @property
    def package(self) -> str:
        """The code of the question: a package of `concepts` (a module for the neuron)."""
        return "concepts." + self.slug.replace("-", "_")

    @property
    def notebook(self) -> str:
        return f"notebooks/{self.slug.replace('-', '_')}.py"

    @property
    def answer(self) -> str:
        """The short answer that the page and the home page both include."""
        return f"answers/{self.page}"

    @property
    def url(self) -> str:
        return page_url(self.page)


def questions(nav: list | None = None) -> list[Question]:
    """The questions of the nav (by default, of mkdocs.yml's), numbered in nav order."""
    pages = question_pages(read_config()["nav"] if nav is None else nav)
    return [Question(number, page) for number, page in enumerate(pages, 1)]
