"""The article's matplotlib figures, as a registry the build draws into SVG files.

`FIGURES` maps a kebab-case name to a function that returns a matplotlib Figure. The build
(scripts/render_figures.py) applies style.MATPLOTLIB_RC and writes <name>.svg; a page embeds
one with `![alt text](figure:<name>)`. Colours come from style.py by meaning; every number drawn
or printed comes from the numeric core, formatted by the small functions below (which the tests
call and compare with the core).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

import style  # noqa: E402
from numeric import training, weight_updates  # noqa: E402
from numeric.activations import (  # noqa: E402
    LEAKY_SLOPE,
    SIGMOID_PRIME_ARGMAX,
    SIGMOID_PRIME_PEAK,
    SIGNIFICANT_FRACTION,
    ZOO,
    sigmoid,
    sigmoid_prime,
    significant_band,
    tanh,
    tanh_prime,
)
from numeric.formatting import fixed, percent, shortest  # noqa: E402

FIGURES: dict[str, Callable[[], Figure]] = {}


def figure(name: str, registry: dict | None = None):
    """Register a figure-drawing function under a kebab-case name, in FIGURES or, for a later
    chapter's module scenes/figures_<chapter>.py, in that module's own FIGURES."""
    if name != name.lower() or " " in name or "_" in name:
        raise ValueError(f"figure names are kebab-case: {name!r}")

    def register(draw: Callable[[], Figure]) -> Callable[[], Figure]:
        target = FIGURES if registry is None else registry
        if name in target:
            raise ValueError(f"figure {name!r} registered twice")
        target[name] = draw
        return draw

    return register


# ---------------------------------------------------------------- shared helpers


def _axes(ncols: int, figsize=(8.0, 3.6), **kw):
    fig, axes = plt.subplots(1, ncols, figsize=figsize, **kw)
    return fig, np.atleast_1d(axes)


def _label(ax, x, y, text, color=style.TEXT, **kw):
    ax.annotate(text, (x, y), color=color, fontsize=12, **kw)


# ---------------------------------------------------------------- sigmoid and its derivative


def band_label() -> str:
    """The shaded band's legend: its edges and the share of the peak it keeps."""
    lo, hi = significant_band()
    return f"$\\sigma' \\geq {shortest(SIGNIFICANT_FRACTION)} \\times$ peak:  ${fixed(lo)} \\leq x \\leq {fixed(hi)}$"


def peak_label() -> str:
    return f"peak {shortest(SIGMOID_PRIME_PEAK)} at $x = {shortest(SIGMOID_PRIME_ARGMAX)}$"


@figure("sigmoid-curve")
def sigmoid_curve() -> Figure:
    """The S-curve alone, for the page that defines it: flat near 0 and 1, steep around 0."""
    x = np.linspace(-8.0, 8.0, 321)
    fig, (ax,) = _axes(1, figsize=(6.4, 3.4))
    for level in (0.0, 1.0):
        ax.axhline(level, color=style.MUTED, lw=1.0, ls=(0, (4, 3)))
    ax.plot(x, sigmoid(x), color=style.ACTIVATION)
    ax.plot([0.0], [sigmoid(0.0)], "o", color=style.ACTIVATION, ms=7)
    _label(ax, 0.4, sigmoid(0.0) - 0.1, f"$\\sigma(0) = {shortest(sigmoid(0.0))}$")
    _label(ax, 4.2, 0.86, "close to 1")
    _label(ax, -7.6, 0.06, "close to 0")
    ax.set_title(r"$\sigma(x) = 1 / (1 + e^{-x})$")
    ax.set_xlabel("$x$")
    ax.set_xlim(x[0], x[-1])
    ax.set_xticks([-6, -3, 0, 3, 6])
    ax.set_ylim(-0.08, 1.12)
    return fig


