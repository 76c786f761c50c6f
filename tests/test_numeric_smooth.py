"""Chapter 3's numbers against independent methods: closed forms against numerical integration
and sampling, root finders against dense grids, the softmax Jacobian against finite differences."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate

from numeric import activations as act
from numeric import smooth, softmax
from numeric.deep import propagate


def normal_expectation(f, m=0.0, s=1.0) -> float:
    """E[f(z)] for z ~ N(m, s^2), by adaptive quadrature split at 0 (where the kinks are)."""
    pdf = lambda z: math.exp(-0.5 * ((z - m) / s) ** 2) / (s * math.sqrt(2 * math.pi))  # noqa: E731
    lo, hi = m - 40 * s, m + 40 * s
    cuts = sorted({lo, min(max(0.0, lo), hi), hi})
    return sum(
        integrate.quad(lambda z: f(z) * pdf(z), a, b, limit=200)[0] for a, b in zip(cuts, cuts[1:])
    )


# ---------------------------------------------------------------- ELU and ReLU


def test_elu_mean_by_integration_and_sampling():
    elu = lambda z: z if z > 0 else math.expm1(z)  # noqa: E731
    assert smooth.elu_mean_normal() == pytest.approx(normal_expectation(elu), abs=1e-12)
    assert smooth.relu_mean_normal() == pytest.approx(
        normal_expectation(lambda z: max(z, 0.0)), abs=1e-12
    )
    z = np.random.default_rng(0).standard_normal(4_000_000)
    assert smooth.elu_mean_normal() == pytest.approx(np.mean(act.elu(z)), abs=2e-3)
    # ELU's mean is closer to 0 than ReLU's, and still positive.
    assert 0 < smooth.elu_mean_normal() < smooth.relu_mean_normal()


# ---------------------------------------------------------------- SELU


@pytest.mark.parametrize("m, s2", [(0.0, 1.0), (0.7, 0.4), (-1.2, 2.5), (2.0, 3.0)])
def test_selu_moments_by_integration(m, s2):
    mean, var = smooth.selu_moments(m, s2)
    f = lambda z: float(act.selu(z))  # noqa: E731
    e1 = normal_expectation(f, m, math.sqrt(s2))
    e2 = normal_expectation(lambda z: f(z) ** 2, m, math.sqrt(s2))
    assert mean == pytest.approx(e1, abs=1e-10)
    assert var == pytest.approx(e2 - e1 * e1, abs=1e-10)


def test_selu_map_by_a_wide_sampled_layer():
    """Inputs of mean 0.5 and variance 2 through weights of variance 1/n (omega ~ 0, tau ~ 1)."""
    rng = np.random.default_rng(1)
    n = 2000
    x = 0.5 + math.sqrt(2.0) * rng.standard_normal((4000, n))
    W = rng.standard_normal((n, n)) / math.sqrt(n)
    omega, tau = W.sum(axis=0), (W * W).sum(axis=0)
    a = act.selu(x @ W)
    # Each unit has its own omega and tau; compare unit by unit, then on average.
    predicted = np.array([smooth.selu_map(0.5, 2.0, o, t) for o, t in zip(omega[:50], tau[:50])])
    np.testing.assert_allclose(a[:, :50].mean(axis=0), predicted[:, 0], atol=0.06)
    np.testing.assert_allclose(a[:, :50].var(axis=0), predicted[:, 1], rtol=0.08)


def test_selu_fixed_point_is_mean_0_variance_1_and_attracts():
    mu, nu = smooth.selu_fixed_point()
    assert abs(mu) < 1e-10 and abs(nu - 1.0) < 1e-10
    assert smooth.selu_contraction() < 1
    # Iterating from far away lands there too.
    for start in [(1.0, 3.0), (-0.8, 0.3), (0.0, 1.6)]:
        end = smooth.selu_orbit(*start, steps=100)[-1]
        np.testing.assert_allclose(end, (0.0, 1.0), atol=1e-8)


def test_deep_selu_network_keeps_its_activations_near_standard():
    """The measured network (numeric.deep, weights of variance 1/n): SELU stays near N(0, 1),
    ReLU with the same weights drifts (its variance halves at every layer)."""
    selu = propagate("selu", "lecun", depth=20, width=400, n_examples=500, seed=0)
    relu = propagate("relu", "lecun", depth=20, width=400, n_examples=500, seed=0)
    assert np.all(np.abs(selu.a_mean) < 0.1) and np.all(np.abs(selu.a_std - 1) < 0.1)
    assert relu.a_std[-1] < 0.01


# ---------------------------------------------------------------- minima


@pytest.mark.parametrize(
    "minimum, f",
    [
        (smooth.gelu_minimum, act.gelu),
        (smooth.silu_minimum, act.silu),
        (smooth.mish_minimum, act.mish),
    ],
)
def test_minimum_by_dense_grid(minimum, f):
    x = np.linspace(-6, 6, 1_200_001)
    y = f(x)
    i = int(np.argmin(y))
    assert minimum().x == pytest.approx(x[i], abs=2e-5)
    assert minimum().value == pytest.approx(y[i], abs=1e-9)  # the grid is 1e-5 apart
    assert minimum().value <= y.min() + 1e-15


def test_minima_as_the_chapter_rounds_them():
    assert (round(smooth.gelu_minimum().value, 2), round(smooth.gelu_minimum().x, 2)) == (
        -0.17,
        -0.75,
    )
    assert (round(smooth.silu_minimum().value, 3), round(smooth.silu_minimum().x, 3)) == (
        -0.278,
        -1.278,
    )


def test_silu_minimum_is_one_above_where():
    """At SiLU's minimum 1 + x (1 - sigma(x)) = 0, so x sigma(x) = x + 1."""
    m = smooth.silu_minimum()
    assert m.value == pytest.approx(m.x + 1, abs=1e-14)


