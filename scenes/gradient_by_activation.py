"""Gradients through depth, by activation: chapter 1's bound of 0.25 per sigmoid layer beside a
real network of ten layers, and the same network with tanh and with ReLU.

The weights are orthogonal, so that no layer's weights lengthen or shorten the gradient: the
matrix form of the bound's premise |w| <= 1. Every curve is the median over the seeds of
numeric.depth_by_activation, with the band from the lowest to the highest seed.
"""

from __future__ import annotations

from manim import (
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedVMobject,
    FadeIn,
    Polygon,
    Scene,
    VGroup,
)

import style
from captioned import CaptionedBeats
from layer_axes import LayerAxes
from numeric import depth_by_activation as depth
from numeric.activations import ZOO
from numeric.formatting import decimals, percent, scientific_text, shortest
from toolkit import heading, polyline, tex, words

Y_MIN, Y_MAX = -7, 1  # log10 of the share, the plot's range
LAYERS = depth.SETUP["depth"]
KEY_LEFT, KEY_FACTOR, KEY_TOP = 1.3, 4.5, 1.7  # the key's left edge, its factors' column, its top


def colour(activation: str) -> str:
    return style.ACTIVATION_COLOURS[activation]


def share_text(activation: str) -> str:
    return scientific_text(depth.first_layer_share(activation))


def factor_text(activation: str) -> str:
    return decimals(depth.per_layer_factor(activation))


def band(axes: LayerAxes, activation: str) -> Polygon:
    """The lowest-to-highest band over the seeds, faint."""
    s = depth.shares(activation)
    ks = range(1, LAYERS + 1)
    outline = [axes.point(k, v) for k, v in zip(ks, s["high"])]
    outline += [axes.point(k, v) for k, v in reversed(list(zip(ks, s["low"])))]
    return Polygon(*outline, stroke_width=0, fill_color=colour(activation), fill_opacity=0.3)


def measured(axes: LayerAxes, activation: str):
    """The median curve, drawn from layer n down to layer 1, the way the gradient travels."""
    return axes.curve(depth.shares(activation)["median"], colour(activation)).reverse_points()


def bound_line(axes: LayerAxes, activation: str):
    line = axes.curve(depth.bound(activation), style.MUTED, 4).reverse_points()
    return DashedVMobject(line, num_dashes=30, dashed_ratio=0.55)


