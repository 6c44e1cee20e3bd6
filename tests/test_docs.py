"""The pages have what design/CONCEPT_PAGE.md asks of them, and every figure is used and described.

The code on the pages runs under Sybil (see conftest.py at the top of the repository); this file checks
their structure. The question pages are the nav's (`sitebuild.nav.questions`, read from mkdocs.yml, the
one list of them); each question's code, notebook and short answer follow from its page's name.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import pkgutil
import re
from functools import cache
from pathlib import Path

import pytest

from sitebuild import exercises, figures, glossary, home, nav, readability, source_link

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FIGURES = ROOT / "figures"
WIDGET = re.compile(r'class="nn-widget" data-src="(?P<up>(?:\.\./)*)figures/(?P<name>[\w-]+)\.json"')
FIGURE = re.compile(r"!\[(?P<alt>(?:[^\[\]]|\[[^\]]*\])*)\]\((?:\.\./)*figures/(?P<name>[\w-]+)\.svg[^)]*\)")
API_ENTRY = re.compile(r"^::: (?P<module>[\w.]+)$", flags=re.M)

QUESTIONS = nav.questions()
PAGES = [question.page for question in QUESTIONS]
SECTIONS = [
    "## Intuition",
    "## See it",
    "## Common misconceptions",
    "## The maths",
    "## In code",
    "## Try it",
    "## Exercises",
    "## References",
    "## API",
]
per_question = pytest.mark.parametrize("question", QUESTIONS, ids=PAGES)


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


INCLUDE = re.compile(r'--8<-- "docs/(?P<path>answers/[\w-]+\.md)"')


def test_the_nav_lists_five_questions_and_their_notebooks_in_the_same_order():
    assert len(QUESTIONS) == 5 and all((DOCS / page).is_file() for page in PAGES)
    notebooks = [p for p in nav.section_pages(nav.read_config()["nav"], nav.NOTEBOOKS_SECTION) if p.endswith(".py")]
    assert notebooks == [question.notebook for question in QUESTIONS]


@per_question
def test_concept_page_opens_with_the_answer_and_a_figure(question):
    page = question.page
    first_section = text(page).split("\n## ", 1)[0]
    assert '!!! abstract "The answer"' in first_section, f"{page}: the answer comes first, in an admonition"
    include = INCLUDE.search(first_section)
    assert include, f"{page}: the answer is included from docs/answers/ (the home page shares it)"
    assert include["path"] == question.answer, f"{page}: its answer is docs/{question.answer}"
    answer = text(include["path"])
    assert FIGURE.search(answer), f"{page}: the answer shows its key figure"
    # short sentences are what make it plain: their number is not capped, the words are (90, below)
    assert readability.measure(answer).sentences >= 2, f"{page}: the answer says more than one thing"


@pytest.mark.parametrize("page", PAGES)
def test_concept_page_has_every_section_in_order(page):
    body = text(page)
    positions = [body.find(f"\n{heading}\n") for heading in SECTIONS]
    missing = [h for h, at in zip(SECTIONS, positions) if at < 0]
    assert not missing, f"{page}: missing sections {missing}"
    assert positions == sorted(positions), f"{page}: sections out of order"


def api_modules(page: str) -> list[str]:
    """The modules that a page's API section documents (`::: concepts.loss.regression`), in order."""
    return API_ENTRY.findall(text(page).split("\n## API\n", 1)[1])


@cache
def concept_modules() -> list[str]:
    """Every module of `concepts` that is not a package (imported here, so that a broken one fails a test,
    not the collection of this file)."""
    concepts = importlib.import_module("concepts")
    return [info.name for info in pkgutil.walk_packages(concepts.__path__, prefix="concepts.") if not info.ispkg]


def homes(name: str, value: object) -> set[str]:
    """The modules (not packages) of `concepts` whose `__all__` holds `name` as this very object."""
    found = set()
    for module_name in concept_modules():
        module = importlib.import_module(module_name)
        if name in getattr(module, "__all__", ()) and getattr(module, name) is value:
            found.add(module_name)
    return found


