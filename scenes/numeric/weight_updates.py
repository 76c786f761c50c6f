"""Flaw #2 in numbers: a neuron whose inputs are all positive can only update its weights in
two quadrants, so stochastic gradient descent zig-zags towards the minimum.

The neuron has two weights and no bias: y_hat = sigma(w . x). Its teacher is the same neuron with
w* = (2, -2), so the target of input x is y = sigma(w* . x) and the loss of one example is the
article's squared error L = (y_hat - y)^2 / 2. By the chain rule, one example's gradient is

    dL/dw = (y_hat - y) * sigma'(w . x) * x,

a scalar times x. When every component of x is positive (x is a layer of sigmoids' output), that
gradient, and so every update -lr * dL/dw, has components of one sign: it points into the first
or the third quadrant, never towards w* from a start up and to the left of it.

Two problems share everything but the inputs' mean: the same standard-normal draws h give
x = sigma(h) (positive, mean about 1/2) or x = sigma(h) - 1/2 (the same spread, centred on 0).
The same start and order of examples (SGD, batch of one: summed over a batch the signs can
differ) then give two paths. `centring` runs the comparison: each side at its own best step
size, over many seeds.
No manim or matplotlib here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import relu, sigmoid, sigmoid_prime, tanh

TEACHER = np.array([2.0, -2.0])  # w*, the minimum of both losses
START = np.array([-1.0, 1.5])  # w_0, up and to the left of w*: a direction no update can take
LEARNING_RATE = (
    16.0  # the default step: large, because sigma' <= 1/4 and |x| < 1 keep gradients small
)
N_EXAMPLES = 200
INPUT_SEED = 0  # the draws h ~ N(0, 1) behind both sets of inputs
ORDER_SEED = 1  # the order SGD visits the examples in, epoch after epoch
TOLERANCE = 0.1  # converged once |w - w*| < TOLERANCE
MAX_STEPS = 20_000

KINDS = ("positive", "zero_centred")
KIND_NAMES = {
    "positive": "sigmoid inputs (all positive)",
    "zero_centred": "the same inputs minus 1/2 (centred)",
}


# ---------------------------------------------------------------- the neuron and its loss


def predict(w, X):
    """sigma(w . x) for rows of X; w may carry leading axes (a grid of weights)."""
    return (
        sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float))
        if np.ndim(w) == 1
        else sigmoid(np.asarray(w, dtype=float) @ np.asarray(X, dtype=float).T)
    )


def targets(X) -> np.ndarray:
    """The teacher's outputs sigma(w* . x)."""
    return sigmoid(np.asarray(X, dtype=float) @ TEACHER)


def example_loss(w, x, y) -> float:
    """One example's squared error (sigma(w . x) - y)^2 / 2."""
    p = sigmoid(float(np.dot(w, x)))
    return 0.5 * (p - y) ** 2


def per_example_gradient(w, x, y) -> np.ndarray:
    """dL/dw = (y_hat - y) sigma'(w . x) x for one example (x of shape (2,)) or, row by row,
    for many (x of shape (n, 2), y of shape (n,)) -> shape (n, 2)."""
    w = np.asarray(w, dtype=float)
    x = np.asarray(x, dtype=float)
    z = x @ w
    delta = (sigmoid(z) - np.asarray(y, dtype=float)) * sigmoid_prime(z)
    return delta[..., None] * x if np.ndim(delta) else delta * x


def mean_loss(w, X, Y) -> np.ndarray:
    """The data set's mean loss at w; w may be a grid of shape (..., 2)."""
    w = np.asarray(w, dtype=float)
    P = sigmoid(w @ np.asarray(X, dtype=float).T)  # (..., n)
    return 0.5 * np.mean((P - np.asarray(Y, dtype=float)) ** 2, axis=-1)


def mean_gradient(w, X, Y) -> np.ndarray:
    return per_example_gradient(w, X, Y).mean(axis=0)


def same_sign(v) -> np.ndarray:
    """True where both components of a vector are nonzero and of one sign (quadrants 1 and 3)."""
    v = np.asarray(v, dtype=float)
    return v[..., 0] * v[..., 1] > 0


# ---------------------------------------------------------------- the two problems