def test_mish_slope_at_zero():
    assert smooth.mish_slope_at_zero() == pytest.approx(0.6, abs=1e-15)
    h = 1e-6
    assert smooth.mish_slope_at_zero() == pytest.approx(
        (act.mish(h) - act.mish(-h)) / (2 * h), abs=1e-8
    )


def test_softplus_derivative_is_the_sigmoid():
    x = np.linspace(-30, 30, 6001)
    h = 1e-5
    np.testing.assert_allclose(
        (act.softplus(x + h) - act.softplus(x - h)) / (2 * h), act.sigmoid(x), atol=1e-9
    )


# ---------------------------------------------------------------- GELU's approximations


@pytest.mark.parametrize(
    "err, approx",
    [(smooth.gelu_tanh_error, act.gelu_tanh), (smooth.gelu_sigmoid_error, act.gelu_sigmoid)],
)
def test_largest_approximation_error(err, approx):
    x = np.linspace(-20, 20, 4_000_001)
    diffs = np.abs(approx(x) - act.gelu(x))
    assert abs(err().error) == pytest.approx(diffs.max(), rel=1e-6)
    assert abs(err().error) >= diffs.max() - 1e-15
    # The exact side written with the standard library's erfc, not scipy's ndtr.
    exact = err().x * 0.5 * math.erfc(-err().x / math.sqrt(2))
    assert float(approx(err().x)) - exact == pytest.approx(err().error, abs=1e-15)


def test_tanh_approximation_is_much_closer():
    assert abs(smooth.gelu_tanh_error().error) * 20 < abs(smooth.gelu_sigmoid_error().error)


# ---------------------------------------------------------------- Swish's beta


@pytest.mark.parametrize("beta", [1.0, 4.0, 20.0, 100.0])
def test_swish_approaches_relu_as_beta_grows(beta):
    assert smooth.swish_distance_to_relu(beta) == pytest.approx(
        smooth.swish_distance_to_relu_exact(beta), rel=1e-6
    )


def test_swish_at_beta_zero_is_half_the_identity():
    x = np.linspace(-5, 5, 101)
    np.testing.assert_array_equal(smooth.swish_at_beta_zero(x), x / 2)


# ---------------------------------------------------------------- softmax


def test_softmax_jacobian_by_finite_differences():
    z = np.array([1.5, -0.3, 0.2, 2.2])
    h = 1e-6
    fd = np.column_stack(
        [(softmax.softmax(z + h * e) - softmax.softmax(z - h * e)) / (2 * h) for e in np.eye(4)]
    )
    np.testing.assert_allclose(softmax.softmax_jacobian(z), fd, atol=1e-9)