@per_question
def test_the_api_section_documents_every_name_the_question_exports(question):
    """A question's package gathers the names of its modules (`from concepts.loss import huber_loss`); its
    page documents them module by module (`::: concepts.loss.regression`, ...), shared modules included."""
    code = importlib.import_module(question.package)
    documented = set(api_modules(question.page))
    missing = sorted(name for name in code.__all__ if not homes(name, getattr(code, name)) & documented)
    assert not missing, f"{question.page}: no module in its API section documents {missing}"


@per_question
def test_the_api_section_documents_its_own_or_shared_modules_only(question):
    """Each module is documented on its question's page; a shared module may be on any page that uses it."""
    others = [other.package for other in QUESTIONS if other != question]
    for module in api_modules(question.page):
        importlib.import_module(module)  # the build would fail on it too; this says so sooner
        owner = [other for other in others if module == other or module.startswith(other + ".")]
        assert not owner, f"{question.page} documents {module}, which belongs to another question"


def test_the_reference_lists_every_module():
    """A module of a question's package has a row (`descent`) under the heading that names the package."""
    sections = re.split(r"^## ", text("reference/index.md"), flags=re.M)
    missing = []
    for module in concept_modules():
        package, _, name = module.rpartition(".")
        listed = any(f"| `{module}`" in section for section in sections) or any(
            f"`{package}`" in section.splitlines()[0] and f"| `{name}`" in section for section in sections[1:]
        )
        if not listed:
            missing.append(module)
    assert not missing, f"docs/reference/index.md has no row for {missing}"


@pytest.mark.parametrize("page", PAGES)
def test_exercises_have_solutions_that_run(page):
    exercises = text(page).split("\n## Exercises\n", 1)[1].split("\n## ", 1)[0]
    solutions = exercises.split('??? success "Solution"')[1:]
    assert len(solutions) >= 3, f"{page}: at least three exercises with solutions"
    for number, solution in enumerate(solutions, 1):
        assert "```python" in solution and ">>>" in solution, (
            f"{page}: solution {number} has no doctest block, so no test checks it"
        )


@pytest.mark.parametrize("page", PAGES)
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
            f"{page.name}: alt text of {name} says what it is, not what it shows"
        )


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
    data = {
        p.stem
        for p in FIGURES.glob("*.json")
        if p.name != "manifest.json" and not p.name.endswith((".values.json", figures.VECTORS_SUFFIX))
    }
    assert data <= set(used), f"interactive figures that no page shows: {sorted(data - set(used))}"


@per_question
def test_every_concept_page_has_a_notebook(question):
    notebook = DOCS / question.notebook
    assert notebook.exists(), f"{question.page}: no notebook {notebook.relative_to(ROOT)}"
    source = notebook.read_text(encoding="utf-8")
    assert "format_name: percent" in source and f"from {question.package}" in source


def test_the_home_page_gets_its_answers_from_the_nav():
    """The build writes the five answers in (`sitebuild.home`); none is included by hand."""
    source = text("index.md")
    assert source.count(home.PLACEHOLDER) == 1
    assert '--8<-- "docs/answers/' not in source


def test_a_page_that_says_clone_links_the_source():
    """Where a page sends the reader to the repository, the build can link it (`sitebuild.source_link`): the
    words are marked, and every marker has its pair."""
    unlinked = []
    for page in pages():
        body = page.read_text(encoding="utf-8")
        source_link.link(body, "https://example.org/nn")  # raises on a marker without its pair
        if re.search(r"\bclone\b", body, flags=re.I) and source_link.OPEN not in body:
            unlinked.append(page.relative_to(DOCS).as_posix())
    assert not unlinked, f"these pages say clone but mark no words to link to the source: {unlinked}"
    assert source_link.OPEN in text("index.md") and source_link.OPEN in text("notebooks/index.md")


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:1500]
    assert "make serve" in head and "make test" in head


def test_glossary_defines_the_terms_the_pages_rely_on():
    terms = glossary.terms(DOCS / "glossary.md")
    wanted = {
        "neuron",
        "activation",
        "weight",
        "bias",
        "gradient",
        "learning rate",
        "epoch",
        "loss",
        "backpropagation",
        "fan-in",
        "chain rule",
    }
    assert wanted <= set(terms), f"missing from docs/glossary.md: {sorted(wanted - set(terms))}"
    assert all(definition.endswith((".", "?", "!")) for definition in terms.values())


