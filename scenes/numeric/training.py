"""A tiny, seeded, deterministic sigmoid network that learns to separate two moons.

Every layer is 2 wide (so each hidden space is a plane we can draw), every unit is a sigmoid, and
the last layer is a single sigmoid unit read as P(class 1):

    x = a_0 -> z_1 = W_1 a_0 + b_1 -> a_1 = sigma(z_1) -> ... -> z_L = w_L . a_{L-1} + b_L -> p = sigma(z_L)

Trained by full-batch gradient descent with momentum on the mean binary cross-entropy.

Why two moons and not rings: a 2-to-2 sigmoid layer with an invertible W is a homeomorphism of
the plane onto an open subset of the unit square (it bends and squashes, never folds or tears),
so 2-wide sigmoid layers can never pull one ring out of another (Olah, 2014). Two interleaved
moons are not linked that way: they can be bent apart, and a 2-2-1 network really does it.

Public API (used by the animation SigmoidBendsThePlane and by a matplotlib figure):
- `make_dataset(...) -> (X, y)`
- `train(X, y, ...) -> Network`; `Network.layers` holds each layer's `(W, b)`
- `Network.predict_proba(X)`, `Network.stages(X)` (input, then affine and sigmoid per layer),
  `Network.output_line()` (the straight separating line in the last hidden space),
  `Network.pull_back(H)` (exact inverse layers), `Network.decision_boundary()` (the curve
  z_L(x) = 0 in the input plane, i.e. that line pulled back)
- `example()`: the article's data set and trained network, computed once.
No manim or matplotlib here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .activations import logit, sigmoid

# ---------------------------------------------------------------- the data

# The article's two moons: the lower moon moved down by `gap`, so that one sigmoid bend, not a
# sharp corner, can part them (chosen by the readability sweep below, SWEEP_GAPS).
MOONS = dict(n_per_class=50, noise=0.08, seed=0)


def make_dataset(
    n_per_class: int = 50,
    noise: float = 0.08,
    seed: int = 0,
    gap: float = 0.0,
    kind: str = "moons",
) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half-moons, centred on the origin and scaled by 1.5 (about [-2.4, 2.4] x
    [-1.4, 1.4] with no gap; each unit of gap adds 1.5 to the height).

    The upper moon is the unit half-circle's upper half; the lower one is the same arc turned over
    and moved right by 1 and down by `gap` more than sklearn's classic 0.5 (its tips then reach
    only 0.5 - gap above the upper moon's tips). Returns X of shape (2 n, 2) and y of shape (2 n,)
    with labels 0 (upper moon) and 1 (lower moon). Deterministic for a given seed (numpy's PCG64
    generator).
    """
    if kind != "moons":
        raise ValueError(f"unknown data set {kind!r}; only 'moons' is provided")
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, np.pi, n_per_class)
    upper = np.c_[np.cos(t), np.sin(t)]
    lower = np.c_[1.0 - np.cos(t), 0.5 - gap - np.sin(t)]
    X = np.r_[upper, lower] + rng.normal(0.0, noise, (2 * n_per_class, 2))
    X = (X - np.array([0.5, 0.25 - gap / 2])) * 1.5
    y = np.r_[np.zeros(n_per_class), np.ones(n_per_class)]
    return X, y


# ---------------------------------------------------------------- the network


@dataclass(frozen=True)
class Layer:
    """One layer: z = W a + b (W has shape (out, in)), then a sigmoid on every coordinate."""

    W: np.ndarray
    b: np.ndarray

    def affine(self, A: np.ndarray) -> np.ndarray:
        """The affine step on points stored as rows: A (n, in) -> Z (n, out)."""
        return np.asarray(A, dtype=float) @ self.W.T + self.b

    def forward(self, A: np.ndarray) -> np.ndarray:
        return sigmoid(self.affine(A))

    def __iter__(self):  # `W, b = layer`
        return iter((self.W, self.b))

    @property
    def invertible(self) -> bool:
        return self.W.shape[0] == self.W.shape[1] and abs(np.linalg.det(self.W)) > 1e-9

    def inverse(self, A: np.ndarray) -> np.ndarray:
        """The layer's inverse on the open unit square: a -> W^-1 (logit(a) - b)."""
        if not self.invertible:
            raise ValueError("this layer's W is not square and invertible")
        Z = logit(np.asarray(A, dtype=float))
        return np.linalg.solve(self.W, (Z - self.b).T).T


