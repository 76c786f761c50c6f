"""The saturated variant and the teaching page's exercises, against independent computations:
finite differences of the loss, and the forward pass written out with math.exp."""

from __future__ import annotations

import math

import pytest

from numeric import exercises
from numeric.chain import (
    EXAMPLE,
    SATURATED,
    SATURATED_Z1,
    Chain,
    layers_to_fall_below,
    loss_at,
    run,
    update_ratio,
    with_first_pre_activation,
)


def _sigma(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _dloss_dw(chain: Chain, k: int, h: float = 1e-6) -> float:
    """dL/dw_k by a central difference of the loss alone."""

    def at(delta):
        weights = list(chain.weights)
        weights[k] += delta
        return loss_at(Chain(chain.x, chain.y, tuple(weights), chain.biases))

    return (at(h) - at(-h)) / (2 * h)


def _first_layer_share(chain: Chain) -> float:
    """|dL/dz_1| / |dL/dy_hat|, multiplied out by hand: sigma'(z3) w3 sigma'(z2) w2 sigma'(z1)."""
    (w1, w2, w3), (b1, b2, b3) = chain.weights, chain.biases
    z1 = w1 * chain.x + b1
    z2 = w2 * _sigma(z1) + b2
    z3 = w3 * _sigma(z2) + b3
    d = [_sigma(z) * (1 - _sigma(z)) for z in (z1, z2, z3)]
    return abs(d[2] * w3 * d[1] * w2 * d[0])


def test_the_saturated_variant_changes_only_w1_and_puts_z1_at_5():
    assert SATURATED.x == EXAMPLE.x and SATURATED.y == EXAMPLE.y
    assert SATURATED.biases == EXAMPLE.biases and SATURATED.weights[1:] == EXAMPLE.weights[1:]
    assert SATURATED.weights[0] * SATURATED.x + SATURATED.biases[0] == pytest.approx(SATURATED_Z1)
    assert run(SATURATED).z[0] == pytest.approx(5.0)


@pytest.mark.parametrize(
    "chain", [SATURATED, with_first_pre_activation(EXAMPLE, -5.0)], ids=["z1=+5", "z1=-5"]
)
def test_saturated_gradients_match_finite_differences(chain):
    p = run(chain)
    for k in range(chain.depth):
        assert p.dL_dw[k] == pytest.approx(_dloss_dw(chain, k), rel=1e-5, abs=1e-12), k
    assert p.shrink()[0] == pytest.approx(_first_layer_share(chain), rel=1e-12)


def test_one_saturated_layer_cuts_the_first_layers_share_by_its_sigma_prime():
    base, sat = run(EXAMPLE), run(SATURATED)
    # sigma'(5) is under a thirtieth of the peak, and layer 1 keeps far less than 1% of the gradient.
    assert sat.sigma_prime[0] < 0.25 / 30
    assert sat.shrink()[0] < base.shrink()[0] / 10
    # Its own update shrinks even more against the last layer's.
    assert update_ratio(sat) < update_ratio(base) / 10


def test_update_ratio_is_the_ratio_of_steps_for_any_learning_rate():
    for chain in (EXAMPLE, SATURATED):
        for eta in (0.01, 0.5, 3.0):
            step1 = eta * abs(_dloss_dw(chain, 0))
            step3 = eta * abs(_dloss_dw(chain, 2))
            assert step1 / step3 == pytest.approx(update_ratio(run(chain)), rel=1e-5)


def test_layers_to_fall_below_counts_by_brute_force():
    for fraction in (0.5, 0.1, 1e-3, 1e-6, 0.25**5, 1e-9):
        for w in (1.0, 0.5, 2.0):
            factor = w * 0.25
            k = next(k for k in range(1, 200) if factor**k < fraction)
            assert layers_to_fall_below(fraction, w) == k, (fraction, w)
    with pytest.raises(ValueError):
        layers_to_fall_below(1e-6, 8.0)


def test_exercise_answers():
    # 1: z1 = -5, recomputed by hand.
    p = exercises.negative_saturation()
    assert p.z[0] == pytest.approx(-5.0)
    chain = with_first_pre_activation(EXAMPLE, -5.0)
    assert p.shrink()[0] == pytest.approx(_first_layer_share(chain), rel=1e-12)
    # 2: one step at eta = 0.5, from finite differences.
    s = exercises.one_step()
    g1, g3 = abs(_dloss_dw(EXAMPLE, 0)), abs(_dloss_dw(EXAMPLE, 2))
    assert (s.step_w1, s.step_w3) == pytest.approx((0.5 * g1, 0.5 * g3), rel=1e-5)
    assert s.eta_to_match * g1 == pytest.approx(0.5 * g3, rel=1e-5)
    assert s.step_w3_then / s.step_w3 == pytest.approx(g3 / g1, rel=1e-5)
    # 3: 0.25^9 is still above a millionth, 0.25^10 below.
    assert 0.25**9 > 1e-6 > 0.25**10
    assert exercises.layers_for_a_millionth() == 10
