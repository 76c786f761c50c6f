"""Small rectifier networks trained for real: ReLU, leaky ReLU and PReLU on the two moons.

    x -> z_1 = W_1 x + b_1 -> a_1 = f(z_1) -> z_2 = W_2 a_1 + b_2 -> a_2 = f(z_2)
      -> z_3 = w_3 . a_2 + b_3 -> p = sigma(z_3)

trained by plain SGD (mini-batches of BATCH) on the mean binary cross-entropy. The three kinds of
unit differ in f alone: ReLU max(0, z); leaky ReLU, slope LEAKY_SLOPE below 0; PReLU, a slope
a_j per unit that training learns, starting at PRELU_INIT with no weight decay on it, as He et al.
(2015) do. A seed fixes the initial weights (He's: normal with variance 2 / fan-in, biases 0) and
the order of the mini-batches, and the three kinds share it: runs of one seed differ in the
activation alone. Runs of many seeds go at once (a leading seed axis on every array).

A unit is *dead* when the gradient of the loss with respect to its weights and bias is zero on
every training example: for a ReLU unit that is a pre-activation z <= 0 on every example (ReLU's
derivative at 0 is 0, as in PyTorch, TensorFlow and JAX), or no gradient arriving from above.
No manim or matplotlib here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from .activations import LEAKY_SLOPE, PRELU_INIT
from .training import make_dataset

KINDS = ("relu", "leaky_relu", "prelu")
HIDDEN = (32, 32)  # two hidden layers
BATCH = 10
EPOCHS = 100
DATA = dict(n_per_class=100, noise=0.1, seed=0)


def dataset() -> tuple[np.ndarray, np.ndarray]:
    return make_dataset(**DATA)


# ---------------------------------------------------------------- the network, many seeds at once


@dataclass
class Nets:
    """Parameters of S networks: W[l] (S, out, in), b[l] (S, out), slopes[l] (S, out)."""

    kind: str
    W: list[np.ndarray]
    b: list[np.ndarray]
    slopes: list[np.ndarray]  # the negative-side slope of each hidden unit (0 for ReLU)

    def copy(self) -> Nets:
        return Nets(
            self.kind,
            [w.copy() for w in self.W],
            [v.copy() for v in self.b],
            [a.copy() for a in self.slopes],
        )


def initial_slope(kind: str) -> float:
    return {"relu": 0.0, "leaky_relu": LEAKY_SLOPE, "prelu": PRELU_INIT}[kind]


def init(kind: str, seeds, sizes=(2, *HIDDEN, 1)) -> Nets:
    """He initialisation, one generator per seed (so a seed's network does not depend on the
    other seeds run beside it)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    rngs = [np.random.default_rng(s) for s in seeds]
    W, b = [], []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        W.append(np.stack([r.normal(0, np.sqrt(2 / fan_in), (fan_out, fan_in)) for r in rngs]))
        b.append(np.zeros((len(rngs), fan_out)))
    slopes = [np.full((len(rngs), n), initial_slope(kind)) for n in sizes[1:-1]]
    return Nets(kind, W, b, slopes)