@dataclass(frozen=True)
class Stage:
    """The data (or any points) at one step of the forward pass."""

    kind: str  # "input", "affine" or "sigmoid"
    layer: int  # 0 for the input, k for layer k (1-based)
    points: np.ndarray

    @property
    def label(self) -> str:
        if self.kind == "input":
            return "input x"
        return (
            f"z{self.layer} = W{self.layer} a{self.layer - 1} + b{self.layer}"
            if self.kind == "affine"
            else f"a{self.layer} = sigmoid(z{self.layer})"
        )


@dataclass(frozen=True)
class Network:
    layers: tuple[Layer, ...]
    loss_history: tuple[float, ...] = field(default=(), compare=False)

    # -- forward
    @property
    def hidden_layers(self) -> tuple[Layer, ...]:
        """The 2-to-2 layers (all but the output unit)."""
        return self.layers[:-1]

    @property
    def output_layer(self) -> Layer:
        return self.layers[-1]

    def stages(self, X: np.ndarray, include_output: bool = False) -> list[Stage]:
        """Input, then for each hidden layer its affine step and its sigmoid step.

        With include_output=True the output unit's pre-activation and probability follow.
        """
        A = np.asarray(X, dtype=float)
        out = [Stage("input", 0, A)]
        layers = self.layers if include_output else self.hidden_layers
        for k, layer in enumerate(layers, start=1):
            Z = layer.affine(A)
            A = sigmoid(Z)
            out += [Stage("affine", k, Z), Stage("sigmoid", k, A)]
        return out

    def hidden_states(self, X: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """[(z_k, a_k)] for every layer k = 1..L (the last pair is the output unit's)."""
        states, A = [], np.asarray(X, dtype=float)
        for layer in self.layers:
            Z = layer.affine(A)
            A = sigmoid(Z)
            states.append((Z, A))
        return states

    def last_hidden(self, X: np.ndarray) -> np.ndarray:
        """a_{L-1}: the last hidden space, where one straight line separates the classes."""
        A = np.asarray(X, dtype=float)
        for layer in self.hidden_layers:
            A = layer.forward(A)
        return A

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """The output's pre-activation z_L (its sign is the predicted class)."""
        return self.output_layer.affine(self.last_hidden(X))[:, 0]

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(class 1 | x), shape (n,)."""
        return sigmoid(self.decision_function(X))

    def predict(self, X: np.ndarray) -> np.ndarray:
        return (self.predict_proba(X) > 0.5).astype(int)

    def accuracy(self, X: np.ndarray, y: np.ndarray) -> float:
        return float(np.mean(self.predict(X) == np.asarray(y)))

    def loss(self, X: np.ndarray, y: np.ndarray) -> float:
        return bce(self.predict_proba(X), y)

    # -- geometry of the decision
    def output_line(self) -> tuple[np.ndarray, float]:
        """(w, c): the classes are split by the straight line w . h + c = 0 in the last hidden space."""
        W, b = self.output_layer
        return W[0].copy(), float(b[0])

    def line_in_last_hidden(self, n: int = 801, reach: float = 12.0) -> np.ndarray:
        """Points of the output line w . h + c = 0 inside the open unit square, in order along it.

        Only that part of the line can have a pre-image. The free coordinate is sampled evenly in
        logit space (t = sigmoid(u), u in [-reach, reach]) so that the pulled-back points spread
        evenly in the input plane instead of bunching where the sigmoid is flat.
        """
        w, c = self.output_line()
        i = int(np.argmax(np.abs(w)))  # solve for the coordinate the line depends on most
        j = 1 - i
        t = sigmoid(np.linspace(-reach, reach, n))
        s = -(c + w[j] * t) / w[i]
        H = np.empty((n, 2))
        H[:, j], H[:, i] = t, s
        keep = (s > 0.0) & (s < 1.0)
        return H[keep]

    def pull_back(self, H: np.ndarray, through: int | None = None) -> np.ndarray:
        """Map points of the last hidden space back towards the input space through the inverse layers.

        `through` limits how many hidden layers are undone (default: all, giving input-space
        points). A point outside the image of a layer (after undoing the sigmoid and the affine
        step it lands outside the open unit square) has no pre-image: its row becomes NaN.
        """
        P = np.asarray(H, dtype=float).copy()
        hidden = self.hidden_layers
        layers = hidden if through is None else hidden[len(hidden) - through :]
        for layer in reversed(layers):
            inside = np.all((P > 0.0) & (P < 1.0), axis=1)
            out = np.full_like(P, np.nan)
            out[inside] = layer.inverse(P[inside])
            P = out
        return P

    def input_gradient(self, X: np.ndarray) -> np.ndarray:
        """d z_L / d x for each row of X, by the chain rule (shape (n, 2))."""
        A = np.asarray(X, dtype=float)
        acts = [A]
        for layer in self.hidden_layers:
            acts.append(layer.forward(acts[-1]))
        g = np.repeat(self.output_layer.W, len(A), axis=0)  # d z_L / d a_{L-1}
        for k in range(len(self.hidden_layers) - 1, -1, -1):
            a = acts[k + 1]
            g = (g * a * (1.0 - a)) @ self.hidden_layers[k].W  # through sigma', then W
        return g

    def decision_boundary(
        self,
        box: tuple[float, float, float, float] = (-3.6, 3.6, -2.4, 2.4),
        step: float = 0.02,
        start: np.ndarray | None = None,
    ) -> np.ndarray:
        """The curved decision boundary p(x) = 1/2 (z_L(x) = 0) in input space, as an ordered polyline.

        Traced by continuation: from a root found on a coarse grid over `box`, step along the curve's
        tangent and correct back onto it with Newton steps along the gradient, both ways, until
        the curve leaves `box` = (xmin, xmax, ymin, ymax). Every returned point satisfies
        |z_L| < 1e-9. Mapped forward through the hidden layers these points land on the straight
        line `output_line()`: this curve is that line, pulled back.
        """
        f = self.decision_function
        xmin, xmax, ymin, ymax = box
        if start is None:
            start = self._root_between(*self._sign_change(box))
        x0 = self._newton(np.asarray(start, dtype=float))
        halves = []
        for direction in (1.0, -1.0):
            pts, x = [], x0
            prev_t = None
            for _ in range(int(10 * ((xmax - xmin) + (ymax - ymin)) / step)):
                g = self.input_gradient(x[None])[0]
                t = np.array([-g[1], g[0]]) / np.hypot(*g)
                if prev_t is None:
                    t = direction * t
                elif t @ prev_t < 0:
                    t = -t
                prev_t = t
                x = self._newton(x + step * t)
                if not (xmin <= x[0] <= xmax and ymin <= x[1] <= ymax):
                    break
                pts.append(x)
            halves.append(pts)
        curve = np.array(halves[1][::-1] + [x0] + halves[0])
        assert np.all(np.abs(f(curve)) < 1e-9), "decision boundary tracing lost the curve"
        return curve

    def _newton(self, x: np.ndarray, iterations: int = 50) -> np.ndarray:
        for _ in range(iterations):
            v = self.decision_function(x[None])[0]
            if abs(v) < 1e-12:
                break
            g = self.input_gradient(x[None])[0]
            x = x - v * g / (g @ g)
        return x

    def _root_between(self, p: np.ndarray, q: np.ndarray) -> np.ndarray:
        """Bisection for z_L = 0 on the segment p -> q (the ends must have opposite signs)."""
        fp = self.decision_function(p[None])[0]
        for _ in range(100):
            m = (p + q) / 2
            fm = self.decision_function(m[None])[0]
            if np.sign(fm) == np.sign(fp):
                p, fp = m, fm
            else:
                q = m
        return (p + q) / 2

    def _sign_change(self, box) -> tuple[np.ndarray, np.ndarray]:
        """Two neighbouring points of a coarse grid over `box` where z_L changes sign."""
        xmin, xmax, ymin, ymax = box
        xs, ys = np.linspace(xmin, xmax, 61), np.linspace(ymin, ymax, 41)
        for yv in ys:
            row = np.c_[xs, np.full_like(xs, yv)]
            sign = np.sign(self.decision_function(row))
            change = np.flatnonzero(sign[1:] != sign[:-1])
            if change.size:
                i = int(change[0])
                return row[i], row[i + 1]
        raise ValueError("the decision boundary does not cross the box")

    @property
    def invertible(self) -> bool:
        return all(layer.invertible for layer in self.hidden_layers)


# ---------------------------------------------------------------- training


def bce(p: np.ndarray, y: np.ndarray) -> float:
    """Mean binary cross-entropy, clipped away from log(0)."""
    p = np.clip(np.asarray(p, dtype=float), 1e-12, 1.0 - 1e-12)
    y = np.asarray(y, dtype=float)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def init_network(sizes: tuple[int, ...], seed: int, scale: float = 1.0) -> Network:
    """Weights drawn from N(0, scale^2), biases zero."""
    rng = np.random.default_rng(seed)
    layers = tuple(
        Layer(rng.normal(0.0, scale, (n_out, n_in)), np.zeros(n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    )
    return Network(layers)


# The trainer's soft limit on the hidden pre-activations: beyond |z| = Z_LIMIT a hidden neuron
# starts to saturate (sigma(3) = 0.95), and the penalty below grows with the square of the excess.
Z_LIMIT = 3.0


def excess(Z: np.ndarray) -> np.ndarray:
    """How far each pre-activation lies beyond the soft limit: relu(|z| - Z_LIMIT)."""
    return np.maximum(np.abs(Z) - Z_LIMIT, 0.0)


def objective(net: Network, X: np.ndarray, y: np.ndarray, penalty: float = 0.0) -> float:
    """What the trainer minimises: the mean cross-entropy plus, for every hidden layer,
    penalty * mean over the points of sum_i relu(|z_i| - Z_LIMIT)^2."""
    extra = sum(np.mean(np.sum(excess(Z) ** 2, axis=1)) for Z, _ in net.hidden_states(X)[:-1])
    return net.loss(X, y) + penalty * float(extra)


def gradients(
    net: Network, X: np.ndarray, y: np.ndarray, penalty: float = 0.0
) -> list[tuple[np.ndarray, np.ndarray]]:
    """d(objective)/d(W_k, b_k) for every layer, by backpropagation."""
    X = np.asarray(X, dtype=float)
    n = len(X)
    acts, pre = [X], []
    for layer in net.layers:
        pre.append(layer.affine(acts[-1]))
        acts.append(sigmoid(pre[-1]))
    p = acts[-1][:, 0]
    # For a sigmoid output and cross-entropy, dL/dz_L = (p - y) / n.
    delta = ((p - np.asarray(y, dtype=float)) / n)[:, None]
    grads = [None] * len(net.layers)
    for k in range(len(net.layers) - 1, -1, -1):
        if k < len(net.layers) - 1 and penalty:  # a hidden layer: the penalty's own share
            delta = delta + penalty * 2.0 * excess(pre[k]) * np.sign(pre[k]) / n
        grads[k] = (delta.T @ acts[k], delta.sum(axis=0))
        if k > 0:
            a = acts[k]
            delta = (delta @ net.layers[k].W) * a * (1.0 - a)
    return grads


def train(
    X: np.ndarray,
    y: np.ndarray,
    hidden: tuple[int, ...] = (2,),
    seed: int = 30,
    lr: float = 0.5,
    momentum: float = 0.9,
    epochs: int = 1000,
    init_scale: float = 1.0,
    penalty: float = 0.0,
) -> Network:
    """Full-batch gradient descent with momentum on the mean binary cross-entropy (its history is
    `loss_history`), plus `penalty` times the hidden pre-activations' squared excess over Z_LIMIT
    (see `objective`): a soft limit that keeps most points off the sigmoid's flat tails, and so
    off the unit square's edge, without capping what the network may learn.
    Deterministic: the only randomness is the seeded initialisation.
    """
    X = np.asarray(X, dtype=float)
    sizes = (X.shape[1], *hidden, 1)
    net = init_network(sizes, seed, init_scale)
    Ws = [layer.W.copy() for layer in net.layers]
    bs = [layer.b.copy() for layer in net.layers]
    vW = [np.zeros_like(W) for W in Ws]
    vb = [np.zeros_like(b) for b in bs]
    history = []
    for _ in range(epochs):
        current = Network(tuple(Layer(W, b) for W, b in zip(Ws, bs)))
        grads = gradients(current, X, y, penalty)
        for k, (gW, gb) in enumerate(grads):
            vW[k] = momentum * vW[k] + gW
            vb[k] = momentum * vb[k] + gb
            Ws[k] = Ws[k] - lr * vW[k]
            bs[k] = bs[k] - lr * vb[k]
        history.append(current.loss(X, y))
    final = tuple(Layer(W.copy(), b.copy()) for W, b in zip(Ws, bs))
    return Network(final, tuple(history))


# ---------------------------------------------------------------- a bend you can see

# What a readable picture of the hidden layer needs (SigmoidBendsThePlane draws it):
INPUT_BOX = (-3.0, 3.0, -2.0, 2.0)  # the input plane the scene's grid covers
VIEW_AREA = (13.4, 6.4)  # the width and height the scene draws each plane in (scene units)
MAX_ZOOM = 2.0  # the affine step's view zoomed out at most this much
EDGE = 0.02  # "on the square's edge": a coordinate within 2% of 0 or 1
MAX_ON_EDGE = 0.2  # at most this share of the points there
MIN_BEND = 0.05  # grid lines bowing by 5% of the square's side: visibly curved
GRID_STEP = 0.5


def fit_scale(lo, hi, area=VIEW_AREA) -> float:
    """The largest uniform scale at which the box lo..hi fits the drawing area."""
    size = np.asarray(hi, dtype=float) - np.asarray(lo, dtype=float)
    return float(min(area[0] / size[0], area[1] / size[1]))


def view_zoom(Z: np.ndarray, box=INPUT_BOX, area=VIEW_AREA) -> float:
    """How far the view zooms out from the input plane (the box, fitted to the area) to the
    affine step's plane (the data's extent there, fitted to the same area): the one measure the
    scene prints and the sweep bounds."""
    xmin, xmax, ymin, ymax = box
    return fit_scale((xmin, ymin), (xmax, ymax), area) / fit_scale(
        Z.min(axis=0), Z.max(axis=0), area
    )


@dataclass(frozen=True)
class Readability:
    accuracy: float
    zoom: float  # view_zoom of the data after the affine step
    on_edge: float  # share of points with a hidden coordinate within EDGE of 0 or 1 (saturated)
    bend: float  # median over the grid's lines of their largest bow in the unit square
    mirrors: bool  # det W1 < 0: the affine step also reflects the plane

    @property
    def readable(self) -> bool:
        return (
            self.accuracy == 1.0
            and self.zoom <= MAX_ZOOM
            and self.on_edge <= MAX_ON_EDGE
            and self.bend >= MIN_BEND
        )


def grid_lines(box=INPUT_BOX, step: float = GRID_STEP, samples: int = 200) -> list[np.ndarray]:
    """The input grid's lines, `samples` points each: vertical lines, then horizontal ones."""
    xmin, xmax, ymin, ymax = box
    xs = np.arange(xmin, xmax + 1e-9, step)
    ys = np.arange(ymin, ymax + 1e-9, step)
    t_y, t_x = np.linspace(ymin, ymax, samples), np.linspace(xmin, xmax, samples)
    return [np.c_[np.full(samples, x), t_y] for x in xs] + [
        np.c_[t_x, np.full(samples, v)] for v in ys
    ]


