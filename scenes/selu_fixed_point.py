"""SELU's fixed point: a wide SELU layer maps the (mean, variance) of its inputs to those of its
outputs (Klambauer et al. 2017's map g, weights of mean 0 and variance 1/n); iterated from several
starts it walks to (0, 1). Then a measured deep network: SELU keeps its activations' spread near 1
for 20 layers while the same network with ReLU lets it fall away.

Every number on screen and in the captions comes from `numeric.smooth` (the map, its fixed point
and contraction, the cached deep-network measurement) through the module-level values below,
which tests/test_scene_selu_fixed_point.py recomputes by quadrature and by a plain numpy network.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Scene,
    VGroup,
)

import style
from captioned import CaptionedBeats
from numeric.formatting import decimals, shortest, significant
from numeric.smooth import (
    DEEP,
    DEEP_SEEDS,
    deep_means,
    deep_spreads,
    selu_contraction,
    selu_fixed_point,
    selu_orbit,
)
from toolkit import heading, polyline, tex, words

SELU_COLOUR = style.ACTIVATION_COLOURS["selu"]
RELU_COLOUR = style.ACTIVATION_COLOURS["relu"]

# Show the map: starts on both sides of the fixed point, low and high variance, one of them the
# page's example (mean 1, variance 3).
STARTS = ((1.0, 3.0), (-0.8, 2.6), (1.2, 0.3), (-1.0, 0.25))
LAYERS = 8  # arrows drawn per start
ORBITS = [selu_orbit(mu, nu, LAYERS) for mu, nu in STARTS]
FIXED_MEAN, FIXED_VAR = selu_fixed_point()
CONTRACTION = selu_contraction()

# Show the measured network: the median over the seeds of each layer's spread, layers 1..depth.
DEPTH = DEEP["depth"]
SELU_SPREADS = np.median(deep_spreads("selu"), axis=0)
RELU_SPREADS = np.median(deep_spreads("relu"), axis=0)
SELU_LAST = deep_spreads("selu")[:, -1]  # the last layer's spread, one per seed
RELU_LAST = float(RELU_SPREADS[-1])
SELU_MEAN_BOUND = float(np.abs(deep_means("selu")).max())
LOG_FLOOR = -4  # the spread axis runs from 10^LOG_FLOOR to 10^LOG_TOP
LOG_TOP = 1


# Labels and ticks are plain text (Pango), not LaTeX: every distinct formula costs a LaTeX and a
# dvisvgm run, a large share of a short scene's CPU at publish quality.
SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def point_text(mean: float, var: float) -> str:
    """The fixed point as the core finds it, to the whole numbers it is (no '-0')."""
    return f"({shortest(round(mean, 6) + 0.0)}, {shortest(round(var, 6) + 0.0)})"


def signed(value: float) -> str:
    """A tick label with a real minus sign."""
    return shortest(value).replace("-", "\u2212")


def power_text(exponent: int) -> str:
    return "1" if exponent == 0 else "10" + str(exponent).translate(SUPERSCRIPT)


class SeluFixedPointAttracts(CaptionedBeats, Scene):
    """SELU: every layer pulls towards mean 0, variance 1"""

    def construct(self):
        # Show the (mean, variance) plane.
        title = heading(words("SELU: pulled to mean 0, variance 1", size=style.TITLE_SIZE))
        plane = Axes(x_range=[-1.25, 1.25, 0.5], y_range=[0, 3.25, 1], x_length=5.6, y_length=4.2,
                     axis_config={"color": style.MUTED}).move_to(LEFT * 3.45 + DOWN * 0.15)
        mean_label = words("mean", size=style.LABEL_SIZE).next_to(plane.x_axis, DOWN, buff=0.2)
        var_label = words("variance", size=style.LABEL_SIZE)
        var_label.next_to(plane.c2p(-1.25, 3.25), UP, buff=0.15).align_to(plane, LEFT)
        ticks = VGroup(
            *(words(signed(v), size=style.LABEL_SIZE).next_to(plane.c2p(v, 0), DOWN, buff=0.15)
              for v in (-1, 1)),
            *(words(shortest(v), size=style.LABEL_SIZE).next_to(plane.c2p(-1.25, v), LEFT, buff=0.15)
              for v in (1, 2, 3)),
        )
        # Beside it, what one layer does, until the measured network takes the place.
        rule = tex(r"(\mu,\ \nu)\ \mapsto\ (\tilde\mu,\ \tilde\nu)", size=style.TITLE_SIZE)
        rule.move_to(RIGHT * 3.75 + UP * 1.0)
        one_layer = words("one SELU layer", size=style.LABEL_SIZE).next_to(rule, DOWN, buff=0.35)
        self.beat(FadeIn(title), Create(plane), FadeIn(mean_label), FadeIn(var_label),
                  FadeIn(ticks), FadeIn(rule), FadeIn(one_layer),
                  caption="Take a wide layer of SELUs whose weights each sum to 0, their squares to 1. "
                  "It turns the mean and variance of its inputs into the mean and variance of its "
                  "outputs: one point of this plane into another.",
                  run_time=1.0, hold=3.5)

        # Show the fixed point.
        fixed = Dot(plane.c2p(FIXED_MEAN, FIXED_VAR), radius=0.11, color=style.TEXT).set_z_index(3)
        fixed_label = words(point_text(FIXED_MEAN, FIXED_VAR), size=style.LABEL_SIZE)
        fixed_label.next_to(fixed, RIGHT, buff=0.2).shift(DOWN * 0.25)
        kept = words(f"{point_text(FIXED_MEAN, FIXED_VAR)}  \u21a6  {point_text(FIXED_MEAN, FIXED_VAR)}",
                     size=style.BODY_SIZE).next_to(one_layer, DOWN, buff=0.6)
        self.beat(FadeIn(fixed), FadeIn(fixed_label), FadeIn(kept),
                  caption="Inputs with mean 0 and variance 1 come out with mean 0 and variance 1: "
                  "a fixed point of the layer.",
                  run_time=1.5, hold=2.0)

        # Show the orbits, one layer (one arrow per start) at a time.
        starts = VGroup(*(Dot(plane.c2p(*orbit[0]), radius=0.09, color=SELU_COLOUR)
                          for orbit in ORBITS))
        self.beat(FadeIn(starts),
                  caption="Now start elsewhere: mean 1 and variance 3, or a small variance, or a "
                  "negative mean.",
                  run_time=1.0, hold=1.5)
        step_time = 0.8  # a whole number of frames at 15 and 60 fps: the caption spans the arrows exactly
        for k in range(LAYERS):
            arrows = [Arrow(plane.c2p(*orbit[k]), plane.c2p(*orbit[k + 1]), buff=0,
                            color=SELU_COLOUR, stroke_width=4, tip_length=0.16,
                            max_tip_length_to_length_ratio=0.45)
                      for orbit in ORBITS]
            self.beat(*(Create(a) for a in arrows),
                      caption=(
                          "Each arrow is one layer. The first one brings every mean close to 0; "
                          "then layer after layer the variance closes in on 1."
                          if k == 0 else None
                      ),
                      caption_for=LAYERS * step_time if k == 0 else None,
                      run_time=step_time, hold=0)

        # Show how strongly it pulls near the fixed point.
        shrink = words(f"shrink per layer \u2264 {decimals(CONTRACTION, 3)}",
                       size=style.LABEL_SIZE, color=SELU_COLOUR)
        shrink.move_to(plane.get_bottom() + DOWN * 1.2)
        self.beat(FadeIn(shrink),
                  caption="Close to the fixed point every layer shrinks the distance to it by a "
                  f"factor of at most {decimals(CONTRACTION, 3)}. The paper proves that starts near it "
                  "converge; for starts far away it only bounds the variance.",
                  run_time=1.0, hold=3.0)

        # Show a measured deep network: the spread of each layer's activations.
        # The spread on a log scale: y is log10(spread) - LOG_FLOOR, so the layer axis is the floor.
        chart = Axes(x_range=[0, DEPTH + 1, 5], y_range=[0, LOG_TOP - LOG_FLOOR, 1], x_length=5.6,
                     y_length=4.2, axis_config={"color": style.MUTED}).move_to(RIGHT * 3.75 + DOWN * 0.15)

        def at(k, spread):
            return chart.c2p(k, np.log10(spread) - LOG_FLOOR)

        layer_label = words("layer", size=style.LABEL_SIZE).next_to(chart.x_axis, DOWN, buff=0.2)
        spread_label = words("spread of activations", size=style.LABEL_SIZE)
        spread_label.next_to(at(0, 10.0**LOG_TOP), UP, buff=0.15).align_to(chart, LEFT)
        chart_ticks = VGroup(
            *(words(shortest(k), size=style.LABEL_SIZE).next_to(chart.c2p(k, 0), DOWN, buff=0.15)
              for k in (DEPTH // 4, DEPTH)),
            *(words(power_text(e), size=style.LABEL_SIZE).next_to(at(0, 10.0**e), LEFT, buff=0.15)
              for e in range(LOG_FLOOR, LOG_TOP, 2)),
        )
        self.beat(FadeOut(rule), FadeOut(one_layer), FadeOut(kept),
                  Create(chart), FadeIn(layer_label), FadeIn(spread_label), FadeIn(chart_ticks),
                  caption=f"Does a real network keep it? {shortest(DEPTH)} layers of "
                  f"{shortest(DEEP['width'])} units, weights of variance 1/n, "
                  f"{shortest(DEEP['n_examples'])} standard normal inputs, "
                  f"{shortest(len(DEEP_SEEDS))} seeds; the spread on a log scale.",
                  run_time=1.0, hold=2.5)

        layers = np.arange(1, DEPTH + 1)
        selu_line = polyline(np.array([at(k, s) for k, s in zip(layers, SELU_SPREADS)]),
                             SELU_COLOUR, 6)
        selu_name = words("SELU", size=style.LABEL_SIZE, color=SELU_COLOUR)
        selu_name.next_to(at(DEPTH, SELU_SPREADS[-1]), UP, buff=0.2).align_to(chart, RIGHT)
        self.beat(Create(selu_line), FadeIn(selu_name),
                  caption=f"With SELU the spread stays near 1: {decimals(np.median(SELU_LAST), 4)} "
                  f"after {shortest(DEPTH)} layers (median over the seeds; "
                  f"{decimals(SELU_LAST.min(), 4)} to {decimals(SELU_LAST.max(), 4)}), the mean "
                  f"within {decimals(SELU_MEAN_BOUND, 4)} of 0.",
                  run_time=1.5, hold=3.0)

        relu_line = polyline(np.array([at(k, s) for k, s in zip(layers, RELU_SPREADS)]),
                             RELU_COLOUR, 6)
        relu_name = words("ReLU", size=style.LABEL_SIZE, color=RELU_COLOUR)
        relu_name.next_to(at(DEPTH // 2, RELU_SPREADS[DEPTH // 2 - 1]), DOWN + LEFT, buff=0.15)
        self.beat(Create(relu_line), FadeIn(relu_name),
                  caption="The same network with ReLU halves the variance at every layer: after "
                  f"{shortest(DEPTH)} layers its spread is {significant(RELU_LAST, 2)}.",
                  run_time=1.5, hold=4.5)
