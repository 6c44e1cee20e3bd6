"""Numbers on the pages are computed into them (sitebuild/values.py): none typed, none missing, none unused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest

from sitebuild import figure_style, values

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = values.pages(DOCS)


def test_the_pages_are_found():
    assert {"index.md", "loss.md", "answers/loss.md", "notebooks/loss.py"} <= set(PAGES)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_no_decimal_power_of_ten_or_percentage_is_typed_by_hand(page):
    typed = values.typed_numbers(PAGES[page], page)
    assert not typed, (
        f"{len(typed)} numbers typed by hand in {page}; have the script that computes each save it "
        "(figure_style.save_values) and write {{ name.key:format }} in its place, or, for a definition "
        "that is not a result, add it to sitebuild.values.ALLOWED with the reason:\n" + "\n".join(str(t) for t in typed)
    )


def test_every_allowed_number_is_still_typed_on_its_page():
    for (page, number), reason in values.ALLOWED.items():
        assert reason.strip(), f"{page}: {number}: an allowed number needs its reason"
        found = {t.number for t in values.typed_numbers(PAGES[page], page, allowed={})}
        assert number in found, f"sitebuild.values.ALLOWED: {number!r} is no longer typed on {page}: remove it"


def placeholders() -> dict[str, list[re.Match]]:
    return {page: list(values.PLACEHOLDER.finditer(text)) for page, text in PAGES.items()}


@pytest.mark.parametrize("page", sorted(p for p in PAGES if p.endswith(".md")))
def test_every_number_a_page_names_exists_and_fits_its_format(page):
    values.fill(PAGES[page], values.load(), page)  # raises with the line and what exists


def test_the_notebooks_compute_their_numbers_in_cells_not_placeholders():
    # mkdocs-jupyter renders the Markdown cells itself: a placeholder there would reach the reader as is.
    for page, matches in placeholders().items():
        if page.startswith("notebooks/") and page.endswith(".py"):
            assert not matches, f"{page}: {{{{ }}}} in a Markdown cell; print the number from a code cell instead"


def test_every_saved_number_is_stated_on_a_page():
    used = {(m["name"], m["key"]) for matches in placeholders().values() for m in matches}
    for name, numbers in values.load().items():
        unused = [key for key in numbers if (name, key) not in used]
        assert not unused, f"{name}{values.SUFFIX}: {unused} are stated on no page: stop saving them"


def test_every_values_file_is_written_by_a_script_or_a_benchmark():
    from sitebuild import figures

    scripts = {p.stem.removeprefix("plot_").removeprefix("values_") for p in figures.figure_scripts()}
    for folder in values.FOLDERS:
        for path in folder.glob(f"*{values.SUFFIX}"):
            name = path.name.removesuffix(values.SUFFIX)
            if folder.name == "figures":
                assert name in scripts, f"figures/{path.name}: no scripts/plot_{name}.py or values_{name}.py"


# --- the parts -------------------------------------------------------------------------------------------


def test_fill_formats_with_a_real_minus_sign_and_keeps_the_rest():
    numbers = {"fig": {"a": -0.25, "n": 6000, "p": 0.885, "s": "never"}}
    text = "a {{ fig.a:.2f }}, n {{fig.n:,}}, p {{ fig.p:.1% }}, {{ fig.s }}; `code` and $x$ stay."
    assert values.fill(text, numbers) == "a −0.25, n 6,000, p 88.5%, never; `code` and $x$ stay."


def test_fill_leaves_code_as_written():
    text = "`{{ fig.a }}` and\n```python\nf'{{ {x} }}'\n{{ fig.a }}\n```\nthen {{ fig.a }}"
    assert values.fill(text, {"fig": {"a": 1}}) == text.removesuffix("{{ fig.a }}") + "1"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ nope.a }}", "no values file nope.values.json"),
        ("{{ fig.b }}", "fig has no value 'b' (it has: a)"),
        ("{{ fig.a:d }}", "the format 'd' does not fit the value 0.5"),
        ("one\ntwo {{ fig.a:.2f }} {{ fig }}", "line 2: '{{' that is not a placeholder"),
    ],
)
def test_fill_refuses_what_it_cannot_write_naming_the_line(text, message):
    with pytest.raises(values.ValuesError, match=re.escape(message)):
        values.fill(text, {"fig": {"a": 0.5}}, "page.md")


def test_typed_numbers_look_in_prose_and_alt_text_only():
    page = "\n".join(
        [
            "Prose 0.36 and 24 % and 10⁻⁸ and 1e-8 and 10 to the 4.",
            "![The alt text says 1.46.](figures/x.svg)",
            "`code 0.5`, $x = 0.25$, $$y = 0.75$$, <!-- 0.1 --> {{ fig.a:.3f }}",
            "```python",
            ">>> 0.5 + 0.25",
            "```",
            "Gradient descent (Nesterov 2004, Theorem 2.1.15; section 7.8), Python 3.11, the year 1986.",
        ]
    )
    found = [(t.line, t.number) for t in values.typed_numbers(page, "p.md", allowed={})]
    assert found == [(1, "0.36"), (1, "24 %"), (1, "10⁻⁸"), (1, "1e-8"), (1, "10 to the 4"), (2, "1.46")]
    assert values.typed_numbers(page, "p.md", allowed={("p.md", "0.36"): "why"})[0].number == "24 %"


def test_notebook_markdown_is_read_from_markdown_cells_only():
    source = "# %% [markdown]\n# Says 0.5.\n\n# %%\nx = 0.25  # 0.75\n# %% [markdown]\n# And 1.5 %.\n"
    assert [t.number for t in values.typed_numbers(values.notebook_markdown(source))] == ["0.5", "1.5 %"]


def test_the_extension_fills_included_snippets_and_leaves_code_blocks_to_the_fences(tmp_path):
    (tmp_path / "fig.values.json").write_text(json.dumps({"loss": 0.1234}), encoding="utf-8")
    (tmp_path / "answer.md").write_text("The loss is {{ fig.loss:.2f }}.\n", encoding="utf-8")
    md = markdown.Markdown(
        extensions=["pymdownx.snippets", "pymdownx.superfences", values.ValuesExtension(folders=[str(tmp_path)])],
        extension_configs={"pymdownx.snippets": {"base_path": [str(tmp_path)]}},
    )
    html = md.convert('--8<-- "answer.md"\n\n![Loss {{ fig.loss:.3f }}.](x.svg)\n')
    assert "The loss is 0.12." in html and 'alt="Loss 0.123."' in html


def test_save_values_keeps_full_floats_and_refuses_what_a_page_cannot_state(tmp_path):
    import numpy as np

    path = figure_style.save_values({"a": np.float64(1 / 3), "n": np.int64(7), "s": "x"}, tmp_path / "fig")[0]
    assert path.name == "fig.values.json"
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": 1 / 3, "n": 7, "s": "x"}
    with pytest.raises(ValueError, match="identifiers"):
        figure_style.save_values({"not a name": 1.0}, tmp_path / "fig")
    with pytest.raises(ValueError, match="finite"):
        figure_style.save_values({"a": float("nan")}, tmp_path / "fig")
    with pytest.raises(TypeError, match=r"values\['a'\]: expected a number or a string, got list"):
        figure_style.save_values({"a": [1.0]}, tmp_path / "fig")


def test_check_names_the_file_a_mistake_was_typed_in_and_its_line(tmp_path):
    (tmp_path / "answer.md").write_text("One.\n\nThe loss is {{ fig.typo:.2f }}.\n", encoding="utf-8")
    page = '# Page\n\n!!! abstract\n    --8<-- "answer.md"\n\n{{ fig.loss:.1f }}\n'
    values.check(page, "page.md", {"fig": {"loss": 0.25, "typo": 1.0}}, root=tmp_path)
    with pytest.raises(values.ValuesError, match=re.escape("answer.md, line 3: {{ fig.typo:.2f }}: fig has no")):
        values.check(page, "page.md", {"fig": {"loss": 0.25}}, root=tmp_path)
    with pytest.raises(values.ValuesError, match=re.escape("page.md, line 6: {{ fig.loss:.1f }}")):
        values.check(page, "page.md", {"fig": {"los": 0.25}}, root=tmp_path)
