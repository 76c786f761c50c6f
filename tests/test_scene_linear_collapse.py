"""LinearLayersCollapse: the numbers it shows, the claims it makes, its render and final frame.

The numbers are checked against an independent recomputation (plain numpy products of the
matrices as written here), never against values copied from the scene.
"""

from __future__ import annotations

import re

import linear_collapse
import numpy as np
import pytest

import style
from framecheck import assert_final_frame_shows
from numeric import linear
from numeric.formatting import decimals

SCENE = "LinearLayersCollapse"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

# The layers as the article states them, written out again for an independent check.
W1, b1 = np.array([[1.0, 0.5], [0.0, 1.0]]), np.array([0.5, 0.0])
W2, b2 = np.array([[0.8, -0.6], [0.6, 0.8]]), np.array([0.0, -0.5])
W3, b3 = np.array([[1.5, 0.0], [0.0, 0.5]]), np.array([-0.3, 0.2])


def numbers(tex: str) -> list[float]:
    return [float(s) for s in NUMBER.findall(tex)]


# ---- the numeric core ----------------------------------------------------------------------


def test_layers_are_the_stated_ones():
    for layer, (W, b) in zip(linear.LAYERS, ((W1, b1), (W2, b2), (W3, b3))):
        assert np.array_equal(layer.matrix, W) and np.array_equal(layer.bias, b)


def test_product_is_the_matrix_product_and_the_bias_formula():
    assert np.allclose(linear.COLLAPSED.matrix, W3 @ W2 @ W1, atol=1e-12)
    assert np.allclose(linear.COLLAPSED.bias, W3 @ W2 @ b1 + W3 @ b2 + b3, atol=1e-12)


def test_one_step_lands_where_three_did():
    rng = np.random.default_rng(0)
    pts = np.vstack([rng.normal(size=(50, 2)) * 3, list(linear.POINTS.values())])
    three = ((pts @ W1.T + b1) @ W2.T + b2) @ W3.T + b3
    assert np.allclose(linear.COLLAPSED(pts), three, atol=1e-12)
    for name, p in linear.POINTS.items():
        assert np.allclose(linear.trajectory(p)[-1], linear.COLLAPSED(p), atol=1e-12), name


@pytest.mark.parametrize("t", [0.0, 0.3, 0.7, 1.0])
@pytest.mark.parametrize("k", [0, 1, 2, 3])
def test_grid_lines_stay_straight_parallel_and_evenly_spaced(k, t):
    """Every map the animation passes through (each layer's path from the identity, and the
    product's) sends grid lines to straight, parallel, evenly spaced lines."""
    layer = (*linear.LAYERS, linear.COLLAPSED)[k].at(t)
    s = np.linspace(-4, 4, 9)
    directions, spacings = [], []
    for c in (-1.0, 0.0, 1.0, 2.0):  # vertical grid lines x = c
        line = layer(np.column_stack([np.full_like(s, c), s]))
        steps = np.diff(line, axis=0)
        assert np.allclose(steps, steps[0], atol=1e-12)  # straight, evenly spaced along it
        directions.append(steps[0] / np.linalg.norm(steps[0]))
        spacings.append(line[0])
    assert np.allclose(directions, directions[0], atol=1e-12)  # parallel
    gaps = np.diff(spacings, axis=0)
    assert np.allclose(gaps, gaps[0], atol=1e-12)  # evenly spaced across


def test_rings_stay_nested_through_every_layer():
    inner, outer = linear.rings()
    assert linear.inside_convex_polygon(inner, outer).all()
    for k in range(1, 4):
        f = linear.compose(linear.LAYERS[:k])
        assert linear.inside_convex_polygon(f(inner), f(outer)).all()


def test_no_straight_line_separates_the_rings():
    """Brute force over lines in every direction and offset, after the stack."""
    inner, outer = (linear.COLLAPSED(r) for r in linear.rings())
    for angle in np.linspace(0, np.pi, 361):
        n = np.array([np.cos(angle), np.sin(angle)])
        pa, pb = inner @ n, outer @ n
        # Separable along n would need the projections' ranges to be disjoint.
        assert not (pa.max() < pb.min() or pb.max() < pa.min())
        for offset in np.linspace(-3, 3, 61):
            assert not linear.line_separates(n, offset, inner, outer)


def test_boundary_after_any_depth_is_one_line():
    """v . f(x) + c = 0 for the composed stack is (W^T v) . x = -(v . b + c)."""
    v, c = np.array([0.7, -0.4]), 0.25
    normal, offset = linear.boundary_in_input(linear.LAYERS, v, c)
    assert np.allclose(normal, (W3 @ W2 @ W1).T @ v)
    x = np.array([1.3, -0.2])
    assert np.isclose(v @ linear.COLLAPSED(x) + c, normal @ x - offset)


def test_each_readout_line_leaves_both_colours_on_one_side():
    inner, outer = (linear.COLLAPSED(r) for r in linear.rings())
    for v1, v2, c in linear.READOUTS:
        side_a, side_b = inner @ (v1, v2) + c > 0, outer @ (v1, v2) + c > 0
        assert (side_a.any() and side_b.any()) or ((~side_a).any() and (~side_b).any())


# ---- what the scene shows ------------------------------------------------------------------


def test_three_decimals_are_exact_for_the_shown_numbers():
    for v in [*np.ravel(W3 @ W2 @ W1), *(W3 @ W2 @ b1 + W3 @ b2 + b3), *np.ravel(W1), *b2]:
        assert abs(float(decimals(v)) - v) < 1e-12, v


def test_layer_numbers_on_screen():
    for k, (W, b) in enumerate(((W1, b1), (W2, b2), (W3, b3)), start=1):
        parts = linear_collapse.layer_tex(k, linear.LAYERS[k - 1])
        assert parts[0] == f"W_{k}" and parts[4] == f"b_{k}"
        assert numbers(parts[2]) == list(np.ravel(W))
        assert numbers(parts[6]) == list(b)


def test_product_numbers_on_screen():
    W_parts, b_parts = linear_collapse.collapsed_tex()
    shown_W, shown_b = numbers(W_parts[-1]), numbers(b_parts[-1])
    assert np.allclose(shown_W, np.ravel(W3 @ W2 @ W1), atol=1e-12, rtol=0)
    assert np.allclose(shown_b, W3 @ W2 @ b1 + W3 @ b2 + b3, atol=1e-12, rtol=0)


# ---- the render ----------------------------------------------------------------------------


def test_final_frame_shows_the_rings_and_the_line(site_build):
    video = site_build.root / site_build.scene(SCENE)["video"]
    assert_final_frame_shows(video, (style.CLASS_A, style.CLASS_B, style.BOUNDARY, style.TEXT))
