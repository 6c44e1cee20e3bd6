"""The chain rule, one scalar at a time: a small autograd engine.

A `Value` is a number that remembers the operation that made it, the values it was made from (its
inputs) and the local derivative of the operation with respect to each input. `L.backward()` walks
that graph once, from `L` back to the leaves, multiplying the gradient that arrives at a node by each
local derivative and adding the product into the node's input. Multiplying along a path is the chain
rule; adding where paths meet is the sum over paths of the multivariable chain rule.

The same idea as micrograd (Karpathy 2020) and PyTorch's autograd, written so that it scales: the
backward pass is iterative (a graph of a million nodes needs no recursion), and a node holds
references to its inputs only, never to itself or to its result, so a dropped graph is freed by
reference counting at once and leaves no garbage for the cyclic garbage collector.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Iterable

from ..validation import as_real, check_finite

__all__ = ["Value", "zero_grad", "topological_order"]


def _real(value, name: str) -> float:
    """A plain real number as a float; a TypeError names the argument otherwise."""
    if type(value) is float:
        return value
    return as_real(value, name)


class Value:
    """A scalar that records how it was computed, so that `backward()` can apply the chain rule.

    Supports `+ - * /` with other values and plain numbers on either side, `**` with a number
    exponent, and `exp`, `log`, `tanh`, `relu`, `sigmoid`. Arithmetic follows Python's floats: a
    math domain error (`log` of a negative number, division by zero) raises instead of giving nan.

    Gradients accumulate, as PyTorch's `.grad` of a leaf tensor does: each `L.backward()` adds
    dL/d(node) to the `.grad` of every node below `L`. Reset them with `zero_grad` before a new
    backward pass when only the new gradients are wanted.

    Every operation has one or two inputs, `a` and `b`; a node keeps them, and the local derivatives
    d(node)/da and d(node)/db, in four slots rather than in tuples: one object per node instead of
    three, which makes the graph smaller and cheaper for the garbage collector to scan.

    Args:
        data: the number.
        label: an optional name, used when the graph is drawn.

    Examples:
        >>> x = Value(2.0, label="x")
        >>> u = x**2                 # du/dx = 2x = 4
        >>> loss = u**3              # dL/du = 3u^2 = 48
        >>> loss.backward()
        >>> loss.data, u.grad, x.grad  # dL/dx = 48 * 4
        (64.0, 48.0, 192.0)
    """

    __slots__ = ("data", "grad", "label", "op", "_number", "_a", "_da", "_b", "_db", "__weakref__")

    def __init__(self, data: float, label: str = ""):
        self.data = check_finite(_real(data, "data"), "data")
        if not isinstance(label, str):
            raise TypeError(f"label must be a string, got {type(label).__name__}")
        self.grad, self.label, self.op, self._number = 0.0, label, "", next(_created)
        self._a = self._b = None  # a leaf: no inputs
        self._da = self._db = 0.0

    @property
    def inputs(self) -> tuple[Value, ...]:
        """The values this one was computed from (empty for a leaf)."""
        return tuple(v for v in (self._a, self._b) if v is not None)

    @property
    def local_grads(self) -> tuple[float, ...]:
        """d(self)/d(input) for each of `inputs`, computed in the forward pass."""
        return tuple(d for v, d in ((self._a, self._da), (self._b, self._db)) if v is not None)

    def __repr__(self) -> str:
        name = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{name})"

    # Each operation computes its result and, right beside it, the local derivative with respect to
    # each input: _node(result, op, a, d(result)/da, b, d(result)/db). A plain number is a constant,
    # not an input.
    # --8<-- [start:ops]
    def __add__(self, other: Value | float) -> Value:
        if isinstance(other, Value):
            return _node(self.data + other.data, "+", self, 1.0, other, 1.0)
        return _node(self.data + _real(other, "other"), "+", self, 1.0)

    def __mul__(self, other: Value | float) -> Value:
        if isinstance(other, Value):
            a, b = self.data, other.data
            return _node(a * b, "*", self, b, other, a)  # d(ab)/da = b, d(ab)/db = a
        c = _real(other, "other")
        return _node(self.data * c, "*", self, c)

    def __truediv__(self, other: Value | float) -> Value:
        if isinstance(other, Value):
            a, b = self.data, other.data
            return _node(a / b, "/", self, 1.0 / b, other, -a / (b * b))
        c = _real(other, "other")
        return _node(self.data / c, "/", self, 1.0 / c)

    def __pow__(self, exponent: float) -> Value:
        n = _real(exponent, "exponent")
        local = n * math.pow(self.data, n - 1) if n != 0 else 0.0
        return _node(math.pow(self.data, n), f"**{n:g}", self, local)

    def exp(self) -> Value:
        out = math.exp(self.data)
        return _node(out, "exp", self, out)  # exp' = exp

    def log(self) -> Value:
        return _node(math.log(self.data), "log", self, 1.0 / self.data)

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        return _node(t, "tanh", self, 1.0 - t * t)

    def sigmoid(self) -> Value:
        e = math.exp(-abs(self.data))  # never overflows
        hi, lo = 1.0 / (1.0 + e), e / (1.0 + e)  # sigmoid(|z|), sigmoid(-|z|)
        s = hi if self.data >= 0 else lo
        return _node(s, "sigmoid", self, hi * lo)  # s (1 - s), exact in both tails

    def relu(self) -> Value:
        if self.data > 0:
            return _node(self.data, "relu", self, 1.0)
        return _node(0.0, "relu", self, 0.0)  # slope 0 at the kink, as PyTorch
    # --8<-- [end:ops]

    def __neg__(self) -> Value:
        return _node(-self.data, "neg", self, -1.0)

    def __sub__(self, other: Value | float) -> Value:
        if isinstance(other, Value):
            return _node(self.data - other.data, "-", self, 1.0, other, -1.0)
        return _node(self.data - _real(other, "other"), "-", self, 1.0)

    def __radd__(self, other: float) -> Value:  # 2 + v
        return self + other

    def __rmul__(self, other: float) -> Value:  # 2 * v
        return self * other

    def __rsub__(self, other: float) -> Value:  # 1 - v
        return _node(_real(other, "other") - self.data, "-", self, -1.0)

    def __rtruediv__(self, other: float) -> Value:  # 1 / v
        out = _real(other, "other") / self.data
        return _node(out, "/", self, -out / self.data)

    def backward(self, gradient: float = 1.0) -> None:
        """Add d(self)/d(node) * `gradient` to the `.grad` of every node this value depends on.

        One sweep in reverse topological order: when a node is reached, every node that uses it has
        already passed its share back, so its gradient for this pass is complete.
        """
        gradient = check_finite(_real(gradient, "gradient"), "gradient")
        order = topological_order(self)
        # --8<-- [start:backward]
        pending = {self: gradient}  # gradients on their way to unvisited nodes
        for node in reversed(order):  # from self back to the leaves
            upstream = pending.pop(node)  # complete: all users of node are done
            node.grad += upstream
            a, b = node._a, node._b
            if a is not None:  # chain rule: local derivative × upstream
                pending[a] = pending.get(a, 0.0) + node._da * upstream  # + : paths add
            if b is not None:
                pending[b] = pending.get(b, 0.0) + node._db * upstream
        # --8<-- [end:backward]


_new = object.__new__
_created = itertools.count()  # creation numbers: a value is always numbered after its inputs
_creation_number = operator.attrgetter("_number")


def _node(data: float, op: str, a: Value, da: float, b: Value | None = None, db: float = 0.0) -> Value:
    """The result `data` of operation `op` on `a` (and `b`), with d(result)/da (and d(result)/db)."""
    out = _new(Value)
    out.data, out.grad, out.label, out.op, out._number = data, 0.0, "", op, next(_created)
    out._a, out._da, out._b, out._db = a, da, b, db
    return out


def topological_order(root: Value) -> list[Value]:
    """Every value `root` depends on, each after all of its inputs: leaves first, `root` last.

    A value is always created after its inputs, so the order of creation is a topological order:
    each value carries its creation number, and sorting the values reachable from `root` by it is
    enough (PyTorch's autograd numbers its nodes in the same way). The search uses an explicit stack,
    no recursion, so graphs of any depth work. `backward` visits the nodes in the reverse order.

    Examples:
        >>> a = Value(2.0, label="a")
        >>> b = a * 3.0
        >>> b.label = "b"
        >>> c = b + a
        >>> c.label = "c"
        >>> [v.label for v in topological_order(c)]
        ['a', 'b', 'c']
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    seen = {root}
    stack = [root]
    while stack:
        node = stack.pop()
        for child in (node._a, node._b):
            if child is not None and child not in seen:
                seen.add(child)
                stack.append(child)
    return sorted(seen, key=_creation_number)


def zero_grad(values: Iterable[Value]) -> None:
    """Set `.grad` to 0 for every value given, like PyTorch's `optimizer.zero_grad()`.

    Examples:
        >>> w = Value(3.0)
        >>> (w * w).backward()
        >>> (w * w).backward()       # gradients accumulate: 6 + 6
        >>> w.grad
        12.0
        >>> zero_grad([w]); w.grad
        0.0
    """
    for value in values:
        if not isinstance(value, Value):
            raise TypeError(f"values must hold Value objects, got {type(value).__name__}")
        value.grad = 0.0
