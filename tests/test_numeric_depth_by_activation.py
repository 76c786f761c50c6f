"""Chapter 2's deep network (numeric.depth_by_activation) against independent reasoning: the
orthogonal initialisation keeps every length, the gradient's share obeys chapter 1's bound, and
each layer scales the gradient by about the root mean square of its slopes."""

from __future__ import annotations

import numpy as np
import pytest

from numeric import deep
from numeric import depth_by_activation as depth


@pytest.mark.parametrize("shape", [(64, 64), (30, 50), (50, 30)])
def test_orthogonal_weights_have_every_singular_value_one(shape):
    W = deep.INITS["orthogonal"](np.random.default_rng(1), *shape)
    assert W.shape == shape
    assert np.allclose(np.linalg.svd(W, compute_uv=False), 1.0, atol=1e-12)


def test_a_linear_network_with_orthogonal_weights_keeps_the_whole_gradient():
    # Identity activations: each layer multiplies the gradient by an orthogonal W^T alone, which
    # keeps its length exactly, so every layer receives all of it.
    s = deep.propagate("identity", "orthogonal", seed=2, **depth.SETUP)
    assert np.allclose(s.delta_share, 1.0, atol=1e-12)


def test_the_share_is_the_norm_of_the_gradient_recomputed_from_scratch():
    # The same network rebuilt from the same seed; dL/dz_k by the chain rule, written out again.
    n, width, layers, seed = 7, 5, 3, 4
    s = deep.propagate("sigmoid", "orthogonal", depth=layers, width=width, n_examples=n, seed=seed)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, width))
    weights = [deep.INITS["orthogonal"](rng, width, width) for _ in range(layers)]
    top = rng.standard_normal((n, width))
    zs, a = [], x
    for W in weights:
        zs.append(a @ W)
        a = 1 / (1 + np.exp(-zs[-1]))
    grad, shares = top, []
    for k in reversed(range(layers)):
        sig = 1 / (1 + np.exp(-zs[k]))
        grad = grad * sig * (1 - sig)
        shares.append(np.linalg.norm(grad) / np.linalg.norm(top))
        grad = grad @ weights[k].T
    assert np.allclose(s.delta_share, shares[::-1], rtol=1e-12)


@pytest.mark.parametrize("activation", depth.ACTIVATIONS)
def test_every_seed_and_layer_stays_under_the_bound(activation):
    for run in depth.runs(activation):
        assert np.all(run.delta_share <= depth.bound(activation) * (1 + 1e-12))


def test_the_bound_is_chapter_ones():
    # 0.25^(n - k + 1): 0.25 at the top layer, 0.25^10 at layer 1 (chapter 1's 9.54e-7).
    b = depth.bound("sigmoid")
    assert b[-1] == 0.25 and b[0] == 0.25**10
    assert np.all(depth.bound("tanh") == 1.0) and np.all(depth.bound("relu") == 1.0)


@pytest.mark.parametrize("activation", depth.ACTIVATIONS)
def test_each_layer_scales_the_gradient_by_its_typical_slope(activation):
    # With lengths kept by the weights, a layer scales the gradient by about the root mean
    # square of f'(z_k): the product over layers predicts what reaches layer 1.
    assert depth.per_layer_factor(activation) == pytest.approx(
        depth.typical_slope(activation), rel=0.02
    )


def test_relu_keeps_the_square_root_of_its_active_half():
    # z_k is symmetric about 0, so about half the ReLU units are active (slope 1), and the
    # layer keeps about sqrt(1/2) of the gradient.
    assert depth.typical_slope("relu") ** 2 == pytest.approx(0.5, abs=0.02)
    assert depth.per_layer_factor("relu") == pytest.approx(np.sqrt(0.5), rel=0.03)


def test_the_sigmoid_network_is_within_a_factor_of_two_of_its_bound():
    assert 1 < depth.below_bound("sigmoid") < 2
