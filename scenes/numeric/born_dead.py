"""Narrow deep ReLU networks that are dead before training starts (Lu, Shin, Su and Karniadakis
2019, "Dying ReLU and initialization"): some layer outputs 0 for every input, so the network is
a constant function and no gradient reaches the layers below it.

Networks here: inputs in R^2, `depth` hidden ReLU layers of `width` units, He's weights
N(0, 2/n_in), biases 0 (the usual practice). A network is dead on a data set when its last
hidden layer is 0 at every point of the set.

A closed form for one input x != 0: given a non-zero a_{k-1}, each unit's z = w . a_{k-1} is
symmetric about 0 and independent of the other units' (their weights are), so the whole layer
is 0 with probability 2^-width, and once a layer is 0 every later one is too (no biases):
P(dead at x) = 1 - (1 - 2^-width)^depth. Dead on a whole data set needs dead at each point, so
that is also an upper bound for the data set.
"""

from __future__ import annotations

import numpy as np

from .over_seeds import SEEDS, band
from .result_cache import cached

WIDTHS = (2, 3, 4, 6, 8)
DEPTHS = (5, 10, 20, 50)
N_INPUTS = 2
N_POINTS = 200  # the data set: points drawn from N(0, I) in R^2, the same for every network
NETWORKS_PER_SEED = 200


def dead_at_one_input(width: int, depth: int) -> float:
    """The closed form of the module docstring."""
    return 1.0 - (1.0 - 2.0**-width) ** depth


def dead_by_depth(rng, width: int, max_depth: int, points: np.ndarray, n_networks: int):
    """(dead on the set, dead at the set's first point), each n_networks x max_depth booleans:
    the first `d` layers of a network of max_depth layers are a network of depth d."""
    a = np.broadcast_to(points, (n_networks, *points.shape))
    n_in = points.shape[1]
    dead_set = np.zeros((n_networks, max_depth), dtype=bool)
    dead_one = np.zeros((n_networks, max_depth), dtype=bool)
    for k in range(max_depth):
        W = rng.standard_normal((n_networks, n_in, width)) * np.sqrt(2.0 / n_in)
        a = np.maximum(a @ W, 0.0)  # one matrix product per network
        n_in = width
        dead_set[:, k] = ~np.any(a > 0, axis=(1, 2))
        dead_one[:, k] = ~np.any(a[:, 0, :] > 0, axis=1)
    return dead_set, dead_one


def compute() -> dict:
    points = np.random.default_rng(12345).standard_normal((N_POINTS, N_INPUTS))
    out = {}
    for width in WIDTHS:
        on_set, at_one = [], []
        for seed in SEEDS:
            rng = np.random.default_rng([seed, width])
            dead_set, dead_one = dead_by_depth(rng, width, max(DEPTHS), points, NETWORKS_PER_SEED)
            cols = [d - 1 for d in DEPTHS]
            on_set.append(dead_set[:, cols].mean(axis=0))
            at_one.append(dead_one[:, cols].mean(axis=0))
        out[str(width)] = {
            "depths": list(DEPTHS),
            "dead_on_set": band(on_set),
            "dead_at_one_input": band(at_one),
            # All seeds' networks together, for the check against the closed form.
            "dead_at_one_input_pooled": np.mean(at_one, axis=0).tolist(),
            "dead_on_set_pooled": np.mean(on_set, axis=0).tolist(),
            "closed_form": [dead_at_one_input(width, d) for d in DEPTHS],
            "networks": NETWORKS_PER_SEED * len(SEEDS),
        }
    return out


def results() -> dict:
    return cached("born-dead", compute)
