"""The linear regions a small trained ReLU network cuts the plane into.

Inside a region every hidden unit keeps its side (active, z > 0, or not): the network is one
affine map there, and the regions' borders are the creases. Two ways to count them in the box
BOX around the moons:

- `exact_regions`: cut the box along every unit's crease, layer by layer. A first-layer unit's
  crease is a straight line; a second-layer unit's is straight inside each first-layer piece
  (its z is affine there), so it is cut piece by piece, and so on. Each piece is a convex
  polygon with its own activation pattern.
- `grid_patterns`: the activation pattern at every point of a fine grid; the distinct patterns
  are the regions the grid hits (a sliver thinner than the grid's step can be missed, never
  invented).
No manim or matplotlib here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import rectifiers

HIDDEN = (8, 8)
LEARNING_RATE = 0.1
SEED = 0
SEEDS = rectifiers.SEEDS  # the spread: the same training, other seeds
BOX = (-3.0, 3.0, -2.0, 2.0)  # x_min, x_max, y_min, y_max: the moons and a margin
MIN_AREA = 1e-9  # pieces smaller than this are rounding, not regions
COARSE_STEP, FINE_STEP = 0.02, 0.005  # the cross-check's grids


def most_regions(lines: int) -> int:
    """The most pieces `lines` straight lines can cut the whole plane into: each new line crosses
    every earlier one once and adds one piece more than its crossings, 1 + n + n (n - 1) / 2."""
    return 1 + lines + lines * (lines - 1) // 2


@lru_cache(maxsize=1)
def network() -> rectifiers.Nets:
    """The trained ReLU network of the chapter (one seed, the chapter's moons)."""
    nets, _ = rectifiers.train("relu", LEARNING_RATE, (SEED,), hidden=HIDDEN)
    return nets


@lru_cache(maxsize=1)
def networks() -> rectifiers.Nets:
    """The same training over SEEDS, all at once (each seed's network is its own: see
    rectifiers.init); SEED's is `network()`."""
    nets, _ = rectifiers.train("relu", LEARNING_RATE, SEEDS, hidden=HIDDEN)
    return nets


def one_of(nets: rectifiers.Nets, i: int) -> rectifiers.Nets:
    """The i-th network of a batch, as a batch of one."""
    return rectifiers.Nets(
        nets.kind,
        [W[i : i + 1] for W in nets.W],
        [b[i : i + 1] for b in nets.b],
        [a[i : i + 1] for a in nets.slopes],
    )


def layers(nets: rectifiers.Nets | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    nets = nets or network()
    return [(W[0], b[0]) for W, b in zip(nets.W, nets.b)]


def patterns(points: np.ndarray, nets: rectifiers.Nets | None = None) -> np.ndarray:
    """The activation pattern (every hidden unit's z > 0) at each point: (n, hidden units)."""
    out, a = [], points
    for W, b in layers(nets)[:-1]:
        z = a @ W.T + b
        out.append(z > 0)
        a = np.maximum(z, 0.0)
    return np.concatenate(out, axis=1)


# ---------------------------------------------------------------- exact: cutting polygons


def clip(polygon: np.ndarray, normal: np.ndarray, offset: float, keep_positive: bool):
    """The part of a convex polygon (k, 2) where normal . x + offset > 0 (or <= 0)."""
    s = polygon @ normal + offset
    if not keep_positive:
        s = -s
    out = []
    for i in range(len(polygon)):
        p, q, sp, sq = polygon[i], polygon[(i + 1) % len(polygon)], s[i], s[(i + 1) % len(s)]
        if sp >= 0:
            out.append(p)
        if (sp >= 0) != (sq >= 0):
            out.append(p + (q - p) * (sp / (sp - sq)))
    return np.array(out) if len(out) >= 3 else None


def area(polygon: np.ndarray) -> float:
    x, y = polygon[:, 0], polygon[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


@dataclass(frozen=True)
class Piece:
    polygon: np.ndarray  # a convex polygon in the input plane
    A: np.ndarray  # the layer's activations are A x + c on this piece
    c: np.ndarray
    pattern: tuple[bool, ...]


def exact_regions(
    nets: rectifiers.Nets | None = None, box=BOX, depth: int | None = None
) -> list[Piece]:
    """The box cut along the creases of the first `depth` hidden layers (default: all)."""
    x0, x1, y0, y1 = box
    square = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=float)
    pieces = [Piece(square, np.eye(2), np.zeros(2), ())]
    for W, b in layers(nets)[:-1][:depth]:
        cut = []
        for piece in pieces:
            # z = W (A x + c) + b is affine on the piece: each unit's crease is a line there.
            Wz, bz = W @ piece.A, W @ piece.c + b
            parts = [(piece.polygon, ())]
            for j in range(len(b)):
                parts = [
                    (poly, signs + (side,))
                    for polygon, signs in parts
                    for side in (True, False)
                    if (poly := clip(polygon, Wz[j], bz[j], side)) is not None
                    and area(poly) > MIN_AREA
                ]
            for polygon, signs in parts:
                on = np.array(signs, dtype=float)
                cut.append(Piece(polygon, on[:, None] * Wz, on * bz, piece.pattern + tuple(signs)))
        pieces = cut
    return pieces


# ---------------------------------------------------------------- the creases, as segments


def line_in_polygon(polygon: np.ndarray, normal: np.ndarray, offset: float):
    """The segment where normal . x + offset = 0 crosses a convex polygon, or None."""
    s = polygon @ normal + offset
    points = []
    for i in range(len(polygon)):
        j = (i + 1) % len(polygon)
        if (s[i] > 0) != (s[j] > 0):
            points.append(polygon[i] + (polygon[j] - polygon[i]) * (s[i] / (s[i] - s[j])))
    return np.array(points[:2]) if len(points) >= 2 else None


def creases(layer: int, nets: rectifiers.Nets | None = None, box=BOX) -> list[list[np.ndarray]]:
    """Per unit of hidden layer `layer` (1, 2, ...), the segments of its crease z = 0 in the box:
    straight across the pieces the layers below cut, bent where it meets their creases. With
    layer = number of hidden layers + 1, the output's z = 0: the decision boundary."""
    W, b = layers(nets)[layer - 1]
    out = [[] for _ in range(len(b))]
    for piece in exact_regions(nets, box, depth=layer - 1):
        Wz, bz = W @ piece.A, W @ piece.c + b
        for j in range(len(b)):
            seg = line_in_polygon(piece.polygon, Wz[j], bz[j])
            if seg is not None:
                out[j].append(seg)
    return out


# ---------------------------------------------------------------- the cross-check: a grid


def grid(step: float, box=BOX) -> np.ndarray:
    x0, x1, y0, y1 = box
    xs = np.arange(x0 + step / 2, x1, step)
    ys = np.arange(y0 + step / 2, y1, step)
    gx, gy = np.meshgrid(xs, ys)
    return np.c_[gx.ravel(), gy.ravel()]


def grid_patterns(step: float, nets: rectifiers.Nets | None = None, box=BOX) -> set[tuple]:
    return {tuple(p) for p in patterns(grid(step, box), nets)}


@lru_cache(maxsize=1)
def count() -> int:
    """The number of linear regions of the chapter's network inside BOX."""
    return len(exact_regions())


def boundary_pieces(nets: rectifiers.Nets | None = None, box=BOX) -> int:
    """The decision boundary's straight pieces: one per linear region it crosses."""
    return len(creases(len(HIDDEN) + 1, nets, box)[0])


@lru_cache(maxsize=1)
def counts_over_seeds() -> dict[int, int]:
    """The linear regions in BOX of the network trained with each seed of SEEDS (~2 s)."""
    nets = networks()
    return {s: len(exact_regions(one_of(nets, i))) for i, s in enumerate(SEEDS)}


def first_layer_count(nets: rectifiers.Nets | None = None, box=BOX) -> int:
    """The regions the first layer's lines alone cut the box into, by counting: a line across a
    convex box adds one region, plus one more for every earlier line it crosses inside the box
    (Euler's formula for an arrangement of lines in general position)."""
    W, b = layers(nets)[0]
    x0, x1, y0, y1 = box
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    crossing = [j for j in range(len(b)) if np.ptp(np.sign(corners @ W[j] + b[j])) > 0]
    regions = 1 + len(crossing)
    for i, j in ((i, j) for n, i in enumerate(crossing) for j in crossing[n + 1 :]):
        p = np.linalg.solve(W[[i, j]], -b[[i, j]])
        regions += x0 < p[0] < x1 and y0 < p[1] < y1
    return regions
