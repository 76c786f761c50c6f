"""The most accurate straight line (scenes/numeric/best_line.py), against a sweep over directions."""

import numpy as np

from numeric import best_line as B
from numeric import training as T


def best_by_directions(X, y, n_angles: int = 7200) -> float:
    """For each of n_angles directions, every threshold between consecutive projections: an
    independent (approximate from below) search over all lines."""
    best = 0
    for theta in np.linspace(0.0, 2 * np.pi, n_angles, endpoint=False):
        p = X @ np.array([np.cos(theta), np.sin(theta)])
        ys = y[np.argsort(p)]
        # class 0 below the threshold, class 1 above it, for every cut position
        right = np.r_[0, np.cumsum(ys == 0)] + np.r_[np.cumsum((ys == 1)[::-1])[::-1], 0]
        best = max(best, int(right.max()))
    return best / len(X)


def test_the_article_line_is_the_best_any_direction_finds():
    X, y = T.make_dataset(**T.DATASET)
    line, accuracy = B.article_line()
    assert accuracy == line.accuracy(X, y)
    assert accuracy == best_by_directions(X, y)


def test_the_best_line_beats_logistic_regression():
    X, y = T.make_dataset(**T.DATASET)
    logistic = T.train(X, y, hidden=(), seed=0, lr=0.5, momentum=0.9, epochs=1000)
    assert B.article_line()[1] > logistic.accuracy(X, y)


def test_small_random_problems_agree_with_the_direction_sweep():
    rng = np.random.default_rng(0)
    for _ in range(10):
        X = rng.normal(size=(30, 2))
        y = (rng.uniform(size=30) < 0.5).astype(int)
        y[:2] = (0, 1)
        assert B.most_accurate_line(X, y).accuracy(X, y) == best_by_directions(X, y, 3600)


def test_separable_data_get_every_point():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 2))
    y = (X @ np.array([1.0, -2.0]) > 0.3).astype(int)
    assert B.most_accurate_line(X, y).accuracy(X, y) == 1.0
