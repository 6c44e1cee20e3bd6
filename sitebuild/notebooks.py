"""Execute the notebooks, reusing earlier outputs while nothing they run has changed.

A notebook (`docs/notebooks/<question>.py`, jupytext's percent format) is executed in a kernel of its own;
a cell that raises stops it with the cell's error. The executed copy is kept in a cache folder
(`.cache/notebooks/`, ignored by git) under a key made of:

- the notebook's text, byte for byte (its prose and its code are both shown);
- the code digest of every `concepts` module it imports, followed through their imports
  (`sitebuild.digest`: a docstring or a comment edited there re-executes nothing), and of this file;
- the Python, numpy and matplotlib versions.

While the key is unchanged the cached copy is reused; mkdocs-jupyter's own cache is off, since its key
ignores `concepts/`. Also here: the `.ipynb` form of a notebook for download, the zip of all of them
(with the `concepts` package they import, so that it runs on its own), and the notebook pages' own
stylesheet (`notebook.css`).

    python -m sitebuild.notebooks              # execute what is stale into the cache; print the paths
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import platform
import re
import sys
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from sitebuild.digest import ROOT, Digests
from sitebuild.fileio import write_atomic

NOTEBOOKS = ROOT / "docs" / "notebooks"
CONCEPTS = ROOT / "concepts"  # the package the notebooks import, which their zip carries
CACHE = ROOT / ".cache" / "notebooks"


class NotebookError(RuntimeError):
    """A notebook cell raised; the message names the notebook and shows the cell's error."""


def notebook_sources(folder: Path = NOTEBOOKS) -> list[Path]:
    return sorted(Path(folder).glob("*.py"))


def cache_key(source: Path, digests: Digests | None = None) -> str:
    """What the executed notebook depends on: its text, its `concepts` code, the library versions."""
    digests = digests or Digests()
    source = Path(source)
    text = hashlib.sha256(source.read_bytes()).hexdigest()
    modules = [p for p in digests.dependencies(source, ("concepts",)) if p != source.resolve()]
    versions = [
        f"python {platform.python_version()}",
        *(f"{name} {metadata.version(name)}" for name in ("numpy", "matplotlib")),
    ]
    return digests.of([*modules, Path(__file__)], f"notebook {text}", *versions)  # this file runs it


def execute(source: Path, target: Path) -> Path:
    """Execute the jupytext notebook `source` in a fresh kernel and write the result to `target`."""
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    source = Path(source)
    notebook = read(source)
    # CurveZMQ between nbclient and the kernel (else ipykernel warns that the channel is unencrypted)
    manager = KernelManager(kernel_name="python3", transport_encryption="auto")
    client = NotebookClient(
        notebook, km=manager, timeout=300, allow_errors=False, resources={"metadata": {"path": str(source.parent)}}
    )
    try:
        client.execute()
    except CellExecutionError as error:
        shown = source.relative_to(ROOT) if source.resolve().is_relative_to(ROOT) else source
        raise NotebookError(f"notebook {shown} failed:\n{error}") from None
    finally:  # nbclient only cleans up after kernels it started itself
        if client.kc is not None:
            client.kc.stop_channels()
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)  # its work is done: no need to wait for a graceful exit
    write_atomic(Path(target), nbformat.writes(notebook).encode("utf-8"))
    return Path(target)


def cached_path(source: Path, cache_dir: Path = CACHE, digests: Digests | None = None) -> Path:
    """Where the executed copy of `source` lives in the cache for its current key."""
    return Path(cache_dir) / f"{Path(source).stem}-{cache_key(source, digests)[:20]}.ipynb"


def executed(source: Path, cache_dir: Path = CACHE, digests: Digests | None = None) -> Path:
    """The executed copy of `source`: from the cache if its key is there, else executed now.

    Older copies of the same notebook are removed from the cache when a new one is written.
    """
    return _executed_at(Path(source), cached_path(source, cache_dir, digests), Path(cache_dir))


def execute_all(sources: list[Path], cache_dir: Path = CACHE) -> tuple[ThreadPoolExecutor, dict[Path, Future]]:
    """Start getting every notebook's executed copy at once (one kernel each).

    Returns the executor, which the caller shuts down when done, and a future per notebook whose
    `result()` is the executed copy's path, or raises `NotebookError`.
    """
    digests = Digests()
    keys = {source: cached_path(source, cache_dir, digests) for source in sources}  # before any thread
    pool = ThreadPoolExecutor(max_workers=max(1, len(sources)), thread_name_prefix="notebook")
    return pool, {source: pool.submit(_executed_at, source, keys[source], Path(cache_dir)) for source in sources}


def _executed_at(source: Path, target: Path, cache_dir: Path) -> Path:
    """`target` if it is cached, else `source` executed into it (and older copies removed)."""
    if target.exists():
        return target
    execute(source, target)
    for old in Path(cache_dir).glob(f"{source.stem}-*.ipynb"):
        if old != target:
            old.unlink(missing_ok=True)
    return target


