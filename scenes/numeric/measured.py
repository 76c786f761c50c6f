"""Chapter 4's experiments on deep networks at initialisation, each run over SEEDS and kept by
content (result_cache): the forward statistics of CS231n's lecture and the backward ones of
Glorot and Bengio 2010. The learning speed per layer (Nielsen) is in layer_speed.py, the gains
in gains.py, the born-dead networks in born_dead.py; `all_results()` runs every one.

Every curve is summarised over the seeds (over_seeds.py) as a median and a band.
"""

from __future__ import annotations

import numpy as np

from . import born_dead, gains, layer_speed
from .deep import SATURATED, propagate
from .over_seeds import SEEDS, band
from .result_cache import cached

# ---------------------------------------------------------------- (1) CS231n's forward statistics

# The lecture's network: 1000 examples of 500 N(0, 1) inputs, ten layers of 500 units, no biases.
CS231N = dict(depth=10, width=500, n_examples=1000)
# (activation, initialisation): 0.01 N(0, 1), N(0, 1), N(0, 1) / sqrt(n) (the lecture's
# "Xavier", LeCun's variance 1/n), then ReLU with that and with He's 2/n.
FORWARD_RUNS = (
    ("tanh", "small"),
    ("tanh", "unit"),
    ("tanh", "lecun"),
    ("relu", "lecun"),
    ("relu", "he"),
)
# What the lecture printed for its one run (CS231n 2017, lecture 6, "Training Neural Networks I",
# slides 40-52: https://cs231n.stanford.edu/slides/2017/cs231n_2017_lecture6.pdf), by run and
# layer (0 is the input): the standard deviation of a_k, to six decimals. For N(0, 1) and
# N(0, 1) / sqrt(n), and ReLU with the latter, the slides show histograms only.
CS231N_PRINTED_STD = {
    "tanh-small": {0: 0.998388, 1: 0.213081, 2: 0.047551, 10: 0.0},
    "relu-he": {0: 0.999444, 1: 0.825232, 10: 0.844523},
}
HISTOGRAM_BINS = {"tanh": np.linspace(-1.0, 1.0, 41), "relu": np.linspace(0.0, 3.0, 31)}


def run_name(activation: str, init: str) -> str:
    return f"{activation}-{init}"


def _forward() -> dict:
    out = {}
    for activation, init in FORWARD_RUNS:
        stds, means, saturated, histograms = [], [], [], []
        for seed in SEEDS:
            s = propagate(
                activation, init, seed=seed, backward=False, keep_activations=seed == 0, **CS231N
            )
            stds.append(s.a_std)
            means.append(s.a_mean)
            saturated.append(s.saturated)
            if seed == 0:
                edges = HISTOGRAM_BINS[activation]
                for a in s.activations:
                    # Share of all values per bin; values past the last edge go in the last bin.
                    counts = np.histogram(np.clip(a, edges[0], edges[-1]), bins=edges)[0]
                    histograms.append((counts / a.size).tolist())
        out[run_name(activation, init)] = {
            "a_std": band(stds),
            "a_mean": band(means),
            "saturated": band(saturated),
            "histograms": histograms,
            "edges": HISTOGRAM_BINS[activation].tolist(),
        }
    return out


def forward() -> dict:
    return cached("cs231n-forward", _forward)


# ---------------------------------------------------------------- (2) backward at initialisation

BACKWARD = dict(depth=10, width=256, n_examples=128)
BACKWARD_ACTIVATIONS = ("sigmoid", "tanh", "relu", "selu", "gelu")
BACKWARD_INITS = ("standard", "xavier", "he")
# Glorot and Bengio measured the Jacobian's singular values for tanh: at these many examples.
JACOBIAN_EXAMPLES = 1


def _backward() -> dict:
    out = {}
    for activation in BACKWARD_ACTIVATIONS:
        for init in BACKWARD_INITS:
            jac = JACOBIAN_EXAMPLES if activation == "tanh" and init != "he" else 0
            runs = [
                propagate(activation, init, seed=seed, jacobian_examples=jac, **BACKWARD)
                for seed in SEEDS
            ]
            # The gradient reaching layer 1 against the one at the top layer: < 1 is vanishing.
            # Layer 1's against layer 10's: below 1 the gradient shrinks on its way back. The
            # back-propagated delta = dL/dz and the weights' gradient dL/dW = a_{k-1}^T delta
            # can tell different stories (Glorot and Bengio, section 4.2.2).
            entry = {
                "grad_w_norm": band([r.grad_w_norm for r in runs]),
                "delta_std": band([r.delta_std for r in runs]),
                "grad_w_first_over_last": band(
                    [r.grad_w_norm[0] / r.grad_w_norm[-1] for r in runs]
                ),
                "delta_first_over_last": band([r.delta_std[0] / r.delta_std[-1] for r in runs]),
                "z_std": band([r.z_std for r in runs]),
            }
            if jac:
                entry["jacobian_sv"] = band([r.jacobian_sv for r in runs])
                entry["jacobian_sv_mean"] = band([np.mean(r.jacobian_sv) for r in runs])
            out[run_name(activation, init)] = entry
    return out


