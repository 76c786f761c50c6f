"""Softmax at the output: the function, its Jacobian, the shift that keeps exp from overflowing,
and cross-entropy's gradient through it."""

from __future__ import annotations

import numpy as np


def softmax(z, axis: int = -1):
    """p_i = e^(z_i) / sum_j e^(z_j), computed as e^(z_i - max z) / sum_j e^(z_j - max z): the same
    value (the factor e^(-max z) cancels) with every exponent <= 0, so exp never overflows."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def softmax_naive(z, dtype=np.float64):
    """The textbook formula without the shift, in a given precision: it overflows for large z."""
    z = np.asarray(z, dtype=dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(z)
        return e / np.sum(e)


def softmax_jacobian(z) -> np.ndarray:
    """d p_i / d z_j = p_i (delta_ij - p_j), that is diag(p) - p p^T."""
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


def largest_safe_exp_input(dtype) -> float:
    """The largest x whose e^x is finite in this floating-point type: ln of the largest finite
    number (np.finfo), rounded down to the type."""
    info = np.finfo(dtype)
    x = dtype(np.log(np.float64(info.max)))
    # ln(max) may round up past the true value; step down until exp stays finite.
    with np.errstate(over="ignore"):
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, dtype(0))
    return float(x)


def cross_entropy(z, y) -> float:
    """L = -sum_i y_i ln p_i for a one-hot (or any probability) target y, with log-sum-exp."""
    z = np.asarray(z, dtype=float)
    m = np.max(z)
    log_p = z - m - np.log(np.sum(np.exp(z - m)))
    return float(-np.sum(np.asarray(y, dtype=float) * log_p))


def cross_entropy_gradient(z, y) -> np.ndarray:
    """dL/dz = p - y (for targets summing to 1): the Jacobian's two terms collapse."""
    return softmax(z) - np.asarray(y, dtype=float)


EXAMPLE_LOGITS = (2.0, 1.0, 0.0)  # the page's worked example: three classes' scores
EXAMPLE_TARGET = (1.0, 0.0, 0.0)  # and the first class the right one
