"""Run every Python code block of every page under docs/, and of the README, as a test (Sybil).

Blocks run top to bottom in one namespace per page, so a page's examples can build on each other.
A block written as a doctest (`>>>` lines with their output) has its output compared; a plain block
must run without raising. A block that only includes a file (`--8<--` snippets) is skipped: the file it
shows is tested by its own tests. A failure is reported with the page and the line. Under pytest-xdist,
run with `--dist loadfile` (as `make test-fast` does) so that all the blocks of one page go to the same
worker, in order.
"""

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser


class PageCodeParser:
    """Python blocks of a Markdown page, except the ones that are snippet includes."""

    def __init__(self) -> None:
        self.parser = PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE)

    def __call__(self, document):
        for region in self.parser(document):
            if "--8<--" not in document.text[region.start : region.end]:
                yield region


pages = Sybil(parsers=[PageCodeParser()], path="docs", patterns=["*.md"], excludes=["notebooks/*"])
readme = Sybil(parsers=[PageCodeParser()], path=".", filenames=["README.md"])
pytest_collect_file = (pages + readme).pytest()
