"""CS231n's ten tanh layers, stepped through one layer at a time: where the activations fall
with weights too small, too large and of size 1/sqrt(n).

Every histogram and every spread on screen is numeric.measured's (seed 0 for the histograms, the
median over the seeds for the spreads), written through numeric.formatting.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeIn, Line, Rectangle, Scene, Transform, VGroup, VMobject

import style
from captioned import CaptionedBeats
from numeric import measured
from numeric.deep import SMALL_SCALE
from numeric.formatting import scientific_tex, shortest
from toolkit import heading, merged_by_style, tex, words

# The three tanh runs of the lecture, top to bottom, and how each is labelled.
ROWS = (("tanh", "small"), ("tanh", "unit"), ("tanh", "lecun"))
ROW_TEX = {
    "small": rf"W = {shortest(SMALL_SCALE)}\,N(0, 1)",
    "unit": r"W = N(0, 1)",
    "lecun": r"W = N(0, 1) / \sqrt{n}",
}
# The histograms' box, in scene units: x from -1 to +1 maps onto [LEFT_X, LEFT_X + WIDTH].
LEFT_X, WIDTH = -2.6, 5.6
ROW_Y = (1.25, -0.95, -3.15)
LABEL_X = -5.1
BAR_HEIGHT = 1.5


def run(init: str) -> dict:
    return measured.forward()[measured.run_name("tanh", init)]


def shares(init: str, layer: int) -> np.ndarray:
    """The share of a_layer's values in each bin (seed 0), layer counted from 1."""
    return np.asarray(run(init)["histograms"][layer - 1])


def spread(init: str, layer: int) -> float:
    """The median over the seeds of the spread of a_layer."""
    return run(init)["a_std"]["median"][layer - 1]


def spread_tex(init: str, layer: int) -> str:
    return rf"\mathrm{{std}} = {scientific_tex(spread(init, layer), 3)}"


def bars(init: str, layer: int, y: float) -> VMobject:
    """One histogram: bar heights are shares scaled to the tallest bar of this histogram.
    Its bars are ONE mobject (a subpath each): one fill call a frame while they move instead of
    40, and every histogram has the same point count, so a Transform moves bar to bar."""
    s = shares(init, layer)
    edges = np.asarray(run(init)["edges"])
    width = WIDTH / len(s)
    pieces = []
    for share, left in zip(s / s.max(), edges[:-1]):
        x = LEFT_X + (left - edges[0]) / (edges[-1] - edges[0]) * WIDTH
        h = max(share * BAR_HEIGHT, 0.02)
        bar = Rectangle(width=width * 0.9, height=h, stroke_width=0,
                        fill_color=style.ACTIVATION_COLOURS["tanh"], fill_opacity=1.0)
        pieces.append(bar.move_to([x + width / 2, y + h / 2, 0]))
    (group,) = merged_by_style(pieces)
    return group


class TanhLayersHistograms(CaptionedBeats, Scene):
    """Ten tanh layers, step by step: collapse, saturation, survival

    The activations of ten tanh layers of 500 units, one layer at a time, for three sizes of
    random weights: too small, they collapse to 0; too large, they pile up at -1 and +1; of size
    1/sqrt(n), they keep a spread.
    """

    def construct(self):
        self.show_the_setup()
        self.step_through_the_layers()
        self.show_the_spreads()

    # Show the three rows, their weights and the first layer.
    def show_the_setup(self):
        self.counter = words("layer 1", style.BODY_SIZE)
        title = heading(words("Ten tanh layers of 500 units", style.TITLE_SIZE))
        self.counter.move_to([LABEL_X, ROW_Y[0] + 1.45, 0])
        self.rows = []
        labels, axes = VGroup(), VGroup()
        for (_, init), y in zip(ROWS, ROW_Y):
            label = tex(ROW_TEX[init], size=style.LABEL_SIZE).move_to([LABEL_X, y + 0.55, 0])
            axis = Line([LEFT_X, y, 0], [LEFT_X + WIDTH, y, 0], color=style.MUTED, stroke_width=3)
            ends = VGroup(
                tex("-1").next_to(axis.get_start(), DOWN, buff=0.12),
                tex("+1").next_to(axis.get_end(), DOWN, buff=0.12),
            )
            labels.add(label)
            axes.add(axis, ends)
            self.rows.append(bars(init, 1, y))
        # The counter after the static labels and axes: it changes every layer, and whatever
        # comes after a moving mobject is redrawn with it.
        self.beat(
            FadeIn(title),
            FadeIn(labels),
            FadeIn(axes),
            FadeIn(self.counter),
            caption="Ten tanh layers of 500 units, with three sizes of random weights.",
            run_time=1.5,
            hold=1.5,
        )
        self.beat(
            *(FadeIn(r, shift=0.2 * UP) for r in self.rows),
            caption="Layer 1: where its 500 000 values fall, between -1 and +1.",
            run_time=1.5,
            hold=2.0,
        )

    # Step through layers 2 to 10, the three rows at once.
    def step_through_the_layers(self):
        captions = {
            2: "Layer by layer: with small weights everything squeezes towards 0.",
            5: "With N(0, 1) weights, almost every value sits at -1 or +1: saturated.",
            8: "Scaled by one over root n, the spread shrinks only slowly.",
        }
        for layer in range(2, measured.CS231N["depth"] + 1):
            counter = words(f"layer {layer}", style.BODY_SIZE).move_to(self.counter)
            new_rows = [bars(init, layer, y) for (_, init), y in zip(ROWS, ROW_Y)]
            caption = captions.get(layer)
            self.beat(
                Transform(self.counter, counter),
                *(Transform(old, new) for old, new in zip(self.rows, new_rows)),
                caption=caption,
                caption_for=3 * 1.6 if caption else None,
                run_time=1.0,
                hold=0.6,
            )

    # Show the spread each row ends with.
    def show_the_spreads(self):
        last = measured.CS231N["depth"]
        texts = VGroup(
            *(
                tex(spread_tex(init, last)).next_to(
                    [LEFT_X + WIDTH, y + 0.75, 0], RIGHT, buff=0.3
                )
                for (_, init), y in zip(ROWS, ROW_Y)
            )
        )
        texts.align_to(texts[0], LEFT)
        self.beat(
            FadeIn(texts),
            caption="Their spreads after ten layers: vanished, saturated, alive.",
            run_time=1.5,
            hold=3.0,
        )
