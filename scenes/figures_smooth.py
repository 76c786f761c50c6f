"""Chapter 3's figures, in a registry of their own: GELU against its two approximations, and the
zoo in small multiples (every f and f' of the zoo table, in the activation colours).

The build draws every scenes/figures_*.py module's FIGURES beside figures.py's
(scripts/figure_worker.py), in both palettes; a page embeds one with `![alt](figure:<name> "Title")`.
Every number drawn comes from the numeric core.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

import style
from figures import figure
from numeric import activations as act
from numeric import smooth, zoo_table
from numeric.formatting import decimals

FIGURES: dict = {}


@figure("gelu-approximation-errors", FIGURES)
def gelu_approximation_errors() -> Figure:
    x = np.linspace(-5, 5, 1001)
    fig, (left, right) = plt.subplots(1, 2, figsize=(8.0, 4.2))
    gelu_colour = style.ACTIVATION_COLOURS["gelu"]
    approx = {
        "tanh form": (act.gelu_tanh, style.ACTIVATION_COLOURS["tanh"], smooth.gelu_tanh_error()),
        "sigmoid form": (
            act.gelu_sigmoid,
            style.ACTIVATION_COLOURS["sigmoid"],
            smooth.gelu_sigmoid_error(),
        ),
    }
    left.plot(x, act.gelu(x), color=gelu_colour, label=r"exact $x\,\Phi(x)$")
    for label, (f, colour, _) in approx.items():
        left.plot(x, f(x), color=colour, linewidth=1.6, linestyle="--", label=label)
    left.set_title("GELU and its two stand-ins")
    left.set_xlabel("$x$")
    left.legend(loc="upper left")
    for label, (f, colour, err) in approx.items():
        right.plot(
            x,
            f(x) - act.gelu(x),
            color=colour,
            label=f"{label}: at most {decimals(abs(err.error), 5 if abs(err.error) < 1e-3 else 4)}",
        )
        right.plot([err.x, -err.x], [err.error, err.error], "o", color=colour, markersize=5)
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2))
    right.axhline(0, color=style.MUTED, linewidth=0.8)
    right.set_title("stand-in minus exact")
    right.set_xlabel("$x$")
    return fig


def pieces(f_prime, lo: float, hi: float, n: int):
    """f' on [lo, hi] as separate pieces between its jumps, each ending at its one-sided limits:
    a jump is a gap in the line, never a vertical segment the function does not have."""
    cuts = [lo, *zoo_table.slope_jumps(f_prime, lo, hi), hi]
    for a, b in zip(cuts, cuts[1:]):
        x = np.linspace(a, b, max(2, round(n * (b - a) / (hi - lo))))
        x[0], x[-1] = a + 1e-9, b - 1e-9
        yield x, f_prime(x)


@figure("zoo-small-multiples", FIGURES)
def zoo_small_multiples() -> Figure:
    """Every activation of the zoo table: f (solid) and f' (dashed) on one scale."""
    entries = zoo_table.ENTRIES
    ncols = 4
    nrows = -(-len(entries) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(8.0, 2.0 * nrows), sharex=True, sharey=True)
    x = np.linspace(-4, 4, 161)  # enough for a 2 inch panel; keeps the SVG light
    for ax, e in zip(axes.flat, entries):
        colour = style.ACTIVATION_COLOURS.get(e.colour or "", style.TEXT)
        ax.axhline(0, color=style.MUTED, linewidth=0.6)
        ax.axvline(0, color=style.MUTED, linewidth=0.6)
        ax.plot(x, e.f(x), color=colour, linewidth=2.2)
        for xs, slope in pieces(e.f_prime, x[0], x[-1], len(x)):
            ax.plot(xs, slope, color=colour, linewidth=1.4, linestyle="--")
        ax.set_title(e.name, fontsize=12, color=colour)
        ax.set_ylim(-1.5, 2.5)
        ax.set_xticks([-4, 0, 4])
        ax.set_yticks([-1, 0, 1, 2])
        ax.tick_params(labelsize=10)
    for ax in list(axes.flat)[len(entries) :]:
        ax.set_visible(False)
    return fig