@figure("sigmoid-and-derivative")
def sigmoid_and_derivative() -> Figure:
    x = np.linspace(-8.0, 8.0, 321)
    lo, hi = significant_band()
    fig, (left, right) = _axes(2, figsize=(8.4, 3.6))

    # Show the sigmoid squashing every input into (0, 1).
    left.axhline(0.0, color=style.MUTED, lw=1.0, ls=(0, (4, 3)))
    left.axhline(1.0, color=style.MUTED, lw=1.0, ls=(0, (4, 3)))
    left.plot(x, sigmoid(x), color=style.ACTIVATION)
    left.plot([0.0], [sigmoid(0.0)], "o", color=style.ACTIVATION, ms=7)
    _label(left, 0.4, sigmoid(0.0) - 0.1, f"$\\sigma(0) = {shortest(sigmoid(0.0))}$")
    left.set_title(r"$\sigma(x) = 1 / (1 + e^{-x})$")
    left.set_xlabel("$x$")
    left.set_ylim(-0.08, 1.12)

    # Show the bell-shaped derivative and where it is significant.
    right.axvspan(lo, hi, color=style.GRID, alpha=0.28, lw=0, label=band_label())
    right.plot(x, sigmoid_prime(x), color=style.GRADIENT, label=None)
    right.plot([SIGMOID_PRIME_ARGMAX], [SIGMOID_PRIME_PEAK], "o", color=style.GRADIENT, ms=7)
    _label(right, 0.45, SIGMOID_PRIME_PEAK + 0.012, peak_label())
    right.axhline(SIGMOID_PRIME_PEAK, color=style.MUTED, lw=1.0, ls=(0, (4, 3)))
    right.set_title(r"$\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$")
    right.set_xlabel("$x$")
    right.set_ylim(-0.01, 0.3)
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=11)
    for ax in (left, right):
        ax.set_xlim(x[0], x[-1])
        ax.set_xticks([-6, -3, 0, 3, 6])
    return fig


# ---------------------------------------------------------------- straight vs curved boundary


@lru_cache(maxsize=1)
def boundary_models():
    """(X, y, linear, network): the article's two moons, the best straight boundary (one sigmoid
    unit, trained like the network) and the seeded sigmoid network of numeric.training (shape: training.NETWORK)."""
    X, y, network = training.example()
    linear = training.train(X, y, hidden=(), **LINEAR_MODEL)
    return X, y, linear, network


# The straight-line model: one sigmoid unit on the raw inputs (logistic regression), trained by the
# same trainer to convergence (its loss stops changing well before 500 epochs).
LINEAR_MODEL = dict(seed=0, lr=0.5, momentum=0.9, epochs=1000)


def network_shape() -> str:
    """'2-2-1': inputs, hidden widths, output."""
    network = training.example()[2]
    return "-".join(str(layer.W.shape[1]) for layer in network.layers) + "-1"


def boundary_titles() -> tuple[str, str]:
    X, y, linear, network = boundary_models()
    return (
        f"logistic regression: {percent(linear.accuracy(X, y), sep='')} correct",
        f"sigmoid network {network_shape()}: {percent(network.accuracy(X, y), sep='')} correct",
    )


def _decision_panel(ax, model, X, y, title):
    x0, x1 = X[:, 0].min() - 0.5, X[:, 0].max() + 0.5
    y0, y1 = X[:, 1].min() - 0.5, X[:, 1].max() + 0.5
    gx, gy = np.meshgrid(np.linspace(x0, x1, 241), np.linspace(y0, y1, 161))
    p = model.predict_proba(np.c_[gx.ravel(), gy.ravel()]).reshape(gx.shape)
    ax.contourf(
        gx,
        gy,
        p,
        levels=[0.0, 0.5, 1.0],
        colors=[style.CLASS_A, style.CLASS_B],
        alpha=0.22,
        rasterized=True,
    )
    ax.contour(gx, gy, p, levels=[0.5], colors=[style.BOUNDARY], linewidths=2.8)
    for label, points, size, marker, colour in (
        ("class A", X[y == 0], 22, "o", style.CLASS_A),
        ("class B", X[y == 1], 26, "^", style.CLASS_B),
    ):
        ax.scatter(
            *points.T,
            s=size,
            marker=marker,
            color=colour,
            edgecolors="none",
            label=label,
            rasterized=True,
        )
    ax.set_title(title, fontsize=13)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.grid(False)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)


@figure("linear-vs-curved-boundary")
def linear_vs_curved_boundary() -> Figure:
    X, y, linear, network = boundary_models()
    fig, (left, right) = _axes(2, figsize=(8.4, 3.65))
    t_lin, t_net = boundary_titles()
    _decision_panel(left, linear, X, y, t_lin)
    _decision_panel(right, network, X, y, t_net)
    handles, labels = left.get_legend_handles_labels()
    handles.append(Line2D([], [], color=style.BOUNDARY, lw=2.8))
    labels.append("decision boundary")
    fig.legend(handles, labels, loc="outside lower center", ncols=3, fontsize=12, markerscale=1.4)
    return fig


# ---------------------------------------------------------------- Flaw #2: allowed quadrants


