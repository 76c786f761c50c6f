"""The numeric core against independent computations: finite differences, brute-force maxima,
direct products. No expected value here is copied from the core's own output."""

from __future__ import annotations

import numpy as np
import pytest

from numeric import centring, weight_updates
from numeric.activations import (
    SIGMOID_PRIME_ARGMAX,
    SIGMOID_PRIME_PEAK,
    SIGNIFICANT_FRACTION,
    logit,
    sigmoid,
    sigmoid_prime,
    significant_band,
    tanh,
    tanh_prime,
)
from numeric.chain import (
    EXAMPLE,
    Chain,
    balanced_chain,
    balanced_shrink,
    bound_for,
    bound_per_layer,
    bound_sequence,
    loss_at,
    premise_holds,
    run,
)

XS = np.linspace(-12.0, 12.0, 481)


def central_difference(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


# ---------------------------------------------------------------- sigmoid


def test_sigmoid_matches_definition_and_range():
    direct = 1.0 / (1.0 + np.exp(-XS))
    np.testing.assert_allclose(sigmoid(XS), direct, rtol=1e-13, atol=1e-300)
    assert np.all((sigmoid(XS) > 0) & (sigmoid(XS) < 1))
    # Stable where the naive formula overflows.
    assert sigmoid(-1000.0) == 0.0 and sigmoid(1000.0) == 1.0
    assert sigmoid(0.0) == 0.5
    np.testing.assert_allclose(
        logit(sigmoid(np.linspace(-8, 8, 33))), np.linspace(-8, 8, 33), atol=1e-9
    )


@pytest.mark.parametrize("f, fprime", [(sigmoid, sigmoid_prime), (tanh, tanh_prime)])
def test_derivative_matches_finite_differences(f, fprime):
    numeric = central_difference(f, XS)
    np.testing.assert_allclose(fprime(XS), numeric, rtol=1e-6, atol=1e-10)


def test_derivative_is_sigma_times_one_minus_sigma():
    # The closed form the article derives, against the quotient form e^-x / (1 + e^-x)^2.
    x = np.linspace(-20, 20, 801)
    np.testing.assert_allclose(sigmoid_prime(x), np.exp(-x) / (1 + np.exp(-x)) ** 2, rtol=1e-12)


def test_derivative_peaks_at_a_quarter_at_zero():
    fine = np.linspace(-10, 10, 200_001)
    values = sigmoid_prime(fine)
    assert fine[np.argmax(values)] == pytest.approx(0.0, abs=1e-9)
    assert values.max() == pytest.approx(0.25, abs=1e-15)
    assert SIGMOID_PRIME_ARGMAX == 0.0 and SIGMOID_PRIME_PEAK == 0.25
    assert np.all(values > 0) and np.all(values <= 0.25)
    # Symmetric bell: sigma'(-x) = sigma'(x).
    np.testing.assert_allclose(sigmoid_prime(-fine), values, rtol=1e-12)


def test_significance_band():
    lo, hi = significant_band()
    assert lo == pytest.approx(-hi)
    threshold = SIGNIFICANT_FRACTION * 0.25
    # The edges are where sigma' crosses the threshold, found here by bisection.
    a, b = 0.0, 20.0
    for _ in range(200):
        m = (a + b) / 2
        a, b = (m, b) if sigmoid_prime(m) > threshold else (a, m)
    assert hi == pytest.approx(a, abs=1e-9)
    inside = np.linspace(lo, hi, 1001)[1:-1]
    outside = np.r_[np.linspace(-12, lo, 500)[:-1], np.linspace(hi, 12, 500)[1:]]
    assert np.all(sigmoid_prime(inside) > threshold)
    assert np.all(sigmoid_prime(outside) < threshold)
    # The article's "approximately between -3 and +3".
    assert round(hi) == 3
    with pytest.raises(ValueError):
        significant_band(0.0)


# ---------------------------------------------------------------- the chain


def test_three_layer_bound_is_a_quarter_cubed():
    assert bound_sequence(3) == (1.0, 0.25, 0.0625, 0.015625)
    assert bound_sequence(3)[-1] == 0.25 * 0.25 * 0.25 == 0.015625
    assert bound_per_layer(8.0) == 2.0


def test_backward_pass_matches_finite_differences():
    chain = EXAMPLE
    p = run(chain)
    h = 1e-6
    for k in range(chain.depth):
        for field, grads in (("weights", p.dL_dw), ("biases", p.dL_db)):
            plus = list(getattr(chain, field))
            minus = list(plus)
            plus[k] += h
            minus[k] -= h
            lp = loss_at(Chain(chain.x, chain.y, **{**_params(chain), field: tuple(plus)}))
            lm = loss_at(Chain(chain.x, chain.y, **{**_params(chain), field: tuple(minus)}))
            assert grads[k] == pytest.approx((lp - lm) / (2 * h), rel=1e-6, abs=1e-11), (field, k)


def _params(chain):
    return {"weights": chain.weights, "biases": chain.biases}


def test_backward_pass_is_the_chain_rule_written_out():
    # Step 1-3 of the article, multiplied out by hand from the forward values.
    c, p = EXAMPLE, run(EXAMPLE)
    w1, w2, w3 = c.weights
    z1 = w1 * c.x + c.biases[0]
    z2 = w2 * sigmoid(z1) + c.biases[1]
    z3 = w3 * sigmoid(z2) + c.biases[2]
    dL_da3 = sigmoid(z3) - c.y
    step1 = dL_da3 * sigmoid_prime(z3)
    step2 = step1 * w3 * sigmoid_prime(z2)
    step3 = step2 * w2 * sigmoid_prime(z1)
    assert p.z == pytest.approx((z1, z2, z3), rel=1e-14)
    assert p.dL_dz == pytest.approx((step3, step2, step1), rel=1e-12)
    assert p.dL_dw[0] == pytest.approx(step3 * c.x, rel=1e-12)
    assert p.loss == pytest.approx(0.5 * dL_da3**2, rel=1e-12)


def random_chains(seed: int, weight_size: float, count: int = 500):
    """Three-layer chains with random input, target and biases, weights uniform in +-weight_size."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        yield Chain(
            float(rng.normal()),
            float(rng.uniform()),
            tuple(rng.uniform(-weight_size, weight_size, 3)),
            tuple(rng.normal(0, 2, 3)),
        )


def test_shrink_never_beats_the_bound_when_weights_are_at_most_one():
    for chain in random_chains(seed=1, weight_size=1):
        p = run(chain)
        if p.dL_dyhat == 0:
            continue
        assert p.shrink()[0] <= bound_sequence(3)[-1] * (1 + 1e-12)
    # The example satisfies the bound's premise and sits under it.
    assert premise_holds(EXAMPLE) and all(abs(w) <= 1 for w in EXAMPLE.weights)
    assert run(EXAMPLE).shrink()[0] < 0.015625


def test_the_bound_for_a_chain_uses_its_own_weights():
    """0.25^n |w_2 ... w_n| holds for any weights (sigma' <= 1/4; no weight after the output)."""
    for chain in random_chains(seed=4, weight_size=3):
        p = run(chain)
        if p.dL_dyhat == 0:
            continue
        w2, w3 = chain.weights[1:]
        assert bound_for(chain) == pytest.approx(0.25**3 * abs(w2 * w3))
        assert p.shrink()[0] <= bound_for(chain) * (1 + 1e-12)
    assert bound_for(EXAMPLE) <= bound_sequence(3)[-1]
    # A weight of 1.1 breaks the premise: the 0.25-per-layer bound no longer applies.
    assert not premise_holds(Chain(1.0, 1.0, (0.9, 1.1, 1.0), (0.1, -0.2, 0.3)))


def test_balanced_shrink_counts_the_output_step_once():
    """The output step multiplies by sigma'(0) = 0.25 alone; each layer behind it by w / 4."""
    for depth in (1, 3, 10):
        for w in (1.0, 8.0):
            assert balanced_shrink(depth, w) == pytest.approx(
                run(balanced_chain(depth, w)).shrink()[0]
            )
    assert balanced_shrink(10, 8.0) == 0.25 * 2**9 == 128.0


def test_balanced_chain_vanishes_or_explodes_by_w_over_four():
    for w in (1.0, 2.0, 4.0, 8.0):
        chain = balanced_chain(10, w)
        p = run(chain)
        assert p.z == pytest.approx((0.0,) * 10, abs=1e-15)
        assert p.sigma_prime == pytest.approx((0.25,) * 10)
        # dL/da_0 = dL/da_10 * prod_k sigma'(z_k) w_k = dL/da_10 * (w / 4)^10
        dL_da0 = p.dL_dz[0] * chain.weights[0]
        assert dL_da0 / p.dL_dyhat == pytest.approx((w / 4) ** 10, rel=1e-12)
    assert (8.0 * 0.25) ** 10 == 1024


# ---------------------------------------------------------------- Flaw #2: the sign property


def test_per_example_gradient_is_delta_times_x():
    rng = np.random.default_rng(2)
    w = np.array([0.7, -1.3])
    for _ in range(50):
        x, y = sigmoid(rng.normal(size=2)), float(rng.uniform())
        g = weight_updates.per_example_gradient(w, x, y)
        h = 1e-6
        for i in range(2):
            e = np.eye(2)[i] * h
            numeric = (
                weight_updates.example_loss(w + e, x, y) - weight_updates.example_loss(w - e, x, y)
            ) / (2 * h)
            assert g[i] == pytest.approx(numeric, rel=1e-6, abs=1e-12)
        z = float(w @ x)
        delta = (sigmoid(z) - y) * sigmoid_prime(z)
        np.testing.assert_allclose(g, delta * x, rtol=1e-12)


def test_positive_inputs_give_one_signed_gradients():
    rng = np.random.default_rng(3)
    X = sigmoid(rng.normal(size=(2000, 5)))  # any sigmoid layer's output: all positive
    Y = rng.uniform(size=2000)
    w = rng.normal(size=5)
    z = X @ w
    delta = (sigmoid(z) - Y) * sigmoid_prime(z)
    G = delta[:, None] * X
    signs = np.sign(G)
    assert np.all(signs == np.sign(delta)[:, None])
    # The weight_updates problem: every update of the positive-input path is same-sign.
    path = centring.representative_paths()["positive"]
    assert path.same_sign_fraction == 1.0
    assert np.all(weight_updates.same_sign(path.updates))


def test_zero_centred_inputs_and_batches_can_mix_signs():
    prob = weight_updates.problem("zero_centred")
    G = weight_updates.per_example_gradient(weight_updates.START, prob.X, prob.Y)
    assert 0.2 < np.mean(weight_updates.same_sign(G)) < 0.8
    # A batch of two positive-input examples with opposite deltas can mix signs.
    pos = weight_updates.problem("positive")
    G = weight_updates.per_example_gradient(weight_updates.START, pos.X, pos.Y)
    up = G[G[:, 0] > 0]
    down = G[G[:, 0] < 0]
    sums = up[:, None, :] + down[None, :, :]
    assert len(up) and len(down)
    assert np.any(~weight_updates.same_sign(sums))


def test_positive_inputs_converge_slower_each_at_its_best_step_size():
    paths = centring.representative_paths()
    assert all(p.converged for p in paths.values())
    assert paths["positive"].steps > paths["zero_centred"].steps
    assert centring.median_ratio() > 1.5
