"""Chapter 3's facts about the smooth activations, each found by the core, never typed:
ELU's mean output, SELU's moment map and its fixed point, the minima of GELU, SiLU and Mish, the
largest errors of GELU's two approximations, and Swish's two limits in beta.

Everything about a standard normal input uses z ~ N(0, 1); SELU's map uses z ~ N(m, s^2).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import optimize

from .activations import (
    SELU_ALPHA,
    SELU_LAMBDA,
    gelu,
    gelu_prime,
    gelu_sigmoid,
    gelu_tanh,
    mish,
    mish_prime,
    relu,
    silu,
    silu_prime,
    std_normal_cdf,
    std_normal_pdf,
)

# ---------------------------------------------------------------- ELU against ReLU


def relu_mean_normal() -> float:
    """E[max(0, z)] for z ~ N(0, 1): the integral of z phi(z) over z > 0 is phi(0) = 1/sqrt(2 pi)."""
    return float(std_normal_pdf(0.0))


def elu_mean_normal(alpha: float = 1.0) -> float:
    """E[ELU(z)] for z ~ N(0, 1): ReLU's half, plus alpha E[e^z - 1; z < 0].

    The integral of e^z phi(z) over z < 0 is e^(1/2) Phi(-1) (complete the square), and
    P(z < 0) = 1/2, so the negative side adds alpha (e^(1/2) Phi(-1) - 1/2), a negative number.
    """
    return relu_mean_normal() + alpha * (np.exp(0.5) * float(std_normal_cdf(-1.0)) - 0.5)


# ---------------------------------------------------------------- SELU's moment map


def selu_moments(m, s2):
    """(mean, variance) of SELU(z) for z ~ N(m, s2), in closed form.

    With t = m / s: E[z; z > 0] = m Phi(t) + s phi(t), E[z^2; z > 0] = (m^2 + s^2) Phi(t)
    + m s phi(t), and E[e^(kz); z < 0] = e^(k m + k^2 s^2 / 2) Phi(-(m + k s^2) / s).
    """
    m, s2 = np.asarray(m, dtype=float), np.asarray(s2, dtype=float)
    s = np.sqrt(s2)
    t = m / s
    cdf, pdf = std_normal_cdf, std_normal_pdf
    pos1 = m * cdf(t) + s * pdf(t)
    pos2 = (m * m + s2) * cdf(t) + m * s * pdf(t)
    exp1 = np.exp(m + s2 / 2) * cdf(-(m + s2) / s)
    exp2 = np.exp(2 * m + 2 * s2) * cdf(-(m + 2 * s2) / s)
    neg = cdf(-t)
    lam, alpha = SELU_LAMBDA, SELU_ALPHA
    mean = lam * (pos1 + alpha * (exp1 - neg))
    second = lam**2 * (pos2 + alpha**2 * (exp2 - 2 * exp1 + neg))
    return mean, second - mean * mean


def selu_map(mu: float, nu: float, omega: float = 0.0, tau: float = 1.0) -> tuple[float, float]:
    """Klambauer et al.'s map g: a wide SELU layer's inputs have mean mu and variance nu; its
    weights sum to omega with squares summing to tau, so z ~ N(mu omega, nu tau) and the layer's
    outputs have the (mean, variance) returned. Weights of variance 1/n give tau = 1 (and
    omega near 0)."""
    mean, var = selu_moments(mu * omega, nu * tau)
    return float(mean), float(var)


def selu_fixed_point(omega: float = 0.0, tau: float = 1.0) -> tuple[float, float]:
    """The (mean, variance) that selu_map sends to itself, found by a root finder."""

    def gap(p):
        return np.subtract(selu_map(p[0], p[1], omega, tau), p)

    sol = optimize.root(gap, x0=[0.5, 2.0], tol=1e-14)
    if not sol.success:
        raise RuntimeError(f"SELU's fixed point not found: {sol.message}")
    return float(sol.x[0]), float(sol.x[1])


def selu_map_jacobian(mu: float, nu: float, omega: float = 0.0, tau: float = 1.0, h=1e-6):
    """The 2 x 2 Jacobian of selu_map at (mu, nu), by central differences."""
    J = np.zeros((2, 2))
    for j, e in enumerate(np.eye(2) * h):
        plus = selu_map(mu + e[0], nu + e[1], omega, tau)
        minus = selu_map(mu - e[0], nu - e[1], omega, tau)
        J[:, j] = np.subtract(plus, minus) / (2 * h)
    return J


def selu_contraction(omega: float = 0.0, tau: float = 1.0) -> float:
    """The largest singular value of the map's Jacobian at its fixed point: below 1, nearby
    (mean, variance) pairs move closer to the fixed point at every layer."""
    return float(np.linalg.norm(selu_map_jacobian(*selu_fixed_point(omega, tau), omega, tau), 2))


def selu_orbit(mu: float, nu: float, steps: int, omega: float = 0.0, tau: float = 1.0):
    """(mean, variance) after 0, 1, ..., steps layers: an array of shape (steps + 1, 2)."""
    out = [(mu, nu)]
    for _ in range(steps):
        out.append(selu_map(*out[-1], omega, tau))
    return np.array(out)


# ---------------------------------------------------------------- minima, found by root finding


@dataclass(frozen=True)
class Minimum:
    x: float  # where
    value: float  # f(x)


def _minimum(f, f_prime, lo: float, hi: float) -> Minimum:
    """The one zero of f' in [lo, hi] (f' changes sign there), by Brent's method."""
    x = optimize.brentq(f_prime, lo, hi, xtol=1e-15, rtol=4 * np.finfo(float).eps)
    return Minimum(float(x), float(f(x)))


