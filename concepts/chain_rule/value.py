"""The chain rule, one scalar at a time: a small autograd engine in the manner of micrograd.

A `Value` is a number that remembers the values it was computed from (its inputs) and the local
derivative of that computation with respect to each input. `L.backward()` walks the graph once, from
`L` back to the leaves, multiplying the gradient that arrives at a node by each local derivative and
adding the product into the node's input. Multiplying along a path is the chain rule; adding where
paths meet is the sum over paths of the multivariable chain rule.

The same idea as micrograd (Karpathy 2020) and PyTorch's autograd. Where micrograd gives each node a
closure that runs its backward step, here each operation stores its local derivatives, as numbers, in
the forward pass. A node therefore refers to its inputs only, never to itself, so a dropped graph is
freed by reference counting at once and leaves nothing for the cyclic garbage collector; and the
backward pass is a loop, not a recursion, so a graph a million nodes deep works.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

from ..validation import as_real, check_finite

__all__ = ["Value", "zero_grad", "topological_order"]

_created = itertools.count()  # creation numbers: a value is always numbered after its inputs


class Value:
    """A scalar that records how it was computed, so that `backward()` can apply the chain rule.

    Supports `+ - * /` with other values and plain numbers on either side, `**` with a number
    exponent, `exp`, `log`, `tanh`, `relu`, `sigmoid`, and `maximum(other)` (PyTorch's `torch.maximum`:
    the larger input gets the whole gradient, a tie splits it in half). A plain number is a constant,
    not a node of the graph. Arithmetic follows Python's floats: a math domain error (`log` of a negative number,
    division by zero) raises instead of giving nan.

    Gradients accumulate, as PyTorch's `.grad` of a leaf tensor does: each `L.backward()` adds
    dL/d(node) to the `.grad` of every node below `L`. Reset them with `zero_grad` before a new
    backward pass when only the new gradients are wanted.

    Args:
        data: the number. A value without inputs is a leaf, and its `data` must be a finite real number.
        inputs: the values it was computed from; the operations below fill this in.
        local_grads: d(data)/d(input) for each of `inputs`, computed with `data`.
        op: the name of the operation, for drawing the graph.
        label: an optional name, for drawing the graph.

    Examples:
        >>> x = Value(2.0, label="x")
        >>> u = x**2                 # du/dx = 2x = 4
        >>> loss = u**3              # dL/du = 3u^2 = 48
        >>> loss.backward()
        >>> loss.data, u.grad, x.grad  # dL/dx = 48 * 4
        (64.0, 48.0, 192.0)

        A sum passes the gradient on unchanged, a product swaps the inputs' values, a maximum routes it:

        >>> a, b = Value(3.0), Value(-2.0)
        >>> (a * b + a.maximum(b)).backward()
        >>> a.grad, b.grad           # a: b + 1 (the larger), b: a + 0
        (-1.0, 3.0)
    """

    # Slots instead of a __dict__: a step of micrograd's demo makes 65,000 nodes and takes about 10 % less time.
    __slots__ = ("data", "grad", "inputs", "local_grads", "op", "label", "_number", "__weakref__")

    def __init__(
        self,
        data: float,
        inputs: tuple[Value, ...] = (),
        local_grads: tuple[float, ...] = (),
        op: str = "",
        label: str = "",
    ):
        if not inputs:  # a leaf: a number from outside the graph, so check it
            data = check_finite(as_real(data, "data"), "data")
        if not isinstance(label, str):
            raise TypeError(f"label must be a string, got {type(label).__name__}")
        self.data = data
        self.grad = 0.0
        self.inputs = inputs
        self.local_grads = local_grads
        self.op = op
        self.label = label
        self._number = next(_created)  # see topological_order

    def __repr__(self) -> str:
        name = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{name})"

    # --8<-- [start:ops]
    # Each operation computes its result and, beside it, the local derivative with respect to each
    # input: Value(result, inputs, local derivatives, op). A plain number is a constant, not an input.
    def __add__(self, other: Value | float) -> Value:
        if isinstance(other, Value):
            return Value(self.data + other.data, (self, other), (1.0, 1.0), "+")
        return Value(self.data + as_real(other, "other"), (self,), (1.0,), "+")

    def __mul__(self, other: Value | float) -> Value:
        if isinstance(other, Value):
            a, b = self.data, other.data
            return Value(a * b, (self, other), (b, a), "*")  # d(ab)/da = b, d(ab)/db = a
        c = as_real(other, "other")
        return Value(self.data * c, (self,), (c,), "*")

    def __truediv__(self, other: Value | float) -> Value:
        if isinstance(other, Value):
            a, b = self.data, other.data
            return Value(a / b, (self, other), (1.0 / b, -a / (b * b)), "/")
        c = as_real(other, "other")
        return Value(self.data / c, (self,), (1.0 / c,), "/")

    def __pow__(self, exponent: float) -> Value:
        n, x = as_real(exponent, "exponent"), self.data
        local = n * math.pow(x, n - 1) if n != 0 else 0.0  # x^0 = 1 is a constant
        return Value(math.pow(x, n), (self,), (local,), f"**{n:g}")

    def exp(self) -> Value:
        e = math.exp(self.data)
        return Value(e, (self,), (e,), "exp")  # exp' = exp

    def log(self) -> Value:
        return Value(math.log(self.data), (self,), (1.0 / self.data,), "log")

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        return Value(t, (self,), (1.0 - t * t,), "tanh")

    def sigmoid(self) -> Value:
        e = math.exp(-abs(self.data))  # at most 1: never overflows
        hi, lo = 1.0 / (1.0 + e), e / (1.0 + e)  # sigmoid(|x|), sigmoid(-|x|)
        s = hi if self.data >= 0 else lo
        return Value(s, (self,), (hi * lo,), "sigmoid")  # s (1 - s), exact in both tails

    def relu(self) -> Value:
        if self.data > 0:
            return Value(self.data, (self,), (1.0,), "relu")
        return Value(0.0, (self,), (0.0,), "relu")  # slope 0 at the kink, as PyTorch

    def maximum(self, other: Value | float) -> Value:
        a = self.data
        b = other.data if isinstance(other, Value) else as_real(other, "other")
        mine = 1.0 if a > b else 0.5 if a == b else 0.0  # all to the larger; a tie splits, as torch.maximum
        if isinstance(other, Value):
            return Value(max(a, b), (self, other), (mine, 1.0 - mine), "max")
        return Value(max(a, b), (self,), (mine,), "max")

    # --8<-- [end:ops]

    def __neg__(self) -> Value:
        return Value(-self.data, (self,), (-1.0,), "neg")

    def __sub__(self, other: Value | float) -> Value:
        if isinstance(other, Value):
            return Value(self.data - other.data, (self, other), (1.0, -1.0), "-")
        return Value(self.data - as_real(other, "other"), (self,), (1.0,), "-")

    def __radd__(self, other: float) -> Value:  # 2 + v
        return self + other

    def __rmul__(self, other: float) -> Value:  # 2 * v
        return self * other

    def __rsub__(self, other: float) -> Value:  # 1 - v
        return Value(as_real(other, "other") - self.data, (self,), (-1.0,), "-")

    def __rtruediv__(self, other: float) -> Value:  # c / v
        out = as_real(other, "other") / self.data
        return Value(out, (self,), (-out / self.data,), "/")  # d(c/x)/dx = -c/x^2

    def backward(self, gradient: float = 1.0) -> None:
        """Add d(self)/d(node) * `gradient` to the `.grad` of every node this value depends on.

        One sweep in reverse topological order: when a node is reached, every node that uses it has
        already passed its share back, so its gradient for this pass is complete.
        """
        gradient = check_finite(as_real(gradient, "gradient"), "gradient")
        # --8<-- [start:backward]
        pending = {self: gradient}  # gradients on their way to nodes not visited yet
        for node in reversed(topological_order(self)):  # from self back to the leaves
            upstream = pending.pop(node)  # complete: every node that uses this one is done
            node.grad += upstream
            for child, local in zip(node.inputs, node.local_grads):  # chain rule: local derivative × upstream
                pending[child] = pending.get(child, 0.0) + local * upstream  # + : paths add
        # --8<-- [end:backward]


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
    seen, stack = {root}, [root]
    while stack:
        for child in stack.pop().inputs:
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return sorted(seen, key=lambda value: value._number)


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
