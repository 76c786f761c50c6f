"""The gradient on its way down ten layers, for five activations and three initialisations:
what layer k receives as a share of what layer 10 receives (Glorot and Bengio's experiment).

Every curve is numeric.measured.backward()'s median over the seeds.
"""

from __future__ import annotations

import numpy as np
from manim import (
    LEFT,
    RIGHT,
    Create,
    DashedVMobject,
    FadeIn,
    FadeOut,
    Scene,
    VGroup,
)

import style
from captioned import CaptionedBeats
from layer_axes import LayerAxes
from numeric import measured
from numeric.activations import ZOO
from toolkit import heading, merged_by_style, polyline, words

Y_MIN, Y_MAX = -9, 2  # log10 of the share, the figure's range
# (dashes per curve, share of each dash drawn): dotted, solid, long dashes, as in the figure.
DASHES = {"standard": (40, 0.3), "xavier": None, "he": (12, 0.6)}
KEY_DASHES = {"standard": (6, 0.3), "xavier": None, "he": (3, 0.6)}
INIT_WORDS = {"standard": "standard", "xavier": "Xavier", "he": "He"}
CAPTIONS = {
    "sigmoid": "Sigmoid: under all three initialisations, layer 1 gets a tiny fraction of the gradient.",
    "tanh": "tanh: the standard initialisation loses it, Xavier less, He keeps it.",
    "relu": "ReLU: the same order, and He's initialisation keeps the gradient's size.",
    "selu": "SELU: with Xavier's weights it grows a little on the way down, with He's larger ones much more.",
    "gelu": "GELU: it shrinks under standard and Xavier, He's initialisation keeps it.",
}


def shares(activation: str, init: str) -> np.ndarray:
    """The median spread of delta_k over that of delta_10, for k = 1..10."""
    delta = np.asarray(measured.backward()[measured.run_name(activation, init)]["delta_std"]["median"])
    return delta / delta[-1]


def make_axes() -> LayerAxes:
    return LayerAxes(10, Y_MIN, Y_MAX, x_length=7.6, y_length=5.6).move_to([-2.3, -0.45, 0])


def curve(axes: LayerAxes, activation: str, init: str):
    return dashed(axes.curve(shares(activation, init), style.ACTIVATION_COLOURS[activation]), DASHES[init])


def activation_key() -> VGroup:
    """Which colour is which activation: a row per activation, above the key to the dashes."""
    key = VGroup()
    for i, activation in enumerate(measured.BACKWARD_ACTIVATIONS):
        colour = style.ACTIVATION_COLOURS[activation]
        sample = polyline([[0, 0, 0], [1.1, 0, 0]], colour, 6)
        label = words(ZOO[activation].name, style.LABEL_SIZE, color=colour).next_to(sample, RIGHT, buff=0.25)
        key.add(VGroup(sample, label).move_to([4.0, 2.0 - 0.62 * i, 0]).align_to([2.9, 0, 0], LEFT))
    return key


def dashed(line, dashes):
    if dashes is None:
        return line
    count, ratio = dashes
    return DashedVMobject(line, num_dashes=count, dashed_ratio=ratio)


class GradientsByDepth(CaptionedBeats, Scene):
    """The gradient by depth, five activations, three inits

    What layer k receives of the gradient that reaches layer 10, for sigmoid, tanh, ReLU, SELU
    and GELU under the standard, Xavier and He initialisations: the sigmoid loses it under all
    three; He's initialisation keeps it for tanh, ReLU and GELU.
    """

    def construct(self):
        self.show_the_axes()
        for activation in measured.BACKWARD_ACTIVATIONS:
            self.show_activation(activation)
        self.show_all_together()

    # Show the axes, their labels and the key to the dashes.
    def show_the_axes(self):
        self.axes = make_axes()
        title = heading(words("The gradient on its way down", style.TITLE_SIZE))
        key = VGroup()
        for i, init in enumerate(measured.BACKWARD_INITS):
            sample = dashed(polyline([[0, 0, 0], [1.1, 0, 0]], style.MUTED, 6), KEY_DASHES[init])
            label = words(INIT_WORDS[init], style.LABEL_SIZE).next_to(sample, RIGHT, buff=0.25)
            key.add(VGroup(sample, label).move_to([4.0, -1.2 - 0.75 * i, 0]).align_to([2.9, 0, 0], LEFT))
        self.beat(
            FadeIn(title), Create(self.axes), FadeIn(self.axes.labels()),
            FadeIn(key),
            caption="Ten layers: what layer k receives of the gradient that reaches layer 10.",
            run_time=2.0, hold=1.5,
        )
        self.name = None
        self.shown = VGroup()

    # Show one activation's three curves; the previous ones fade back.
    def show_activation(self, activation: str):
        name = words(ZOO[activation].name, style.BODY_SIZE, color=style.ACTIVATION_COLOURS[activation])
        name.move_to([4.4, 1.4, 0])
        curves = VGroup(*(curve(self.axes, activation, init) for init in measured.BACKWARD_INITS))
        fades = [self.shown.animate.set_stroke(opacity=0.25)] if len(self.shown) else []
        if self.name is not None:
            fades.append(FadeOut(self.name))
        self.beat(
            *fades, FadeIn(name), Create(curves, lag_ratio=0.2),
            caption=CAPTIONS[activation], run_time=2.0, hold=2.5,
        )
        self.name = name
        # Drawn, each dashed curve becomes one path, its dashes subpaths of it: the fades to
        # come redraw 3 paths, not 53.
        solid = VGroup(*(VGroup(*merged_by_style([c])) for c in curves))
        self.remove(curves)
        self.add(solid)
        self.shown.add(solid)

    # Show the five together: the He curves bright, the rest faint.
    def show_all_together(self):
        he = measured.BACKWARD_INITS.index("he")
        self.beat(
            FadeOut(self.name), FadeIn(activation_key()),
            *(curves.animate.set_stroke(opacity=0.25) for curves in self.shown),
            caption="All five together.", run_time=1.0, hold=0.5,
        )
        self.beat(
            *(curves[he].animate.set_stroke(opacity=1.0) for curves in self.shown),
            caption="He's initialisation, bright: every activation but the sigmoid keeps its gradient within a factor of ten.",
            run_time=1.5, hold=3.0,
        )
