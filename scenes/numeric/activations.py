"""Activation functions and their derivatives, in closed form."""

from __future__ import annotations

import numpy as np


def sigmoid(x):
    """The logistic function 1 / (1 + e^-x), stable for large |x|."""
    x = np.asarray(x, dtype=float)
    # exp of a non-positive number never overflows.
    e = np.exp(-np.abs(x))
    out = np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return out if out.ndim else float(out)


def sigmoid_prime(x):
    """d sigma / dx = sigma(x) (1 - sigma(x)).

    Computed as e / (1 + e)^2 with e = e^-|x| (the same value, since sigma' is even): exactly
    symmetric, and without the cancellation in 1 - sigma(x) when sigma(x) is close to 1.
    """
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    out = e / ((1.0 + e) * (1.0 + e))
    return out if out.ndim else float(out)


def tanh(x):
    out = np.tanh(np.asarray(x, dtype=float))
    return out if out.ndim else float(out)


def tanh_prime(x):
    """d tanh / dx = 1 - tanh(x)^2."""
    t = tanh(x)
    return 1.0 - t * t


def logit(p):
    """The inverse of the sigmoid."""
    p = np.asarray(p, dtype=float)
    out = np.log(p / (1.0 - p))
    return out if out.ndim else float(out)


# sigma'(x) = s (1 - s) is largest where s = 1/2, that is at x = 0.
SIGMOID_PRIME_ARGMAX = 0.0
SIGMOID_PRIME_PEAK = sigmoid_prime(SIGMOID_PRIME_ARGMAX)  # 0.25

# "Significant" gradient: at least this fraction of the peak.
SIGNIFICANT_FRACTION = 0.2


def significant_band(fraction: float = SIGNIFICANT_FRACTION) -> tuple[float, float]:
    """The interval of x where sigma'(x) >= fraction * 0.25, solved in closed form.

    s (1 - s) = c has the root s = (1 - sqrt(1 - 4c)) / 2, so the band's edge is logit(s).
    """
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must lie in (0, 1], got {fraction}")
    c = fraction * SIGMOID_PRIME_PEAK
    s = (1.0 - np.sqrt(1.0 - 4.0 * c)) / 2.0
    edge = -logit(s)
    return (-edge, edge)
