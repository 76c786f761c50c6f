"""Chapter 2's deep network: the same ten layers at initialisation with the sigmoid, tanh and
ReLU, and how much of the gradient arriving at the top reaches each layer, beside the bound of
chapter 1 that the sigmoid's curve must stay under.

The weights are orthogonal (numeric.deep's "orthogonal": every singular value is 1), the matrix
form of chapter 1's premise |w| <= 1. Going back, layer k multiplies the gradient by W_{k+1}^T,
which keeps its length, and by f'(z_k) <= peak, unit by unit, so that

    ||dL/dz_k|| <= peak^(n - k + 1) ||dL/da_n||,

0.25^(n - k + 1) for the sigmoid and 1 for tanh and ReLU, whose slopes peak at 1. With these
weights the activation is the only thing that can shrink the gradient.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from .activations import relu_prime
from .chain import PEAK_SLOPE as CHAIN_PEAK_SLOPE
from .deep import propagate
from .over_seeds import SEEDS, band

SETUP = dict(depth=10, width=64, n_examples=128)
INIT = "orthogonal"
ACTIVATIONS = ("sigmoid", "tanh", "relu")
# The largest slope of each: sigma'(0) = 1/4, tanh'(0) = 1, ReLU'(z) = 1 for every z > 0.
PEAK_SLOPE = {**CHAIN_PEAK_SLOPE, "relu": relu_prime(1.0)}


@cache
def runs(activation: str) -> tuple:
    """The network at initialisation, once per seed."""
    return tuple(propagate(activation, INIT, seed=seed, **SETUP) for seed in SEEDS)


def shares(activation: str) -> dict:
    """||dL/dz_k|| / ||dL/da_n|| for k = 1..n: median, lowest and highest over the seeds."""
    return band([run.delta_share for run in runs(activation)])


def bound(activation: str) -> np.ndarray:
    """The most of the top's gradient that can reach layer k = 1..n: peak^(n - k + 1)."""
    depth = SETUP["depth"]
    return PEAK_SLOPE[activation] ** (depth - np.arange(1, depth + 1) + 1)


def first_layer_share(activation: str) -> float:
    """What reaches layer 1, the median over the seeds."""
    return shares(activation)["median"][0]


def per_layer_factor(activation: str) -> float:
    """The factor one layer multiplies the gradient by, on average (geometric mean over layers)."""
    return first_layer_share(activation) ** (1 / SETUP["depth"])


def below_bound(activation: str = "sigmoid") -> float:
    """How many times smaller than its bound the gradient reaching layer 1 is."""
    return bound(activation)[0] / first_layer_share(activation)


def typical_slope(activation: str) -> float:
    """The root mean square of f'(z_k) over units, examples and layers (median over seeds).

    Orthogonal weights keep the gradient's length, so each layer scales it by about this much:
    for ReLU it is the square root of the share of units that are active."""
    return float(np.median([np.sqrt(np.mean(run.slope_rms**2)) for run in runs(activation)]))
