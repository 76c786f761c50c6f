"""numeric.deep against independent reasoning: variance propagation that theory predicts for
linear and ReLU layers, and gradients checked by finite differences on a small network."""

from __future__ import annotations

import numpy as np
import pytest

from numeric import deep
from numeric.activations import ZOO


def test_identity_with_lecun_init_keeps_the_variance():
    # Linear layers with Var(w) = 1/n keep Var(z) = Var(x) = 1 in expectation, layer after layer.
    s = deep.propagate("identity", "lecun", depth=10, width=300, n_examples=500)
    assert np.all(np.abs(s.z_std - 1.0) < 0.15), s.z_std


def test_relu_variance_he_keeps_it_lecun_halves_it():
    # He et al.: Var(w) = 2/n gives Var(z_1) = 2 Var(x) = 2 and, since E[relu(z)^2] = Var(z)/2,
    # Var(z_k) = 2 at every depth; Var(w) = 1/n halves it at each layer after the first.
    he = deep.propagate("relu", "he", depth=10, width=300, n_examples=500)
    assert abs(he.z_std[0] - np.sqrt(2)) < 0.03
    # A finite width makes each layer's gain a random factor near 1: a drift, not a trend.
    assert np.all(np.abs(np.log(he.z_std / np.sqrt(2))) < np.log(1.35)), he.z_std
    lecun = deep.propagate("relu", "lecun", depth=10, width=300, n_examples=500)
    ratio = lecun.z_std[-1] / lecun.z_std[0]
    assert abs(np.log(ratio / 2 ** (-9 / 2))) < np.log(1.35), ratio


def test_small_init_collapses():
    small = deep.propagate("tanh", "small", depth=10, width=300, n_examples=500)
    assert small.a_std[-1] < 1e-6 < small.a_std[0]


def test_tanh_with_unit_init_saturates_as_a_gaussian_predicts():
    # z_k is near Gaussian with spread z_std: the fraction with |tanh z| > 0.99 is
    # P(|z| > atanh 0.99), about 87% at width 300.
    from scipy.stats import norm

    s = deep.propagate("tanh", "unit", depth=4, width=300, n_examples=200, keep_activations=True)
    for a, spread in zip(s.activations, s.z_std):
        predicted = 2 * norm.sf(np.arctanh(0.99) / spread)
        assert abs(float(np.mean(np.abs(a) > 0.99)) - predicted) < 0.02


def test_weight_gradients_match_finite_differences():
    # Rebuild the same network from the same seed and perturb one weight of layer 2.
    depth, width, n = 3, 5, 7
    s = deep.propagate("tanh", "lecun", depth=depth, width=width, n_examples=n, seed=3)

    def loss(perturb):
        rng = np.random.default_rng(3)
        x = rng.standard_normal((n, width))
        weights = [deep.INITS["lecun"](rng, width, width) for _ in range(depth)]
        top = rng.standard_normal((n, width))
        weights[1] = weights[1] + perturb
        a = x
        for W in weights:
            a = np.tanh(a @ W)
        return float(np.sum(top * a) / n)

    grad = np.zeros((width, width))
    h = 1e-6
    for i in range(width):
        for j in range(width):
            e = np.zeros((width, width))
            e[i, j] = h
            grad[i, j] = (loss(e) - loss(-e)) / (2 * h)
    assert abs(np.linalg.norm(grad) - s.grad_w_norm[1]) < 1e-7 * max(1.0, s.grad_w_norm[1])


def test_unknown_names_say_what_exists():
    with pytest.raises(KeyError, match="relu"):
        deep.propagate("rellu", "he")
    with pytest.raises(KeyError, match="xavier"):
        deep.propagate("relu", "glorot")


@pytest.mark.parametrize("key", sorted(ZOO))
def test_every_activation_propagates(key):
    s = deep.propagate(key, "lecun", depth=3, width=20, n_examples=30)
    assert np.all(np.isfinite(s.grad_w_norm)) and len(s.a_std) == 3


def test_gain_scales_the_same_draws():
    """gain multiplies the weights the initialisation draws, nothing else: z_1 = x W scales by
    the gain exactly, and a linear network's every layer by the gain to its depth."""
    one = deep.propagate("identity", "lecun", depth=3, width=64, n_examples=32, seed=1)
    big = deep.propagate("identity", "lecun", depth=3, width=64, n_examples=32, seed=1, gain=2.5)
    assert big.z_std == pytest.approx(one.z_std * 2.5 ** np.arange(1, 4))
    same = deep.propagate("identity", "lecun", depth=3, width=64, n_examples=32, seed=1, gain=1.0)
    assert np.array_equal(same.z_std, one.z_std)