def same_sign_label(kind: str) -> str:
    """'single examples at w0: 100% same sign': each example's own update at w_0, not a path's."""
    return f"single examples at $w_0$: {percent(start_updates_same_sign(kind), sep='')} same sign"


def start_updates(kind: str) -> np.ndarray:
    """Every example's SGD update -lr dL/dw at the start w_0, shape (n, 2)."""
    prob = weight_updates.problem(kind)
    g = weight_updates.per_example_gradient(weight_updates.START, prob.X, prob.Y)
    return -weight_updates.LEARNING_RATE * g


def start_updates_same_sign(kind: str) -> float:
    return float(np.mean(weight_updates.same_sign(start_updates(kind))))


def _quadrant_panel(ax, kind: str, shade: bool):
    w0, target = weight_updates.START, weight_updates.TEACHER
    x0, x1 = w0[0] - 2.3, target[0] + 0.4
    y0, y1 = target[1] - 0.9, w0[1] + 2.3
    if shade:
        # Quadrants around w_0 reaching to the panel's edges.
        for sx, sy in ((1, 1), (-1, -1)):
            ax.add_patch(Rectangle(w0, sx * 10, sy * 10, color=style.ACTIVATION, alpha=0.22, lw=0))
        for sx, sy in ((1, -1), (-1, 1)):
            ax.add_patch(
                Rectangle(
                    w0,
                    sx * 10,
                    sy * 10,
                    facecolor="none",
                    edgecolor=style.GRID,
                    hatch="///",
                    lw=0,
                    alpha=0.55,
                )
            )
        _label(ax, w0[0] + 0.15, y1 - 0.45, "allowed", color=style.ACTIVATION, fontweight="bold")
        _label(ax, x0 + 0.1, y0 + 0.15, "allowed", color=style.ACTIVATION, fontweight="bold")
        _label(ax, x1 - 0.1, w0[1] - 0.45, "forbidden", color=style.MUTED, ha="right")
        _label(ax, x0 + 0.1, y1 - 0.45, "forbidden", color=style.MUTED)
    ax.axhline(w0[1], color=style.MUTED, lw=0.9)
    ax.axvline(w0[0], color=style.MUTED, lw=0.9)
    U = start_updates(kind)
    ax.quiver(
        np.full(len(U), w0[0]),
        np.full(len(U), w0[1]),
        U[:, 0],
        U[:, 1],
        angles="xy",
        scale_units="xy",
        scale=1.0,
        color=style.GRADIENT,
        alpha=0.55,
        width=0.006,
        headwidth=3.5,
        headlength=4.5,
        rasterized=True,
    )  # hundreds of arrows: an embedded bitmap is far lighter than paths
    ax.annotate(
        "",
        xy=target,
        xytext=w0,
        arrowprops=dict(
            arrowstyle="-|>", color=style.WEIGHT, lw=2.2, ls=(0, (4, 3)), mutation_scale=16
        ),
    )
    ax.plot(*target, marker="*", ms=15, color=style.WEIGHT, mec=style.BACKGROUND)
    _label(ax, target[0] + 0.3, target[1] - 0.65, "best $w^*$", color=style.WEIGHT, ha="right")
    ax.plot(*w0, "o", ms=6, color=style.TEXT)
    _label(ax, w0[0] - 0.75, w0[1] + 0.12, "$w_0$")
    ax.set_title(f"{weight_updates.KIND_NAMES[kind]}\n{same_sign_label(kind)}", fontsize=13)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")


@figure("positive-inputs-update-quadrants")
def positive_inputs_update_quadrants() -> Figure:
    fig, (left, right) = _axes(2, figsize=(8.4, 4.6))
    _quadrant_panel(left, "positive", shade=True)
    _quadrant_panel(right, "zero_centred", shade=False)
    return fig


# ---------------------------------------------------------------- chapter 2: tanh and rectifiers


def _dashed(ax, level: float, vertical: bool = False):
    line = ax.axvline if vertical else ax.axhline
    line(level, color=style.MUTED, lw=1.0, ls=(0, (4, 3)))


def slope_label(name: str, value: float, where: str) -> str:
    """An annotated slope: 'peak 1 at $x = 0$', written from the core's value."""
    return f"{name} {shortest(value)} {where}"


