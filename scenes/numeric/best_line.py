"""The straight line that classifies the most points right, found by trying every candidate.

Logistic regression draws the line that minimises cross-entropy, which need not be the line with
the fewest mistakes. The most accurate line can always be moved, without changing which side any
point falls on, until it passes through two of the points (slide it until it touches one, turn it
about that one until it touches another); those two can then be put on either side by nudging the
line. So trying the line through every pair of points, both ways round, is an exhaustive search:
its best count of points strictly on their right side, plus the two on the line, is the optimum.
The line returned is the nudged one, and its accuracy is counted again, not assumed.
No manim or matplotlib here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np


@dataclass(frozen=True)
class Line:
    """The classifier 'class 1 where normal . x > offset'."""

    normal: np.ndarray
    offset: float

    def predict(self, X) -> np.ndarray:
        return (np.asarray(X, dtype=float) @ self.normal > self.offset).astype(int)

    def accuracy(self, X, y) -> float:
        return float(np.mean(self.predict(X) == np.asarray(y)))


def most_accurate_line(X, y, nudge: float = 1e-7) -> Line:
    """The line with the highest accuracy on (X, y): exhaustive over lines through two points."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y).astype(int)
    n = len(X)
    i, j = np.triu_indices(n, k=1)
    d = X[j] - X[i]
    normals = np.c_[-d[:, 1], d[:, 0]]  # (pairs, 2)
    side = (X @ normals.T) - np.sum(normals * X[i], axis=1)  # (n, pairs): > 0 above the line
    pairs = np.arange(len(i))
    side[i, pairs] = side[j, pairs] = 0.0  # the two on the line count apart
    label = np.where(y == 1, 1.0, -1.0)[:, None]
    right = np.sum(side * label > 0, axis=0)  # normal pointing to class 1
    wrong_way = np.sum(side * label < 0, axis=0)  # the same line, turned round
    on_line = 2
    best_pair = int(np.argmax(np.maximum(right, wrong_way)))
    sign = 1.0 if right[best_pair] >= wrong_way[best_pair] else -1.0
    a, b = X[i[best_pair]], X[j[best_pair]]
    normal = sign * normals[best_pair]
    unit = normal / np.linalg.norm(normal)
    # Nudge: move the line's two anchors against each point's wanted side, so both land on it.
    wanted = [1.0 if y[k] == 1 else -1.0 for k in (i[best_pair], j[best_pair])]
    qa, qb = a - nudge * wanted[0] * unit, b - nudge * wanted[1] * unit
    e = qb - qa
    new_normal = np.array([-e[1], e[0]])
    if new_normal @ normal < 0:
        new_normal = -new_normal
    line = Line(new_normal, float(new_normal @ qa))
    best = (max(right[best_pair], wrong_way[best_pair]) + on_line) / n
    if line.accuracy(X, y) != best:
        raise ValueError("the nudged line lost points: three of the points are (nearly) collinear")
    return line


@lru_cache(maxsize=1)
def article_line() -> tuple[Line, float]:
    """The most accurate line on the article's two moons, and its accuracy."""
    from .training import DATASET, make_dataset

    X, y = make_dataset(**DATASET)
    line = most_accurate_line(X, y)
    return line, line.accuracy(X, y)
