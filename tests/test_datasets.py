"""Tests for concepts.datasets: the logic-gate truth tables, the two moons and the other 2-D classifications."""

import operator

import numpy as np
import pytest

from concepts.datasets import GATES, circles, line_with_outliers, logic_gate, spiral, two_moons, xor_blobs

TRUTH = {  # each gate as the boolean function it names, independent of the table in the module
    "and": operator.and_,
    "or": operator.or_,
    "nand": lambda a, b: 1 - (a & b),
    "nor": lambda a, b: 1 - (a | b),
    "xor": operator.xor,
}


def test_gates_are_the_five_two_input_gates():
    assert sorted(GATES) == sorted(TRUTH)


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_logic_gate_inputs_are_the_four_rows_in_binary_order(name):
    x, _ = logic_gate(name)
    assert x.shape == (4, 2) and x.dtype == np.float64
    np.testing.assert_array_equal(x, [[0, 0], [0, 1], [1, 0], [1, 1]])


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_logic_gate_targets_are_the_truth_table(name):
    x, y = logic_gate(name)
    assert y.shape == (4,) and y.dtype == np.float64
    expected = [TRUTH[name](int(a), int(b)) for a, b in x]
    np.testing.assert_array_equal(y, expected)


@pytest.mark.parametrize("spelling", ["XOR", "Xor", "xOr"])
def test_logic_gate_name_is_case_insensitive(spelling):
    for got, expected in zip(logic_gate(spelling), logic_gate("xor")):
        np.testing.assert_array_equal(got, expected)


def test_logic_gate_returns_fresh_arrays():
    x, y = logic_gate("and")
    x[:] = 7.0
    y[:] = 7.0
    x, y = logic_gate("and")
    assert x.max() == 1.0 and y.max() == 1.0


@pytest.mark.parametrize("name", [None, 1, b"and", ["and"]], ids=repr)
def test_logic_gate_rejects_a_name_that_is_not_a_string(name):
    with pytest.raises(TypeError, match="name"):
        logic_gate(name)


@pytest.mark.parametrize("name", ["", "xnor", "and "], ids=repr)
def test_logic_gate_rejects_an_unknown_gate(name):
    with pytest.raises(ValueError, match="name"):
        logic_gate(name)


# --- two_moons ---------------------------------------------------------------------------------


def test_two_moons_without_noise_lies_on_the_two_half_circles():
    x, y = two_moons(40, noise=0.0)
    upper, lower = x[y == 0], x[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0, rtol=1e-12)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1.0, rtol=1e-12)
    assert (upper[:, 1] >= -1e-12).all() and (lower[:, 1] <= 0.5 + 1e-12).all()


@pytest.mark.parametrize("n", [1, 2, 7, 100])
def test_two_moons_shapes_and_classes(n):
    x, y = two_moons(n, rng=0)
    assert x.shape == (n, 2) and y.shape == (n,)
    assert int((y == 0).sum()) == n // 2 and set(np.unique(y)) <= {0.0, 1.0}


def test_two_moons_is_reproducible_with_a_seed():
    a, b = two_moons(50, noise=0.2, rng=3), two_moons(50, noise=0.2, rng=3)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"n_samples": 0}, ValueError, "n_samples"),
        ({"n_samples": 2.5}, TypeError, "n_samples"),
        ({"noise": -0.1}, ValueError, "noise"),
        ({"noise": float("nan")}, ValueError, "noise"),
        ({"noise": "a"}, TypeError, "noise"),
        ({"rng": "x"}, TypeError, "rng"),
    ],
)
def test_two_moons_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        two_moons(**kwargs)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"noise": -0.3}, ValueError, "noise"),
        ({"noise": float("inf")}, ValueError, "noise"),
        ({"slope": float("nan")}, ValueError, "slope"),
        ({"shift": "a"}, TypeError, "shift"),
    ],
)
def test_line_with_outliers_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        line_with_outliers(**kwargs)


# --- xor_blobs, circles, spiral: what the three share ------------------------------------------

CLASSIFICATIONS = [xor_blobs, circles, spiral]


