"""Every activation of the book against an independent computation: its derivative against
central differences, its defining identity written out directly, and the constants the core
solves (SELU's) against the fixed point they must satisfy, checked by numerical integration."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate

from numeric import activations as act
from numeric.activations import ZOO

XS = np.linspace(-9.0, 9.0, 721)
# Away from the kinks of the piecewise ones, where a central difference straddles two pieces.
SMOOTH_XS = XS[np.abs(XS) > 1e-3]


def central_difference(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


@pytest.mark.parametrize("key", sorted(ZOO))
def test_derivative_matches_finite_differences(key):
    a = ZOO[key]
    np.testing.assert_allclose(
        a.f_prime(SMOOTH_XS), central_difference(a.f, SMOOTH_XS), rtol=1e-6, atol=1e-8
    )


@pytest.mark.parametrize("key", sorted(ZOO))
def test_scalars_in_scalars_out(key):
    assert isinstance(ZOO[key].f(0.5), float) and isinstance(ZOO[key].f_prime(0.5), float)


def test_definitions_written_out():
    x = XS
    phi = np.array([0.5 * math.erfc(-v / math.sqrt(2)) for v in x])
    np.testing.assert_allclose(act.relu(x), [max(0.0, v) for v in x])
    np.testing.assert_allclose(act.leaky_relu(x, 0.1), [v if v > 0 else 0.1 * v for v in x])
    np.testing.assert_allclose(act.elu(x), [v if v > 0 else math.exp(v) - 1 for v in x], atol=1e-15)
    np.testing.assert_allclose(act.gelu(x), x * phi, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(act.silu(x), x / (1 + np.exp(-x)), rtol=1e-12)
    np.testing.assert_allclose(act.softplus(x), np.log(1 + np.exp(x)), rtol=1e-12)
    np.testing.assert_allclose(act.mish(x), x * np.tanh(np.log(1 + np.exp(x))), rtol=1e-12)
    # tanh(x) = 2 sigma(2x) - 1, and GELU's approximations stay near it.
    np.testing.assert_allclose(act.tanh(x), 2 * act.sigmoid(2 * x) - 1, atol=1e-15)
    assert np.max(np.abs(act.gelu_tanh(x) - act.gelu(x))) < 1e-3
    assert np.max(np.abs(act.gelu_sigmoid(x) - act.gelu(x))) < 3e-2


def test_no_overflow_far_out():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        for a in ZOO.values():
            values = a.f(np.array([-800.0, 800.0]))
            assert np.all(np.isfinite(values)), a


def test_relu_derivative_at_zero_is_zero():
    # PyTorch, TensorFlow and JAX all return 0 for the gradient of relu at exactly 0.
    assert act.relu_prime(0.0) == 0.0


def test_selu_constants_are_the_fixed_point():
    lam, alpha = act.selu_constants()
    pdf = lambda z: math.exp(-z * z / 2) / math.sqrt(2 * math.pi)  # noqa: E731
    f = lambda z: lam * (z if z > 0 else alpha * math.expm1(z))  # noqa: E731
    mean = sum(integrate.quad(lambda z: f(z) * pdf(z), a, b)[0] for a, b in ((-40, 0), (0, 40)))
    square = sum(
        integrate.quad(lambda z: f(z) ** 2 * pdf(z), a, b)[0] for a, b in ((-40, 0), (0, 40))
    )
    assert abs(mean) < 1e-10 and abs(square - 1.0) < 1e-10
    # And the digits Klambauer et al. print.
    assert round(lam, 4) == 1.0507 and round(alpha, 4) == 1.6733
