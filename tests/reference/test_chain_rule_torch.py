"""concepts.chain_rule.Value and concepts.chain_rule against PyTorch autograd, in float64.

Random expressions with shared sub-expressions (every node feeds the output, most of them by several
paths) are built twice, from `Value`s and from tensors, and their values and gradients compared. Then the
demo's loss (hinge + L2 through the ReLU network) on both engines against PyTorch.
"""

import math
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings

from concepts.chain_rule import Value, ValueMLP, demo_loss, demo_problem, topological_order, value_demo_loss

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "chain_rule"))  # tests/ is not a package
from test_value import EXTREMES, evaluate, programs  # the same random programs and extremes as the unit tests

PROPERTY = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)  # the torch module: no state


@PROPERTY
@given(programs())
def test_random_expressions_with_shared_subexpressions_match_pytorch(torch, case):
    program, x = case
    values = [Value(t) for t in x]
    out = evaluate(program, values)
    assume(all(abs(node.inputs[0].data) > 1e-3 for node in topological_order(out) if node.op == "relu"))
    out.backward()
    tensors = [torch.tensor(t, dtype=torch.float64, requires_grad=True) for t in x]
    reference = evaluate(program, tensors)
    reference.backward()
    assert out.data == pytest.approx(reference.item(), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose([v.grad for v in values], [t.grad.item() for t in tensors], rtol=1e-10, atol=1e-12)


UNARY = {  # ours, PyTorch's
    "exp": (lambda v: v.exp(), lambda t: t.exp()),
    "log": (lambda v: v.log(), lambda t: t.log()),
    "tanh": (lambda v: v.tanh(), lambda t: t.tanh()),
    "sigmoid": (lambda v: v.sigmoid(), lambda t: t.sigmoid()),
    "relu": (lambda v: v.relu(), lambda t: t.relu()),
    "pow 2.5": (lambda v: v**2.5, lambda t: t**2.5),
    "pow -1": (lambda v: v**-1, lambda t: t**-1),
    "3 / v": (lambda v: 3.0 / v, lambda t: 3.0 / t),
    "1 - v": (lambda v: 1.0 - v, lambda t: 1.0 - t),
}


@pytest.mark.parametrize("name", sorted(UNARY))
@pytest.mark.parametrize("z", [0.01, 0.5, 3.0, 20.0])
def test_each_operation_matches_pytorch(torch, name, z):
    ours, theirs = UNARY[name]
    v = Value(z)
    out = ours(v)
    out.backward()
    t = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    reference = theirs(t)
    reference.backward()
    assert out.data == pytest.approx(reference.item(), rel=1e-14)
    # PyTorch's sigmoid backward, (1 - s) s, rounds to 0 where ours keeps its digits (z = 20: 2e-9 vs 2e-9)
    assert v.grad == pytest.approx(t.grad.item(), rel=1e-12, abs=4 * np.finfo(float).eps)


@pytest.mark.parametrize("z", [-50.0, -1.0, 0.0, 1.0, 50.0])
def test_relu_and_sigmoid_at_the_kink_and_in_the_tails_match_pytorch(torch, z):
    for op in ("relu", "sigmoid"):
        v = Value(z)
        getattr(v, op)().backward()
        t = torch.tensor(z, dtype=torch.float64, requires_grad=True)
        getattr(t, op)().backward()
        assert v.grad == pytest.approx(t.grad.item(), rel=1e-12, abs=1e-20 if z < 40 else 2e-22)


def torch_demo_loss(torch, params, x, y, alpha=1e-4):
    weights = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in params]
    h = torch.tensor(x)
    for i in range(0, len(weights), 2):
        h = h @ weights[i] + weights[i + 1]
        if i + 2 < len(weights):
            h = torch.relu(h)
    loss = torch.relu(1 - torch.tensor(y) * h[:, 0]).mean() + alpha * sum((w * w).sum() for w in weights)
    loss.backward()
    return loss.item(), [w.grad.numpy() for w in weights]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_demo_loss_and_gradients_equal_pytorch_on_both_engines(torch, seed):
    net, x, y = demo_problem(rng=seed)
    loss, _, grads = demo_loss(net, x, y)
    reference_loss, reference = torch_demo_loss(torch, net.parameters(), x, y)
    assert loss == pytest.approx(reference_loss, rel=1e-12)
    for mine, theirs in zip(grads, reference):
        np.testing.assert_allclose(mine, theirs, rtol=1e-10, atol=1e-14)

    model = ValueMLP(net.parameters())  # the scalar engine, on 30 points
    total, _ = value_demo_loss(model, x[:30], y[:30], 1e-4)
    total.backward()
    reference_loss, reference = torch_demo_loss(torch, net.parameters(), x[:30], y[:30])
    assert total.data == pytest.approx(reference_loss, rel=1e-12)
    flat = np.concatenate([g.ravel() for g in reference])
    np.testing.assert_allclose([p.grad for p in model.parameters()], flat, rtol=1e-10, atol=1e-14)
    assert math.isfinite(total.data)


@pytest.mark.parametrize(("a", "b"), [(2.0, -1.0), (-1.0, 2.0), (1.5, 1.5), (0.0, -0.0)])
def test_maximum_routes_the_gradient_as_torch_maximum(torch, a, b):
    x, y = Value(a), Value(b)
    (x.maximum(y) * 3.0).backward()
    tx, ty = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (a, b))
    (torch.maximum(tx, ty) * 3.0).backward()
    assert (x.grad, y.grad) == (tx.grad.item(), ty.grad.item())
    constant = Value(a)
    constant.maximum(b).backward()  # a number, not a Value: its share of the gradient goes nowhere
    assert constant.grad == torch.autograd.grad(torch.maximum(tx, torch.tensor(b, dtype=torch.float64)), tx)[0].item()


@pytest.mark.parametrize("name", sorted(EXTREMES))
def test_results_beyond_the_largest_float_are_what_pytorch_gives(torch, name):
    """Overflow gives an infinity, quietly, in the value and in the gradients, as in PyTorch (float64)."""
    inputs, make, _, _ = EXTREMES[name]
    values = [Value(t) for t in inputs]
    out = make(*values)
    out.backward()
    tensors = [torch.tensor(t, dtype=torch.float64, requires_grad=True) for t in inputs]
    reference = make(*tensors)
    reference.backward()
    assert out.data == reference.item()
    assert [v.grad for v in values] == [t.grad.item() for t in tensors]