def test_every_glossary_entry_links_to_where_it_is_explained():
    source = (DOCS / "glossary.md").read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z][^\n]*\n:   )", source.split("\n\n", 2)[2])
    assert len(entries) == len(glossary.terms(DOCS / "glossary.md"))
    for entry in entries:
        assert re.search(r"\]\([\w-]+\.md(#[\w-]+)?\)", entry), f"glossary entry without a link: {entry[:40]!r}"


def test_exercises_index_lists_every_exercise_of_every_question_page():
    index = exercises.exercises_index(DOCS, PAGES)
    for page in PAGES:
        section = text(page).split("\n## Exercises\n", 1)[1].split("\n## ", 1)[0]
        count = len(re.findall(r"^\d+\. \*\*", section, flags=re.M))
        listed = index.split(f"]({page}#exercises)", 1)[1].split("\n## ", 1)[0]
        assert len(re.findall(r"^\d+\. \*\*", listed, flags=re.M)) == count >= 3


def _links(page: str) -> set[str]:
    return {m for m in re.findall(r"\]\(([\w-]+\.md)(?:#[\w.-]*)?\)", text(page)) if m in PAGES and m != page}


def test_pages_link_forward_and_back_where_ideas_meet():
    """loss -> chain rule -> initialization -> learning rate, each link both ways; the build checks targets."""
    chain = ["loss.md", "chain-rule.md", "initialization.md", "learning-rate.md"]
    for here, there in zip(chain, chain[1:]):
        assert there in _links(here), f"{here} does not link forward to {there}"
        assert here in _links(there), f"{there} does not link back to {here}"
    for page in PAGES:
        assert len(_links(page)) >= 3, f"{page} links to only {sorted(_links(page))}"


def test_the_design_notes_are_in_the_repository_and_cited_by_their_path():
    """Code and tests cite the design notes as design/<NOTE>.md, a file that exists."""
    notes = sorted(path.name for path in (ROOT / "design").glob("*.md"))
    assert {"DESIGN.md", "STYLE.md", "CONCEPT_PAGE.md", "CLAIMS.md"} <= set(notes)
    bare = re.compile(r"(?<![\w/])(?:" + "|".join(re.escape(name) for name in notes) + ")")
    sources = [
        path
        for folder in ("concepts", "sitebuild", "scripts", "tests", "benchmarks", "hooks")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != Path(__file__).resolve()
    ]
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if bare.search(line)
    ]
    assert not found, f"cite the design notes as design/<NOTE>.md: {found}"


SNIPPET = re.compile(r'^\s*--8<-- "(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"$')


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_snippet_line_is_well_formed_and_its_section_exists(page):
    """A line that reformatting or a typo bent (`--8 < --"x"`) is not an include: the page would show it."""
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        if "--8" not in line.replace("`--8<--`", "") or line.strip().startswith("#"):
            continue
        match = SNIPPET.match(line)
        assert match, f"{page.name}:{number}: not a snippet line: {line.strip()!r}"
        source = ROOT / match["path"]
        assert source.is_file(), f"{page.name}:{number}: no file {match['path']}"
        if match["section"]:
            assert f"--8<-- [start:{match['section']}]" in source.read_text(encoding="utf-8"), (
                f"{page.name}:{number}: {match['path']} has no section {match['section']}"
            )


# --- for the reader the site is for: a learner who knows school algebra (design/CONCEPT_PAGE.md) ---

ANSWER_MAX_WORDS, ANSWER_MAX_GRADE = 90, 9.0
BEFORE_THE_MATHS_MAX_WORDS = 1500
SYMBOLS = ("∇", "∂", "Var", "η", "\\nabla", "\\partial", "\\eta", "\\operatorname{Var}")


@per_question
def test_each_answer_is_short_plain_and_keeps_its_figure(question):
    source = text(question.answer)
    measured = readability.measure(source)
    assert measured.words <= ANSWER_MAX_WORDS, f"{question.answer}: {measured.words} words"
    assert measured.grade <= ANSWER_MAX_GRADE, f"{question.answer}: Flesch-Kincaid grade {measured.grade:.1f}"
    prose = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", source)  # the alt text may name what the figure shows
    unexplained = [symbol for symbol in SYMBOLS if symbol in prose]
    assert not unexplained, f"{question.answer}: symbols a learner has not met: {unexplained}"
    assert FIGURE.search(source), f"{question.answer}: the answer keeps its key figure"


