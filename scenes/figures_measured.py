"""Chapter 4's figures (the measured deep networks), in a registry of their own: the build draws
every scenes/figures_*.py module's FIGURES beside figures.py's (scripts/figure_worker.py).

Colour says which activation (style.ACTIVATION_COLOURS), the dash which initialisation; a line is
the median over the seeds, the shaded band runs from the lowest seed to the highest. Every value
comes from the numeric core's cached experiments.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

import style
from figures import _axes, figure
from numeric import born_dead, layer_speed, measured
from numeric.activations import ZOO
from numeric.deep import SMALL_SCALE
from numeric.formatting import shortest
from numeric.gains import PYTORCH_GAINS
from numeric.measured import gains_results

FIGURES: dict = {}

INIT_DASH = {
    "small": (0, (1, 2)),
    "unit": (0, (6, 2, 1, 2)),
    "standard": (0, (1, 2)),
    "lecun": "solid",
    "xavier": "solid",
    "he": (0, (5, 2)),
}
INIT_NAME = {
    "small": f"{shortest(SMALL_SCALE)} N(0, 1)",
    "unit": "N(0, 1)",
    "standard": "standard U[±1/√n]",
    "lecun": "N(0, 1/n) (CS231n's Xavier)",
    "xavier": "Xavier (Glorot)",
    "he": "He N(0, 2/n)",
}


def _median_band(ax, x, summary, colour, dash, label, scale=1.0):
    median = np.asarray(summary["median"]) * scale
    ax.fill_between(
        x,
        np.asarray(summary["low"]) * scale,
        np.asarray(summary["high"]) * scale,
        color=colour,
        alpha=0.2,
        lw=0,
    )
    ax.plot(x, median, color=colour, ls=dash, label=label)


def _layers(n: int) -> np.ndarray:
    return np.arange(1, n + 1)


# ---------------------------------------------------------------- (1) forward


@figure("measured-forward-std", FIGURES)
def forward_std() -> Figure:
    """The spread of a_k layer by layer: collapse, saturation, slow decay; ReLU halving or kept."""
    results = measured.forward()
    fig, (left, right) = _axes(2, figsize=(8.4, 3.8))
    for activation, init in measured.FORWARD_RUNS:
        run = results[measured.run_name(activation, init)]
        ax = left if activation == "tanh" else right
        x = _layers(len(run["a_std"]["median"]))
        _median_band(
            ax,
            x,
            run["a_std"],
            style.ACTIVATION_COLOURS[activation],
            INIT_DASH[init],
            INIT_NAME[init],
        )
    left.set_title("tanh, ten layers of 500")
    right.set_title("ReLU, ten layers of 500")
    left.set_yscale("log")
    for ax in (left, right):
        ax.set_xlabel("layer $k$")
        ax.set_xticks([1, 4, 7, 10])
        ax.legend(fontsize=10, loc="lower left")
    left.set_ylabel("std of $a_k$")
    right.set_ylim(0, None)
    return fig


# ---------------------------------------------------------------- (2) backward


@figure("measured-backward-gradients", FIGURES)
def backward_gradients() -> Figure:
    """The spread of delta_k = dL/dz_k, relative to the top layer's, for each activation and init."""
    results = measured.backward()
    acts = measured.BACKWARD_ACTIVATIONS
    fig, axes = _axes(len(acts), figsize=(8.4, 3.6), sharey=True)
    for ax, activation in zip(axes, acts):
        for init in measured.BACKWARD_INITS:
            run = results[measured.run_name(activation, init)]
            top = run["delta_std"]["median"][-1]
            x = _layers(len(run["delta_std"]["median"]))
            _median_band(
                ax,
                x,
                run["delta_std"],
                style.ACTIVATION_COLOURS[activation],
                INIT_DASH[init],
                INIT_NAME[init].split(" ")[0],
                scale=1.0 / top,
            )
        ax.set_title(ZOO[activation].name)
        ax.set_yscale("log")
        ax.set_xticks([1, 10])
        ax.set_xlabel("layer $k$")
    axes[0].set_ylabel(r"std of $\delta_k$ / std of $\delta_{10}$")
    axes[0].set_ylim(1e-9, 1e2)
    # The dashes' key, in a neutral colour (the panels' own lines keep theirs).
    handles = [Line2D([], [], color=style.MUTED, ls=INIT_DASH[i]) for i in measured.BACKWARD_INITS]
    labels = [INIT_NAME[i].split(" ")[0] for i in measured.BACKWARD_INITS]
    fig.legend(handles, labels, loc="outside lower center", ncols=3, fontsize=11)
    return fig


# ---------------------------------------------------------------- (3) Nielsen's speed per layer

LAYER_SHADES = (0.45, 0.7, 1.0)  # hidden layer 1 faint, the last one full colour


def _shade(colour: str, strength: float):
    """The colour mixed with the background: a lighter or darker version of the same hue."""
    c, b = np.array(to_rgb(colour)), np.array(to_rgb(style.BACKGROUND))
    return tuple(b + strength * (c - b))


