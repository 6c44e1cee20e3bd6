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
from collections.abc import Iterable, Sequence

from ..validation import as_finite_array, as_real

__all__ = ["Value", "zero_grad", "topological_order", "example_graph"]

_created = itertools.count()  # creation numbers: a value is always numbered after its inputs
_INF = math.inf
_allocate = object.__new__


def _constant(number, name: str) -> float:
    """`number` as a float, requiring a finite real number; a TypeError or ValueError names `name`.

    A finite float, the usual case, is returned at once; anything else goes through the full checks.
    """
    if type(number) is float and -_INF < number < _INF:
        return number
    try:
        x = as_real(number, name)
    except OverflowError:  # an int (or Fraction) beyond the largest float
        raise ValueError(f"{name} must be a finite real number, got one too large for a float") from None
    if not -_INF < x < _INF:
        raise ValueError(f"{name} must be a finite real number, got {x}")
    return x


def _node(data: float, inputs: tuple[Value, ...], local_grads: tuple[float, ...], op: str) -> Value:
    """A new node of the graph, as the operations make it: their numbers need no checks, so none are made."""
    node = _allocate(Value)  # object.__new__: no __init__, so the checks there are skipped
    node.data = data
    node.grad = 0.0
    node.inputs = inputs
    node.local_grads = local_grads
    node.op = op
    node.label = ""
    node._number = next(_created)  # see topological_order
    return node


def _graph(inputs, local_grads) -> tuple[tuple[Value, ...], tuple[float, ...]]:
    """The `inputs` and `local_grads` of a node built by hand, checked: Values, and a finite number for each."""
    if isinstance(inputs, (str, bytes)) or not isinstance(inputs, Sequence):
        raise TypeError(f"inputs must be a tuple of Value objects, got {type(inputs).__name__}")
    for entry in inputs:
        if not isinstance(entry, Value):
            raise TypeError(f"inputs must hold Value objects, got {type(entry).__name__}")
    grads = as_finite_array(local_grads, "local_grads", ndim=1)
    if len(grads) != len(inputs):
        raise ValueError(
            f"local_grads must hold one derivative per entry of inputs: {len(grads)} for {len(inputs)} inputs"
        )
    return tuple(inputs), tuple(float(g) for g in grads)


def _power(x: float, n: float) -> float:
    """`x ** n` as IEEE arithmetic gives it (PyTorch's `pow`): an overflow is an infinity, 0 to a negative
    power is an infinity, a negative number to a fractional power is NaN (the caller refuses that)."""
    try:
        return math.pow(x, n)
    except OverflowError:
        odd = n.is_integer() and n % 2 == 1
        return -_INF if x < 0 and odd else _INF
    except ValueError:  # 0 ** negative, or negative ** fraction
        if x == 0:
            odd = n.is_integer() and n % 2 == 1
            return math.copysign(_INF, x) if odd else _INF
        return math.nan


