"""The build steps in `sitebuild`: each runs without MkDocs, keeps no global state, reruns only when the
content of its inputs changed, and leaves a file with the same bytes untouched."""

from __future__ import annotations

import ast
import base64
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sitebuild import digest, exercises, fileio, glossary, home, math, nav, notebooks, offline, source_link, variants

ROOT = Path(__file__).resolve().parent.parent
NEURON = ROOT / "concepts" / "neuron" / "activations.py"


# --- code digests ---------------------------------------------------------------------------------


def test_a_docstring_or_comment_edit_leaves_the_code_digest_unchanged():
    source = NEURON.read_text(encoding="utf-8")
    edited = source.replace('"""The logistic function', '"""(edited) The logistic function', 1)
    edited = edited.replace("\ndef sigmoid(", "\n# a comment\ndef sigmoid(", 1)
    assert edited != source
    assert digest.code_digest(edited) == digest.code_digest(source)


def test_a_code_edit_changes_the_code_digest():
    source = NEURON.read_text(encoding="utf-8")
    edited = source.replace("def sigmoid(", "def sigmoid_(", 1)
    assert digest.code_digest(edited) != digest.code_digest(source)


def test_a_module_docstring_is_ignored_but_a_string_statement_later_is_not():
    assert digest.code_digest('"""doc"""\nx = 1\n') == digest.code_digest("x = 1\n")
    assert digest.code_digest('x = 1\n"not a docstring"\n') != digest.code_digest("x = 1\n")


def test_dependencies_follow_relative_and_absolute_imports_transitively():
    deps = {
        p.relative_to(ROOT).as_posix()
        for p in digest.dependencies(ROOT / "concepts" / "learning_rate" / "descent.py", ["concepts"])
    }
    assert {
        "concepts/learning_rate/descent.py",
        "concepts/learning_rate/optimizers.py",
        "concepts/validation.py",
        "concepts/learning_rate/__init__.py",
        "concepts/__init__.py",
    } <= deps


