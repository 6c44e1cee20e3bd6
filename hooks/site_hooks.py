"""MkDocs hooks: bring figures/ and KaTeX into the site, stamp the build, refresh figures while serving.

- `figures/*.svg` and the data of the interactive figures, `figures/*.json` (generated at the top
  level, outside docs/), become site files under `figures/`, so pages link them as
  `figures/<name>.svg` and the strict build checks those links.
- KaTeX's script, stylesheet and fonts come from `node_modules/katex` (installed from the npm registry
  by `make`) and are served from `assets/katex/`: no CDN.
- `config.extra.build` holds the date, the commit and the package versions, shown in the footer.
- A figure written once, `![alt](figures/<name>.svg)`, becomes the light and dark pair that Material
  shows by palette (`#only-light`, `#only-dark`), so no page can forget one of them. This happens on
  the rendered HTML, so figures in included files (the answers the home page shares) are paired too.
- The notebooks (`docs/notebooks/*.py`, jupytext) are executed at every build, all at once (one
  kernel each: most of a kernel's time is waiting), and mkdocs-jupyter renders the executed copies; a
  cell that raises fails the build. Each is offered for download beside its page as its `.py` source
  and as `.ipynb`, and all of them together as `notebooks/notebooks.zip`.
- The notebook pages share one stylesheet: nbconvert inlines the same 0.6 MB of JupyterLab CSS into
  every notebook page, which moves to `assets/notebooks.<hash>.css`, fetched once and cached.
- The offline edition (`make offline`: Material's offline plugin, for reading from `file://`) gets
  iframe-worker from node_modules instead of the CDN the plugin would name, and the data of the
  interactive figures inlined into the pages, since a page opened from disk cannot fetch files.
- The glossary (`docs/glossary.md`, a definition list) is the one source of the tooltips: its terms and
  first sentences become abbreviations appended to every other page, so a term shows its definition
  where it appears.
- The exercises page lists every concept page's exercises, read from the pages at build time.
- Under `mkdocs serve`, stale figures are regenerated before each build, so editing `concepts/` or a
  figure script updates the figures on the page too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "figures"
KATEX = ROOT / "node_modules" / "katex"
KATEX_FILES = ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js")
IFRAME_WORKER = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
IFRAME_WORKER_URI = "assets/iframe-worker/shim.js"
WIDGET = re.compile(r'(<div class="nn-widget" data-src="(?:\.\./)*figures/(?P<name>[\w-]+)\.json">)')
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocstrings-python", "mkdocs-jupyter", "numpy", "matplotlib")

_command = "build"

FIGURE_IMG = re.compile(r'<img (?P<before>[^>]*?)src="(?P<path>[^"#]*figures/(?P<name>[\w-]+))\.svg"(?P<after>[^>]*)>')


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _katex_version() -> str:
    package = KATEX / "package.json"
    if not package.exists():
        raise PluginError("KaTeX is missing from node_modules/katex: run `make setup` (it runs `npm ci`).")
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def on_config(config):
    commit = _git("rev-parse", "--short=12", "HEAD") or "unknown"
    if commit != "unknown" and _git("status", "--porcelain", "--untracked-files=no"):
        commit += " with uncommitted changes"
    versions = {name: metadata.version(name) for name in PACKAGES}
    versions["KaTeX"] = _katex_version()
    versions["Python"] = sys.version.split()[0]
    polyfills = config.extra.get("polyfills", [])
    if any("iframe-worker" in url for url in polyfills):  # the offline plugin asks for it from a CDN
        if not IFRAME_WORKER.exists():
            raise PluginError("iframe-worker is missing from node_modules: run `make setup` (it runs `npm ci`).")
        config.extra["polyfills"] = [IFRAME_WORKER_URI if "iframe-worker" in url else url for url in polyfills]
    config.extra["build"] = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "versions": versions,
    }
    return config


def on_pre_build(config) -> None:
    if _command == "serve":  # `make site` and `make serve` regenerate stale figures before MkDocs starts
        sys.path.insert(0, str(ROOT / "scripts"))
        try:
            import make_figures

            make_figures.make(quiet=True)
        finally:
            sys.path.remove(str(ROOT / "scripts"))
    _execute_notebooks(sorted((Path(config.docs_dir) / "notebooks").glob("*.py")))


_executed: dict[str, object] = {}  # "notebooks/x.py" -> the future of its executed copy, for this build
_scratch: list[Path] = []
_pool: list = []


def _execute_one(source: Path, target: Path) -> Path:
    import jupytext
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = jupytext.read(source)
    # CurveZMQ between nbclient and the kernel (else ipykernel warns that the channel is unencrypted)
    manager = KernelManager(kernel_name="python3", transport_encryption="auto")
    client = NotebookClient(notebook, km=manager, timeout=300, allow_errors=False,
                            resources={"metadata": {"path": str(source.parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        raise PluginError(f"notebook {source.relative_to(ROOT)} failed:\n{error}") from None
    finally:  # nbclient only cleans up after kernels it started itself
        if client.kc is not None:
            client.kc.stop_channels()
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)  # its work is done: no need to wait for a graceful exit
    nbformat.write(notebook, target)
    return target


def _execute_notebooks(sources: list[Path]) -> None:
    """Start executing every notebook, each in its own kernel, while MkDocs goes on with the other pages."""
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    _executed.clear()
    if not sources:
        return
    scratch = Path(tempfile.mkdtemp(prefix="nn5q-notebooks-"))
    _scratch.append(scratch)
    pool = ThreadPoolExecutor(max_workers=len(sources), thread_name_prefix="notebook")
    _pool.append(pool)
    for source in sources:
        _executed[f"notebooks/{source.name}"] = pool.submit(_execute_one, source, scratch / f"{source.stem}.ipynb")


def on_pre_page(page, config, files):
    """mkdocs-jupyter renders whatever file the page points at: point it at the executed copy."""
    future = _executed.get(page.file.src_uri)
    if future is not None:
        page.file.abs_src_path = str(future.result())  # waits for it; a failed cell raises here
    return page


GLOSSARY = "glossary.md"
EXERCISES = "exercises.md"
CONCEPT_PAGES = ("neuron.md", "learning-rate.md", "initialization.md", "loss.md", "chain-rule.md")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EXERCISE = re.compile(r"^(\d+)\. \*\*(?P<title>.+?)\*\*\s*(?P<text>.*)$")


def _plain(text: str) -> str:
    """Markdown to plain text for a tooltip: links to their text, no emphasis, code or math marks."""
    text = _LINK.sub(r"\1", text)
    return re.sub(r"[*`$]", "", text).replace('"', "'").strip()


def glossary_terms(docs_dir: Path) -> dict[str, str]:
    """The glossary's terms and their definitions (first sentence, plain text), in the glossary's order."""
    lines = (docs_dir / GLOSSARY).read_text(encoding="utf-8").splitlines()
    terms = {}
    for i, (term, nxt) in enumerate(zip(lines, lines[1:])):
        if term and not term.startswith((" ", ":", "#", "!", "[", "*", "-")) and nxt.startswith(":   "):
            definition = [nxt[4:]]
            for line in lines[i + 2:]:  # a definition wraps onto lines indented by four spaces
                if not line.startswith("    "):
                    break
                definition.append(line.strip())
            first_sentence = re.split(r"(?<=[.!?])\s", " ".join(definition).strip(), maxsplit=1)[0]
            terms[term.strip()] = _plain(first_sentence)
    return terms


def _abbreviations(docs_dir: Path) -> str:
    lines = []
    for term, definition in glossary_terms(docs_dir).items():
        forms = {term, term[0].upper() + term[1:]}
        if not term.endswith("s"):
            forms |= {f"{form}s" for form in list(forms)}
        lines += [f"*[{form}]: {definition}" for form in sorted(forms)]
    return "\n".join(lines)


def exercises_index(docs_dir: Path) -> str:
    """A Markdown list of every concept page's exercises, each linked to its page."""
    out = []
    for name in CONCEPT_PAGES:
        text = (docs_dir / name).read_text(encoding="utf-8")
        title = text.split("\n", 1)[0].lstrip("# ").strip()
        if "\n## Exercises\n" not in text:
            continue
        section = text.split("\n## Exercises\n", 1)[1].split("\n## ", 1)[0]
        items = [m for m in map(_EXERCISE.match, section.splitlines()) if m]
        if not items:
            continue
        out.append(f"## [{title}]({name}#exercises)\n")
        out += [f"{m[1]}. **{m['title']}** {m['text']}" for m in items]
        out.append("")
    return "\n".join(out)


