"""Tests for the contour helpers of sitebuild.figure_style: `grid_values` and `quadratic_level_set`.

They draw the bowls of the learning-rate figures; `concepts` itself knows nothing of plots.
"""

import numpy as np
import pytest

from concepts.learning_rate import Quadratic
from sitebuild.figure_style import grid_values, quadratic_level_set

BOWL = Quadratic.stretched(1.0, 5.0, angle=40)


def test_grid_values_are_the_function_at_every_grid_point():
    X, Y, Z = grid_values(BOWL, (-1, 2), (-3, 1), points=7)
    assert X.shape == Y.shape == Z.shape == (7, 7)
    assert X[0].tolist() == np.linspace(-1, 2, 7).tolist() and Y[:, 0].tolist() == np.linspace(-3, 1, 7).tolist()
    np.testing.assert_allclose(
        Z, [[BOWL([x, y]) for x, y in zip(row_x, row_y)] for row_x, row_y in zip(X, Y)], rtol=1e-12
    )


def test_grid_values_of_the_axis_aligned_bowl():
    _, _, Z = grid_values(Quadratic([1.0, 10.0]), (-1, 1), (-1, 1), points=3)
    assert Z.tolist() == [[5.5, 5.0, 5.5], [0.5, 0.0, 0.5], [5.5, 5.0, 5.5]]


@pytest.mark.parametrize("bowl", [BOWL, Quadratic([1.0, 10.0], minimum=[0.5, -2.0])], ids=["turned", "shifted"])
def test_quadratic_level_set_is_a_closed_line_on_the_contour(bowl):
    ring = quadratic_level_set(bowl, 3.0, points=50)
    assert ring.shape == (50, 2)
    np.testing.assert_allclose(bowl(ring), 3.0, rtol=1e-12)
    np.testing.assert_allclose(ring[0], ring[-1], atol=1e-12)


@pytest.mark.parametrize(("bowl", "height"), [(BOWL, -1.0), (BOWL, 0.0), (Quadratic([1.0, 2.0, 3.0]), 1.0)])
def test_quadratic_level_set_needs_a_2d_bowl_and_a_height_above_its_minimum(bowl, height):
    with pytest.raises(ValueError, match="2-D bowl"):
        quadratic_level_set(bowl, height)