CLAIM_MARK = re.compile(r"<!-- CLAIMS (?P<id>[A-Z]\d+) -->")


def claims_to_correct(number: int) -> list[str]:
    """The ids of the CLAIMS.md rows of question `number` marked ~ or ✗ (each needs a misconception box)."""
    ledger = (ROOT / "design" / "CLAIMS.md").read_text(encoding="utf-8")
    section = ledger.split(f"\n## {number}. ", 1)[1].split("\n## ", 1)[0]
    return [m[1] for m in re.finditer(r"^\| (\w\d+) \| .*? \| [~✗] \|", section, flags=re.M)]


@per_question
def test_a_reader_who_stops_before_the_maths_has_met_every_misconception(question):
    page = text(question.page)
    head = page.split("\n## The maths\n", 1)[0]
    boxes = head.split("\n## Common misconceptions\n", 1)[1].split('!!! warning "')[1:]
    marked = [m["id"] for box in boxes for m in CLAIM_MARK.finditer(box)]
    assert len(marked) == len(boxes), f"{question.page}: each misconception box names its claim, <!-- CLAIMS N1 -->"
    missing = sorted(set(claims_to_correct(question.number)) - set(marked))
    assert not missing, f"{question.page}: no misconception box before the maths for {missing} (design/CLAIMS.md)"


@per_question
def test_the_prose_before_the_maths_is_at_most_about_1500_words(question):
    head = readability.before_the_maths(text(question.page), DOCS)
    words = readability.measure(head).words
    assert words <= BEFORE_THE_MATHS_MAX_WORDS, f"{question.page}: {words} words of prose before the maths"


def listed_terms() -> list[str]:
    lines = (ROOT / "design" / "terms.txt").read_text(encoding="utf-8").splitlines()
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def test_every_technical_word_the_pages_use_is_in_the_glossary():
    """design/terms.txt lists the technical words the pages use; the glossary (the tooltips) has each."""
    terms = {term.lower() for term in glossary.terms(DOCS / "glossary.md")}
    listed = listed_terms()
    assert len(listed) == len(set(listed)), "design/terms.txt lists a term twice"
    missing = [term for term in listed if term.lower() not in terms]
    assert not missing, f"in design/terms.txt but not in docs/glossary.md: {missing}"


def test_every_listed_term_is_used_on_a_page():
    pages_text = " ".join(text(page).lower() for page in PAGES + [q.answer for q in QUESTIONS])
    unused = [term for term in listed_terms() if term.lower() not in pages_text]
    assert not unused, f"design/terms.txt lists words no question page uses: {unused}"


def test_the_engineering_lives_on_its_own_page():
    """Benchmarks, garbage collection, recursion and summation order are on reference/performance.md;
    a question page keeps a sentence and a link."""
    for page in PAGES:
        source = text(page)
        assert '--8<-- "benchmarks/' not in source, f"{page}: a benchmark table belongs on reference/performance.md"
        for heading in re.findall(r"^#{2,4} (.*)$", source, flags=re.M):
            assert not re.search(r"garbage|collector|recursion|summation|benchmark", heading, flags=re.I), (
                f"{page}: the section {heading!r} belongs on reference/performance.md"
            )
    assert '--8<-- "benchmarks/chain_rule.md"' in text("reference/performance.md")


def test_the_performance_page_includes_the_playground_timings_written_with_their_results() -> None:
    """benchmarks/playground.json holds a timing for every case bench_playground.py times and a size for
    every script; the table the performance page includes was written from it."""
    spec = importlib.util.spec_from_file_location("bench_playground", ROOT / "benchmarks" / "bench_playground.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    results = json.loads((ROOT / "benchmarks" / "playground.json").read_text(encoding="utf-8"))
    assert [row["case"] for row in results["cases"]] == [label for label, _ in bench.CASES]
    assert all(row["ms_per_step"] > 0 for row in results["cases"])
    assert [row["file"] for row in results["scripts"]] == bench.FILES
    assert (ROOT / "benchmarks" / "playground.md").read_text(encoding="utf-8") == bench.table(results)
    assert '--8<-- "benchmarks/playground.md"' in text("reference/performance.md")