@cache
def gelu_minimum() -> Minimum:
    return _minimum(gelu, gelu_prime, -3.0, -0.1)


@cache
def silu_minimum() -> Minimum:
    return _minimum(silu, silu_prime, -3.0, -0.1)


@cache
def mish_minimum() -> Minimum:
    return _minimum(mish, mish_prime, -3.0, -0.1)


def mish_slope_at_zero() -> float:
    """Mish'(0) = tanh(softplus(0)) = tanh(ln 2): (2 - 1/2) / (2 + 1/2)."""
    return float(mish_prime(0.0))


# ---------------------------------------------------------------- GELU's two approximations


@dataclass(frozen=True)
class LargestError:
    x: float  # where |approximation - exact| is largest (the negative one of the pair)
    error: float  # approximation - exact there (signed)


def _largest_error(approx, span: float = 10.0) -> LargestError:
    """The largest |approx - gelu| over the real line: a dense grid finds the peak, a bounded
    scalar search refines it. Beyond |x| = span both sides agree to far below the peak."""
    grid = np.linspace(-span, span, 200_001)
    err = np.abs(approx(grid) - gelu(grid))
    i = int(np.argmax(err))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, len(grid) - 1)]
    res = optimize.minimize_scalar(
        lambda x: -abs(approx(x) - gelu(x)),
        bounds=(lo, hi),
        method="bounded",
        options={"xatol": 1e-12},
    )
    x = float(res.x)
    return LargestError(x, float(approx(x) - gelu(x)))


@cache
def gelu_tanh_error() -> LargestError:
    return _largest_error(gelu_tanh)


@cache
def gelu_sigmoid_error() -> LargestError:
    return _largest_error(gelu_sigmoid)


# ---------------------------------------------------------------- Swish's beta, from 0 to infinity


def swish_distance_to_relu(beta: float, span: float = 60.0) -> float:
    """max |x sigma(beta x) - max(0, x)| over a dense grid of [-span, span]."""
    x = np.linspace(-span, span, 600_001)
    return float(np.max(np.abs(silu(x, beta) - relu(x))))


def swish_distance_to_relu_exact(beta: float) -> float:
    """The same distance in closed form: x sigma(beta x) = silu(beta x) / beta, so the largest gap
    (on either side, x sigma(-beta |x|)) is |SiLU's minimum| / beta, which goes to 0 as beta grows."""
    return -silu_minimum().value / beta


def swish_at_beta_zero(x):
    """beta = 0: sigma(0) = 1/2, so Swish is the straight line x / 2."""
    return silu(x, 0.0)


# ---------------------------------------------------------------- a measured deep network

DEEP = dict(depth=20, width=400, n_examples=500)
DEEP_SEEDS = tuple(range(5))


DEEP_ACTIVATIONS = ("selu", "relu")


def _deep_forward() -> dict:
    """Each layer's activation mean and spread, one list per seed, for SELU and ReLU: forward
    only, the backward pass is not needed here."""
    from .deep import propagate

    out = {}
    for activation in DEEP_ACTIVATIONS:
        runs = [propagate(activation, "lecun", seed=s, backward=False, **DEEP) for s in DEEP_SEEDS]
        out[activation] = {
            "std": [r.a_std.tolist() for r in runs],
            "mean": [r.a_mean.tolist() for r in runs],
        }
    return out


def _deep(activation: str, field: str) -> np.ndarray:
    from .result_cache import cached

    if activation not in DEEP_ACTIVATIONS:
        raise KeyError(f"the deep SELU experiment measures {DEEP_ACTIVATIONS}, not {activation!r}")
    return np.array(cached("selu-relu-deep", _deep_forward)[activation][field])


def deep_spreads(activation: str) -> np.ndarray:
    """The spread (standard deviation) of each layer's activations, one row per seed, in the
    network of numeric.deep with weights of variance 1/n (LeCun's), the setting SELU assumes.
    Computed once and kept by numeric.result_cache (the chapter's page, its tests and the scene
    SELU's fixed point all read it)."""
    return _deep(activation, "std")


def deep_means(activation: str) -> np.ndarray:
    """The mean of each layer's activations, one row per seed, in the same networks."""
    return _deep(activation, "mean")


@cache
def hard_swish_minimum() -> Minimum:
    """The bottom of hard swish's parabola x (x + 3) / 6, at x = -3/2."""
    from .activations import hard_swish, hard_swish_prime

    return _minimum(hard_swish, hard_swish_prime, -2.9, -0.1)


# ---------------------------------------------------------------- GELU as an averaged gate


def gate_samples(xs, n: int, seed: int = 0) -> np.ndarray:
    """n draws of the random gate at each x: m x with m = 1 with probability Phi(x), else 0.
    Shape (n, len(xs))."""
    xs = np.asarray(xs, dtype=float)
    rng = np.random.default_rng(seed)
    keep = rng.random((n, len(xs))) < std_normal_cdf(xs)
    return np.where(keep, xs, 0.0)


def gate_running_means(xs, counts, seed: int = 0) -> np.ndarray:
    """The average of the first n draws at each x, for each n in counts: shape
    (len(counts), len(xs)). As n grows the averages approach GELU(x) = x Phi(x)."""
    samples = gate_samples(xs, max(counts), seed)
    totals = np.cumsum(samples, axis=0)
    return np.array([totals[n - 1] / n for n in counts])


# The steepnesses the scene "From linear to ReLU" sweeps through: 0 (the line x / 2), SiLU's 1,
# and on towards ReLU.
SWISH_BETAS = (0.0, 0.5, 1.0, 2.0, 5.0, 20.0)