def backward() -> dict:
    return cached("glorot-backward", _backward)


# Can large enough weights make up for the sigmoid's sigma'(z) <= 0.25? The backward setup with
# W ~ N(0, gain^2 / n) (LeCun's draw times a gain), gains from 1 up; He's is sqrt(2).
SIGMOID_GAINS = tuple(range(1, 17))


def sigmoid_saturated(a: np.ndarray) -> float:
    """The fraction of sigmoid outputs within 1 - SATURATED of 0 or 1 (sigma' < 0.01 there),
    the sigmoid's form of CS231n's tanh count |a| > SATURATED."""
    return float(np.mean(np.minimum(a, 1.0 - a) < 1.0 - SATURATED))


def _sigmoid_large_weights() -> dict:
    out = {"gains": list(SIGMOID_GAINS), "delta_first_over_last": [], "saturated": []}
    for gain in SIGMOID_GAINS:
        runs = [
            propagate("sigmoid", "lecun", seed=seed, gain=gain, keep_activations=True, **BACKWARD)
            for seed in SEEDS
        ]
        out["delta_first_over_last"].append(band([r.delta_std[0] / r.delta_std[-1] for r in runs]))
        # Over every layer's outputs: how much of the network sits where sigma' is tiny.
        out["saturated"].append(
            band([np.mean([sigmoid_saturated(a) for a in r.activations]) for r in runs])
        )
    return out


def sigmoid_large_weights() -> dict:
    return cached("sigmoid-large-weights", _sigmoid_large_weights)


def sigmoid_gain_that_keeps_the_gradient() -> dict:
    """The smallest gain of SIGMOID_GAINS at which delta_1 is at least delta_10 in every seed,
    with its ratio and saturated fraction (median and band)."""
    r = sigmoid_large_weights()
    for i, gain in enumerate(r["gains"]):
        if r["delta_first_over_last"][i]["low"] >= 1.0:
            return {
                "gain": gain,
                "over_he": gain / np.sqrt(2.0),
                "delta_first_over_last": r["delta_first_over_last"][i],
                "saturated": r["saturated"][i],
            }
    raise ValueError(f"no gain in {r['gains']} keeps the sigmoid's gradient: widen SIGMOID_GAINS")


def quarter_circle_mean(scale: float) -> float:
    """The mean singular value of a large square matrix of independent entries with variance
    scale^2 / n: scale * 8 / (3 pi) (the quarter-circle law). Glorot and Bengio's tanh layers
    work near z = 0, where tanh' is close to 1: their Jacobians are nearly such matrices."""
    return scale * 8.0 / (3.0 * np.pi)


# What Glorot and Bengio report for the average singular value of the layer Jacobian (section
# 4.2.2): "about 0.8" with their normalized initialization, 0.5 with the standard one.
GLOROT_JACOBIAN = {"standard": 0.5, "xavier": 0.8}

# The two initialisations' scale sqrt(n Var(w)): U[-1/sqrt(n), 1/sqrt(n)] has variance 1/(3n);
# Glorot's normalized one 2 / (n_in + n_out) = 1/n for square layers.
INIT_SCALE = {"standard": 1.0 / np.sqrt(3.0), "xavier": 1.0}


# ---------------------------------------------------------------- everything, for the budget


def all_results() -> dict:
    """Every experiment of the chapter, by name (from the cache when the code is unchanged)."""
    return {
        "forward": forward(),
        "backward": backward(),
        "layer_speed": layer_speed.results(),
        "gains": gains_results(),
        "born_dead": born_dead.results(),
        "sigmoid_large_weights": sigmoid_large_weights(),
    }


def gains_results() -> dict:
    return cached("gains", lambda: {"table": gains.table(), "tanh": gains.tanh_story()})


EXPERIMENTS = {
    "cs231n-forward": _forward,
    "glorot-backward": _backward,
    "nielsen-layer-speed": lambda: layer_speed.compute(),
    "gains": lambda: {"table": gains.table(), "tanh": gains.tanh_story()},
    "born-dead": lambda: born_dead.compute(),
    "sigmoid-large-weights": _sigmoid_large_weights,
}
