"""Stacked linear layers without activations, and the one layer they collapse into.

A linear layer with a bias is an affine map x -> W x + b. Two of them in a row give
W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2): again one affine map. Three give

    W = W3 W2 W1,        b = W3 W2 b1 + W3 b2 + b3.

The matrices here have one-decimal entries, so their products are exact at three decimals and
the numbers on screen are the exact ones. Nothing here imports manim or matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Affine:
    """x -> W x + b on the plane, stored as tuples so that the layer is immutable."""

    W: tuple[tuple[float, float], tuple[float, float]]
    b: tuple[float, float]
    name: str = ""

    @property
    def matrix(self) -> np.ndarray:
        return np.array(self.W, dtype=float)

    @property
    def bias(self) -> np.ndarray:
        return np.array(self.b, dtype=float)

    def __call__(self, points):
        """Apply to one point (shape (2,)) or to many (shape (n, 2))."""
        p = np.asarray(points, dtype=float)
        return p @ self.matrix.T + self.bias

    def then(self, after: Affine) -> Affine:
        """This map followed by `after`: x -> A (W x + b) + c = (A W) x + (A b + c)."""
        W = after.matrix @ self.matrix
        b = after.matrix @ self.bias + after.bias
        return Affine(_tuple2(W), (float(b[0]), float(b[1])))

    def at(self, t: float) -> Affine:
        """The straight path from the identity (t = 0) to this map (t = 1): affine at every t."""
        W = (1 - t) * np.eye(2) + t * self.matrix
        return Affine(_tuple2(W), tuple(float(v) for v in t * self.bias))


def _tuple2(m: np.ndarray):
    return tuple(tuple(float(v) for v in row) for row in m)


# The three layers: a shear, a rotation (by atan(0.75), about 36.9 degrees: 0.8 and 0.6 are its
# cosine and sine) and an uneven stretch, each with a small shift.
LAYERS = (
    Affine(((1.0, 0.5), (0.0, 1.0)), (0.5, 0.0), "shear"),
    Affine(((0.8, -0.6), (0.6, 0.8)), (0.0, -0.5), "rotate"),
    Affine(((1.5, 0.0), (0.0, 0.5)), (-0.3, 0.2), "stretch"),
)


def compose(layers) -> Affine:
    """The single affine map that the layers, applied first to last, amount to."""
    out = Affine(((1.0, 0.0), (0.0, 1.0)), (0.0, 0.0))
    for layer in layers:
        out = out.then(layer)
    return out


COLLAPSED = compose(LAYERS)

# A few labelled points to follow through the layers.
POINTS = {"A": (2.0, 1.0), "B": (-2.0, 1.5), "C": (0.5, -2.0)}


def trajectory(point, layers=LAYERS) -> tuple[np.ndarray, ...]:
    """The point and where it is after each layer in turn."""
    out = [np.asarray(point, dtype=float)]
    for layer in layers:
        out.append(layer(out[-1]))
    return tuple(out)


def rings(
    n_inner: int = 12,
    n_outer: int = 24,
    r_inner: float = 0.8,
    r_outer: float = 1.9,
    centre=(0.0, 0.0),
) -> tuple[np.ndarray, np.ndarray]:
    """Two nested rings of evenly spaced points: class A inside, class B around it."""
    c = np.asarray(centre, dtype=float)

    def ring(n, r, phase):
        t = phase + 2 * np.pi * np.arange(n) / n
        return c + r * np.column_stack([np.cos(t), np.sin(t)])

    return ring(n_inner, r_inner, 0.0), ring(n_outer, r_outer, np.pi / n_outer)


def inside_convex_polygon(points, polygon) -> np.ndarray:
    """Whether each point lies strictly inside the convex polygon (vertices in order)."""
    p = np.atleast_2d(np.asarray(points, dtype=float))
    v = np.asarray(polygon, dtype=float)
    edges = np.roll(v, -1, axis=0) - v
    rel = p[:, None, :] - v[None, :, :]
    cross = edges[None, :, 0] * rel[:, :, 1] - edges[None, :, 1] * rel[:, :, 0]
    return np.all(cross > 0, axis=1) | np.all(cross < 0, axis=1)


def line_separates(normal, offset, a, b) -> bool:
    """Whether the line normal . x = offset puts all of a on one side and all of b on the other."""
    sa = np.asarray(a, dtype=float) @ np.asarray(normal, dtype=float) - offset
    sb = np.asarray(b, dtype=float) @ np.asarray(normal, dtype=float) - offset
    return bool((np.all(sa > 0) and np.all(sb < 0)) or (np.all(sa < 0) and np.all(sb > 0)))


def boundary_in_input(layers, v, c) -> tuple[np.ndarray, float]:
    """The decision boundary v . f(x) + c = 0 of a linear read-out after the layers, in input space.

    With f(x) = W x + b it is (W^T v) . x = -(v . b + c): one straight line, whatever the depth.
    Returns (normal, offset) with the line normal . x = offset.
    """
    f = compose(layers)
    v = np.asarray(v, dtype=float)
    return f.matrix.T @ v, float(-(v @ f.bias + c))


# The closing beat's read-out directions: a few lines a linear classifier could draw.
READOUTS = ((1.0, 0.3, 0.2), (-0.4, 1.0, 0.5), (0.9, -0.8, -0.9))
