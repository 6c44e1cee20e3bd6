"""concepts.learning_rate against PyTorch: every schedule step by step, SGD and Adam trajectories to 1e-9.

The schedules are compared with `torch.optim.lr_scheduler` driving a real optimizer (the rate it sets
after each `scheduler.step()`); the optimizers with `torch.optim.SGD` / `torch.optim.Adam` stepping the
same parameters along the same gradients, for 150 steps, in float64.
"""

import numpy as np
import pytest

from concepts.learning_rate import (
    SGD,
    Adam,
    cosine_annealing_lr,
    exponential_lr,
    gradient_descent,
    linear_lr,
    one_cycle_lr,
    step_lr,
)

STEPS = 150


def torch_rates(torch, make_scheduler, lr0: float, steps: int) -> np.ndarray:
    """The rate PyTorch's scheduler sets for optimizer steps 0 .. steps - 1."""
    param = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([param], lr=lr0)
    scheduler = make_scheduler(torch.optim.lr_scheduler, optimizer)
    rates = [optimizer.param_groups[0]["lr"]]
    for _ in range(steps - 1):
        optimizer.step()  # no gradient: nothing moves, but PyTorch wants step() before scheduler.step()
        scheduler.step()
        rates.append(optimizer.param_groups[0]["lr"])
    return np.array(rates)


SCHEDULES = {  # name: (ours as a function of the steps, PyTorch's scheduler factory, lr0)
    "StepLR": (
        lambda s: step_lr(0.1, s, step_size=30, gamma=0.5),
        lambda sched, opt: sched.StepLR(opt, step_size=30, gamma=0.5),
        0.1,
    ),
    "StepLR default gamma": (
        lambda s: step_lr(0.5, s, step_size=7),
        lambda sched, opt: sched.StepLR(opt, step_size=7),
        0.5,
    ),
    "ExponentialLR": (
        lambda s: exponential_lr(0.1, s, gamma=0.97),
        lambda sched, opt: sched.ExponentialLR(opt, gamma=0.97),
        0.1,
    ),
    "LinearLR defaults": (lambda s: linear_lr(0.2, s), lambda sched, opt: sched.LinearLR(opt), 0.2),
    "LinearLR warm-up": (
        lambda s: linear_lr(0.2, s, start_factor=0.01, total_iters=40),
        lambda sched, opt: sched.LinearLR(opt, start_factor=0.01, total_iters=40),
        0.2,
    ),
    "LinearLR decay": (
        lambda s: linear_lr(0.2, s, start_factor=1.0, end_factor=0.1, total_iters=100),
        lambda sched, opt: sched.LinearLR(opt, start_factor=1.0, end_factor=0.1, total_iters=100),
        0.2,
    ),
    # T_max below the run length: past T_max both continue along the cosine, which rises again
    "CosineAnnealingLR": (
        lambda s: cosine_annealing_lr(0.1, s, T_max=50),
        lambda sched, opt: sched.CosineAnnealingLR(opt, T_max=50),
        0.1,
    ),
    "CosineAnnealingLR eta_min": (
        lambda s: cosine_annealing_lr(0.3, s, T_max=STEPS, eta_min=0.01),
        lambda sched, opt: sched.CosineAnnealingLR(opt, T_max=STEPS, eta_min=0.01),
        0.3,
    ),
}


@pytest.mark.parametrize("name", sorted(SCHEDULES))
def test_schedule_equals_pytorch_step_by_step(torch, name):
    ours, theirs, lr0 = SCHEDULES[name]
    steps = np.arange(STEPS)
    expected = torch_rates(torch, theirs, lr0, STEPS)
    # PyTorch multiplies the previous rate at each step; the closed forms agree to rounding
    np.testing.assert_allclose(ours(steps), expected, rtol=1e-12, atol=1e-15)
    assert [ours(int(s)) for s in steps[:5]] == pytest.approx(expected[:5], rel=1e-12, abs=1e-15)


ONE_CYCLE = [  # (max_lr, total_steps, keyword arguments)
    (0.1, 100, {}),
    (1.0, 150, {"pct_start": 0.25, "div_factor": 10.0, "final_div_factor": 100.0}),
    (0.5, 37, {"pct_start": 0.5}),  # pct_start * total_steps not a whole number
    (2.0, 10, {"pct_start": 0.0}),  # no warm-up
    (0.3, 20, {"pct_start": 0.99}),
]