def bow(P: np.ndarray) -> float:
    """A polyline's largest distance from the chord through its ends: 0 for a straight line."""
    d = P[-1] - P[0]
    n = np.array([-d[1], d[0]]) / np.linalg.norm(d)
    return float(np.max(np.abs((P - P[0]) @ n)))


def readability(net: Network, X: np.ndarray, y: np.ndarray) -> Readability:
    layer = net.hidden_layers[0]
    Z = layer.affine(X)
    A = sigmoid(Z)
    on_edge = float(np.mean(np.any((A < EDGE) | (A > 1.0 - EDGE), axis=1)))
    bend = float(np.median([bow(layer.forward(g)) for g in grid_lines()]))
    mirrors = bool(np.linalg.det(layer.W) < 0)
    return Readability(net.accuracy(X, y), view_zoom(Z), on_edge, bend, mirrors)


# The sweep that chose the article's data and network: how far the lower moon is moved down (0:
# sklearn's classic moons), the trainer's penalty on saturated hidden neurons (0: none), a seed.
SWEEP_GAPS = (0.0, 0.2, 0.3, 0.4)
SWEEP_PENALTIES = (0.0, 0.003, 0.01)
SWEEP_SEEDS = tuple(range(40))
SWEEP_SETTINGS = dict(hidden=(2,), lr=0.5, momentum=0.9, epochs=8000)
SWEEP_FILE = Path(__file__).with_name("bend_sweep.json")