@dataclass(frozen=True)
class Problem:
    kind: str  # "positive" or "zero_centred"
    X: np.ndarray  # inputs, shape (n, 2)
    Y: np.ndarray  # the teacher's targets, shape (n,)

    @property
    def name(self) -> str:
        return KIND_NAMES[self.kind]

    def loss(self, w) -> np.ndarray:
        return mean_loss(w, self.X, self.Y)


def draws(n: int = N_EXAMPLES, seed: int = INPUT_SEED) -> np.ndarray:
    return np.random.default_rng(seed).normal(0.0, 1.0, (n, 2))


# The layer that feeds the neuron, and the two shifts of its outputs f(h), h ~ N(0, 1), that make
# them all positive or centred on 0, in closed form: the spread stays, only the mean moves.
#   sigmoid: f(h) > 0 already; E[sigma(h)] = 1/2 (sigma(h) - 1/2 is odd in h).
#   tanh:    f(h) + 1 = 2 sigma(2h) > 0; E[tanh(h)] = 0 (odd).
#   relu:    f(h) >= 0 already; E[max(0, h)] = integral_0^inf h phi(h) dh = 1 / sqrt(2 pi).
SOURCES = {
    "sigmoid": (sigmoid, 0.0, 0.5),
    "tanh": (tanh, 1.0, 0.0),
    "relu": (relu, 0.0, 1.0 / np.sqrt(2.0 * np.pi)),
}


def problem(
    kind: str, n: int = N_EXAMPLES, seed: int = INPUT_SEED, source: str = "sigmoid"
) -> Problem:
    """The inputs a previous layer of `source` units gives, made all positive or centred on 0.

    For sigmoids (chapter 1) the positive inputs are the outputs themselves and the centred ones
    the same minus 1/2; for tanh the centred ones are the outputs and the positive ones the same
    plus 1; for ReLU the positive ones are the outputs and the centred ones the same minus their
    mean. Either way the two kinds differ by a constant shift alone.
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {sorted(SOURCES)}, got {source!r}")
    f, to_positive, mean = SOURCES[source]
    h = draws(n, seed)
    if kind == "positive":
        X = f(h) + to_positive
    elif kind == "zero_centred":
        X = f(h) - mean
    else:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    return Problem(kind, X, targets(X))


def visiting_order(n: int, steps: int, seed: int = ORDER_SEED) -> np.ndarray:
    """Example indices for `steps` SGD steps: a fresh seeded shuffle every epoch."""
    rng = np.random.default_rng(seed)
    epochs = -(-steps // n)
    return np.concatenate([rng.permutation(n) for _ in range(epochs)])[:steps]


# ---------------------------------------------------------------- SGD paths


@dataclass(frozen=True)
class Path:
    kind: str
    weights: np.ndarray  # w_0 .. w_steps, shape (steps + 1, 2)
    updates: np.ndarray  # w_{k+1} - w_k, shape (steps, 2)
    examples: np.ndarray  # which example each step used, shape (steps,)
    converged: bool

    @property
    def steps(self) -> int:
        return len(self.updates)

    @property
    def same_sign_fraction(self) -> float:
        """The fraction of updates whose two components share a sign."""
        return float(np.mean(same_sign(self.updates)))

    @property
    def end(self) -> np.ndarray:
        return self.weights[-1]


def sgd_path(
    prob: Problem,
    start=START,
    lr: float = LEARNING_RATE,
    tol: float = TOLERANCE,
    max_steps: int = MAX_STEPS,
    order_seed: int = ORDER_SEED,
) -> Path:
    """SGD with a batch of one from `start` until |w - w*| < tol (or max_steps)."""
    order = visiting_order(len(prob.X), max_steps, order_seed)
    w = np.array(start, dtype=float)
    weights, updates = [w.copy()], []
    converged = False
    for i in order:
        step = -lr * per_example_gradient(w, prob.X[i], prob.Y[i])
        w = w + step
        weights.append(w.copy())
        updates.append(step)
        if np.linalg.norm(w - TEACHER) < tol:
            converged = True
            break
    return Path(
        prob.kind, np.array(weights), np.array(updates), order[: len(updates)].copy(), converged
    )
