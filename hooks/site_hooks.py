"""MkDocs hook: a thin caller of the build steps in the `sitebuild` package.

Each step is a function of files in and files out that runs without MkDocs (see `sitebuild/__init__.py`).
This file only says when MkDocs calls each one. It keeps no state in module globals: what one build
needs from one event to the next (the notebooks being executed) lives on that build's config, which
`mkdocs serve` makes anew for every rebuild.

Under `mkdocs serve`, each rebuild first redraws the figures whose code changed (`sitebuild.figures`);
`figures/` itself is not watched, so those writes never set off a second rebuild.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from watchdog.observers.polling import PollingObserver

from sitebuild import (
    accessibility,
    exercises,
    figures,
    glossary,
    home,
    katex,
    math,
    nav,
    notebooks,
    offline,
    source_link,
    stamp,
    values,
    variants,
)

FIGURES = figures.FIGURES
GLOSSARY = "glossary.md"
EXERCISES = "exercises.md"
HOME = "index.md"


def on_serve(server, config, builder):
    """Before each rebuild, redraw the stale figures (only those whose code changed); notice edits sooner.

    Staleness is only worked out when a Python file that a figure can depend on was saved since the
    last rebuild, so that an edited page is rebuilt without it.
    """
    seen = {"code": _code_files_signature()}  # `make serve` has just run `make figures`

    def redraw_then_build(config=None):
        signature = _code_files_signature()
        if signature != seen["code"]:
            seen["code"] = signature
            try:
                figures.make(FIGURES, quiet=True)
            except Exception as error:  # a broken figure script must not stop the server
                print(f"figures: not redrawn: {type(error).__name__}: {error}", flush=True)
        builder(config)

    server.builder = redraw_then_build
    # MkDocs polls for changes every 0.5 s; every 0.1 s shows an edit sooner, for a few stat calls. The
    # observer has not started yet: move the two paths MkDocs already watches to a faster one.
    watched = [path for path in (config.docs_dir, config.config_file_path) if path]
    for path in watched:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=0.1)
    for path in watched:
        server.watch(path)
    return server


def _code_files_signature() -> tuple:
    """Name, size and modification time of every Python file under concepts/, scripts/ and sitebuild/."""
    files = sorted(
        path for folder in ("concepts", "scripts", "sitebuild") for path in (figures.ROOT / folder).rglob("*.py")
    )
    return tuple((str(path), path.stat().st_size, path.stat().st_mtime_ns) for path in files)


def on_config(config):
    try:
        config.extra["build"] = stamp.build_stamp()
        config.extra["polyfills"] = offline.local_polyfills(config.extra.get("polyfills", []))
    except FileNotFoundError as error:
        raise PluginError(str(error)) from None
    return config


def on_pre_build(config) -> None:
    """Start getting the executed notebooks (from the cache, or executed now, all at once); let the API
    sections' templates be compiled once, not at every build."""
    sources = notebooks.notebook_sources(Path(config.docs_dir) / "notebooks")
    config.nn5q_notebooks = notebooks.execute_all(sources)
    try:
        config.nn5q_math = math.Renderer()
    except FileNotFoundError as error:
        raise PluginError(str(error)) from None
    autodoc = config.plugins.get("mkdocstrings")
    if autodoc is not None:
        autodoc.handlers.get_handler("python").env.bytecode_cache = _compiled_templates()


def on_env(env, config, files):
    """The theme's templates, compiled once and reused while unchanged (about 0.3 s of every rebuild)."""
    env.bytecode_cache = _compiled_templates()
    return env


def _compiled_templates() -> FileSystemBytecodeCache:
    """Jinja's cache of compiled templates, checked against each template's source (`.cache/jinja/`)."""
    folder = figures.ROOT / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def on_files(files, config):
    generated = {
        f"figures/{p.name}": p
        for p in sorted([*FIGURES.glob("*.svg"), *FIGURES.glob("*.json")])
        # numbers are written into pages; test vectors are for the tests (scripts/values_playground.py)
        if p.name != figures.MANIFEST and not p.name.endswith((values.SUFFIX, figures.VECTORS_SUFFIX))
    }
    generated[notebooks.STYLESHEET_URI] = notebooks.STYLESHEET
    try:
        generated.update(katex.assets())
    except FileNotFoundError as error:
        raise PluginError(str(error)) from None
    if offline.IFRAME_WORKER_URI in config.extra.get("polyfills", []):
        generated[offline.IFRAME_WORKER_URI] = offline.IFRAME_WORKER
    for src_uri, path in generated.items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    sources = notebooks.notebook_sources(Path(config.docs_dir) / "notebooks")
    if sources:
        files.append(File.generated(config, "notebooks/notebooks.zip", content=notebooks.notebooks_zip(sources)))
    return files


