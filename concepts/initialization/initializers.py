"""Weight initializers: where the first weights come from, and how their scale follows the layer's size.

Every initializer returns a new weight matrix of shape `(fan_in, fan_out)`, the layout of `x @ W`.
PyTorch's `torch.nn.init` functions instead fill a tensor in place, hence the trailing underscore of
their names (`kaiming_normal_`); here the names drop the underscore and the functions take `fan_in`
and `fan_out` (and an `rng`) instead of a tensor. PyTorch stores a `Linear` weight as
`(fan_out, fan_in)`; fan-in and fan-out mean the same in both, so `kaiming_normal(512, 256)` draws
from the same distribution as `torch.nn.init.kaiming_normal_` on a `(256, 512)` tensor. The other
arguments, their defaults and the definitions are PyTorch's; `lecun_normal` is extra, as PyTorch has
none.

The rule behind every scaled scheme: a layer with `n` inputs of mean square `q` and weights of mean 0
computes sums of variance `n * Var(w) * q`, of which the activation keeps a share; so `Var(w)` must
shrink like `1 / n` for the signal to keep its size through many layers.

`initializer(scheme, **kwargs)` turns any of them into the `init(fan_in, fan_out, rng)` callable that
`concepts.network.MLP` accepts.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import DTypeLike

from ..validation import as_choice, as_positive, as_positive_int, as_real, as_rng, check_finite

__all__ = [
    "zeros",
    "constant",
    "uniform",
    "normal",
    "xavier_uniform",
    "xavier_normal",
    "kaiming_uniform",
    "kaiming_normal",
    "lecun_normal",
    "calculate_gain",
    "INITIALIZERS",
    "initializer",
]

Rng = np.random.Generator | int | None

# nonlinearities that PyTorch's calculate_gain treats as linear (gain 1)
_LINEAR = ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d")
_NONLINEARITIES = (*_LINEAR, "sigmoid", "tanh", "relu", "leaky_relu", "selu")


def _shape(fan_in, fan_out) -> tuple[int, int]:
    return as_positive_int(fan_in, "fan_in"), as_positive_int(fan_out, "fan_out")


def _dtype(dtype) -> np.dtype:
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be float32 or float64, got {dtype!r}") from None
    if dtype not in (np.float32, np.float64):
        raise ValueError(f"dtype must be float32 or float64, got {dtype}")
    return dtype


def _number(value, name: str) -> float:
    return check_finite(as_real(value, name), name)


def _fits(value: float, name: str, dtype: np.dtype) -> float:
    """`value`, which must be representable in `dtype` (a float64 number may exceed float32's range)."""
    largest = float(np.finfo(dtype).max)
    if abs(value) > largest:
        raise ValueError(f"{name} must lie within ±{largest:.4g}, the range of {dtype}, got {value}")
    return value


def _cast(w: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """`w` (float64) as `dtype`; a float64 weight beyond float32's range becomes ±inf there, as PyTorch's."""
    with np.errstate(over="ignore"):
        return w.astype(dtype, copy=False)


def _draw_uniform(rng: np.random.Generator, a: float, b: float, shape: tuple[int, int]) -> np.ndarray:
    """U(a, b) in float64. numpy's `uniform` forms `b - a`, which overflows past ±1.8e308 (with
    a = -1e308, b = 1e308, say); the same draw is then taken as `a * (1 - u) + b * u`, which does not."""
    if math.isfinite(b - a):
        return rng.uniform(a, b, size=shape)
    u = rng.random(shape)
    return a * (1 - u) + b * u


def _uniform(bound: float, shape: tuple[int, int], rng, dtype) -> np.ndarray:
    """U(-bound, bound) drawn in float64, then cast: the same numbers for the same seed in either dtype."""
    return _cast(_draw_uniform(as_rng(rng), -bound, bound, shape), _dtype(dtype))


def _normal(std: float, shape: tuple[int, int], rng, dtype) -> np.ndarray:
    dtype = _dtype(dtype)
    return _cast(as_rng(rng).normal(0.0, std, size=shape), dtype)


def zeros(fan_in: int, fan_out: int, *, dtype: DTypeLike = np.float64) -> np.ndarray:
    """All weights 0, as `torch.nn.init.zeros_`. Every unit of a layer then computes the same thing.

    Examples:
        >>> zeros(2, 3).tolist()
        [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """
    return np.zeros(_shape(fan_in, fan_out), dtype=_dtype(dtype))


def constant(fan_in: int, fan_out: int, value: float, *, dtype: DTypeLike = np.float64) -> np.ndarray:
    """Every weight equal to `value`, as `torch.nn.init.constant_`. Like zeros, it never breaks symmetry.

    Examples:
        >>> constant(2, 2, 0.5).tolist()
        [[0.5, 0.5], [0.5, 0.5]]
    """
    shape, dtype = _shape(fan_in, fan_out), _dtype(dtype)
    return np.full(shape, _fits(_number(value, "value"), "value", dtype), dtype=dtype)


def uniform(
    fan_in: int, fan_out: int, a: float = 0.0, b: float = 1.0, *, rng: Rng = None, dtype: DTypeLike = np.float64
) -> np.ndarray:
    """Weights drawn from U(a, b), as `torch.nn.init.uniform_` (same defaults, a = 0, b = 1).

    A fixed range ignores the layer's size: its variance `(b - a)**2 / 12` suits one fan-in only.
    A range wider than the largest float (`a = -1e308, b = 1e308`) is drawn too, where PyTorch refuses
    it; bounds beyond float32's range are refused with `dtype=np.float32`, as PyTorch does.

    Examples:
        >>> w = uniform(300, 200, -0.3, 0.3, rng=0)
        >>> bool(w.min() >= -0.3 and w.max() < 0.3), round(float(w.var()), 3)
        (True, 0.03)
    """
    shape, dtype = _shape(fan_in, fan_out), _dtype(dtype)
    a, b = _fits(_number(a, "a"), "a", dtype), _fits(_number(b, "b"), "b", dtype)
    if a > b:
        raise ValueError(f"a must be <= b: the range is [a, b), got a = {a} > b = {b}")
    return _cast(_draw_uniform(as_rng(rng), a, b, shape), dtype)


def normal(
    fan_in: int, fan_out: int, mean: float = 0.0, std: float = 1.0, *, rng: Rng = None, dtype: DTypeLike = np.float64
) -> np.ndarray:
    """Weights drawn from N(mean, std²), as `torch.nn.init.normal_` (same defaults, mean 0, std 1).

    Examples:
        >>> w = normal(400, 400, std=0.05, rng=0)
        >>> round(float(w.std()), 3)
        0.05
    """
    shape, dtype = _shape(fan_in, fan_out), _dtype(dtype)
    mean, std = _number(mean, "mean"), as_positive(std, "std", zero_allowed=True)
    return _cast(as_rng(rng).normal(mean, std, size=shape), dtype)  # a draw beyond dtype's range: ±inf, as PyTorch's


def xavier_uniform(
    fan_in: int, fan_out: int, gain: float = 1.0, *, rng: Rng = None, dtype: DTypeLike = np.float64
) -> np.ndarray:
    """Glorot and Bengio's (2010) normalized initialization: U(-b, b) with b = gain * sqrt(6 / (fan_in + fan_out)).

    Same definition and default as `torch.nn.init.xavier_uniform_`. The variance `b**2 / 3` is
    `gain**2 * 2 / (fan_in + fan_out)`: a compromise between keeping activations (`1 / fan_in`) and
    gradients (`1 / fan_out`) at scale.

    Examples:
        >>> w = xavier_uniform(300, 500, rng=0)   # b = sqrt(6 / 800) = 0.0866
        >>> round(float(w.var() * (300 + 500) / 2), 2), round(float(np.abs(w).max()), 4)
        (1.0, 0.0866)
    """
    shape = _shape(fan_in, fan_out)
    gain = as_positive(gain, "gain", zero_allowed=True)
    # --8<-- [start:xavier_uniform]
    std = gain * math.sqrt(2.0 / (fan_in + fan_out))
    bound = math.sqrt(3.0) * std  # U(-b, b) has variance b**2 / 3
    # --8<-- [end:xavier_uniform]
    if not math.isfinite(bound):  # PyTorch refuses it too
        raise ValueError(f"gain must leave the bound gain * sqrt(6 / (fan_in + fan_out)) finite, got gain = {gain}")
    return _uniform(bound, shape, rng, dtype)


def xavier_normal(
    fan_in: int, fan_out: int, gain: float = 1.0, *, rng: Rng = None, dtype: DTypeLike = np.float64
) -> np.ndarray:
    """N(0, std²) with std = gain * sqrt(2 / (fan_in + fan_out)): Glorot and Bengio's variance, as a normal.

    Same definition and default as `torch.nn.init.xavier_normal_`.

    Examples:
        >>> w = xavier_normal(300, 100, rng=0)
        >>> round(float(w.std() * np.sqrt((300 + 100) / 2)), 2)
        1.0
    """
    shape = _shape(fan_in, fan_out)
    gain = as_positive(gain, "gain", zero_allowed=True)
    return _normal(gain * math.sqrt(2.0 / (fan_in + fan_out)), shape, rng, dtype)


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """The recommended gain of a nonlinearity: a factor on the standard deviation of a start.

    It acts only where it is used: `kaiming_*` compute it from `nonlinearity` and `a`, while the
    `xavier_*` initializers take it as `gain`, whose default is 1 (as in PyTorch).

    PyTorch's table (`torch.nn.init.calculate_gain`): 1 for `"linear"`, the `"conv*"` names and
    `"sigmoid"`; 5/3 for `"tanh"`; sqrt(2) for `"relu"` (He et al. 2015: ReLU zeroes half of its
    input, halving the signal's mean square); sqrt(2 / (1 + slope²)) for `"leaky_relu"`, with
    `param` the negative slope (default 0.01); 3/4 for `"selu"` (PyTorch's empirical choice; for
    self-normalizing networks, Klambauer et al. 2017 use gain 1, that is `"linear"`). `param` is
    ignored for the others, as in PyTorch.

    Raises:
        ValueError: for a name not in the table (names are case-sensitive, as PyTorch's), or a `param`
            that is not a finite real number.

    Examples:
        >>> calculate_gain("relu") == math.sqrt(2), calculate_gain("tanh")
        (True, 1.6666666666666667)
        >>> round(calculate_gain("leaky_relu", 0.2), 4)
        1.3868
    """
    nonlinearity = _as_pytorch_value_error(as_choice, nonlinearity, "nonlinearity", _NONLINEARITIES)
    # --8<-- [start:calculate_gain]
    if nonlinearity in _LINEAR or nonlinearity == "sigmoid":
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "selu":
        return 3.0 / 4
    # leaky_relu keeps (1 + slope**2) / 2 of the mean square
    slope = 0.01 if param is None else _slope(param)
    if abs(slope) > 1e150:  # slope**2 would overflow; 1 + slope**2 is slope**2 at this size
        return math.sqrt(2.0) / abs(slope)
    return math.sqrt(2.0 / (1 + slope**2))
    # --8<-- [end:calculate_gain]


def _slope(param) -> float:
    return _as_pytorch_value_error(_number, param, "param")


def _as_pytorch_value_error(check: Callable, value, *args):
    """`check(value, *args)`, its TypeError raised as a ValueError: `torch.nn.init.calculate_gain` raises
    ValueError for a nonlinearity or a slope of the wrong type, and `calculate_gain` does as it does."""
    try:
        return check(value, *args)
    except TypeError as error:
        raise ValueError(str(error)) from None


def _kaiming_std(fan_in: int, fan_out: int, a, mode, nonlinearity) -> float:
    mode = as_choice(
        mode.lower() if isinstance(mode, str) else mode, "mode", ("fan_in", "fan_out")
    )  # any case, as PyTorch
    a = _number(a, "a")
    # --8<-- [start:kaiming]
    fan = fan_in if mode.lower() == "fan_in" else fan_out
    std = calculate_gain(nonlinearity, a) / math.sqrt(fan)
    # --8<-- [end:kaiming]
    return std


def kaiming_uniform(
    fan_in: int,
    fan_out: int,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    *,
    rng: Rng = None,
    dtype: DTypeLike = np.float64,
) -> np.ndarray:
    """He et al. (2015) as a uniform: U(-b, b) with b = sqrt(3) * gain / sqrt(fan).

    Same definition and defaults as `torch.nn.init.kaiming_uniform_`: `fan` is `fan_in` (or `fan_out`
    with `mode="fan_out"`), `gain = calculate_gain(nonlinearity, a)`, where `a` is the negative slope
    of a leaky ReLU. With the defaults (`a = 0`, `"leaky_relu"`) the gain is sqrt(2), He's ReLU value.
    With `a = sqrt(5)` the gain is sqrt(1/3) and the bound is 1 / sqrt(fan_in): this is how PyTorch's
    `nn.Linear` initializes its weights by default.

    Examples:
        >>> w = kaiming_uniform(500, 200, rng=0)
        >>> round(float(w.var() * 500), 2)
        2.0
        >>> linear = kaiming_uniform(100, 400, a=math.sqrt(5), rng=0)  # nn.Linear's
        >>> bool(np.abs(linear).max() < 1 / math.sqrt(100)), round(float(linear.var() * 3 * 100), 1)
        (True, 1.0)
    """
    shape = _shape(fan_in, fan_out)
    return _uniform(math.sqrt(3.0) * _kaiming_std(*shape, a, mode, nonlinearity), shape, rng, dtype)


def kaiming_normal(
    fan_in: int,
    fan_out: int,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    *,
    rng: Rng = None,
    dtype: DTypeLike = np.float64,
) -> np.ndarray:
    """He et al. (2015): N(0, std²) with std = gain / sqrt(fan), which keeps ReLU activations at scale.

    Same definition and defaults as `torch.nn.init.kaiming_normal_` (see `kaiming_uniform` for `a`,
    `mode` and `nonlinearity`); the defaults give std = sqrt(2 / fan_in).

    Examples:
        >>> w = kaiming_normal(512, 256, rng=0)
        >>> round(float(w.var() * 512), 1)
        2.0
    """
    shape = _shape(fan_in, fan_out)
    return _normal(_kaiming_std(*shape, a, mode, nonlinearity), shape, rng, dtype)


def lecun_normal(fan_in: int, fan_out: int, *, rng: Rng = None, dtype: DTypeLike = np.float64) -> np.ndarray:
    """LeCun et al. (1998): N(0, 1 / fan_in), variance 1 / fan_in, so that `n * Var(w) = 1`.

    PyTorch has no `lecun_normal`; it equals `kaiming_normal(nonlinearity="linear")` (checked against
    PyTorch in the tests). It is the initialization that self-normalizing (SELU) networks need
    (Klambauer et al. 2017). Keras and JAX give the same name to a normal truncated at two standard
    deviations and rescaled to the same variance.

    Examples:
        >>> w = lecun_normal(400, 300, rng=0)
        >>> round(float(w.var() * 400), 2)
        1.0
    """
    shape = _shape(fan_in, fan_out)
    return _normal(1.0 / math.sqrt(shape[0]), shape, rng, dtype)


INITIALIZERS: dict[str, Callable[..., np.ndarray]] = {
    f.__name__: f
    for f in (
        zeros,
        constant,
        uniform,
        normal,
        xavier_uniform,
        xavier_normal,
        kaiming_uniform,
        kaiming_normal,
        lecun_normal,
    )
}


def initializer(scheme: str | Callable[..., np.ndarray], /, **kwargs: Any) -> Callable[[int, int, Rng], np.ndarray]:
    """`init(fan_in, fan_out, rng)` for `concepts.network.MLP`, from an initializer and its arguments.

    Args:
        scheme: a name in `INITIALIZERS` (`"kaiming_normal"`, ...) or one of those functions.
        **kwargs: its other arguments, e.g. `nonlinearity="relu"` or `value=0.5`; they are checked
            at once, so a bad one fails here rather than inside the network.

    Examples:
        >>> from concepts.network import MLP
        >>> net = MLP([4, 3, 1], "relu", rng=0, init=initializer("constant", value=0.5))
        >>> net.weights[0].tolist()[0]
        [0.5, 0.5, 0.5]
        >>> init = initializer(kaiming_normal, nonlinearity="relu")
        >>> init(300, 2, 0).shape
        (300, 2)
    """
    if isinstance(scheme, str):
        scheme = INITIALIZERS[as_choice(scheme, "scheme", INITIALIZERS)]
    elif not any(scheme is f for f in INITIALIZERS.values()):
        raise TypeError(f"scheme must be a name in INITIALIZERS or one of those functions, got {scheme!r:.60}")
    if "rng" in kwargs:
        raise TypeError("initializer() takes no rng: the network passes its own to init(fan_in, fan_out, rng)")
    parameters = inspect.signature(scheme).parameters
    takes = [name for name in parameters if name not in ("fan_in", "fan_out", "rng")]
    for name in kwargs:
        if name not in takes:
            raise TypeError(f"{scheme.__name__} takes no argument {name!r} here: its arguments are {takes}")
    needed = [name for name in takes if parameters[name].default is parameters[name].empty and name not in kwargs]
    if needed:
        raise TypeError(
            f"{scheme.__name__} needs {', '.join(needed)}: initializer({scheme.__name__!r}, {needed[0]}=...)"
        )
    takes_rng = "rng" in parameters
    scheme(1, 1, **kwargs, **({"rng": 0} if takes_rng else {}))  # a bad argument fails here, not later

    def init(fan_in: int, fan_out: int, rng: Rng = None) -> np.ndarray:
        if takes_rng:
            return scheme(fan_in, fan_out, **kwargs, rng=rng)
        return scheme(fan_in, fan_out, **kwargs)

    init.__name__ = scheme.__name__
    return init