def _toward(colour: str, target: str, t: float):
    """The colour moved a fraction t of the way to another."""
    c, g = np.array(to_rgb(colour)), np.array(to_rgb(target))
    return tuple(c + t * (g - c))


@figure("measured-layer-speed", FIGURES)
def layer_speed_figure() -> Figure:
    """||dC/db^l|| per hidden layer, before training and after each epoch, sigmoid and ReLU."""
    results = layer_speed.results()
    fig, axes = _axes(2, figsize=(8.4, 3.8), sharey=True)
    for ax, activation in zip(axes, layer_speed.ACTIVATIONS):
        speeds = results[activation]["speeds"]
        median = np.asarray(speeds["median"])
        epochs = np.arange(median.shape[0])
        for layer, strength in enumerate(LAYER_SHADES):
            colour = _shade(style.ACTIVATION_COLOURS[activation], strength)
            summary = {k: np.asarray(v)[:, layer] for k, v in speeds.items()}
            _median_band(ax, epochs, summary, colour, "solid", f"hidden layer {layer + 1}")
        ax.set_yscale("log")
        ax.set_xlabel("epoch")
        ax.set_title(f"{ZOO[activation].name} hidden layers")
        ax.legend(fontsize=10, loc="upper right")
    axes[0].set_ylabel(r"$\|\partial C / \partial b^l\|$")
    return fig


# ---------------------------------------------------------------- (4) gains


@figure("measured-gains", FIGURES)
def gains_figure() -> Figure:
    """The forward and backward gains of every activation, with PyTorch's where it lists one."""
    table = gains_results()["table"]
    keys = [k for k in table if k != "identity"]
    fig, (ax,) = _axes(1, figsize=(8.4, 3.8))
    x = np.arange(len(keys))
    colours = [style.ACTIVATION_COLOURS[k] for k in keys]
    ax.bar(x - 0.2, [table[k]["forward"] for k in keys], 0.38, color=colours, label="forward")
    ax.bar(
        x + 0.2,
        [table[k]["backward"] for k in keys],
        0.38,
        color=colours,
        alpha=0.45,
        label="backward",
    )
    listed = [i for i, k in enumerate(keys) if k in PYTORCH_GAINS]
    ax.plot(
        x[listed],
        [PYTORCH_GAINS[keys[i]] for i in listed],
        "D",
        ms=8,
        color=style.TEXT,
        ls="none",
        label="PyTorch",
    )
    ax.set_xticks(x, [ZOO[k].name for k in keys], rotation=30, ha="right", fontsize=11)
    ax.set_ylabel("gain $g$")
    ax.set_ylim(0, 5)
    ax.legend(fontsize=11, ncols=3, loc="upper left")
    return fig


# ---------------------------------------------------------------- (5) born dead


@figure("measured-born-dead", FIGURES)
def born_dead_figure() -> Figure:
    """How often a narrow ReLU net is dead at birth, by depth, for each width."""
    results = born_dead.results()
    fig, (ax,) = _axes(1, figsize=(8.4, 3.8))
    widths = [str(w) for w in born_dead.WIDTHS]
    for i, width in enumerate(widths):
        run = results[width]
        # Narrow to wide: ReLU's colour moving toward the text colour, so every width keeps its
        # contrast with the background in both palettes (fading toward it lost width 8 on white).
        colour = _toward(style.ACTIVATION_COLOURS["relu"], style.TEXT, 0.6 * i / (len(widths) - 1))
        depths = np.asarray(run["depths"])
        _median_band(ax, depths, run["dead_on_set"], colour, "solid", f"width {width}")
        ax.plot(depths, run["closed_form"], color=colour, ls=(0, (1, 2)), lw=1.8)
        ax.plot(depths, run["dead_at_one_input_pooled"], "o", color=colour, ms=5)
    ax.set_xscale("log")
    ax.set_xticks(born_dead.DEPTHS, [str(d) for d in born_dead.DEPTHS])
    ax.set_xticks([], minor=True)
    ax.set_xlabel("depth (hidden layers)")
    ax.set_ylabel("share of networks dead")
    ax.set_ylim(-0.02, 1.02)
    fig.legend(
        *ax.get_legend_handles_labels(),
        fontsize=10,
        loc="outside right upper",
        title="ReLU, He init",
        title_fontsize=10,
    )
    kinds = [
        Line2D([], [], color=style.MUTED, ls="solid"),
        Line2D([], [], color=style.MUTED, ls=(0, (1, 2)), lw=1.8),
        Line2D([], [], color=style.MUTED, ls="none", marker="o", ms=5),
    ]
    names = [
        "dead on all\n200 points",
        "dead at one\npoint: formula",
        "dead at one\npoint: simulated",
    ]
    fig.legend(kinds, names, fontsize=10, loc="outside right lower")
    return fig