def test_softmax_shift_invariance_and_the_overflow_it_prevents():
    z = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(softmax.softmax(z + 1000.0), softmax.softmax(z), rtol=1e-15)
    for dtype in (np.float32, np.float64):
        limit = softmax.largest_safe_exp_input(dtype)
        with np.errstate(over="ignore"):
            assert np.isfinite(np.exp(dtype(limit)))
            assert not np.isfinite(np.exp(np.nextafter(dtype(limit), dtype(np.inf))))
        big = np.array([limit + 1.0, limit], dtype=dtype)
        assert np.isnan(softmax.softmax_naive(big, dtype)).any()
        assert np.all(np.isfinite(softmax.softmax(big)))
    # The limits are ln of the largest finite numbers.
    assert softmax.largest_safe_exp_input(np.float64) == pytest.approx(
        math.log(np.finfo(np.float64).max), abs=1e-12
    )
    assert softmax.largest_safe_exp_input(np.float32) == pytest.approx(
        math.log(float(np.finfo(np.float32).max)), abs=1e-5
    )


def test_two_classes_reduce_to_the_sigmoid():
    z = np.linspace(-30, 30, 601)
    p = softmax.softmax(np.column_stack([z, np.zeros_like(z)]), axis=1)[:, 0]
    np.testing.assert_allclose(p, act.sigmoid(z), rtol=1e-12)


def test_cross_entropy_gradient_is_p_minus_y():
    z = np.array([0.4, -1.1, 2.0, 0.0, 0.7])
    y = np.array([0, 0, 1, 0, 0], dtype=float)
    h = 1e-6
    fd = np.array(
        [
            (softmax.cross_entropy(z + h * e, y) - softmax.cross_entropy(z - h * e, y)) / (2 * h)
            for e in np.eye(5)
        ]
    )
    np.testing.assert_allclose(softmax.cross_entropy_gradient(z, y), fd, atol=1e-8)


# ---------------------------------------------------------------- hard variants


def test_hard_variants_written_out():
    x = np.linspace(-6, 6, 1201)
    relu6 = lambda v: min(max(v, 0.0), 6.0)  # noqa: E731
    np.testing.assert_allclose(act.hard_sigmoid_torch(x), [relu6(v + 3) / 6 for v in x], atol=1e-15)
    np.testing.assert_allclose(
        act.hard_sigmoid_keras2(x), [min(max(0.2 * v + 0.5, 0), 1) for v in x], atol=1e-15
    )
    np.testing.assert_allclose(act.hard_swish(x), [v * relu6(v + 3) / 6 for v in x], atol=1e-15)
    # The two hard sigmoids agree at 0 and at the far ends, and nowhere else in between.
    assert act.hard_sigmoid_torch(0.0) == act.hard_sigmoid_keras2(0.0) == 0.5
    assert act.hard_sigmoid_torch(2.0) != act.hard_sigmoid_keras2(2.0)


@pytest.mark.parametrize(
    "f, fp",
    [
        (act.hard_sigmoid_torch, act.hard_sigmoid_torch_prime),
        (act.hard_sigmoid_keras2, act.hard_sigmoid_keras2_prime),
        (act.hard_swish, act.hard_swish_prime),
    ],
)
def test_hard_derivatives(f, fp):
    x = np.linspace(-6, 6, 1201)
    x = x[np.min(np.abs(x[:, None] - np.array([-3, -2.5, 2.5, 3])), axis=1) > 1e-3]
    np.testing.assert_allclose(fp(x), (f(x + 1e-7) - f(x - 1e-7)) / 2e-7, atol=1e-6)


def test_gate_averages_converge_to_gelu():
    """The mean of n gate draws is unbiased with standard error |x| sqrt(Phi (1 - Phi) / n)."""
    xs = np.linspace(-3, 3, 25)
    counts = (1, 16, 256, 4096)
    means = smooth.gate_running_means(xs, counts, seed=3)
    phi = act.std_normal_cdf(xs)
    for n, m in zip(counts, means):
        se = np.abs(xs) * np.sqrt(phi * (1 - phi) / n)
        assert np.all(np.abs(m - act.gelu(xs)) <= 5 * se + 1e-12), n
    # A single draw is x or 0; the largest gap shrinks as n grows.
    assert set(np.unique(np.isclose(means[0], xs) | (means[0] == 0))) == {True}
    gaps = np.abs(means - act.gelu(xs)).max(axis=1)
    assert gaps[-1] < gaps[0] / 10