class Value:
    """A scalar that records how it was computed, so that `backward()` can apply the chain rule.

    Supports `+ - * /` with other values and plain numbers on either side, `**` with a number
    exponent, `exp`, `log`, `tanh`, `relu`, `sigmoid`, and `maximum(other)` (PyTorch's `torch.maximum`:
    the larger input gets the whole gradient, a tie splits it in half). A plain number is a constant,
    not a node of the graph, and must be a finite real number. Arithmetic follows Python's floats and
    PyTorch where a result is out of range: a result too large for a float is an infinity, as `1e200 *
    1e200` gives. What has no real value raises a ValueError (`log` of a number <= 0, division by zero,
    a negative number to a fractional power) instead of giving nan.

    Gradients accumulate, as PyTorch's `.grad` of a leaf tensor does: each `L.backward()` adds
    dL/d(node) to the `.grad` of every node below `L`. Reset them with `zero_grad` before a new
    backward pass when only the new gradients are wanted.

    Args:
        data: the number, a finite real number.
        inputs: the values it was computed from; the operations below fill this in.
        local_grads: d(data)/d(input) for each of `inputs`, computed with `data`: finite numbers.
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
        inputs: Sequence[Value] = (),
        local_grads: Sequence[float] = (),
        op: str = "",
        label: str = "",
    ):
        # Everything given here is checked; the operations make their nodes with `_node`, which checks nothing.
        if not (type(data) is float and -_INF < data < _INF):
            data = _constant(data, "data")
        leaf = type(inputs) is tuple and not inputs and type(local_grads) is tuple and not local_grads
        if not leaf:  # a node built by hand
            inputs, local_grads = _graph(inputs, local_grads)
        for name, text in (("op", op), ("label", label)):
            if not isinstance(text, str):
                raise TypeError(f"{name} must be a string, got {type(text).__name__}")
        self.data = data
        self.grad = 0.0
        self.inputs = tuple(inputs)
        self.local_grads = tuple(local_grads)
        self.op = op
        self.label = label
        self._number = next(_created)  # see topological_order

    def __repr__(self) -> str:
        name = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{name})"

    # --8<-- [start:ops]
    # Each operation computes its result and, beside it, the local derivative with respect to each
    # input: _node(result, inputs, local derivatives, op). A plain number is a constant, not an input:
    # _constant checks that it is a finite real number.
    def __add__(self, other: Value | float) -> Value:
        if isinstance(other, Value):
            return _node(self.data + other.data, (self, other), (1.0, 1.0), "+")
        c = _constant(other, "other")
        return _node(self.data + c, (self,), (1.0,), "+")

    def __mul__(self, other: Value | float) -> Value:
        if isinstance(other, Value):
            a, b = self.data, other.data
            return _node(a * b, (self, other), (b, a), "*")  # d(ab)/da = b, d(ab)/db = a
        c = _constant(other, "other")
        return _node(self.data * c, (self,), (c,), "*")

    def __truediv__(self, other: Value | float) -> Value:
        if isinstance(other, Value):
            a, b = self.data, other.data
            if b == 0:
                raise ValueError(f"other must not be 0: division by zero ({a!r} / {b!r})")
            q = a / b
            return _node(q, (self, other), (1.0 / b, -q / b), "/")  # d(a/b)/db = -a/b^2, as -(a/b)/b
        c = _constant(other, "other")
        if c == 0:
            raise ValueError(f"other must not be 0: division by zero ({self.data!r} / {c!r})")
        return _node(self.data / c, (self,), (1.0 / c,), "/")

    def __pow__(self, exponent: float) -> Value:
        n = _constant(exponent, "exponent")
        x = self.data
        if x < 0 and not n.is_integer():
            raise ValueError(f"exponent must be a whole number when the value is negative, got {x!r} ** {n!r}")
        if x == 0 and n < 0:
            raise ValueError(f"exponent must be >= 0 when the value is 0: division by zero ({x!r} ** {n!r})")
        local = n * _power(x, n - 1) if n != 0 else 0.0  # x^0 = 1 is a constant
        return _node(_power(x, n), (self,), (local,), f"**{n:g}")

    def exp(self) -> Value:
        try:
            e = math.exp(self.data)
        except OverflowError:  # beyond the largest float: an infinity, as PyTorch gives
            e = _INF
        return _node(e, (self,), (e,), "exp")  # exp' = exp

    def log(self) -> Value:
        if self.data <= 0:
            raise ValueError(f"log needs a value > 0, got {self.data!r}")
        return _node(math.log(self.data), (self,), (1.0 / self.data,), "log")

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        return _node(t, (self,), (1.0 - t * t,), "tanh")

    def sigmoid(self) -> Value:
        e = math.exp(-abs(self.data))  # at most 1: never overflows
        hi, lo = 1.0 / (1.0 + e), e / (1.0 + e)  # sigmoid(|x|), sigmoid(-|x|)
        s = hi if self.data >= 0 else lo
        return _node(s, (self,), (hi * lo,), "sigmoid")  # s (1 - s), exact in both tails

    def relu(self) -> Value:
        if self.data > 0:
            return _node(self.data, (self,), (1.0,), "relu")
        return _node(0.0, (self,), (0.0,), "relu")  # slope 0 at the kink, as PyTorch

    def maximum(self, other: Value | float) -> Value:
        a = self.data
        if isinstance(other, Value):
            b = other.data
        else:
            b = _constant(other, "other")
        mine = 1.0 if a > b else 0.5 if a == b else 0.0  # all to the larger; a tie splits, as torch.maximum
        if isinstance(other, Value):
            return _node(max(a, b), (self, other), (mine, 1.0 - mine), "max")
        return _node(max(a, b), (self,), (mine,), "max")

    # --8<-- [end:ops]

    def __neg__(self) -> Value:
        return _node(-self.data, (self,), (-1.0,), "neg")

    def __sub__(self, other: Value | float) -> Value:
        if isinstance(other, Value):
            return _node(self.data - other.data, (self, other), (1.0, -1.0), "-")
        c = _constant(other, "other")
        return _node(self.data - c, (self,), (1.0,), "-")

    def __radd__(self, other: float) -> Value:  # 2 + v
        return self + other

    def __rmul__(self, other: float) -> Value:  # 2 * v
        return self * other

    def __rsub__(self, other: float) -> Value:  # 1 - v
        c = _constant(other, "other")
        return _node(c - self.data, (self,), (-1.0,), "-")

    def __rtruediv__(self, other: float) -> Value:  # c / v
        c = _constant(other, "other")
        if self.data == 0:
            raise ValueError(f"division by zero: other / a value of 0 ({c!r} / {self.data!r})")
        out = c / self.data
        return _node(out, (self,), (-out / self.data,), "/")  # d(c/x)/dx = -c/x^2

    def backward(self, gradient: float = 1.0) -> None:
        """Add d(self)/d(node) * `gradient` to the `.grad` of every node this value depends on.

        One sweep in reverse topological order: when a node is reached, every node that uses it has
        already passed its share back, so its gradient for this pass is complete.
        """
        gradient = _constant(gradient, "gradient")
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
    if isinstance(values, (Value, str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"values must be a list (or any iterable) of Value objects, got {type(values).__name__}")
    values = list(values)  # checked in full before any is reset
    for value in values:
        if not isinstance(value, Value):
            raise TypeError(f"values must hold Value objects, got {type(value).__name__}")
    for value in values:
        value.grad = 0.0


def example_graph(w: float = 0.5, x: float = 2.0, b: float = -0.5, target: float = 1.0) -> dict[str, Value]:
    """The chain-rule page's graph, `L = (relu(w·x + b) - target)**2 + w**2`, after `L.backward()`.

    A neuron's squared error plus a penalty on its weight: `w` reaches `L` by two paths, through the
    neuron and through the penalty, and its gradient is the sum of both. The page draws this graph, steps
    through its backward pass in the browser and tests that step-through against these nodes.

    Returns:
        Every node by the name the page gives it, in the order the forward pass computes them: `w`, `x`,
        `b`, `p = w·x`, `z = p + b`, `a = relu(z)`, `e = a - target`, `s = e**2`, `r = w**2`, `L = s + r`.

    Examples:
        >>> nodes = example_graph()
        >>> nodes["L"].data, nodes["w"].grad   # dL/dw = 2e·x + 2w = -2 + 1
        (0.5, -1.0)
    """
    nw, nx, nb = (Value(_constant(v, name), label=name) for v, name in ((w, "w"), (x, "x"), (b, "b")))
    goal = _constant(target, "target")
    p = nw * nx
    z = p + nb
    a = z.relu()
    e = a - goal
    s = e**2
    r = nw**2
    loss = s + r
    loss.backward()
    return {"w": nw, "x": nx, "b": nb, "p": p, "z": z, "a": a, "e": e, "s": s, "r": r, "L": loss}