class GradientsThroughDepth(CaptionedBeats, Scene):
    """Gradients through depth, by activation

    The same ten-layer network with orthogonal weights, with the sigmoid, tanh and ReLU: how much
    of the gradient reaches each layer. The sigmoid's curve runs just under chapter 1's bound of
    0.25 per layer; tanh and ReLU keep far more, ReLU losing its inactive half at every layer.
    """

    def construct(self):
        self.show_the_network()
        self.show_the_bound()
        self.show_the_sigmoid()
        self.explain_the_gap()
        self.show_tanh()
        self.show_relu()
        self.show_all_three()

    # Show the axes and what the network is.
    def show_the_network(self):
        self.axes = LayerAxes(LAYERS, Y_MIN, Y_MAX, x_length=6.0, y_length=5.0).move_to([-2.4, -0.25, 0])
        title = heading(words("Gradients through depth", style.TITLE_SIZE))
        self.key = VGroup()
        self.beat(
            FadeIn(title), Create(self.axes), FadeIn(self.axes.labels()),
            caption=f"Ten layers of {depth.SETUP['width']} units with orthogonal weights: "
            "no layer's weights make the gradient longer or shorter.",
            run_time=2.0, hold=2.0,
        )

    def add_key(self, sample, name: str, factor: str, color: str) -> VGroup:
        """One row of the key: a sample of the line, a name and what one layer keeps."""
        y = KEY_TOP - 0.75 * (len(self.key) + 1)
        sample.move_to([KEY_LEFT + 0.3, y, 0])
        label = words(name, style.LABEL_SIZE, color=color).next_to(sample, RIGHT, buff=0.25)
        kept = words(f"× {factor}", style.LABEL_SIZE, color=color)
        row = VGroup(sample, label, kept.move_to([0, y, 0]).align_to([KEY_FACTOR, 0, 0], LEFT))
        self.key.add(row)
        return row

    def key_for(self, activation: str) -> VGroup:
        sample = polyline([[0, 0, 0], [0.6, 0, 0]], colour(activation), 6)
        return self.add_key(sample, ZOO[activation].name, factor_text(activation), colour(activation))

    # Show chapter 1's bound: 0.25 per sigmoid layer.
    def show_the_bound(self):
        self.sigmoid_bound = bound_line(self.axes, "sigmoid")
        peak = decimals(depth.PEAK_SLOPE["sigmoid"])
        label = tex(rf"{peak}^{{\,{LAYERS + 1}-k}}", color=style.MUTED)
        label.next_to(self.axes.point(4, depth.bound("sigmoid")[3]), UP + LEFT, buff=0.1)
        header = words("kept per layer", style.LABEL_SIZE, color=style.MUTED)
        header.move_to([0, KEY_TOP, 0]).align_to([KEY_LEFT, 0, 0], LEFT)
        self.beat(
            Create(self.sigmoid_bound), FadeIn(label), FadeIn(header),
            caption=f"Chapter 1's bound: a sigmoid layer passes on at most "
            f"{decimals(depth.PEAK_SLOPE['sigmoid'])} of the gradient, so layer 1 gets at most "
            f"{scientific_text(depth.bound('sigmoid')[0])} of it.",
            run_time=2.5, hold=2.5,
        )

    # Show the real sigmoid network, median and band over the seeds.
    def show_the_sigmoid(self):
        self.beat(
            FadeIn(band(self.axes, "sigmoid")), Create(measured(self.axes, "sigmoid")),
            FadeIn(self.key_for("sigmoid")),
            caption=f"The real network, over {len(depth.SEEDS)} seeds: "
            f"{share_text('sigmoid')} reaches layer 1, just under the bound.",
            run_time=3.0, hold=2.5,
        )

    # Why the gap is small: the z's stay near 0, where sigma' is near its peak.
    def explain_the_gap(self):
        self.say(
            f"Its pre-activations stay near 0, where the slope is near its peak: "
            f"{factor_text('sigmoid')} per layer instead of {decimals(depth.PEAK_SLOPE['sigmoid'])}, "
            f"so the bound is only {decimals(depth.below_bound(), 2)} times too high.",
            5.0,
        )

    # Show tanh and its bound of 1.
    def show_tanh(self):
        one = DashedVMobject(axes_line(self.axes, 1.0), num_dashes=24, dashed_ratio=0.55)
        self.beat(
            Create(one),
            FadeIn(band(self.axes, "tanh")), Create(measured(self.axes, "tanh")),
            FadeIn(self.key_for("tanh")),
            caption=f"tanh's slope peaks at {shortest(depth.PEAK_SLOPE['tanh'])}, so nothing forces a shrink: "
            f"it keeps {factor_text('tanh')} per layer, and {share_text('tanh')} reaches layer 1.",
            run_time=3.0, hold=3.0,
        )

    # Show ReLU: unchanged on the active path, but half the units are off.
    def show_relu(self):
        self.beat(
            FadeIn(band(self.axes, "relu")), Create(measured(self.axes, "relu")),
            FadeIn(self.key_for("relu")),
            caption=f"ReLU passes an active unit's gradient unchanged, but only "
            f"{percent(depth.typical_slope('relu') ** 2)} of the units are active: "
            f"{factor_text('relu')} per layer, {share_text('relu')} at layer 1.",
            run_time=3.0, hold=3.0,
        )

    # The three together, and the bounds in the key: the poster.
    def show_all_three(self):
        ratio = depth.first_layer_share("relu") / depth.first_layer_share("sigmoid")
        sample = DashedVMobject(polyline([[0, 0, 0], [0.6, 0, 0]], style.MUTED, 4), num_dashes=3)
        bounds = f"{decimals(depth.PEAK_SLOPE['sigmoid'])}, {shortest(depth.PEAK_SLOPE['tanh'])}"
        self.beat(
            FadeIn(self.add_key(sample, "bounds", bounds, style.MUTED)),
            caption=f"The same weights: with ReLU, layer 1 gets {scientific_text(ratio)} times what it "
            "gets with the sigmoid. He's larger weights make up ReLU's lost half (chapter 4).",
            run_time=1.0, hold=4.5,
        )


def axes_line(axes: LayerAxes, value: float):
    """A horizontal line across the plot at `value`."""
    return polyline([axes.point(1, value), axes.point(LAYERS, value)], style.MUTED, 4)