@figure("tanh-and-derivative")
def tanh_and_derivative() -> Figure:
    """tanh beside the sigmoid (centred on 0, four times as steep at 0), and their slopes."""
    x = np.linspace(-6.0, 6.0, 241)
    fig, (left, right) = _axes(2, figsize=(8.4, 3.6))
    colour = style.ACTIVATION_COLOURS["tanh"]
    for level in (-1.0, 0.0, 1.0):
        _dashed(left, level)
    left.plot(x, sigmoid(x), color=style.ACTIVATION_COLOURS["sigmoid"], lw=1.5, ls="--")
    left.plot(x, tanh(x), color=colour)
    left.plot([0.0], [tanh(0.0)], "o", color=colour, ms=7)
    _label(left, 0.4, tanh(0.0) - 0.25, f"$\\tanh 0 = {shortest(tanh(0.0))}$")
    _label(left, 2.2, sigmoid(2.0) - 0.3, r"$\sigma$", color=style.ACTIVATION_COLOURS["sigmoid"])
    left.set_title(r"$\tanh x = 2\,\sigma(2x) - 1$")
    left.set_ylim(-1.2, 1.2)

    right.plot(x, sigmoid_prime(x), color=style.ACTIVATION_COLOURS["sigmoid"], lw=1.5, ls="--")
    right.plot(x, tanh_prime(x), color=style.GRADIENT)
    right.plot([0.0], [tanh_prime(0.0)], "o", color=style.GRADIENT, ms=7)
    _label(right, 0.4, tanh_prime(0.0) - 0.02, slope_label("peak", tanh_prime(0.0), "at $x = 0$"))
    _label(
        right,
        0.4,
        SIGMOID_PRIME_PEAK + 0.04,
        f"$\\sigma'$: peak {shortest(SIGMOID_PRIME_PEAK)}",
        color=style.ACTIVATION_COLOURS["sigmoid"],
    )
    right.set_title(r"$\tanh' x = 1 - \tanh^2 x$")
    right.set_ylim(-0.05, 1.15)
    for ax in (left, right):
        ax.set_xlabel("$x$")
        ax.set_xlim(x[0], x[-1])
        ax.set_xticks([-6, -3, 0, 3, 6])
    return fig


def _rectifier_figure(key: str, slope: float, title: str, title_prime: str) -> Figure:
    """A rectifier and its derivative: a straight line each side of 0, a step for the slope."""
    x = np.linspace(-3.0, 3.0, 241)
    f, colour = ZOO[key].f, style.ACTIVATION_COLOURS[key]
    fig, (left, right) = _axes(2, figsize=(8.4, 3.6))
    _dashed(left, 0.0)
    left.plot(x, f(x), color=colour)
    left.set_title(title)
    left.set_ylim(-1.0, 3.2)
    _label(left, -2.9, 1.2, slope_label("slope", slope, "for $x < 0$"))
    _label(left, 0.2, 2.6, slope_label("slope", 1.0, "for $x > 0$"))

    # The slope is a step: 'slope' left of 0, 1 right of it; at 0 itself the frameworks give
    # the left value (an open and a filled dot).
    neg, pos = x[x < 0], x[x > 0]
    right.plot(neg, np.full_like(neg, slope), color=style.GRADIENT)
    right.plot(pos, np.ones_like(pos), color=style.GRADIENT)
    right.plot([0.0], [ZOO[key].f_prime(0.0)], "o", color=style.GRADIENT, ms=7)
    right.plot([0.0], [1.0], "o", mfc=style.BACKGROUND, mec=style.GRADIENT, ms=7)
    _label(
        right, 0.2, ZOO[key].f_prime(0.0) + 0.08, f"at $x = 0$: {shortest(ZOO[key].f_prime(0.0))}"
    )
    right.set_title(title_prime)
    right.set_ylim(-0.15, 1.25)
    for ax in (left, right):
        ax.set_xlabel("$x$")
        ax.set_xlim(x[0], x[-1])
        ax.set_xticks([-3, -2, -1, 0, 1, 2, 3])
    return fig


@figure("relu-and-derivative")
def relu_and_derivative() -> Figure:
    return _rectifier_figure(
        "relu", 0.0, r"$\mathrm{ReLU}(x) = \max(0, x)$", r"$\mathrm{ReLU}'(x)$: 0 or 1"
    )


@figure("leaky-relu-and-derivative")
def leaky_relu_and_derivative() -> Figure:
    return _rectifier_figure(
        "leaky_relu",
        LEAKY_SLOPE,
        f"leaky ReLU: $\\max({shortest(LEAKY_SLOPE)}\\,x, x)$",
        f"its slope: {shortest(LEAKY_SLOPE)} or 1",
    )
