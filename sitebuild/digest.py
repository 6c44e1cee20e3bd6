"""Digests of code that change only when the code can behave differently, and the imports between files.

A figure or a notebook is redone when code it runs changed. Editing a docstring, a comment or the
layout of a line changes no result, so `code_digest` hashes the syntax tree with docstrings removed and
without line numbers: such an edit leaves the digest, and so every figure and notebook, as they were.
`dependencies` follows a file's imports of the project's own packages, transitively.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_DEFINITIONS = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def _without_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        if isinstance(node, _DEFINITIONS) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                node.body = node.body[1:] or [ast.Pass()]
    return tree


def code_digest(source: str, filename: str = "<code>") -> str:
    """SHA-256 of Python code's syntax tree without docstrings, comments or positions.

    Examples:
        >>> a = code_digest('def f(x):\\n    "Double x."\\n    return 2 * x  # twice\\n')
        >>> a == code_digest("def f(x): return 2*x")
        True
        >>> a == code_digest("def f(x): return 3*x")
        False
    """
    tree = _without_docstrings(ast.parse(source, filename=filename))
    return hashlib.sha256(ast.dump(tree, include_attributes=False).encode("utf-8")).hexdigest()


def module_name(path: Path, root: Path = ROOT) -> str:
    """`concepts/network.py` -> `concepts.network`; `concepts/loss/__init__.py` -> `concepts.loss`."""
    parts = list(Path(path).resolve().relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, packages: Iterable[str], root: Path = ROOT, tree: ast.AST | None = None) -> set[str]:
    """Modules of `packages` that the file imports, absolute or relative (`from . import x` included)."""
    packages = tuple(packages)
    if tree is None:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"), filename=str(path))
    inside = module_name(path, root) if Path(path).resolve().is_relative_to(root) else ""
    package_of_file = inside if Path(path).name == "__init__.py" else inside.rpartition(".")[0]
    names: set[str] = set()

    def ours(name: str) -> bool:
        return any(name == p or name.startswith(p + ".") for p in packages)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if ours(alias.name))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package_of_file.split(".") if package_of_file else []
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join([*base_parts, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            if not ours(base):
                continue
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)  # `from pkg import module`
    return names


def module_file(name: str, root: Path = ROOT) -> Path | None:
    """The file that defines module `name` under `root`, or None (a name imported from a module)."""
    parts = name.split(".")
    candidate = root.joinpath(*parts).with_suffix(".py")
    if candidate.is_file():
        return candidate
    package = root.joinpath(*parts, "__init__.py")
    return package if package.is_file() else None


def dependencies(path: Path, packages: Iterable[str], root: Path = ROOT) -> list[Path]:
    """`path` and every file of `packages` it imports, followed through their imports, sorted.

    A package's `__init__.py` counts too, since importing `pkg.module` runs it first; the modules that
    `__init__.py` imports count only when the package itself is imported by name (`import pkg`,
    `from pkg import module`), since the definitions it re-exports are not what `pkg.module` computes.
    """
    return Digests(root).dependencies(path, packages)


class Digests:
    """Code digests and imports of files, each worked out once per instance (one per run of a step)."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = root
        self._digests: dict[Path, str] = {}
        self._imports: dict[tuple[Path, tuple[str, ...]], set[str]] = {}
        self._modules: dict[str, Path | None] = {}

    def code(self, path: Path) -> str:
        path = Path(path).resolve()
        if path not in self._digests:
            self._digests[path] = code_digest(path.read_text(encoding="utf-8"), str(path))
        return self._digests[path]

    def _imported(self, path: Path, packages: tuple[str, ...]) -> set[str]:
        if (path, packages) not in self._imports:
            self._imports[path, packages] = imported_modules(path, packages, self.root)
        return self._imports[path, packages]

    def _module(self, name: str) -> Path | None:
        if name not in self._modules:
            self._modules[name] = module_file(name, self.root)
        return self._modules[name]

    def dependencies(self, path: Path, packages: Iterable[str]) -> list[Path]:
        """See the module function `dependencies`."""
        packages = tuple(packages)
        start = Path(path).resolve()
        followed: set[Path] = {start}  # files whose imports are followed
        found: set[Path] = {start}  # and the packages' __init__.py that run on the way
        pending = [start]
        while pending:
            for name in sorted(self._imported(pending.pop(), packages)):
                parts = name.split(".")
                for depth in range(1, len(parts)):  # the packages it runs first: pkg/__init__.py, ...
                    package = self._module(".".join(parts[:depth]))
                    if package is not None:
                        found.add(package)  # its own imports are followed only when imported by name
                module = self._module(name)
                if module is not None and module not in followed:
                    followed.add(module)
                    pending.append(module)
        return sorted(found | followed)

    def of(self, paths: Iterable[Path], *extra: str) -> str:
        """One digest over the code of `paths` (named relative to the root) and the strings `extra`."""
        digest = hashlib.sha256()
        for item in extra:
            digest.update(item.encode("utf-8") + b"\0")
        for path in sorted(Path(p).resolve() for p in paths):
            name = path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else path.name
            digest.update(f"{name}\0{self.code(path)}\0".encode())
        return digest.hexdigest()
