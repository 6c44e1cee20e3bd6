"""The committed figures are exactly what the scripts draw now, and the pipeline behaves as documented."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from sitebuild import figure_style, fileio
from sitebuild import figures as make_figures
from sitebuild.variants import svg_size

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
FIGURES = ROOT / "figures"

SCRIPT_NAMES = [p.name for p in make_figures.figure_scripts()]


def generated(folder: Path) -> list[str]:
    """The generated files in a folder: figures (SVG) and the data of interactive figures (JSON)."""
    return sorted(p.name for p in [*folder.glob("*.svg"), *folder.glob("*.json")] if p.name != "manifest.json")


def committed_figures() -> list[str]:
    return generated(FIGURES)


def test_there_are_figures_to_check():
    assert SCRIPT_NAMES, "no scripts/plot_*.py found"
    assert committed_figures(), "no figures/*.svg committed"


@pytest.mark.parametrize("name", committed_figures())
def test_committed_figure_equals_what_its_script_draws_now(regenerated, name):
    fresh = regenerated / name
    assert fresh.exists(), f"figures/{name} is committed but no script draws it any more: delete it"
    assert fresh.read_bytes() == (FIGURES / name).read_bytes(), (
        f"figures/{name} differs from what its script draws now: run `make figures` and commit the result"
    )


def test_every_drawn_figure_is_committed(regenerated):
    drawn = generated(regenerated)
    missing = sorted(set(drawn) - set(committed_figures()))
    assert not missing, f"drawn but not committed: {missing}: run `make figures` and commit them"


def test_every_figure_comes_in_light_and_dark_wide_and_narrow(regenerated):
    names = {p.name for p in regenerated.glob("*.svg")}
    wide_light = {n for n in names if not n.endswith(("-dark.svg", "-narrow.svg"))}
    expected = {
        n.replace(".svg", suffix)
        for n in wide_light
        for suffix in (".svg", "-dark.svg", "-narrow.svg", "-narrow-dark.svg")
    }
    assert expected == names


NARROW_FIGURES = sorted(p.name for p in FIGURES.glob("*-narrow*.svg"))


@pytest.mark.parametrize("name", NARROW_FIGURES)
def test_narrow_figure_text_is_at_least_9_css_px_on_a_phone(name):
    """At its natural size a narrow figure fits a 390 px phone's text column; its smallest text then
    shows at 9 CSS px or more. (tests/browser measures it on the rendered pages too.)"""
    size = svg_size(FIGURES / name)
    assert size.width_px <= figure_style.PHONE_COLUMN_PX, f"{name}: {size.width_px:.0f} px wide"
    assert size.smallest_text_px >= figure_style.MIN_TEXT_PX, (
        f"{name}: smallest text {size.smallest_text_pt:g} pt = {size.smallest_text_px:.1f} CSS px"
    )


@pytest.mark.parametrize("name", [n for n in committed_figures() if n.endswith(".svg")])
def test_every_figure_records_its_smallest_text(name):
    text = (FIGURES / name).read_bytes()[:600]
    assert b"data-smallest-text-pt=" in text, f"{name} was not written by figure_style.save"
    assert svg_size(FIGURES / name).smallest_text_pt >= 7.5


def test_drawing_twice_gives_the_same_bytes(tmp_path):
    script = SCRIPTS / SCRIPT_NAMES[0]
    first, _ = make_figures.build_one(script, tmp_path / "a")
    second, _ = make_figures.build_one(script, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_svg_has_no_date_or_software_stamp():
    text = (FIGURES / committed_figures()[0]).read_text(encoding="utf-8")
    assert "<dc:date>" not in text and "Matplotlib v" not in text


@pytest.mark.parametrize("script", SCRIPT_NAMES)
def test_figure_script_reads_like_the_house_style(script):
    """A title and a paragraph in the docstring, `# %%` cells, a main(out_dir), numbers from `concepts`,
    and the shared callout rather than a copy of it."""
    tree = ast.parse((SCRIPTS / script).read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree)
    assert doc and "\n\n" in doc, f"{script}: docstring needs a title line and a paragraph saying what it shows"
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert "main" in functions, f"{script}: needs main(out_dir)"
    imports = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    # the site's own numbers (figure sizes, build settings) come from sitebuild, every other from concepts
    source_package = "sitebuild" if script == "values_site.py" else "concepts"
    assert any(m and m.startswith(source_package) for m in imports), f"{script}: must compute through {source_package}"
    source = (SCRIPTS / script).read_text(encoding="utf-8")
    assert "\n# %%" in source, f"{script}: split the story into `# %%` cells"
    copies = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", None) == "annotate"
        and {"arrowprops", "bbox"} <= {k.arg for k in node.keywords}
    ]
    assert not copies, f"{script}: a boxed label with an arrow is figure_style.callout, not annotate (lines {copies})"


def test_only_stale_figures_are_redrawn(regenerated, tmp_path):
    import shutil

    tmp_path = Path(shutil.copytree(regenerated, tmp_path / "figures"))  # with the manifest make() wrote
    assert make_figures.make(tmp_path, quiet=True)["regenerated"] == 0
    victim = sorted(tmp_path.glob("*.svg"))[0]
    victim.write_bytes(b"edited by hand")
    again = make_figures.make(tmp_path, quiet=True)
    assert again["regenerated"] == 1 and victim.read_bytes() != b"edited by hand"
    script = make_figures.figure_scripts()[0]
    entry = make_figures.read_manifest(tmp_path)[script.name]
    assert make_figures.is_stale(script, {**entry, "inputs": "0" * 64}, tmp_path)  # a changed input


def test_committed_manifest_records_the_current_inputs():
    """Else a fresh clone redraws figures on its first `make serve` and its build stamp reads "uncommitted"."""
    stale = [script.name for script in make_figures.stale_scripts(FIGURES)]
    assert not stale, f"run `make figures` and commit figures/: the manifest is out of date for {stale}"


def test_make_leaves_an_unchanged_manifest_untouched(regenerated, tmp_path):
    import shutil

    folder = Path(shutil.copytree(regenerated, tmp_path / "figures"))
    before = (folder / "manifest.json").stat().st_mtime_ns
    make_figures.make(folder, quiet=True)
    assert (folder / "manifest.json").stat().st_mtime_ns == before


def test_dependencies_follow_concepts_imports():
    deps = {
        p.relative_to(ROOT).as_posix() for p in make_figures.figure_dependencies(SCRIPTS / "plot_neuron_perceptron.py")
    }
    assert {
        "concepts/neuron/__init__.py",
        "concepts/neuron/activations.py",
        "concepts/neuron/perceptron.py",
        "concepts/datasets.py",
        "concepts/validation.py",
        "concepts/__init__.py",
        "sitebuild/figure_style.py",
    } <= deps
    assert "concepts/loss/regression.py" not in deps


def test_an_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "figure.svg"
    target.write_bytes(b"old")

    def broken_replace(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(fileio.os, "replace", broken_replace)
    with pytest.raises(KeyboardInterrupt):
        fileio.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["figure.svg"], "the temporary file was not cleaned up"


@pytest.mark.slow  # starts Python processes
def test_script_runs_from_the_command_line(tmp_path):
    import subprocess

    script = SCRIPTS / SCRIPT_NAMES[0]
    done = subprocess.run(
        [sys.executable, str(script), "--out-dir", str(tmp_path)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert len(list(tmp_path.glob("*.svg"))) == 4  # light and dark, wide and narrow


def test_interactive_figures_use_the_figure_palettes():
    """The widget colours in site.css are the figure palettes, light and dark, in the same order."""
    import re

    css = (ROOT / "docs" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    for scheme, theme in (("default", figure_style.LIGHT), ("slate", figure_style.DARK)):
        block = css.split(f'[data-md-color-scheme="{scheme}"] .nn-widget {{', 1)[1].split("}", 1)[0]
        colours = dict(re.findall(r"--nn-c(\d): (#[0-9A-Fa-f]{6})", block))
        assert [colours[str(i)].lower() for i in range(len(theme.colors))] == [c.lower() for c in theme.colors]


def test_widget_data_is_rounded_and_has_no_nan(tmp_path):
    path = figure_style.save_json({"a": [1 / 3, float("inf"), float("nan")], "b": 2.0}, tmp_path / "w.json")[0]
    assert path.read_text() == '{"a":[0.33333,null,null],"b":2.0}\n'


def test_a_redraw_that_gives_the_same_bytes_leaves_the_files_untouched(regenerated, tmp_path):
    """No new modification time, so `mkdocs serve` sees no change and starts no rebuild."""
    import os
    import shutil

    folder = Path(shutil.copytree(regenerated, tmp_path / "figures"))
    for path in folder.iterdir():
        os.utime(path, ns=(1, 1))
    written, _ = make_figures.build_one(SCRIPTS / SCRIPT_NAMES[0], folder)
    assert written and all(path.stat().st_mtime_ns == 1 for path in written)


def test_a_docstring_edit_in_concepts_leaves_every_figure_up_to_date(tmp_path):
    """The staleness digest ignores docstrings and comments: such an edit redraws nothing."""
    import shutil

    project = tmp_path / "project"
    for folder in ("concepts", "scripts", "sitebuild"):
        shutil.copytree(ROOT / folder, project / folder)
    digests = make_figures.Digests(project)
    script = project / "scripts" / "plot_neuron_activations.py"
    before = make_figures.inputs_digest(script, digests)
    neuron = project / "concepts" / "neuron" / "activations.py"
    neuron.write_text(
        neuron.read_text(encoding="utf-8").replace('"""The logistic function', '"""Edited: the logistic function', 1)
        + "# a comment\n",
        encoding="utf-8",
    )
    assert make_figures.inputs_digest(script, make_figures.Digests(project)) == before
    neuron.write_text(neuron.read_text(encoding="utf-8").replace("def sigmoid(", "def sigmoid_(", 1), encoding="utf-8")
    assert make_figures.inputs_digest(script, make_figures.Digests(project)) != before
