"""The battery of bad values: what each kind of argument must refuse, and the spec of one valid call.

A spec file per package (`specs_<package>.py` beside this one) holds `SPECS`, one `Spec` per public
callable: a valid call, by argument name. `test_bad_input.py` replaces one argument at a time by each
bad value of its kind and requires a TypeError or ValueError that names the argument, raised by
`concepts` itself (not by numpy or Python from inside it), with no warning on the way.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

NAN, INF = float("nan"), float("inf")


class _Opaque:
    """An object of no kind a function could want."""

    def __repr__(self) -> str:
        return "<object>"


# kind -> [(label, bad value)]; labels name the cases in test ids and in `Spec.valid`.
BAD: dict[str, list[tuple[str, object]]] = {
    "real": [
        ("str", "1.0"),
        ("none", None),
        ("bool", True),
        ("complex", 1j),
        ("list", [1.0]),
        ("nan", NAN),
        ("inf", INF),
        ("-inf", -INF),
        ("huge-int", 10**400),
    ],
    "int": [
        ("float", 1.5),
        ("str", "2"),
        ("none", None),
        ("bool", True),
        ("negative", -1),
        ("huge-float", 1e300),
    ],
    "flag": [("str", "yes"), ("int", 2), ("none", None)],
    "choice": [("unknown", "no-such-choice"), ("int", 3), ("none", None), ("list", ["a"])],
    "rng": [("negative", -1), ("str", "seed"), ("float", 1.5), ("bool", True)],
    "callable": [("int", 3), ("str", "f"), ("none", None)],
    "array": [
        ("str", "abc"),
        ("none", None),
        ("ragged", [[1.0, 2.0], [3.0]]),
        ("strings", ["a", "b"]),
        ("complex", np.array([1 + 1j, 2.0])),
        ("object", _Opaque()),
    ],
    "finite-array": [],  # "array" plus non-finite entries: data an experiment must refuse
    "sizes": [
        ("str", "abc"),
        ("none", None),
        ("text-entry", [2, "a"]),
        ("negative", [2, -1]),
        ("empty", []),
        ("float", [2.5, 1]),
    ],
    "object": [("none", None), ("int", 3), ("str", "x"), ("object", _Opaque())],
}
BAD["finite-array"] = BAD["array"] + [("nan", [1.0, NAN]), ("inf", [INF, 1.0])]


@dataclass
class Spec:
    """One valid call of a public callable, by argument name.

    call: the function or class; or, for a method, a zero-argument function returning it bound to a
        fresh instance (`make`), since a method may change its instance.
    args: valid arguments by name (a dict, or a zero-argument function returning one when the call may
        change them).
    kinds: the kind of an argument where it cannot be read off its valid value (see BAD).
    valid: labels of BAD cases that are in fact valid for an argument, each with why.
    extra: bad values of an argument beyond its kind's, by label (out of its range: a negative noise
        level, a width that does not fit the layer).
    says: the word the error must name for an argument, when not the argument's own name.
    """

    call: Callable
    args: dict | Callable[[], dict] = field(default_factory=dict)
    make: bool = False
    kinds: dict[str, str] = field(default_factory=dict)
    valid: dict[str, dict[str, str]] = field(default_factory=dict)
    extra: dict[str, dict[str, object]] = field(default_factory=dict)
    says: dict[str, str] = field(default_factory=dict)

    def target(self) -> Callable:
        return self.call() if self.make else self.call

    def arguments(self) -> dict:
        return dict(self.args() if callable(self.args) else self.args)

    def kind(self, name: str, value) -> str | None:
        """The kind of argument `name`, from the spec or from its valid value; None: not tested."""
        if name in self.kinds:
            return self.kinds[name]
        if name == "rng":
            return "rng"
        if isinstance(value, bool):
            return "flag"
        if isinstance(value, (int, np.integer)):
            return "int"
        if isinstance(value, (float, np.floating)):
            return "real"
        if isinstance(value, str):
            return "choice"
        if isinstance(value, np.ndarray):
            return "array"
        if isinstance(value, (list, tuple)) and value and all(isinstance(v, (int, np.integer)) for v in value):
            return "sizes"
        if isinstance(value, (list, tuple)) and _numeric(value):
            return "array"
        if callable(value) and not isinstance(value, type):
            return "callable"
        return "object"

    def bad_values(self, name: str, value) -> list[tuple[str, object]]:
        kind = self.kind(name, value)
        allowed = self.valid.get(name, {})
        cases = [] if kind is None else [(label, bad) for label, bad in BAD[kind] if label not in allowed]
        return cases + list(self.extra.get(name, {}).items())


@dataclass
class Exempt:
    """A public callable with no bad-input cases, and why (e.g. a record that a function returns)."""

    reason: str


def _numeric(value) -> bool:
    try:
        return np.asarray(value).dtype.kind in "biuf"
    except (TypeError, ValueError):
        return False


def finite(x: float) -> bool:
    return math.isfinite(x)