def read(source: Path):
    """The jupytext notebook as a notebook object, its cells numbered rather than given random ids."""
    import jupytext

    notebook = jupytext.read(source)
    for number, cell in enumerate(notebook.cells, 1):
        cell["id"] = f"cell-{number}"  # the same notebook gives the same .ipynb, byte for byte
    return notebook


def ipynb(source: Path) -> str:
    """The notebook as an unexecuted `.ipynb` for download."""
    import jupytext

    return jupytext.writes(read(source), fmt="ipynb")


ZIP_README = """\
Neural Networks in Five Questions: the notebooks

One notebook per question, each twice: as .ipynb, to open in Jupyter, and as the
jupytext .py it is written in. The folder concepts/ beside them is the numpy code
they import, the same code the site is built from.

To run them you need Python 3.11 or newer. In this folder:

    pip install numpy matplotlib jupyter
    jupyter lab

then open a .ipynb file. Each notebook imports concepts from the folder it sits
in, so keep the notebooks and concepts/ together: there is nothing else to install.
To open the .py files as notebooks too: pip install jupytext.
"""


def notebooks_zip(sources: list[Path], package: Path = CONCEPTS) -> bytes:
    """Every notebook as .ipynb and as its jupytext .py source, with the `package` they import (its .py
    files) and a README.txt beside them, in one folder `notebooks/` of a zip that runs on its own.

    Entries in a fixed order with fixed dates: the same notebooks and code give the same zip.
    """
    package = Path(package)
    entries: list[tuple[str, str | bytes]] = [("README.txt", ZIP_README)]
    for source in sources:
        entries += [(f"{source.stem}.ipynb", ipynb(source)), (source.name, source.read_bytes())]
    code = sorted(package.rglob("*.py"), key=lambda path: path.relative_to(package).as_posix())
    entries += [(f"{package.name}/{path.relative_to(package).as_posix()}", path.read_bytes()) for path in code]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(f"notebooks/{name}", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED  # a ZipInfo keeps its own, stored, otherwise
            info.external_attr = 0o644 << 16  # readable once unpacked, whoever unpacks it
            archive.writestr(info, content)
    return buffer.getvalue()


_STYLE = re.compile(r"<style[^>]*>.*?</style>\s*", re.S)
# Scripts nbconvert's template adds that this site does not use: a MathJax configuration (math is
# rendered at build time), a script element with an empty src (which fetches the page itself again)
# and a Mermaid loader that would import from a CDN.
_UNUSED_SCRIPTS = re.compile(
    r'<script type="text/x-mathjax-config">.*?</script>\s*|<script src="">\s*</script>\s*'
    r'|<script type="module">(?:(?!</script>).)*?mermaid.*?</script>\s*',
    re.S,
)
_CODE_PRE = '<div class="highlight-ipynb hl-python"><pre>'
STYLESHEET = Path(__file__).with_name("notebook.css")
STYLESHEET_URI = "assets/notebook.css"


def own_styles(html: str, assets_href: str) -> str:
    """A notebook page with the site's own notebook stylesheet instead of nbconvert's inline CSS.

    nbconvert inlines 0.6 MB of JupyterLab CSS into every notebook page; `notebook.css` (a few kB,
    served at `<assets_href>/notebook.css`) styles what these pages use. The scripts nbconvert adds for
    MathJax and Mermaid go too, and each code cell's listing becomes reachable by keyboard, since a
    long line scrolls sideways.
    """
    blocks = _STYLE.findall(html)
    if blocks:
        first = html.index(blocks[0])
        html = html[:first] + f'<link rel="stylesheet" href="{assets_href}/notebook.css">\n' + html[first:]
        html = _STYLE.sub("", html)
    html = _UNUSED_SCRIPTS.sub("", html)
    html = _PNG_OUTPUT.sub(_sized_png, html)
    return html.replace(_CODE_PRE, _CODE_PRE.replace("<pre>", '<pre tabindex="0">'))


_PNG_OUTPUT = re.compile(r'<img (?P<attrs>[^>]*?)src="data:image/png;base64,(?P<data>[A-Za-z0-9+/=]{32})')


def _sized_png(match: re.Match) -> str:
    """A plot a cell drew gets its width and height (read from the PNG header), so the page does not
    jump when it is decoded."""
    header = base64.b64decode(match["data"])[:24]
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    return f'<img {match["attrs"]}width="{width}" height="{height}" src="data:image/png;base64,{match["data"]}'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild.notebooks", description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: docs/notebooks/*.py")
    parser.add_argument("--cache-dir", type=Path, default=CACHE)
    args = parser.parse_args(argv)
    pool, futures = execute_all(args.notebooks or notebook_sources(), args.cache_dir)
    try:
        for source, future in futures.items():
            print(f"{source.name}: {future.result()}")
    except NotebookError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