@pytest.mark.parametrize(("max_lr", "total_steps", "kwargs"), ONE_CYCLE, ids=lambda v: str(v))
def test_one_cycle_equals_pytorch_step_by_step_including_the_one_extra_step(torch, max_lr, total_steps, kwargs):
    def scheduler(sched, opt):
        return sched.OneCycleLR(
            opt,
            max_lr=max_lr,
            total_steps=total_steps,
            anneal_strategy="cos",
            three_phase=False,
            cycle_momentum=False,
            **kwargs,
        )

    expected = torch_rates(torch, scheduler, max_lr, total_steps + 1)  # PyTorch allows one step past the end
    ours = one_cycle_lr(max_lr, np.arange(total_steps + 1), total_steps, **kwargs)
    np.testing.assert_allclose(ours, expected, rtol=1e-12, atol=1e-18)


def test_one_cycle_refuses_a_step_past_the_one_pytorch_allows(torch):
    param = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([param], lr=0.1)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=5, cycle_momentum=False)
    for _ in range(5):
        optimizer.step()
        scheduler.step()
    with pytest.raises(ValueError, match="Tried to step 6 times"):
        optimizer.step()
        scheduler.step()
    with pytest.raises(ValueError, match="step"):
        one_cycle_lr(0.1, 6, total_steps=5)


# Optimizers ------------------------------------------------------------------------------------------


def problem(seed: int = 0):
    """Parameters of three shapes and a smooth loss with gradients of different sizes per coordinate.

    The parameters start far from the minimum (near -0.74 in every coordinate), so that none arrives
    within the run: at a minimum, Adam divides a gradient that is all rounding noise by its own size, and
    two correct implementations then part ways at the level of that noise.
    """
    rng = np.random.default_rng(seed)
    params = [rng.normal(6.0, 1.0, size=(3, 4)), rng.normal(6.0, 1.0, size=4), rng.normal(6.0, 1.0, size=())]
    scales = [rng.uniform(0.1, 10, size=p.shape) for p in params]

    def grads(values):  # of sum(scale * (p**2 / 2 + sin(p))): the slope scale differs per coordinate
        return [s * (v + np.cos(v)) for s, v in zip(scales, values)]

    def torch_loss(torch, tensors):
        return sum((torch.tensor(s) * (t**2 / 2 + torch.sin(t))).sum() for s, t in zip(scales, tensors))

    return params, grads, torch_loss


SGD_SETTINGS = [
    {"lr": 0.01},
    {"lr": 0.01, "momentum": 0.9},
    {"lr": 0.005, "momentum": 0.9, "nesterov": True},
    {"lr": 0.01, "momentum": 0.5, "dampening": 0.3},
    {"lr": 0.01, "momentum": 0.9, "weight_decay": 0.1},
]
ADAM_SETTINGS = [
    {},
    {"lr": 0.02},
    {"lr": 0.01, "betas": (0.5, 0.9), "eps": 1e-6},
    {"lr": 0.01, "weight_decay": 0.05},
]


def run_both(torch, ours, theirs_class, settings, steps=STEPS):
    params, grads, torch_loss = problem()
    tensors = [torch.tensor(p, requires_grad=True) for p in params]
    theirs = theirs_class(tensors, **settings)
    for _ in range(steps):
        ours.step(params, grads(params))
        theirs.zero_grad()
        torch_loss(torch, tensors).backward()
        theirs.step()
    return params, [t.detach().numpy() for t in tensors]


