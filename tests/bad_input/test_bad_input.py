"""Every public callable of `concepts` refuses bad input by name, and a valid call passes quietly.

The callables are found by introspection: every name in a module's `__all__` that the module defines,
every public method of those classes, and `Value`'s arithmetic operators. Each needs a spec, one valid
call (battery.Spec, in specs_<package>.py beside this file); a callable without one fails
`test_every_public_callable_has_a_spec`. Then each argument, one at a time, gets every bad value of
its kind (battery.BAD) and then values hypothesis generates: the call must raise TypeError or
ValueError, from `concepts` (not from numpy or Python inside it), naming the argument, warning nothing.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil
import sys
import traceback
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import concepts

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # tests/ is not a package: the battery and the specs are imported by path
import battery  # noqa: E402

OPERATORS = (
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__truediv__",
    "__rtruediv__",
    "__pow__",
    "__call__",
)


def public_callables() -> dict[str, object]:
    """Every public callable of `concepts`, by qualified name (`concepts.loss.regression.huber_loss`)."""
    found = {}
    for info in pkgutil.walk_packages(concepts.__path__, "concepts."):
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if getattr(obj, "__module__", None) != module.__name__ or not callable(obj):
                continue
            found[f"{module.__name__}.{name}"] = obj
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    public = not attr.startswith("_") or attr in OPERATORS
                    if isinstance(member, (classmethod, staticmethod)):
                        member = member.__func__  # a second constructor, such as Quadratic.stretched
                    if public and inspect.isfunction(member):
                        found[f"{module.__name__}.{name}.{attr}"] = member
    return found


def load_specs() -> dict[str, battery.Spec]:
    specs = {}
    for path in sorted(HERE.glob("specs_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name, entry in module.SPECS.items():
            assert name not in specs, f"{name} has two specs"
            specs[name] = entry
    return specs


PUBLIC = public_callables()
ALL_SPECS = load_specs()
SPECS = {name: spec for name, spec in ALL_SPECS.items() if isinstance(spec, battery.Spec)}
NAMES = sorted(SPECS)


def test_every_public_callable_has_a_spec():
    missing = sorted(set(PUBLIC) - set(ALL_SPECS))
    stale = sorted(set(ALL_SPECS) - set(PUBLIC))
    for name, spec in ALL_SPECS.items():
        assert isinstance(spec, battery.Spec) or spec.reason.strip(), f"{name}: an exemption needs its reason"
    assert not missing, f"public callables with no valid call in tests/bad_input/specs_*.py: {missing}"
    assert not stale, f"specs for names that are not public any more: {stale}"


def parameters(spec: battery.Spec) -> dict[str, inspect.Parameter]:
    target = spec.target()
    signature = inspect.signature(target)
    return {n: p for n, p in signature.parameters.items() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}


def call(spec: battery.Spec, args: dict):
    target = spec.target()
    positional = [args.pop(n) for n, p in parameters(spec).items() if p.kind == p.POSITIONAL_ONLY and n in args]
    return target(*positional, **args)


@pytest.mark.parametrize("name", NAMES)
def test_the_valid_call_matches_the_signature_and_passes_quietly(name):
    spec = SPECS[name]
    params = parameters(spec)
    args = spec.arguments()
    unknown = sorted(set(args) - set(params))
    assert not unknown, f"{name}: the spec passes arguments it does not take: {unknown}"
    required = [n for n, p in params.items() if p.default is p.empty and n not in args]
    assert not required, f"{name}: the spec leaves out required arguments {required}"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        call(spec, args)


def failure(spec: battery.Spec, name: str, argument: str, label: str, bad) -> tuple[str, str] | None:
    """None if the call refuses `bad` as it must; else (the kind of failure, what happened)."""
    args = spec.arguments()
    args[argument] = bad
    case = f"{name}({argument}={label}: {bad!r:.60})"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = call(spec, args)
        except (TypeError, ValueError) as error:
            frame = traceback.extract_tb(error.__traceback__)[-1]
            where = frame.filename
            if f"{Path('concepts')}" not in where or "site-packages" in where:
                return "raised inside numpy or Python", f"{case}: {type(error).__name__} in {where}: {error}"
            if not (frame.line or "").lstrip().startswith("raise"):  # Python's own error on a line of concepts
                return (
                    "raised inside numpy or Python",
                    f"{case}: {type(error).__name__} at {where}:{frame.lineno}: {error}",
                )
            word = spec.says.get(argument, argument)
            if word not in str(error):
                return "names another argument", f"{case}: the error does not name {word!r}: {error}"
        except Exception as error:  # any other type is a failure
            return "wrong exception type", f"{case}: {type(error).__name__}: {error}"
        else:
            return "accepted", f"{case}: accepted, returned {result!r:.80}"
    if caught:
        return "warned", f"{case}: warned {[str(w.message) for w in caught]}"
    return None


def refused(spec: battery.Spec, name: str, argument: str, label: str, bad) -> None:
    found = failure(spec, name, argument, label, bad)
    assert found is None, found[1]


@pytest.mark.parametrize("name", NAMES)
def test_each_bad_value_is_refused_by_name(name):
    spec = SPECS[name]
    for argument, value in spec.arguments().items():
        for label, bad in spec.bad_values(argument, value):
            refused(spec, name, argument, label, bad)


GENERATED = {  # kind -> a strategy of values no argument of that kind may take
    "real": st.one_of(st.text(max_size=3), st.complex_numbers(min_magnitude=1e-3).filter(lambda z: z.imag != 0)),
    "int": st.one_of(st.integers(max_value=-1), st.floats(allow_nan=False).filter(lambda f: not f.is_integer())),
    "flag": st.one_of(st.integers().filter(lambda i: i not in (0, 1)), st.text(min_size=1, max_size=4)),
    "choice": st.text(min_size=1, max_size=12).map(lambda s: "zz" + s),
    "rng": st.one_of(st.integers(max_value=-1), st.floats(allow_nan=False)),
    "array": st.one_of(
        st.text(min_size=1, max_size=4), st.lists(st.text(min_size=1, max_size=2), min_size=1, max_size=3)
    ),
    "finite-array": st.lists(st.sampled_from([np.nan, np.inf, -np.inf]), min_size=1, max_size=3).map(
        lambda v: [0.5, *v]
    ),
    "sizes": st.lists(st.integers(max_value=0), min_size=1, max_size=3).map(lambda v: [2, *v]),
    "object": st.one_of(st.integers(), st.text(max_size=3)),
    "callable": st.one_of(st.integers(), st.floats(allow_nan=False)),
}


@pytest.mark.parametrize("name", NAMES)
@settings(derandomize=True, database=None, deadline=None, max_examples=12, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_generated_bad_values_are_refused_by_name(name, data):
    spec = SPECS[name]
    testable = [(a, spec.kind(a, v)) for a, v in spec.arguments().items()]
    testable = [(a, k) for a, k in testable if k is not None and "generated" not in spec.valid.get(a, {})]
    if not testable:
        return
    argument, kind = data.draw(st.sampled_from(testable), label="argument")
    bad = data.draw(GENERATED[kind], label="bad value")
    refused(spec, name, argument, "generated", bad)


def census() -> None:
    """Run the fixed battery without stopping and print how many cases fail, by kind of failure."""
    from collections import Counter

    cases, failures = 0, Counter()
    for name in NAMES:
        spec = SPECS[name]
        for argument, value in spec.arguments().items():
            for label, bad in spec.bad_values(argument, value):
                cases += 1
                found = failure(spec, name, argument, label, bad)
                if found:
                    failures[found[0]] += 1
                    print(found[1])
    print(f"{len(NAMES)} callables, {cases} cases, {sum(failures.values())} failing: {dict(failures)}")


if __name__ == "__main__":  # python tests/bad_input/test_bad_input.py: the census
    census()
