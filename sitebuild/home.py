"""The home page's five answers, one block per question of the nav, written in at build time.

`docs/index.md` holds a placeholder; in its place each question gets, in nav order, its number and its
page's title linked to the page, its short answer (the file from docs/answers/ that the page itself
includes, so the two cannot differ) and a link to the full answer.

    python -m sitebuild.home    # print the blocks as Markdown
"""

from __future__ import annotations

import sys
from pathlib import Path

from sitebuild import nav
from sitebuild.digest import ROOT

PLACEHOLDER = "<!-- questions -->"


def answers(docs_dir: Path, questions: list[nav.Question]) -> str:
    """The Markdown of the home page's answers, one `.home-answer` block per question."""
    docs_dir = Path(docs_dir)
    blocks = []
    for question in questions:
        title = nav.page_title((docs_dir / question.page).read_text(encoding="utf-8"))
        blocks.append(
            '<div class="home-answer" markdown>\n\n'
            f"## [{question.number}. {title}]({question.page})\n\n"
            f'--8<-- "{docs_dir.name}/{question.answer}"\n\n'  # snippets resolve from the project root
            f"[The full answer →]({question.page}){{ .home-more }}\n\n"
            "</div>"
        )
    return '<div class="home-answers" markdown>\n\n' + "\n\n".join(blocks) + "\n\n</div>"


if __name__ == "__main__":
    print(answers(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs", nav.questions()))
