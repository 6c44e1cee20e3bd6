"""The pages have what CONCEPT_PAGE.md asks of them, and every figure is used and described.

The code on the pages runs under Sybil (see conftest.py at the top of the repository); this file checks
their structure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild import exercises, glossary, nav

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FIGURES = ROOT / "figures"
WIDGET = re.compile(r'class="nn-widget" data-src="(?P<up>(?:\.\./)*)figures/(?P<name>[\w-]+)\.json"')
FIGURE = re.compile(r"!\[(?P<alt>(?:[^\[\]]|\[[^\]]*\])*)\]\((?:\.\./)*figures/(?P<name>[\w-]+)\.svg[^)]*\)")

# Concept pages that are complete; the others are announced as coming and join this list with their issue.
COMPLETE = {"neuron.md": "concepts.neuron", "loss.md": "concepts.loss", "learning-rate.md": "concepts.learning_rate",
            "initialization.md": "concepts.initialization", "chain-rule.md": "concepts.chain_rule"}
SECTIONS = ["## Intuition", "## See it", "## The maths", "## In code", "## Common misconceptions",
            "## Try it", "## Exercises", "## References", "## API"]


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


INCLUDE = re.compile(r'--8<-- "docs/(?P<path>answers/[\w-]+\.md)"')


@pytest.mark.parametrize("page", sorted(COMPLETE))
def test_concept_page_opens_with_the_answer_and_a_figure(page):
    first_section = text(page).split("\n## ", 1)[0]
    assert '!!! abstract "The answer"' in first_section, f"{page}: the answer comes first, in an admonition"
    include = INCLUDE.search(first_section)
    assert include, f"{page}: the answer is included from docs/answers/ (the home page shares it)"
    answer = text(include["path"])
    assert FIGURE.search(answer), f"{page}: the answer shows its key figure"
    sentences = len(re.findall(r"[.!?](?:\s|$)", FIGURE.sub("", answer)))
    assert 2 <= sentences <= 4, f"{page}: the answer is two or three sentences, found {sentences}"


@pytest.mark.parametrize("page", sorted(COMPLETE))
def test_concept_page_has_every_section_in_order(page):
    body = text(page)
    positions = [body.find(f"\n{heading}\n") for heading in SECTIONS]
    missing = [h for h, at in zip(SECTIONS, positions) if at < 0]
    assert not missing, f"{page}: missing sections {missing}"
    assert positions == sorted(positions), f"{page}: sections out of order"


@pytest.mark.parametrize("page", sorted(COMPLETE))
def test_concept_page_ends_with_its_api(page):
    assert f"::: {COMPLETE[page]}" in text(page).split("\n## API\n", 1)[1]


@pytest.mark.parametrize("page", sorted(COMPLETE))
def test_exercises_have_solutions_that_run(page):
    exercises = text(page).split("\n## Exercises\n", 1)[1].split("\n## ", 1)[0]
    solutions = exercises.split('??? success "Solution"')[1:]
    assert len(solutions) >= 3, f"{page}: at least three exercises with solutions"
    for number, solution in enumerate(solutions, 1):
        assert "```python" in solution and ">>>" in solution, (
            f"{page}: solution {number} has no doctest block, so no test checks it")


@pytest.mark.parametrize("page", sorted(COMPLETE))
def test_misconceptions_each_have_a_runnable_counter_example(page):
    section = text(page).split("\n## Common misconceptions\n", 1)[1].split("\n## ", 1)[0]
    boxes = section.split('!!! warning "')[1:]
    assert boxes, f"{page}: no misconception boxes"
    for box in boxes:
        title = box.split('"', 1)[0]
        assert "```python" in box and ">>>" in box, f"{page}: misconception {title!r} has no runnable example"


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_figures_on_pages_exist_and_say_what_they_show(page):
    for match in FIGURE.finditer(page.read_text(encoding="utf-8")):
        name, alt = match["name"], match["alt"]
        assert (FIGURES / f"{name}.svg").exists(), f"{page.name}: figures/{name}.svg does not exist"
        assert len(alt.split()) >= 8, f"{page.name}: the alt text of {name} should say what it shows: {alt!r}"
        assert not alt.lower().startswith(("figure", "image", "plot of", "a plot")), (
            f"{page.name}: alt text of {name} says what it is, not what it shows")


def test_every_figure_is_shown_somewhere():
    shown = {m["name"] for page in pages() for m in FIGURE.finditer(page.read_text(encoding="utf-8"))}
    drawn = {p.stem for p in FIGURES.glob("*.svg") if not p.stem.endswith(("-dark", "-narrow"))}
    assert drawn <= shown, f"figures that no page shows: {sorted(drawn - shown)}"


def test_every_interactive_figure_has_its_data_and_is_shown():
    used = {}
    for page in pages():
        for match in WIDGET.finditer(page.read_text(encoding="utf-8")):
            depth = len(page.relative_to(DOCS).parts) - 1 + (page.name != "index.md")  # directory URLs
            assert match["up"] == "../" * depth, f"{page.name}: data-src must start with {'../' * depth!r}"
            assert (FIGURES / f"{match['name']}.json").exists(), f"{page.name}: no figures/{match['name']}.json"
            used[match["name"]] = page
    data = {p.stem for p in FIGURES.glob("*.json") if p.name != "manifest.json"}
    assert data <= set(used), f"interactive figures that no page shows: {sorted(data - set(used))}"


def test_every_concept_page_has_a_notebook():
    for page in COMPLETE:
        notebook = DOCS / "notebooks" / page.replace(".md", ".py").replace("-", "_")
        assert notebook.exists(), f"{page}: no notebook {notebook.relative_to(ROOT)}"
        source = notebook.read_text(encoding="utf-8")
        assert "format_name: percent" in source and "from concepts" in source


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:1500]
    assert "make serve" in head and "make test" in head


def test_glossary_defines_the_terms_the_pages_rely_on():
    terms = glossary.terms(DOCS / "glossary.md")
    wanted = {"neuron", "activation", "weight", "bias", "gradient", "learning rate", "epoch", "loss",
              "backpropagation", "fan-in", "chain rule"}
    assert wanted <= set(terms), f"missing from docs/glossary.md: {sorted(wanted - set(terms))}"
    assert all(definition.endswith((".", "?", "!")) for definition in terms.values())


def test_every_glossary_entry_links_to_where_it_is_explained():
    source = (DOCS / "glossary.md").read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z][^\n]*\n:   )", source.split("\n\n", 2)[2])
    assert len(entries) == len(glossary.terms(DOCS / "glossary.md"))
    for entry in entries:
        assert re.search(r"\]\([\w-]+\.md(#[\w-]+)?\)", entry), f"glossary entry without a link: {entry[:40]!r}"


def test_exercises_index_lists_every_exercise_of_every_complete_page():
    pages = nav.question_pages(nav.read_config()["nav"])
    assert pages == CONCEPTS
    index = exercises.exercises_index(DOCS, pages)
    for page in COMPLETE:
        section = text(page).split("\n## Exercises\n", 1)[1].split("\n## ", 1)[0]
        count = len(re.findall(r"^\d+\. \*\*", section, flags=re.M))
        listed = index.split(f"]({page}#exercises)", 1)[1].split("\n## ", 1)[0]
        assert len(re.findall(r"^\d+\. \*\*", listed, flags=re.M)) == count >= 3


CONCEPTS = ["neuron.md", "learning-rate.md", "initialization.md", "loss.md", "chain-rule.md"]


def _links(page: str) -> set[str]:
    return {m for m in re.findall(r"\]\(([\w-]+\.md)(?:#[\w.-]*)?\)", text(page)) if m in CONCEPTS and m != page}


def test_pages_link_forward_and_back_where_ideas_meet():
    """loss -> chain rule -> initialization -> learning rate, each link both ways; the build checks targets."""
    chain = ["loss.md", "chain-rule.md", "initialization.md", "learning-rate.md"]
    for here, there in zip(chain, chain[1:]):
        assert there in _links(here), f"{here} does not link forward to {there}"
        assert here in _links(there), f"{there} does not link back to {here}"
    for page in CONCEPTS:
        assert len(_links(page)) >= 3, f"{page} links to only {sorted(_links(page))}"