@pytest.mark.parametrize("make", CLASSIFICATIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("n", [1, 2, 7, 100])
def test_classification_shapes_and_class_order(make, n):
    x, y = make(n, rng=0)
    assert x.shape == (n, 2) and y.shape == (n,)
    assert x.dtype == np.float64 and y.dtype == np.float64
    expected = [0.0] * (n // 2) + [1.0] * (n - n // 2)  # class 0 first; with n = 1 a single class-1 point
    np.testing.assert_array_equal(y, expected)


@pytest.mark.parametrize("make", CLASSIFICATIONS, ids=lambda f: f.__name__)
def test_classification_noise_has_the_requested_standard_deviation(make):
    clean, y_clean = make(20_000, noise=0.0)
    noisy, y_noisy = make(20_000, noise=0.3, rng=0)
    offsets = noisy - clean
    np.testing.assert_array_equal(y_noisy, y_clean)
    assert abs(offsets.std(ddof=1) - 0.3) < 0.006  # 40 000 draws: the sample std is 0.3 +- 0.0011
    assert abs(offsets.mean()) < 0.006
    assert abs(np.corrcoef(offsets.T)[0, 1]) < 0.03  # independent across the two coordinates


@pytest.mark.parametrize("make", CLASSIFICATIONS, ids=lambda f: f.__name__)
def test_classification_is_reproducible_with_a_seed(make):
    (xa, ya), (xb, yb), (xc, _) = make(50, rng=3), make(50, rng=3), make(50, rng=4)
    assert np.array_equal(xa, xb) and np.array_equal(ya, yb)
    assert not np.array_equal(xa, xc)


@pytest.mark.parametrize("make", CLASSIFICATIONS, ids=lambda f: f.__name__)
def test_classification_without_noise_does_not_depend_on_the_seed(make):
    np.testing.assert_array_equal(make(31, noise=0.0, rng=0)[0], make(31, noise=0.0, rng=1)[0])


@pytest.mark.parametrize("make", CLASSIFICATIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"n_samples": 0}, ValueError, "n_samples"),
        ({"n_samples": -3}, ValueError, "n_samples"),
        ({"n_samples": 2.5}, TypeError, "n_samples"),
        ({"n_samples": True}, TypeError, "n_samples"),
        ({"noise": -0.1}, ValueError, "noise"),
        ({"noise": float("nan")}, ValueError, "noise"),
        ({"noise": float("inf")}, ValueError, "noise"),
        ({"noise": "a"}, TypeError, "noise"),
        ({"rng": "x"}, TypeError, "rng"),
        ({"rng": -1}, ValueError, "rng"),
    ],
)
def test_classification_rejects_bad_shared_arguments(make, kwargs, error, match):
    with pytest.raises(error, match=match):
        make(**kwargs)


# --- xor_blobs ---------------------------------------------------------------------------------


def test_xor_blobs_without_noise_alternates_between_the_corners_of_each_class():
    x, y = xor_blobs(9, noise=0.0)
    class_0 = [[-1, -1], [1, 1], [-1, -1], [1, 1]]
    class_1 = [[-1, 1], [1, -1], [-1, 1], [1, -1], [-1, 1]]
    np.testing.assert_array_equal(x, class_0 + class_1)
    np.testing.assert_array_equal(y, [0] * 4 + [1] * 5)


@pytest.mark.parametrize("n", [1, 7, 40])
def test_xor_blobs_label_is_the_xor_of_the_signs(n):
    x, y = xor_blobs(n, noise=0.0)
    assert (np.abs(x) == 1.0).all()  # every point exactly on a corner
    np.testing.assert_array_equal(y, (x[:, 0] * x[:, 1] < 0).astype(float))


def test_xor_blobs_fills_the_four_corners_evenly():
    x, _ = xor_blobs(400, noise=0.0)
    corners, counts = np.unique(x, axis=0, return_counts=True)
    np.testing.assert_array_equal(corners, [[-1, -1], [-1, 1], [1, -1], [1, 1]])
    np.testing.assert_array_equal(counts, [100, 100, 100, 100])


# --- circles -----------------------------------------------------------------------------------