def margin(net: Network, X: np.ndarray, y: np.ndarray) -> float:
    """The smallest probability the network gives any point's own class (above 1/2: all right)."""
    p = net.predict_proba(X)
    return float(np.min(np.where(np.asarray(y) == 1, p, 1.0 - p)))


def sweep_row(gap: float, penalty: float, seed: int) -> dict:
    X, y = make_dataset(**MOONS, gap=gap)
    net = train(X, y, seed=seed, penalty=penalty, **SWEEP_SETTINGS)
    r = readability(net, X, y)
    return dict(
        gap=gap,
        penalty=penalty,
        seed=seed,
        accuracy=r.accuracy,
        margin=round(margin(net, X, y), 6),
        zoom=round(r.zoom, 6),
        on_edge=r.on_edge,
        bend=round(r.bend, 6),
        mirrors=r.mirrors,
    )


def sweep_grid() -> list[tuple[float, float, int]]:
    return [(g, p, s) for g in SWEEP_GAPS for p in SWEEP_PENALTIES for s in SWEEP_SEEDS]


def run_sweep() -> list[dict]:
    """Every (gap, penalty, seed) of the sweep: about twenty minutes, so its result is stored in
    SWEEP_FILE (regenerate with `python -m numeric.training`); a test recomputes a sample."""
    return [sweep_row(*point) for point in sweep_grid()]