def forward(nets: Nets, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(zs, activations) for inputs X of shape (S, n, 2) or (n, 2); zs[-1] is the output logit."""
    a = X if X.ndim == 3 else np.broadcast_to(X, (len(nets.W[0]), *X.shape))
    zs, acts = [], [a]
    for layer, (W, b) in enumerate(zip(nets.W, nets.b)):
        z = np.einsum("snk,sjk->snj", a, W) + b[:, None, :]
        zs.append(z)
        if layer < len(nets.slopes):
            a = np.where(z > 0, z, nets.slopes[layer][:, None, :] * z)
            acts.append(a)
    return zs, acts


def backward(nets: Nets, zs, acts, y: np.ndarray):
    """Per-example deltas dL/dz of every layer (each example's own loss), and the gradients of the
    mean loss for W, b and the slopes."""
    p = 1.0 / (1.0 + np.exp(-zs[-1][..., 0]))
    delta = (p - y)[..., None]  # (S, n, 1): dL/dz of the output, per example
    n = delta.shape[1]
    deltas = [delta]
    gW, gb, ga = [None] * len(nets.W), [None] * len(nets.W), [None] * len(nets.slopes)
    for layer in range(len(nets.W) - 1, -1, -1):
        gW[layer] = np.einsum("snj,snk->sjk", delta, acts[layer]) / n
        gb[layer] = delta.sum(axis=1) / n
        if layer == 0:
            break
        upstream = np.einsum("snj,sjk->snk", delta, nets.W[layer])  # dL/da of the layer below
        z = zs[layer - 1]
        ga[layer - 1] = np.sum(upstream * np.minimum(z, 0.0), axis=1) / n
        delta = upstream * np.where(z > 0, 1.0, nets.slopes[layer - 1][:, None, :])
        deltas.insert(0, delta)
    return deltas, gW, gb, ga


def bce(nets: Nets, X, y) -> np.ndarray:
    """The mean binary cross-entropy of every network, from the logits (stable)."""
    z = forward(nets, X)[0][-1][..., 0]
    return np.mean(np.logaddexp(0.0, z) - y * z, axis=1)


def accuracy(nets: Nets, X, y) -> np.ndarray:
    z = forward(nets, X)[0][-1][..., 0]
    return np.mean((z > 0) == (y > 0.5), axis=1)


def batch_order(seed: int, n: int, epochs: int = EPOCHS) -> np.ndarray:
    """The examples of every step, BATCH at a time, a fresh shuffle each epoch: (steps, BATCH)."""
    rng = np.random.default_rng(10_000 + seed)
    return np.concatenate([rng.permutation(n) for _ in range(epochs)]).reshape(-1, BATCH)


def train(
    kind: str,
    lr: float,
    seeds,
    epochs: int = EPOCHS,
    record_every: int = 0,
    hidden=HIDDEN,
    record_at: frozenset[int] = frozenset(),
):
    """Train one network per seed; returns (nets, history) where history lists, every
    `record_every` steps (and at the start) or after each step number in `record_at` (0: the
    start), the (dead, silent) unit masks of every network, each of shape (S, hidden units)."""

    def due(step: int) -> bool:
        return bool(record_every and step % record_every == 0) or step in record_at

    X, y = dataset()
    seeds = tuple(seeds)
    nets = init(kind, seeds, (2, *hidden, 1))
    orders = np.stack([batch_order(s, len(X), epochs) for s in seeds])  # (S, steps, BATCH)
    history = [(dead(nets, X, y), silent(nets, X))] if due(0) else []
    for step in range(orders.shape[1]):
        idx = orders[:, step]
        Xb, yb = X[idx], y[idx]
        zs, acts = forward(nets, Xb)
        _, gW, gb, ga = backward(nets, zs, acts, yb)
        for layer in range(len(nets.W)):
            nets.W[layer] -= lr * gW[layer]
            nets.b[layer] -= lr * gb[layer]
        if kind == "prelu":
            for layer in range(len(nets.slopes)):
                nets.slopes[layer] -= lr * ga[layer]
        if due(step + 1):
            history.append((dead(nets, X, y), silent(nets, X)))
    return nets, history


# ---------------------------------------------------------------- dead and silent units


def unit_gradients(nets: Nets, X, y) -> list[np.ndarray]:
    """Per example and per hidden unit, dL/dz (= dL/db, and dL/dW_j = dL/dz_j times the unit's
    inputs): shape (S, n, units) for every hidden layer."""
    zs, acts = forward(nets, X)
    deltas = backward(nets, zs, acts, np.broadcast_to(y, zs[-1].shape[:2]))[0]
    return deltas[:-1]


def dead(nets: Nets, X, y) -> np.ndarray:
    """(S, hidden units) True where a unit's gradient is zero on every training example."""
    return np.concatenate([np.all(d == 0.0, axis=1) for d in unit_gradients(nets, X, y)], axis=1)


def silent(nets: Nets, X) -> np.ndarray:
    """(S, hidden units) True where a unit's pre-activation is negative or 0 on every example:
    dead if it is a ReLU; a leaky or PReLU unit there still gets a gradient (its slope times the
    one from above) and can come back."""
    zs = forward(nets, X)[0][:-1]
    return np.concatenate([np.all(z <= 0.0, axis=1) for z in zs], axis=1)


def dead_fraction(nets: Nets, X, y) -> np.ndarray:
    return dead(nets, X, y).mean(axis=1)


def silent_fraction(nets: Nets, X) -> np.ndarray:
    return silent(nets, X).mean(axis=1)


# ---------------------------------------------------------------- the sweep (stored in JSON)

LEARNING_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 1.5, 2.0, 3.0)
SEEDS = tuple(range(10))
SWEEP_FILE = Path(__file__).with_name("dying_sweep.json")


def run_config(kind: str, lr: float, seeds=SEEDS) -> list[dict]:
    """One row per seed: what the runs of one kind at one learning rate end with."""
    X, y = dataset()
    with np.errstate(all="ignore"):  # a diverging run overflows; it is recorded as diverged
        start = init(kind, seeds)
        dead0 = dead_fraction(start, X, y)
        nets, _ = train(kind, lr, seeds)
        loss = bce(nets, X, y)
        diverged = ~np.isfinite(loss) | ~np.all(
            [np.isfinite(w).all(axis=(1, 2)) for w in nets.W], axis=0
        )
        rows = []
        for i, seed in enumerate(seeds):
            row = {
                "kind": kind,
                "lr": lr,
                "seed": seed,
                "diverged": bool(diverged[i]),
                "dead_at_start": float(dead0[i]),
                "dead": float(dead_fraction(nets, X, y)[i]),
                "silent": float(silent_fraction(nets, X)[i]),
                "accuracy": float(accuracy(nets, X, y)[i]),
                "loss": float(loss[i]) if np.isfinite(loss[i]) else None,
            }
            if kind == "prelu":
                row["slopes"] = [float(np.median(a[i])) for a in nets.slopes]
            if row["diverged"]:  # no unit of a run that blew up is dead or alive: leave them out
                row.update(dead=None, silent=None)
                if kind == "prelu":
                    row["slopes"] = None
            rows.append(row)
    return rows


def compute_sweep() -> list[dict]:
    return [row for lr in LEARNING_RATES for kind in KINDS for row in run_config(kind, lr)]


def stored_sweep() -> list[dict]:
    """The sweep as committed (python -m numeric.rectifiers rewrites it; a test reruns a part)."""
    return json.loads(SWEEP_FILE.read_text())["rows"]


def rows_of(kind: str, lr: float) -> list[dict]:
    return [r for r in stored_sweep() if r["kind"] == kind and r["lr"] == lr]


def summary(kind: str, lr: float, field: str = "dead") -> tuple[float, float, float, int]:
    """(median, min, max, runs) of a field over the seeds that did not diverge (nan if none)."""
    vals = [r[field] for r in rows_of(kind, lr) if not r["diverged"]]
    if not vals:
        return (float("nan"),) * 3 + (0,)
    return float(np.median(vals)), float(min(vals)), float(max(vals)), len(vals)


def paired(lr: float, first=("leaky_relu", "silent"), second=("relu", "dead")) -> np.ndarray:
    """(first, second) per seed at `lr`, e.g. a leaky network's share of sleeping units beside
    its ReLU twin's share of dead ones, over the seeds where neither run diverged: (pairs, 2).
    Runs of one seed share their start and mini-batches, so a pair differs in the activation."""
    rows = [{r["seed"]: r for r in rows_of(kind, lr)} for kind, _ in (first, second)]
    return np.array(
        [
            (rows[0][s][first[1]], rows[1][s][second[1]])
            for s in SEEDS
            if not rows[0][s]["diverged"] and not rows[1][s]["diverged"]
        ]
    )


if __name__ == "__main__":
    SWEEP_FILE.write_text(
        json.dumps(
            {
                "about": "numeric/rectifiers.py: compute_sweep() (python -m numeric.rectifiers)",
                "rows": compute_sweep(),
            },
            indent=1,
        )
        + "\n"
    )


def learned_slopes(lr: float) -> list[float]:
    """PReLU's learned slope per hidden layer: the median over the runs (at `lr`, none diverged)
    of each run's median over the layer's units."""
    rows = [r for r in rows_of("prelu", lr) if not r["diverged"]]
    return [float(np.median([r["slopes"][k] for r in rows])) for k in range(len(HIDDEN))]


SLOPE_MOVED = 0.1  # a learned slope this far from where it started has moved


@cache
def unit_slopes(lr: float, seeds=SEEDS) -> list[np.ndarray]:
    """PReLU's learned slope of every unit, per hidden layer (runs, units): the runs at `lr`
    trained again, since the sweep stores only each run's median."""
    nets, _ = train("prelu", lr, seeds)
    return nets.slopes


def slope_spread(lr: float) -> list[dict[str, float]]:
    """Per hidden layer, how far the units' slopes spread over all the runs at `lr`: the lowest,
    the highest, the share that moved more than SLOPE_MOVED from PRELU_INIT, the share below 0."""
    return [
        {
            "min": float(a.min()),
            "max": float(a.max()),
            "moved": float(np.mean(np.abs(a - PRELU_INIT) > SLOPE_MOVED)),
            "negative": float(np.mean(a < 0)),
        }
        for a in unit_slopes(lr)
    ]


def zero_outputs(kind: str = "relu", lr: float = 0.1, seeds=SEEDS) -> tuple[float, float]:
    """Sparsity: the share of hidden outputs exactly 0 on a training example, at the start and
    after training (medians over the seeds)."""
    X, y = dataset()

    def share(nets: Nets) -> np.ndarray:
        acts = forward(nets, X)[1][1:]
        return np.concatenate([a == 0 for a in acts], axis=2).mean(axis=(1, 2))

    start = share(init(kind, seeds))
    end = share(train(kind, lr, seeds)[0])
    return float(np.median(start)), float(np.median(end))


# ---------------------------------------------------------------- one run, unit by unit

SHOWN_LR = 2.0  # the too-large learning rate the Dying ReLU animation trains at


def representative_seed(lr: float = SHOWN_LR) -> int:
    """The seed whose ReLU run ends with the dead fraction nearest the median over seeds (the
    first on a tie) among those whose leaky run did not blow up: a typical run, not a chosen one."""
    median = summary("relu", lr)[0]
    calm = {r["seed"] for r in rows_of("leaky_relu", lr) if not r["diverged"]}
    runs = [r for r in rows_of("relu", lr) if r["seed"] in calm]
    return min(runs, key=lambda r: (abs(r["dead"] - median), r["seed"]))["seed"]


def timeline(kind: str, lr: float = SHOWN_LR, seed: int | None = None, at=None):
    """(steps, dead, silent) after every SGD step of one run, or only after the steps `at` (0:
    before training; the masks cost a pass over the whole data set each, training steps a
    mini-batch): steps (T,), masks (T, units). Each run is trained once per process (read-only
    arrays): the page's claims, the scene and the tests all ask for the same two runs."""
    seed = representative_seed(lr) if seed is None else seed
    return _recorded(kind, lr, seed, None if at is None else tuple(sorted(set(at))))


@cache
def _recorded(kind: str, lr: float, seed: int, steps: tuple[int, ...] | None):
    with np.errstate(all="ignore"):
        if steps is None:
            _, history = train(kind, lr, (seed,), record_every=1)
        else:
            _, history = train(kind, lr, (seed,), record_at=frozenset(steps))
    dead_masks = np.array([d[0] for d, _ in history])
    silent_masks = np.array([s[0] for _, s in history])
    recorded = (
        np.arange(len(history)) if steps is None else np.array(steps),
        dead_masks,
        silent_masks,
    )
    for array in recorded:
        array.setflags(write=False)
    return recorded


def comebacks(
    kind: str = "relu", lr: float = SHOWN_LR, seed: int | None = None, until=None, which="dead"
):
    """What the set of dead units of one run does over its steps (all of them, or the first
    `until`), from the run recorded after every step: (units of each hidden layer that died and
    came back at least once, the last step at which a unit came back, the first step from which
    the dead units are the same to the end). A unit can come back when the layer below it
    changes its inputs, or, if it was dead only because the units above it passed it no
    gradient, when one of those comes back. which="silent": the same for sleeping units
    (negative on every example), those a leak keeps from dying."""
    _, dead, silent = timeline(kind, lr, seed)
    dead = {"dead": dead, "silent": silent}[which]
    dead = dead if until is None else dead[: until + 1]
    back = dead[:-1] & ~dead[1:]  # back[t, i]: unit i dead after step t, alive after step t + 1
    per_layer = tuple(
        int(part.any(axis=0).sum()) for part in np.split(back, np.cumsum(HIDDEN)[:-1], axis=1)
    )
    last_back = int(np.flatnonzero(back.any(axis=1)).max()) + 1 if back.any() else 0
    changed = (dead[1:] != dead[:-1]).any(axis=1)
    settled = int(np.flatnonzero(changed).max()) + 1 if changed.any() else 0
    return per_layer, last_back, settled
