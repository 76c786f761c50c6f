"""Swish's steepness beta swept from 0 to large: the curve x sigma(beta x) and its slope move
from the straight line x / 2 through SiLU (beta = 1) to ReLU and its step.

Every number on screen and in the captions comes from `numeric.smooth` and
`numeric.activations` through the module-level values below, which
tests/test_scene_swish_beta.py recomputes.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, Create, FadeIn, Scene, Transform, Write

import style
from captioned import CaptionedBeats
from numeric.activations import relu, relu_prime, silu, silu_prime
from numeric.formatting import decimals, shortest
from numeric.smooth import SWISH_BETAS, swish_distance_to_relu_exact
from toolkit import heading, polyline, tex, words

SILU_COLOUR = style.ACTIVATION_COLOURS["silu"]
RELU_COLOUR = style.ACTIVATION_COLOURS["relu"]
XS = np.linspace(-4, 4, 321)
LAST = SWISH_BETAS[-1]
GAP = swish_distance_to_relu_exact(LAST)  # the largest distance to ReLU at the last beta


def steepest_slope() -> float:
    """The largest slope of x sigma(beta x): the same for every beta > 0 (the curve is SiLU
    shrunk by beta in both directions, which leaves slopes alone), found on a dense grid."""
    x = np.linspace(0, 10, 100_001)
    return float(silu_prime(x).max())


STEEPEST = steepest_slope()


def beta_tex(beta: float) -> str:
    return rf"\beta = {shortest(beta)}"


def corners(xs, ys) -> tuple[np.ndarray, np.ndarray]:
    """The samples where a piecewise-linear curve bends, and its ends: the same polyline with
    every straight run one segment (ReLU's 321 samples are 3 corners), so it costs a few
    segments a frame instead of 320 while the curves over it move."""
    bend = np.abs(np.diff(np.diff(ys) / np.diff(xs))) > 1e-12
    keep = np.concatenate([[True], bend, [True]])
    return xs[keep], ys[keep]


def curve_points(axes, beta: float, derivative: bool) -> np.ndarray:
    ys = silu_prime(XS, beta) if derivative else silu(XS, beta)
    return np.array([axes.c2p(x, y) for x, y in zip(XS, ys)])


class SwishFromLinearToRelu(CaptionedBeats, Scene):
    """Swish: from a straight line to ReLU"""

    def construct(self):
        # Show the two panels: the function and its slope, with ReLU's for reference.
        title = heading(words("Swish: from a straight line to ReLU", size=style.TITLE_SIZE))
        left = Axes(x_range=[-4, 4, 2], y_range=[-1, 4, 1], x_length=5.8, y_length=4.2,
                    axis_config={"color": style.MUTED}).move_to(LEFT * 3.4 + DOWN * 0.75)
        right = Axes(x_range=[-4, 4, 2], y_range=[-0.5, 1.5, 0.5], x_length=5.8, y_length=4.2,
                     axis_config={"color": style.MUTED}).move_to(RIGHT * 3.4 + DOWN * 0.75)
        f_label = tex(r"f(x) = x\,\sigma(\beta x)", size=style.LABEL_SIZE).next_to(left, UP, buff=0.15)
        fp_label = tex(r"f'(x)", size=style.LABEL_SIZE).next_to(right, UP, buff=0.15)
        relu_f = polyline(np.array([left.c2p(x, y) for x, y in zip(*corners(XS, relu(XS)))]),
                          RELU_COLOUR, 3, opacity=0.6)
        relu_fp = polyline(np.array([right.c2p(x, y) for x, y in zip(*corners(XS, relu_prime(XS)))]),
                           RELU_COLOUR, 3, opacity=0.6)
        relu_label = words("ReLU", size=style.LABEL_SIZE, color=RELU_COLOUR)
        relu_label.next_to(left.c2p(2.6, 3.2), LEFT, buff=0.2)
        self.beat(FadeIn(title), Create(left), Create(right), Write(f_label), Write(fp_label),
                  caption="Swish multiplies x by a sigmoid gate of steepness beta: f(x) = x "
                  "sigma(beta x). Left the function, right its slope.",
                  run_time=2.0, hold=1.5)

        # Show beta = 0: the straight line x / 2.
        beta = SWISH_BETAS[0]
        f = polyline(curve_points(left, beta, False), SILU_COLOUR, 6)
        fp = polyline(curve_points(right, beta, True), SILU_COLOUR, 6)
        label = tex(beta_tex(beta), size=style.BODY_SIZE, color=SILU_COLOUR)
        label.move_to(left.c2p(-2.4, 3.2))
        # ReLU's label before the moving curves (it overlaps nothing): added after them, it would
        # be redrawn in every frame of the sweep.
        self.beat(FadeIn(relu_label), Create(f), Create(fp), FadeIn(label), FadeIn(relu_f),
                  FadeIn(relu_fp),
                  caption=f"At beta = {shortest(beta)} the gate is one half everywhere: f is the "
                  "straight line x/2 and its slope is one half. ReLU is drawn for comparison.",
                  run_time=2.0, hold=2.0)

        # Sweep beta up.
        steps = len(SWISH_BETAS) - 1
        step_time, step_hold = 1.6, 0.8
        for k, beta in enumerate(SWISH_BETAS[1:]):
            new_f = polyline(curve_points(left, beta, False), SILU_COLOUR, 6)
            new_fp = polyline(curve_points(right, beta, True), SILU_COLOUR, 6)
            new_label = tex(beta_tex(beta), size=style.BODY_SIZE, color=SILU_COLOUR).move_to(label)
            self.beat(
                Transform(f, new_f), Transform(fp, new_fp), Transform(label, new_label),
                caption=(
                    "Turn beta up. The gate sharpens, a dip below 0 appears left of 0, and the "
                    f"slope overshoots 1, up to {decimals(STEEPEST, 3)}, right of 0. At beta "
                    f"= {shortest(SWISH_BETAS[2])} this is SiLU."
                    if k == 0 else None
                ),
                caption_for=steps * (step_time + step_hold) if k == 0 else None,
                run_time=step_time, hold=step_hold,
            )

        # Show how close the last one is to ReLU.
        gap = tex(rf"{beta_tex(LAST)}:\ \max_x \lvert f(x) - \mathrm{{ReLU}}(x) \rvert = {decimals(GAP, 4)}",
                  size=style.LABEL_SIZE)
        gap.move_to(DOWN * 3.45)
        self.beat(FadeIn(gap),
                  caption=f"At beta = {shortest(LAST)} the curve is never more than "
                  f"{decimals(GAP, 4)} from ReLU, and its slope is a smoothed step. Large beta "
                  "gives ReLU, beta = 0 a straight line.",
                  run_time=1.0, hold=4.0)
