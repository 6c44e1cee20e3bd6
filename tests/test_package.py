"""The shape of the `concepts` package: what every module promises, checked once for all of them.

- A module's `__all__` lists every public function and class it defines, and each name in it exists.
- A question's package (`concepts.loss`, ...) re-exports every public name of its modules, so a reader
  imports from the question (`from concepts.loss import huber_loss`).
- Every public function and class has a docstring; nothing in `concepts` imports a private name of
  another module, and nothing imports the site build, the scripts or a plotting library.
"""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import concepts

ROOT = Path(concepts.__file__).parent
MODULES = sorted(info.name for info in pkgutil.walk_packages(concepts.__path__, prefix="concepts."))
PACKAGES = sorted(info.name for info in pkgutil.walk_packages(concepts.__path__, prefix="concepts.") if info.ispkg)
SOURCES = sorted(ROOT.rglob("*.py"))
PLUMBING = {"concepts.loss.reduction"}  # what the losses share (shape checks, reductions), not a reader's API


def defined_here(module) -> dict[str, object]:
    """Public functions and classes whose home is `module`."""
    return {
        name: obj
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and (inspect.isfunction(obj) or inspect.isclass(obj))
        and obj.__module__ == module.__name__
    }


def test_the_walk_finds_a_package_per_question():
    assert {"concepts.learning_rate", "concepts.initialization", "concepts.loss", "concepts.chain_rule"} <= set(
        PACKAGES
    )
    assert "concepts.neuron" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_all_lists_every_public_name_defined_in_the_module(name):
    module = importlib.import_module(name)
    assert hasattr(module, "__all__"), f"{name} has no __all__"
    assert set(defined_here(module)) <= set(module.__all__), f"{name}: public but not in __all__"
    missing = [n for n in module.__all__ if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names what the module does not have: {missing}"
    assert len(module.__all__) == len(set(module.__all__)), f"{name}.__all__ repeats a name"


@pytest.mark.parametrize("name", [p for p in PACKAGES if p != "concepts"])
def test_a_question_package_re_exports_every_public_name_of_its_modules(name):
    package = importlib.import_module(name)
    for info in pkgutil.iter_modules(package.__path__, prefix=name + "."):
        if info.name in PLUMBING:
            continue
        module = importlib.import_module(info.name)
        for public in module.__all__:
            assert public in package.__all__, f"{name} does not re-export {info.name}.{public}"
            assert getattr(package, public) is getattr(module, public), f"{name}.{public} is not {info.name}'s"


@pytest.mark.parametrize("name", MODULES)
def test_every_public_function_and_class_has_a_docstring(name):
    module = importlib.import_module(name)
    assert inspect.getdoc(module), f"{name} has no docstring"
    undocumented = [n for n, obj in defined_here(module).items() if not inspect.getdoc(obj)]
    assert not undocumented, f"{name}: no docstring on {undocumented}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT.parent)))
def test_data_flows_one_way(path):
    """`concepts` imports numpy and itself: no plots, no site build, no scripts, no private names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            roots = [] if node.level else [(node.module or "").split(".")[0]]
            private = [alias.name for alias in node.names if alias.name.startswith("_") and alias.name != "__future__"]
            assert not private, f"{path.name} imports private names {private} from {node.module}"
        else:
            continue
        assert not set(roots) & {"matplotlib", "sitebuild", "scripts", "mkdocs", "torch"}, f"{path.name}: {roots}"