def stored_sweep() -> list[dict]:
    return json.loads(SWEEP_FILE.read_text())["rows"]


def is_readable(row: dict) -> bool:
    return Readability(row["accuracy"], row["zoom"], row["on_edge"], row["bend"], False).readable


def choose(rows: list[dict]) -> dict:
    """The run the article shows: among the runs that meet every readability target, the one on
    the moons closest to the classic ones (the smallest gap), then with the fewest points on the
    square's edge, then the least zoom. If none does, the separating run with a visible bend and
    the fewest points on the edge."""
    readable = [r for r in rows if is_readable(r)]
    if readable:
        return min(readable, key=lambda r: (r["gap"], r["on_edge"], r["zoom"]))
    candidates = [r for r in rows if r["accuracy"] == 1.0 and r["bend"] >= MIN_BEND]
    if not candidates:
        raise ValueError("no run of the sweep separates the moons and bends the grid visibly")
    return min(candidates, key=lambda r: (r["on_edge"], r["zoom"]))


def setting(rows: list[dict], gap: float, penalty: float) -> list[dict]:
    """The sweep's runs (one per seed) at one data gap and one penalty."""
    return [r for r in rows if r["gap"] == gap and r["penalty"] == penalty]


def seed_counts(rows: list[dict], gap: float, penalty: float) -> tuple[int, int, int, int]:
    """At one setting: (seeds tried, seeds that separate every point, lowest and highest
    accuracy of the others, in whole percent)."""
    at = setting(rows, gap, penalty)
    rest = [round(100 * r["accuracy"]) for r in at if r["accuracy"] < 1.0]
    return len(at), len(at) - len(rest), min(rest), max(rest)