def on_page_markdown(markdown: str, page, config, files) -> str:
    docs_dir = Path(config.docs_dir)
    if page.file.src_uri == EXERCISES:
        markdown = markdown.replace("<!-- exercises -->", exercises_index(docs_dir))
    if page.file.src_uri != GLOSSARY and (docs_dir / GLOSSARY).exists():
        markdown = markdown + "\n\n" + _abbreviations(docs_dir) + "\n"
    return markdown


_ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')
_HEADING = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>", re.S)


def _first_abbreviations_only(html: str) -> str:
    """A glossary tooltip on the first use of each term in the text; none in headings, none repeated."""
    html = _HEADING.sub(lambda heading: _ABBR.sub(r"\1", heading[0]), html)
    seen: set[str] = set()

    def once(match: re.Match) -> str:
        term = match[1].lower().rstrip("s")
        if term in seen:
            return match[1]
        seen.add(term)
        return match[0]

    return _ABBR.sub(once, html)


def on_page_content(html: str, page, config, files) -> str:
    """Glossary tooltips thinned out; every `<img src=".../figures/x.svg">` -> the light variant and the
    dark one, shown by palette."""
    html = _first_abbreviations_only(html)

    def pair(match: re.Match) -> str:
        name, path, before, after = match["name"], match["path"], match["before"], match["after"]
        if not (FIGURES / f"{name}-dark.svg").exists():
            raise PluginError(f"{page.file.src_uri}: figures/{name}.svg has no dark variant {name}-dark.svg")
        return (f'<img {before}src="{path}.svg#only-light"{after}>'
                f'<img {before}src="{path}-dark.svg#only-dark"{after}>')

    return FIGURE_IMG.sub(pair, html)