@event_priority(100)  # before mkdocs-jupyter's on_pre_page, which keys its cache on the file's content
def on_pre_page(page, config, files):
    """mkdocs-jupyter renders whatever file the page points at: point it at the executed copy.

    Its own cache then keys the rendered page on the executed notebook, outputs included.
    """
    _, futures = getattr(config, "nn5q_notebooks", (None, {}))
    future = futures.get(Path(page.file.abs_src_path))
    if future is not None:
        try:
            page.file.abs_src_path = str(future.result())  # waits for it; a failed cell raises here
        except notebooks.NotebookError as error:
            raise PluginError(str(error)) from None
    return page


def on_page_markdown(markdown: str, page, config, files) -> str:
    """The lists of the questions, from the nav: the home page's answers and the exercises index; the
    link to the source (`extra.source_url`) on the words a page marks; the page's numbers checked."""
    try:
        markdown = source_link.link(markdown, config.extra.get("source_url"))
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    if page.file.src_uri == HOME:
        markdown = markdown.replace(home.PLACEHOLDER, home.answers(Path(config.docs_dir), nav.questions(config.nav)))
    elif page.file.src_uri == EXERCISES:
        index = exercises.exercises_index(Path(config.docs_dir), nav.question_pages(config.nav))
        markdown = markdown.replace(exercises.PLACEHOLDER, index)
    try:  # the numbers are written in by the sitebuild.values extension; a mistake is reported here
        values.check(markdown, f"docs/{page.file.src_uri}", values.load())
    except values.ValuesError as error:
        raise PluginError(str(error)) from None
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    definitions = Path(config.docs_dir) / GLOSSARY
    if page.file.src_uri != GLOSSARY and definitions.exists():
        html = glossary.tooltips(html, glossary.terms(definitions))
    html = accessibility.fold_api(html)
    try:
        return variants.figure_variants(html, FIGURES)
    except variants.MissingDarkVariantError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_post_page(output: str, page, config) -> str:
    """Math to HTML (KaTeX, at build time); notebook pages share one stylesheet; the offline edition
    inlines the interactive figures' data."""
    try:
        output = math.render_page(output, config.nn5q_math, page.file.src_uri)
    except math.MathError as error:
        raise PluginError(str(error)) from None
    output = accessibility.label_theme(output)
    if page.file.src_uri.startswith("notebooks/") and page.file.src_uri.endswith(".py"):
        href = "../" * page.url.count("/") + "assets"  # relative: works from file:// too
        output = notebooks.own_styles(output, href)
    if _offline(config):
        output = offline.inline_widget_data(output, FIGURES)
    return output


def on_post_build(config) -> None:
    """Offer each notebook for download beside its page, as its .py source and as .ipynb."""
    site = Path(config.site_dir)
    for source in notebooks.notebook_sources(Path(config.docs_dir) / "notebooks"):
        page = "notebooks/" + (f"{source.stem}/index.html" if config.use_directory_urls else f"{source.stem}.html")
        folder = (site / page).parent  # the download links on the page are relative to it
        (folder / source.name).parent.mkdir(parents=True, exist_ok=True)
        (folder / source.name).write_bytes(source.read_bytes())
        (folder / f"{source.stem}.ipynb").write_text(notebooks.ipynb(source), encoding="utf-8")
    _close(config)


def _close(config) -> None:
    pool, _ = getattr(config, "nn5q_notebooks", (None, {}))
    if pool is not None:
        pool.shutdown(wait=True)
    renderer = getattr(config, "nn5q_math", None)
    if renderer is not None:
        renderer.close()  # saves the formulas rendered for the first time


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)