@pytest.mark.parametrize("settings", SGD_SETTINGS, ids=lambda s: ",".join(f"{k}={v}" for k, v in s.items()))
def test_sgd_trajectory_equals_pytorch(torch, settings):
    ours, theirs = run_both(torch, SGD(**settings), torch.optim.SGD, settings)
    for mine, reference in zip(ours, theirs):
        np.testing.assert_allclose(mine, reference, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(
    "settings", ADAM_SETTINGS, ids=lambda s: ",".join(f"{k}={v}" for k, v in s.items()) or "defaults"
)
def test_adam_trajectory_equals_pytorch(torch, settings):
    ours, theirs = run_both(torch, Adam(**settings), torch.optim.Adam, settings)
    for mine, reference in zip(ours, theirs):
        np.testing.assert_allclose(mine, reference, rtol=1e-9, atol=1e-12)


def test_adam_defaults_are_pytorchs(torch):
    defaults = torch.optim.Adam([torch.zeros(1, requires_grad=True)]).defaults
    ours = Adam()
    assert (ours.lr, ours.betas, ours.eps, ours.weight_decay) == (
        defaults["lr"],
        defaults["betas"],
        defaults["eps"],
        defaults["weight_decay"],
    )


def test_sgd_with_a_schedule_equals_pytorch_with_its_scheduler(torch):
    params, grads, torch_loss = problem(1)
    tensors = [torch.tensor(p, requires_grad=True) for p in params]
    theirs = torch.optim.SGD(tensors, lr=0.02, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(theirs, T_max=STEPS)
    ours = SGD(0.02, momentum=0.9)
    for step in range(STEPS):
        ours.lr = cosine_annealing_lr(0.02, step, T_max=STEPS) or 1e-300  # rate 0 at the last step
        ours.step(params, grads(params))
        theirs.zero_grad()
        torch_loss(torch, tensors).backward()
        theirs.step()
        scheduler.step()
    for mine, reference in zip(params, tensors):
        np.testing.assert_allclose(mine, reference.detach().numpy(), rtol=1e-9, atol=1e-12)


def test_gradient_descent_equals_pytorch_sgd_on_a_quadratic(torch):
    hessian = np.array([[3.0, 1.0], [1.0, 2.0]])
    path = gradient_descent(lambda x: hessian @ x, [1.0, -2.0], lr=0.3, steps=STEPS)
    x = torch.tensor([1.0, -2.0], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([x], lr=0.3)
    h = torch.tensor(hessian)
    for k in range(1, STEPS + 1):
        optimizer.zero_grad()
        (0.5 * x @ h @ x).backward()
        optimizer.step()
        np.testing.assert_allclose(path[k], x.detach().numpy(), rtol=1e-9, atol=1e-300)


# Valid extremes: the same answers as PyTorch, and no warning (issue 15) ----------------------------------
EXTREME_SCHEDULES = {  # name: (ours, PyTorch's scheduler factory, lr0, steps)
    "ExponentialLR whose gamma**k underflows": (
        lambda s: exponential_lr(1e300, s, gamma=1e-10),
        lambda sched, opt: sched.ExponentialLR(opt, gamma=1e-10),
        1e300,
        41,
    ),
    "ExponentialLR whose gamma**k overflows": (
        lambda s: exponential_lr(1e-300, s, gamma=1e10),
        lambda sched, opt: sched.ExponentialLR(opt, gamma=1e10),
        1e-300,
        41,
    ),
    "StepLR whose gamma**k underflows": (
        lambda s: step_lr(1e300, s, step_size=2, gamma=1e-10),
        lambda sched, opt: sched.StepLR(opt, step_size=2, gamma=1e-10),
        1e300,
        81,
    ),
    "CosineAnnealingLR at 1e308": (
        lambda s: cosine_annealing_lr(1e308, s, T_max=4),
        lambda sched, opt: sched.CosineAnnealingLR(opt, T_max=4),
        1e308,
        9,
    ),
}


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("name", sorted(EXTREME_SCHEDULES))
def test_schedules_at_extreme_rates_equal_pytorch(torch, name):
    ours, theirs, lr0, steps = EXTREME_SCHEDULES[name]
    expected = torch_rates(torch, theirs, lr0, steps)
    np.testing.assert_allclose(ours(np.arange(steps)), expected, rtol=1e-12, atol=0)


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("g", [1e155, 1e200, -1e200, 1e300])
def test_adam_with_a_gradient_whose_square_overflows_equals_pytorch(torch, g):
    # PyTorch leaves the weight unchanged (m / sqrt(inf) = 0) and warns nothing: so do we
    p = np.array([1.0, 2.0])
    ours = Adam(lr=0.1)
    t = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    theirs = torch.optim.Adam([t], lr=0.1)
    for _ in range(3):
        ours.step([p], [np.array([g, 1.0])])
        t.grad = torch.tensor([g, 1.0], dtype=torch.float64)
        theirs.step()
    np.testing.assert_array_equal(p, t.detach().numpy())


@pytest.mark.filterwarnings("error")
def test_sgd_momentum_that_overflows_equals_pytorch(torch):
    p = np.array([1.0, 2.0])
    ours = SGD(0.1, momentum=0.9, nesterov=True)
    t = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    theirs = torch.optim.SGD([t], lr=0.1, momentum=0.9, nesterov=True)
    for _ in range(3):
        ours.step([p], [np.array([1e308, -1.0])])
        t.grad = torch.tensor([1e308, -1.0], dtype=torch.float64)
        theirs.step()
    np.testing.assert_array_equal(p, t.detach().numpy())
