"""How fast each hidden layer learns, measured as Nielsen measures it (Neural Networks and Deep
Learning, chapter 5): the length of dC/db^l, the gradient of the cost with respect to layer l's
biases, at initialisation and epoch after epoch of training.

His network, changed only where his data cannot come with us: 8x8 digits (scikit-learn ships
them, 1797 images of 64 pixels) instead of MNIST's 28x28, so 64 inputs instead of 784; the first
1000 images, as his plots use 1000 training images. Three hidden layers of 30, ten sigmoid
outputs, the cross-entropy cost averaged over the images, his initialisation (weights
N(0, 1/n_in), biases N(0, 1)) and his eta = 0.1. The training is ours, not his (see
NIELSEN_TRAINING): mini-batches of 10, no regularisation, 15 epochs. One factor changes between
our two runs: the hidden layers' activation, sigmoid or ReLU.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .activations import ZOO, sigmoid
from .over_seeds import SEEDS, band
from .result_cache import cached

SIZES = (64, 30, 30, 30, 10)
N_TRAIN = 1000
ETA = 0.1
BATCH = 10
EPOCHS = 15
ACTIVATIONS = ("sigmoid", "relu")
# Nielsen's ||dC/db^l|| at initialisation for [784, 30, 30, 30, 10] on MNIST (chapter 5).
NIELSEN_AT_INIT = (0.012, 0.060, 0.283)
# How he trains for his plots (fig/generate_gradient.py in mnielsen/neural-networks-and-deep-
# learning): net.SGD(td, 1, 1000, 0.1, lmbda=5.0) once per epoch for 500 epochs, i.e. one
# full-batch step over the 1000 images per epoch, with L2 regularisation lambda = 5.
NIELSEN_TRAINING = {"epochs": 500, "batch": 1000, "eta": 0.1, "lmbda": 5.0}


def our_steps() -> int:
    """How many gradient steps our training takes: EPOCHS epochs of N_TRAIN / BATCH batches."""
    return EPOCHS * (N_TRAIN // BATCH)


def nielsen_steps() -> int:
    t = NIELSEN_TRAINING
    return t["epochs"] * (N_TRAIN // t["batch"])


def chance_cost(n_classes: int = 10) -> float:
    """The cross-entropy of a network that outputs 1/n_classes for every class of every image:
    where a sigmoid network sits before it has started to learn."""
    p = 1.0 / n_classes
    return float(-(np.log(p) + (n_classes - 1) * np.log(1 - p)))


@lru_cache(maxsize=1)
def digits() -> tuple[np.ndarray, np.ndarray]:
    """(X, Y): the first N_TRAIN 8x8 digits, pixels scaled to [0, 1], labels one-hot."""
    from sklearn.datasets import load_digits

    data = load_digits()
    X = data.data[:N_TRAIN] / 16.0
    Y = np.eye(10)[data.target[:N_TRAIN]]
    return X, Y


def initial_parameters(rng, sizes=SIZES) -> list[tuple[np.ndarray, np.ndarray]]:
    """Nielsen's default_weight_initializer: W ~ N(0, 1/n_in), b ~ N(0, 1)."""
    return [
        (rng.standard_normal((n_in, n_out)) / np.sqrt(n_in), rng.standard_normal(n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


def gradients(params, X, Y, activation: str):
    """dC/dW and dC/db of every layer, C the cross-entropy averaged over the rows of X."""
    f = ZOO[activation]
    inputs, zs = [], []
    a = X
    for k, (W, b) in enumerate(params):
        inputs.append(a)
        z = a @ W + b
        zs.append(z)
        a = sigmoid(z) if k == len(params) - 1 else f.f(z)
    delta = (a - Y) / len(X)  # sigmoid output with cross-entropy: dC/dz_L = a - y
    grads = []
    for k in reversed(range(len(params))):
        grads.append((inputs[k].T @ delta, delta.sum(axis=0)))
        if k:
            delta = (delta @ params[k][0].T) * f.f_prime(zs[k - 1])
    return grads[::-1]


def cost(params, X, Y, activation: str) -> float:
    f = ZOO[activation]
    a = X
    for k, (W, b) in enumerate(params):
        z = a @ W + b
        a = sigmoid(z) if k == len(params) - 1 else f.f(z)
    a = np.clip(a, 1e-12, 1 - 1e-12)
    return float(-np.mean(np.sum(Y * np.log(a) + (1 - Y) * np.log(1 - a), axis=1)))


def bias_speeds(params, X, Y, activation: str) -> list[float]:
    """||dC/db^l|| for each hidden layer l, over the whole training set."""
    return [float(np.linalg.norm(db)) for _, db in gradients(params, X, Y, activation)[:-1]]


def train(activation: str, seed: int, epochs: int = EPOCHS) -> dict:
    """Mini-batch SGD; the speeds before training and after each epoch, and the final accuracy."""
    X, Y = digits()
    rng = np.random.default_rng(seed)
    params = initial_parameters(rng)
    speeds = [bias_speeds(params, X, Y, activation)]
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), BATCH):
            rows = order[start : start + BATCH]
            grads = gradients(params, X[rows], Y[rows], activation)
            params = [(W - ETA * dW, b - ETA * db) for (W, b), (dW, db) in zip(params, grads)]
        speeds.append(bias_speeds(params, X, Y, activation))
    a = X
    for k, (W, b) in enumerate(params):
        a = (a @ W + b) if k == len(params) - 1 else ZOO[activation].f(a @ W + b)
    accuracy = float(np.mean(np.argmax(a, axis=1) == np.argmax(Y, axis=1)))
    return {"speeds": speeds, "accuracy": accuracy, "cost": cost(params, X, Y, activation)}


def compute() -> dict:
    out = {}
    for activation in ACTIVATIONS:
        runs = [train(activation, seed) for seed in SEEDS]
        speeds = np.array([r["speeds"] for r in runs])  # seed x epoch x layer
        out[activation] = {
            "speeds": band(speeds),
            "at_init": band(speeds[:, 0, :]),
            # How many times faster the last hidden layer learns than the first, per epoch.
            "last_over_first": band(speeds[:, :, -1] / speeds[:, :, 0]),
            "accuracy": band([r["accuracy"] for r in runs]),
            "cost": band([r["cost"] for r in runs]),
        }
    return out


def results() -> dict:
    return cached("nielsen-layer-speed", compute)