# The article's example: the moons and the 2-2-1 sigmoid network the stored sweep chose. Most
# seeds stall short of 100 % (one moon's tip stays on the wrong side): a local minimum.
CHOSEN = choose(stored_sweep())
DATASET = dict(MOONS, gap=CHOSEN["gap"])
NETWORK = dict(SWEEP_SETTINGS, seed=CHOSEN["seed"], penalty=CHOSEN["penalty"])


def article_seed_counts() -> tuple[int, int, int, int]:
    """How often the article's setting separates the moons, from the stored sweep."""
    return seed_counts(stored_sweep(), CHOSEN["gap"], CHOSEN["penalty"])


@lru_cache(maxsize=1)
def example() -> tuple[np.ndarray, np.ndarray, Network]:
    """(X, y, network): the data set and the trained network every scene and figure shows."""
    X, y = make_dataset(**DATASET)
    return X, y, train(X, y, **NETWORK)


if __name__ == "__main__":
    # Regenerate the stored sweep: python -m numeric.training (from scenes/), or in parallel
    # with `python -m numeric.training JOBS`.
    import sys
    from multiprocessing import Pool

    jobs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    with Pool(jobs) as pool:
        rows = pool.starmap(sweep_row, sweep_grid(), chunksize=8)
    header = {"moons": MOONS, "settings": SWEEP_SETTINGS, "z_limit": Z_LIMIT}
    SWEEP_FILE.write_text(json.dumps({**header, "rows": rows}, indent=1) + "\n")
    print(f"wrote {SWEEP_FILE}: chosen {choose(rows)}")
