"""Chapter 3's numbers, as the numeric core computes them (tests/test_article.py reads values()
and accepts a decimal on a chapter 3 page only if it equals one of these at its precision)."""

from __future__ import annotations

from functools import cache

import numpy as np

from numeric import activations as act
from numeric import smooth, softmax


@cache
def _values() -> tuple[tuple[str, float], ...]:
    phi1, phi2 = float(act.std_normal_cdf(-1.0)), float(act.std_normal_cdf(-2.0))
    half_e = float(np.exp(0.5))
    v = {
        # ELU against ReLU
        "relu.mean": smooth.relu_mean_normal(),
        "elu.mean": smooth.elu_mean_normal(),
        "Phi(-1)": phi1,
        "e^(1/2)": half_e,
        "elu.left": half_e * phi1 - 0.5,
        "0.5": 0.5,
        # SELU
        "selu.lambda": act.SELU_LAMBDA,
        "selu.alpha": act.SELU_ALPHA,
        "selu.slope.left": act.SELU_LAMBDA * act.SELU_ALPHA,  # its corner at 0
        "selu.alpha.denominator": 0.5 - half_e * phi1,
        "selu.S": float(np.exp(2.0)) * phi2 - 2 * half_e * phi1 + 0.5,
        "selu.contraction": smooth.selu_contraction(),
    }
    orbit = smooth.selu_orbit(*ORBIT_START, steps=2)
    for k in (1, 2):
        v[f"selu.orbit{k}.mean"], v[f"selu.orbit{k}.var"] = orbit[k]
    spreads_selu = smooth.deep_spreads("selu")[:, -1]
    spreads_relu = smooth.deep_spreads("relu")[:, -1]
    v.update(
        {
            "deep.selu.median": float(np.median(spreads_selu)),
            "deep.selu.low": float(spreads_selu.min()),
            "deep.selu.high": float(spreads_selu.max()),
            "deep.selu.mean_bound": float(np.abs(smooth.deep_means("selu")).max()),
            "deep.relu.median": float(np.median(spreads_relu)),
            "deep.relu.low": float(spreads_relu.min()),
            "deep.relu.high": float(spreads_relu.max()),
        }
    )
    # GELU
    tanh_err, sigmoid_err = smooth.gelu_tanh_error(), smooth.gelu_sigmoid_error()
    v.update(
        {
            "gelu.min.x": smooth.gelu_minimum().x,
            "gelu.min.value": smooth.gelu_minimum().value,
            "gelu.steepest": float(act.gelu_prime(np.sqrt(2.0))),
            "gelu.flattest": float(act.gelu_prime(-np.sqrt(2.0))),
            "gelu'(0)": float(act.gelu_prime(0.0)),
            "gelu.tanh.coeff": act.GELU_TANH_COEFF,
            "gelu.sigmoid.scale": act.GELU_SIGMOID_SCALE,
            "gelu.tanh.error": abs(tanh_err.error),
            "gelu.tanh.where": abs(tanh_err.x),
            "gelu.sigmoid.error": abs(sigmoid_err.error),
            "gelu.sigmoid.where": abs(sigmoid_err.x),
            "gelu.sigmoid.where.left": -abs(sigmoid_err.x),  # the error is even in x
        }
    )
    # SiLU, Swish, Mish
    v.update(
        {
            "silu.min.x": smooth.silu_minimum().x,
            "silu.min.value": smooth.silu_minimum().value,
            "swish.gap@10": smooth.swish_distance_to_relu_exact(SWISH_BETA),
            "mish.min.x": smooth.mish_minimum().x,
            "mish.min.value": smooth.mish_minimum().value,
            "mish'(0)": smooth.mish_slope_at_zero(),
            "tanh(ln 2).numerator": 2 - 0.5,
            "tanh(ln 2).denominator": 2 + 0.5,
        }
    )
    # Hard variants
    hs = smooth.hard_swish_minimum()
    v.update(
        {
            "keras2.slope": act.KERAS2_HARD_SIGMOID_SLOPE,
            "keras2.edge": act.KERAS2_HARD_SIGMOID_EDGE,
            "keras2.edge.left": -act.KERAS2_HARD_SIGMOID_EDGE,
            "keras2(2)": act.hard_sigmoid_keras2(2.0),
            "hard_swish.min.x": hs.x,
            "hard_swish.min.value": hs.value,
        }
    )
    # Softmax
    p = softmax.softmax(softmax.EXAMPLE_LOGITS)
    grad = softmax.cross_entropy_gradient(softmax.EXAMPLE_LOGITS, softmax.EXAMPLE_TARGET)
    jac = softmax.softmax_jacobian(softmax.EXAMPLE_LOGITS)
    for i in range(3):
        v[f"softmax.p{i + 1}"] = p[i]
        v[f"softmax.grad{i + 1}"] = grad[i]
    v["softmax.1-p1"] = 1 - p[0]
    v["softmax.J11"] = jac[0, 0]
    v["exp.safe.float32"] = softmax.largest_safe_exp_input(np.float32)
    v["exp.safe.float64"] = softmax.largest_safe_exp_input(np.float64)
    return tuple(v.items())


# The chapter whose pages state these values (test_article.chapter_values).
PAGES = "chapters/smooth"


def values() -> dict[str, float]:
    """Computed once per test session (the deep networks take a few seconds)."""
    return dict(_values())


ORBIT_START = (1.0, 3.0)  # the page's example: inputs of mean 1 and variance 3
SWISH_BETA = 10.0