def _add(files, config, src_uri: str, path: Path) -> None:
    existing = files.get_file_from_path(src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(File.generated(config, src_uri, abs_src_path=str(path)))


def on_files(files, config):
    for path in sorted([*FIGURES.glob("*.svg"), *FIGURES.glob("*.json")]):
        if path.name != "manifest.json":
            _add(files, config, f"figures/{path.name}", path)
    for name in KATEX_FILES:
        _add(files, config, f"assets/katex/{name}", KATEX / "dist" / name)
    for font in sorted((KATEX / "dist" / "fonts").glob("*.woff2")):
        _add(files, config, f"assets/katex/fonts/{font.name}", font)
    if IFRAME_WORKER_URI in config.extra.get("polyfills", []):
        _add(files, config, IFRAME_WORKER_URI, IFRAME_WORKER)
    notebooks = sorted((Path(config.docs_dir) / "notebooks").glob("*.py"))
    if notebooks:
        files.append(File.generated(config, "notebooks/notebooks.zip", content=_notebooks_zip(notebooks)))
    return files


def _ipynb(source: Path) -> str:
    import jupytext

    return jupytext.writes(jupytext.read(source), fmt="ipynb")


def _notebooks_zip(sources: list[Path]) -> bytes:
    """Every notebook as .ipynb and as its jupytext .py source, in one zip."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for source in sources:
            stamp = (2026, 1, 1, 0, 0, 0)  # fixed dates: the same notebooks give the same zip
            archive.writestr(zipfile.ZipInfo(f"notebooks/{source.stem}.ipynb", stamp), _ipynb(source))
            archive.writestr(zipfile.ZipInfo(f"notebooks/{source.name}", stamp), source.read_bytes())
    return buffer.getvalue()


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


_STYLE = re.compile(r"<style[^>]*>.*?</style>\s*", re.S)
_notebook_css: dict[str, str] = {}  # file name -> CSS shared by the notebook pages of this build


def _share_notebook_styles(output: str, page, config) -> str:
    """Replace a notebook page's inline <style> blocks by a link to one stylesheet with the same CSS."""
    blocks = _STYLE.findall(output)
    if not blocks:
        return output
    css = "\n".join(re.sub(r"^<style[^>]*>|</style>\s*$", "", block.strip()) for block in blocks)
    name = f"notebooks.{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
    _notebook_css[name] = css
    href = "../" * page.url.count("/") + f"assets/{name}"  # relative: works from file:// too
    first = output.index(blocks[0])
    output = output[:first] + f'<link rel="stylesheet" href="{href}">\n' + output[first:]
    return _STYLE.sub("", output)


def on_post_page(output: str, page, config) -> str:
    if page.file.src_uri.startswith("notebooks/") and page.file.src_uri.endswith(".py"):
        output = _share_notebook_styles(output, page, config)
    if not _offline(config):
        return output

    def inline(match: re.Match) -> str:
        data = (FIGURES / f"{match['name']}.json").read_text(encoding="utf-8").strip()
        data = data.replace("</", "<\\/")  # JSON may escape "/"; "</script" must not appear inside a script
        return f'{match[1]}<script type="application/json" class="nn-widget-data">{data}</script>'

    return WIDGET.sub(inline, output)


def on_post_build(config) -> None:
    for name, css in _notebook_css.items():
        (Path(config.site_dir) / "assets" / name).write_text(css, encoding="utf-8")
    _notebook_css.clear()
    site = Path(config.site_dir)
    for source in sorted((Path(config.docs_dir) / "notebooks").glob("*.py")):
        page = "notebooks/" + (f"{source.stem}/index.html" if config.use_directory_urls else f"{source.stem}.html")
        folder = (site / page).parent  # the download links on the page are relative to it
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / source.name)
        (folder / f"{source.stem}.ipynb").write_text(_ipynb(source), encoding="utf-8")
    _finish()


def _finish() -> None:
    while _pool:
        _pool.pop().shutdown(wait=True, cancel_futures=True)
    while _scratch:
        shutil.rmtree(_scratch.pop(), ignore_errors=True)


def on_build_error(error) -> None:
    _finish()  # a failed build leaves no kernel running and no scratch folder behind