@pytest.mark.parametrize("factor", [0.01, 0.5, 0.8, 0.99])
@pytest.mark.parametrize("n", [2, 7, 40])
def test_circles_without_noise_lie_on_radius_one_and_factor(n, factor):
    x, y = circles(n, noise=0.0, factor=factor)
    np.testing.assert_allclose(np.hypot(*x[y == 0].T), 1.0, rtol=1e-12)
    np.testing.assert_allclose(np.hypot(*x[y == 1].T), factor, rtol=1e-12)


@pytest.mark.parametrize("n", [2, 7, 40])
def test_circles_angles_are_evenly_spaced_from_zero(n):
    x, y = circles(n, noise=0.0, factor=0.3)
    for label in (0.0, 1.0):
        points = x[y == label]
        m = len(points)
        angles = np.mod(np.arctan2(points[:, 1], points[:, 0]), 2 * np.pi)
        np.testing.assert_allclose(angles, 2 * np.pi * np.arange(m) / m, atol=1e-12)


def test_circles_matches_the_hand_computed_points():
    x, y = circles(9, noise=0.0, factor=0.5)
    outer = [[1, 0], [0, 1], [-1, 0], [0, -1]]
    inner = [[0.5 * np.cos(a), 0.5 * np.sin(a)] for a in 2 * np.pi * np.arange(5) / 5]
    np.testing.assert_allclose(x, outer + inner, atol=1e-15)
    np.testing.assert_array_equal(y, [0] * 4 + [1] * 5)


def test_circles_with_one_sample_is_a_point_on_the_inner_circle():
    x, y = circles(1, noise=0.0, factor=0.25)
    np.testing.assert_array_equal(x, [[0.25, 0.0]])
    np.testing.assert_array_equal(y, [1.0])


@pytest.mark.parametrize(
    "factor, error",
    [
        (0.0, ValueError),
        (1.0, ValueError),
        (1.5, ValueError),
        (-0.5, ValueError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        (10**400, ValueError),
        ("0.5", TypeError),
        (None, TypeError),
        (True, TypeError),
        (0.5j, TypeError),
    ],
    ids=repr,
)
def test_circles_rejects_a_factor_outside_zero_to_one(factor, error):
    with pytest.raises(error, match="factor"):
        circles(10, factor=factor)


# --- spiral ------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [4, 7, 40])  # at least two points an arm, so both ends are there
def test_spiral_radii_grow_evenly_from_0_2_to_1(n):
    x, y = spiral(n, noise=0.0)
    for label in (0.0, 1.0):
        radii = np.hypot(*x[y == label].T)
        np.testing.assert_allclose(radii, np.linspace(0.2, 1.0, len(radii)), rtol=1e-12)
        assert radii.min() == pytest.approx(0.2) and radii.max() == pytest.approx(1.0)


@pytest.mark.parametrize("turns", [0.5, 1.5, 3.0])
@pytest.mark.parametrize("n", [2, 10, 200])
def test_spiral_arms_are_point_symmetric_when_n_is_even(n, turns):
    x, y = spiral(n, noise=0.0, turns=turns)
    np.testing.assert_allclose(x[y == 1], -x[y == 0], atol=1e-12)


@pytest.mark.parametrize("turns", [0.25, 1.5, 2.0])
def test_spiral_arm_winds_turns_times_counter_clockwise(turns):
    x, y = spiral(402, noise=0.0, turns=turns)
    arm = x[y == 0]
    angles = np.unwrap(np.arctan2(arm[:, 1], arm[:, 0]))
    np.testing.assert_allclose(arm[0], [0.2, 0.0], atol=1e-15)
    assert (np.diff(angles) > 0).all()
    assert angles[-1] - angles[0] == pytest.approx(2 * np.pi * turns, rel=1e-12)


def test_spiral_with_one_sample_starts_class_1_half_a_turn_round():
    x, y = spiral(1, noise=0.0)
    np.testing.assert_allclose(x, [[-0.2, 0.0]], atol=1e-15)
    np.testing.assert_array_equal(y, [1.0])


@pytest.mark.parametrize(
    "turns, error",
    [
        (0.0, ValueError),
        (-1.5, ValueError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        ("1.5", TypeError),
        (None, TypeError),
        (True, TypeError),
    ],
    ids=repr,
)
def test_spiral_rejects_turns_that_are_not_a_positive_finite_number(turns, error):
    with pytest.raises(error, match="turns"):
        spiral(10, turns=turns)