@pytest.mark.slow  # starts Python processes
def test_digests_are_the_same_in_every_process():
    """Set iteration order changes with PYTHONHASHSEED: the digests must not."""
    code = (
        "from sitebuild import figures, notebooks\n"
        "print([notebooks.cache_key(s) for s in notebooks.notebook_sources()],"
        " [figures.inputs_digest(s) for s in figures.figure_scripts()[::8]])"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


# --- files ----------------------------------------------------------------------------------------


def test_writing_the_same_bytes_leaves_the_file_untouched(tmp_path):
    target = tmp_path / "figure.svg"
    assert fileio.write_if_changed(target, b"<svg/>")
    os.utime(target, ns=(1, 1))
    assert not fileio.write_if_changed(target, b"<svg/>")
    assert target.stat().st_mtime_ns == 1
    assert fileio.write_if_changed(target, b"<svg></svg>") and target.read_bytes() == b"<svg></svg>"


# --- notebooks ------------------------------------------------------------------------------------


@pytest.mark.slow  # starts a kernel
def test_a_notebook_is_executed_once_then_reused_until_it_changes(tmp_path, monkeypatch):
    source = tmp_path / "tiny.py"
    source.write_text("# %%\nfrom concepts.neuron import sigmoid\nprint(float(sigmoid(0.0)))\n", encoding="utf-8")
    cache = tmp_path / "cache"
    first = notebooks.executed(source, cache)
    assert "0.5" in first.read_text(encoding="utf-8")

    def no_kernel(*args):
        raise AssertionError("executed again although nothing changed")

    monkeypatch.setattr(notebooks, "execute", no_kernel)
    assert notebooks.executed(source, cache) == first
    source.write_text(source.read_text(encoding="utf-8") + "print('changed')\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="executed again"):
        notebooks.executed(source, cache)


def test_a_notebook_key_follows_its_concepts_code_but_not_their_docstrings(tmp_path):
    project = tmp_path / "project"
    (project / "concepts").mkdir(parents=True)
    (project / "concepts" / "__init__.py").write_text("", encoding="utf-8")
    module = project / "concepts" / "helper.py"
    module.write_text('def f():\n    """Say one."""\n    return 1\n', encoding="utf-8")
    source = project / "nb.py"
    source.write_text("# %%\nfrom concepts.helper import f\n", encoding="utf-8")

    def key() -> str:
        return notebooks.cache_key(source, digest.Digests(project))

    before = key()
    module.write_text('def f():\n    """Say one, in other words."""  # a comment\n    return 1\n', encoding="utf-8")
    assert key() == before
    module.write_text('def f():\n    """Say one."""\n    return 2\n', encoding="utf-8")
    assert key() != before


@pytest.fixture(scope="module")
def notebooks_zip() -> bytes:
    return notebooks.notebooks_zip(notebooks.notebook_sources())


def test_the_notebooks_zip_is_the_same_bytes_every_time(notebooks_zip):
    assert notebooks.notebooks_zip(notebooks.notebook_sources()) == notebooks_zip


def test_the_notebooks_zip_carries_the_notebooks_the_concepts_package_and_a_readme(notebooks_zip):
    """Each notebook as .ipynb and .py, every .py file of `concepts` (nothing compiled), a README.txt."""
    package = ROOT / "concepts"
    code = {f"notebooks/concepts/{path.relative_to(package).as_posix()}": path for path in package.rglob("*.py")}
    sources = notebooks.notebook_sources()
    with zipfile.ZipFile(io.BytesIO(notebooks_zip)) as archive:
        names = archive.namelist()
        assert sorted(names) == sorted(
            {
                "notebooks/README.txt",
                *(f"notebooks/{source.stem}{suffix}" for source in sources for suffix in (".ipynb", ".py")),
                *code,
            }
        )
        assert "notebooks/concepts/__init__.py" in names and len(names) == len(set(names))
        assert all(archive.read(name) == path.read_bytes() for name, path in code.items())
        readme = archive.read("notebooks/README.txt").decode("utf-8")
        assert "pip install numpy matplotlib jupyter" in readme and "concepts/" in readme
        for info in archive.infolist():
            assert info.date_time == (2026, 1, 1, 0, 0, 0) and info.compress_type == zipfile.ZIP_DEFLATED
            assert info.external_attr >> 16 == 0o644, info.filename


@pytest.mark.slow  # starts a Python process
def test_the_unzipped_notebooks_import_concepts_from_their_own_folder(notebooks_zip, tmp_path):
    """Every `concepts` import of every notebook, run in the unzipped folder, finds the copy there (not
    the one installed for the site)."""
    with zipfile.ZipFile(io.BytesIO(notebooks_zip)) as archive:
        archive.extractall(tmp_path)
    folder = (tmp_path / "notebooks").resolve()
    imports = {}
    for notebook in sorted(folder.glob("*.py")):
        tree = ast.parse(notebook.read_text(encoding="utf-8"))
        imports[notebook.name] = [
            ast.unparse(node)
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "concepts"
        ]
    assert len(imports) == len(notebooks.notebook_sources()) and all(imports.values()), imports
    lines = [line for found in imports.values() for line in found]
    code = "\n".join([*lines, "import concepts", "print(concepts.__file__)"])
    done = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).resolve() == folder / "concepts" / "__init__.py"


def test_notebook_pages_get_the_site_stylesheet_and_lose_nbconvert_extras():
    page = (
        '<head><style>a{}</style>\n<style>b{}</style></head><body><script src=""> </script>'
        '<script type="text/x-mathjax-config">init_mathjax()</script>'
        '<script type="module">import("https://cdn/mermaid.js")</script><script>keep()</script>'
        '<div class="highlight-ipynb hl-python"><pre>x = 1</pre></div></body>'
    )
    html = notebooks.own_styles(page, "../assets")
    assert "<style" not in html and html.count('href="../assets/notebook.css"') == 1
    assert "mathjax" not in html and "mermaid" not in html and 'src=""' not in html and "keep()" in html
    assert '<pre tabindex="0">x = 1</pre>' in html


def test_notebook_plots_get_their_width_and_height():
    png = base64.b64encode(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
        + (450).to_bytes(4, "big")
        + (320).to_bytes(4, "big")
        + b"\x08\x06\x00\x00\x00" * 4
    ).decode()
    html = notebooks.own_styles(f'<img alt="" src="data:image/png;base64,{png}">', "../assets")
    assert html == f'<img alt="" width="450" height="320" src="data:image/png;base64,{png}">'


# --- the link to the source ---------------------------------------------------------------------------


def test_the_marked_words_link_to_the_source_or_stay_plain_words():
    page = "Clone <!-- source -->the site's\nrepository<!-- /source -->; <!-- source -->it<!-- /source --> holds all."
    href = '<a href="https://example.org/nn?a=1&amp;b=&quot;">'
    assert source_link.link(page, ' https://example.org/nn?a=1&b=" ') == (
        f"Clone {href}the site's\nrepository</a>; {href}it</a> holds all."
    )
    assert source_link.link(page, "") == source_link.link(page, None) == "Clone the site's\nrepository; it holds all."
    assert source_link.link("Nothing marked.", "https://example.org/nn") == "Nothing marked."


@pytest.mark.parametrize("url", ["example.org/nn", "javascript:alert(1)", "file:///home/nn", "https://"])
def test_a_source_url_that_is_not_a_web_address_stops_the_build(url):
    with pytest.raises(ValueError, match="extra.source_url"):
        source_link.link("Clone <!-- source -->the repository<!-- /source -->.", url)


@pytest.mark.parametrize("page", ["a\nclone <!-- source -->the repo.", "a\nclone the repo<!-- /source -->."])
def test_a_marker_without_its_pair_stops_the_build(page):
    with pytest.raises(ValueError, match="line 2: <!-- /?source --> without its pair"):
        source_link.link(page, "https://example.org/nn")


def test_the_source_address_is_one_setting_of_mkdocs_yml_and_there_is_no_source_widget():
    """`extra.source_url` (SOURCE_URL, empty by default); `repo_url` would make Material's source widget
    call the GitHub API from every reader's browser (design/DESIGN.md)."""
    config = nav.read_config()
    assert config["extra"]["source_url"] == ""
    assert "source_url: !ENV [SOURCE_URL, " in nav.MKDOCS_YML.read_text(encoding="utf-8")
    assert "repo_url" not in config and "edit_uri" not in config


# --- glossary, exercises, variants, offline -----------------------------------------------------------


def test_tooltips_go_on_the_first_use_of_a_term_in_text_only():
    html = (
        '<h2>The loss</h2><p><code>loss</code> and <a href="x">loss</a> and '
        '<span class="arithmatex">\\(\\text{loss}\\)</span>, then Losses, then a loss.</p>'
    )
    out = glossary.tooltips(html, {"loss": 'How "wrong" & far.'})
    assert out.count("<abbr") == 1
    assert '<abbr title="How &quot;wrong&quot; &amp; far.">Losses</abbr>' in out
    assert out.replace('<abbr title="How &quot;wrong&quot; &amp; far.">Losses</abbr>', "Losses") == html


def test_tooltips_leave_words_that_only_contain_a_term():
    assert glossary.tooltips("<p>lossless, pre-loss</p>", {"loss": "d."}) == "<p>lossless, pre-loss</p>"


def test_exercises_index_links_each_exercise_to_its_page(tmp_path):
    (tmp_path / "a.md").write_text(
        "# Page A\n\n## Exercises\n\n1. **First** Do it.\n\n## References\n", encoding="utf-8"
    )
    index = exercises.exercises_index(tmp_path, ["a.md"])
    assert index.startswith("## [Page A](a.md#exercises)") and "1. **First** Do it." in index


def test_question_pages_come_from_the_nav():
    pages = nav.question_pages(nav.read_config()["nav"])
    assert len(pages) == 5 and all((ROOT / "docs" / page).exists() for page in pages)
    assert [question.page for question in nav.questions()] == pages


def test_a_question_s_code_notebook_answer_and_url_follow_from_its_page():
    nav_list = [{"Home": "index.md"}, {"The five questions": [{"1. Why?": "why-not.md"}, {"2. How?": "how.md"}]}]
    first, second = nav.questions(nav_list)
    assert (first.number, first.package, first.notebook, first.answer, first.url) == (
        1,
        "concepts.why_not",
        "notebooks/why_not.py",
        "answers/why-not.md",
        "why-not/",
    )
    assert second.number == 2 and second.page == "how.md"


def test_the_home_page_answers_follow_the_nav(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "b.md").write_text("# Question B?\n\nText.\n", encoding="utf-8")
    (docs / "a.md").write_text("# Question A?\n", encoding="utf-8")
    markdown = home.answers(docs, nav.questions([{"The five questions": ["b.md", "a.md"]}]))
    assert markdown.count('<div class="home-answer" markdown>') == 2
    assert markdown.index("## [1. Question B?](b.md)") < markdown.index("## [2. Question A?](a.md)")
    assert '--8<-- "docs/answers/b.md"' in markdown and "[The full answer →](a.md){ .home-more }" in markdown


def _svg(path, width_pt, height_pt, smallest_pt=None):
    mark = f' data-smallest-text-pt="{smallest_pt}"' if smallest_pt is not None else ""
    svg = f'<svg{mark} width="{width_pt}pt" height="{height_pt}pt" viewBox="0 0 1 1"></svg>'
    path.write_text(svg, encoding="utf-8")


def test_a_figure_becomes_a_lazy_picture_per_palette_with_its_narrow_variant(tmp_path):
    for dark in ("", "-dark"):
        _svg(tmp_path / f"f{dark}.svg", 540, 240, 9)  # 720 px wide, text 12 px at full size
        _svg(tmp_path / f"f-narrow{dark}.svg", 252, 420, 8)
    html = variants.figure_variants('<p><img alt="A" src="../figures/f.svg"></p>', tmp_path)
    light, dark = re.findall(r"<picture>.*?</picture>", html)
    # 9 px text needs a column of 720 * 9 / 12 = 540 px, so the narrow one shows up to 540 + 32 px.
    assert light == (
        '<picture><source media="(max-width: 572px)" srcset="../figures/f-narrow.svg" '
        'width="336" height="560"><img alt="A" src="../figures/f.svg#only-light" width="720" '
        'height="320" loading="lazy" decoding="async" data-nn-first></picture>'
    )
    assert html.count(variants.FIRST_FIGURE_NOW) == 1  # the first figure is fetched at once
    assert 'srcset="../figures/f-narrow-dark.svg"' in dark and 'src="../figures/f-dark.svg#only-dark"' in dark
    with pytest.raises(variants.MissingDarkVariantError, match="g-dark.svg"):
        variants.figure_variants('<img alt="B" src="figures/g.svg">', tmp_path)


def test_a_figure_readable_on_any_phone_gets_no_narrow_variant(tmp_path):
    for dark in ("", "-dark"):
        _svg(tmp_path / f"s{dark}.svg", 180, 120, 10)  # 240 px wide: fits every phone at full size
        _svg(tmp_path / f"s-narrow{dark}.svg", 180, 120, 10)
    html = variants.figure_variants('<img alt="S" src="figures/s.svg">', tmp_path)
    assert "<source" not in html and html.count('loading="lazy"') == 2


def test_math_is_rendered_at_build_time_and_cached(tmp_path):
    page = '<p><span class="arithmatex">\\(a &lt; b\\)</span></p><div class="arithmatex">\\[\\frac{1}{2}\\]</div>'
    with math.Renderer(cache_dir=tmp_path) as renderer:
        html = math.render_page(page, renderer)
    assert "arithmatex" in html and "\\(" not in html and html.count('class="katex"') == 2
    assert '<annotation encoding="application/x-tex">a &lt; b</annotation>' in html  # MathML for screen readers
    assert '<span class="katex-display" tabindex="0">' in html  # a keyboard can scroll a wide formula
    with math.Renderer(cache_dir=tmp_path) as cached:
        assert math.render_page(page, cached) == html and cached._node is None  # no Node for known formulas


def test_a_formula_katex_cannot_render_stops_the_build_naming_it(tmp_path):
    named = r"(?s)page\.md: KaTeX cannot render.*\\frac\{1"
    with math.Renderer(cache_dir=tmp_path) as renderer, pytest.raises(math.MathError, match=named):
        math.render_page('<span class="arithmatex">\\(\\frac{1\\)</span>', renderer, "page.md")


def test_notebook_dollar_math_is_rendered_outside_code_only(tmp_path):
    cell = (
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput">'
        '<p>Weights $N(0, 1/n)$ cost $5 and $$x^2$$</p><pre><code>price = "$x$"</code></pre></div>'
    )
    with math.Renderer(cache_dir=tmp_path) as renderer:
        html = math.render_page(cell, renderer)
    assert html.count('class="katex"') == 2 and '<code>price = "$x$"</code>' in html and "cost $5 and" in html


def test_offline_pages_carry_their_widget_data(tmp_path):
    (tmp_path / "w.json").write_text('{"a":"</script>"}\n', encoding="utf-8")
    html = offline.inline_widget_data('<div class="nn-widget" data-src="../figures/w.json">', tmp_path)
    assert '<script type="application/json" class="nn-widget-data">{"a":"<\\/script>"}</script>' in html


# --- the shape of the build --------------------------------------------------------------------------


def _module_level_state(path: Path) -> list[str]:
    """Module-level names bound to mutable containers, and `global` statements."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Global):
            found.append(f"{path.name}:{node.lineno} global {', '.join(node.names)}")
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(
            node.value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
        ):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_no_build_step_keeps_state_in_module_globals():
    files = [*sorted((ROOT / "sitebuild").glob("*.py")), ROOT / "hooks" / "site_hooks.py"]
    assert [found for path in files for found in _module_level_state(path)] == []


@pytest.mark.slow  # starts Python processes
def test_the_build_steps_run_without_mkdocs():
    code = (
        "import sys\nfrom sitebuild import digest, exercises, figures, figure_style, fileio, glossary, home, "
        "katex, math, nav, notebooks, offline, source_link, stamp, values, variants\n"
        "assert 'mkdocs' not in sys.modules, 'imported MkDocs'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_nothing_imports_a_script():
    """What the tests or the build share lives in a package; scripts/ only holds the figure programs,
    which `sitebuild.figures` runs (by path) and nothing imports."""
    importers = []
    for path in [
        *ROOT.glob("tests/**/*.py"),
        *ROOT.glob("sitebuild/*.py"),
        *ROOT.glob("scripts/*.py"),
        *ROOT.glob("benchmarks/*.py"),
        *ROOT.glob("hooks/*.py"),
        ROOT / "conftest.py",
    ]:
        if path == Path(__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8")
        modules = [node.module or "" for node in ast.walk(ast.parse(text)) if isinstance(node, ast.ImportFrom)]
        modules += [
            alias.name for node in ast.walk(ast.parse(text)) if isinstance(node, ast.Import) for alias in node.names
        ]
        if any(m.split(".")[0] == "scripts" or m.startswith("plot_") for m in modules) or (
            '/ "scripts")' in text and "sys.path" in text
        ):
            importers.append(path.relative_to(ROOT).as_posix())
    assert importers == []
    programs = ("plot_", "values_")  # a figure (and its numbers), or numbers no figure draws
    assert [p.name for p in (ROOT / "scripts").iterdir() if p.is_file() and not p.name.startswith(programs)] == []


def test_serve_does_not_watch_the_figures_it_writes():
    watched = nav.read_config()["watch"]
    assert "figures" not in watched and {"concepts", "scripts", "sitebuild"} <= set(watched)


def test_a_tooltip_never_lands_inside_tex_a_page_keeps_raw():
    """Notebook pages keep their formulas as TeX text until KaTeX renders them after this step."""
    html = r"<p>Minus $-\log\bigl(e^{z}\bigr)$, \(\log x\) and a \log, then a log.</p>"
    out = glossary.tooltips(html, {"log": "A power of e."})
    assert out.count("<abbr") == 1 and out.endswith('a <abbr title="A power of e.">log</abbr>.</p>')
