"""GELU as the average of random gates: at each x a gate keeps x with probability Phi(x) and
outputs 0 otherwise; averaging more and more draws, the dots settle on x Phi(x).

Every number on screen and in the captions comes from `numeric.smooth` (the draws and their
running means, seeded) through the module-level values below, which tests/test_scene_gelu_gate.py
recomputes.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    Scene,
    Transform,
    VMobject,
    Write,
)

import style
from captioned import CaptionedBeats
from numeric.activations import gelu
from numeric.formatting import decimals, shortest
from numeric.smooth import gate_running_means
from toolkit import dot_cloud, heading, merged_by_style, tex, words

GELU_COLOUR = style.ACTIVATION_COLOURS["gelu"]
XS = np.linspace(-3, 3, 25)  # where the gates sit
COUNTS = (1, 4, 16, 64, 256, 1024)  # how many draws are averaged at each step
SEED = 0
MEANS = gate_running_means(XS, COUNTS, SEED)
LARGEST_GAP = float(np.max(np.abs(MEANS[-1] - gelu(XS))))


COLUMN_X = 1.3  # the left edge of the text column beside the plot


def gelu_dots(points) -> VMobject:
    """The dots at `points` as ONE mobject (a circle subpath each): one fill call a frame instead
    of 25 while they move, and a Transform between two clouds aligns equal point counts."""
    return dot_cloud(points, GELU_COLOUR, 0.07)


def dashed(start, end, colour: str) -> VMobject:
    """A dashed line as ONE mobject (a subpath per dash): one stroke call a frame instead of one
    per dash (about 70) while it is created."""
    (line,) = merged_by_style([DashedLine(start, end, color=colour, stroke_width=3)])
    return line


def count_tex(n: int) -> str:
    return rf"n = {shortest(n)}"


def gap_text() -> str:
    return f"largest gap to\nthe curve: {decimals(LARGEST_GAP, 3)}"


class GatesAverageToGelu(CaptionedBeats, Scene):
    """GELU: random gates, averaged"""

    def construct(self):
        # Show the plane and the two outcomes of a gate.
        title = heading(words("GELU: random gates, averaged", size=style.TITLE_SIZE))
        axes = Axes(
            x_range=[-3, 3, 1],
            y_range=[-1, 3, 1],
            x_length=7.4,
            y_length=5.0,
            axis_config={"color": style.MUTED, "include_numbers": False},
        ).move_to(LEFT * 2.95 + DOWN * 0.6)
        x_label = tex("x", size=style.LABEL_SIZE).next_to(axes.x_axis, DOWN, buff=0.15)
        x_label.align_to(axes.x_axis, RIGHT)
        kept = dashed(axes.c2p(-1, -1), axes.c2p(3, 3), style.INPUT)
        dropped = dashed(axes.c2p(-3, 0), axes.c2p(3, 0), style.MUTED)
        kept_label = tex(r"\text{kept: } x", size=style.LABEL_SIZE, color=style.INPUT).next_to(
            axes.c2p(1.6, 2.6), LEFT, buff=0.3
        )
        dropped_label = tex(r"\text{dropped: } 0", size=style.LABEL_SIZE, color=style.MUTED)
        dropped_label.next_to(axes.c2p(-3, 0), UP, buff=0.3).align_to(axes.c2p(-3, 0), LEFT)
        rule = tex(r"P(\text{keep } x) = \Phi(x)", size=style.BODY_SIZE)
        rule.move_to([COLUMN_X, 2.0, 0], aligned_edge=LEFT)
        self.beat(
            FadeIn(title),
            Create(axes),
            Write(x_label),
            caption="A gate looks at its input x. It keeps x with probability Phi(x), the chance "
            "that a standard normal number is smaller, and outputs 0 otherwise.",
            run_time=2.0,
            hold=2.0,
        )
        self.beat(
            Create(kept),
            Create(dropped),
            FadeIn(kept_label),
            FadeIn(dropped_label),
            FadeIn(rule),
            caption="So every gate's output is either x, on the rising line, or 0, on the flat one.",
            run_time=1.5,
            hold=2.0,
        )

        # Show one draw, then averages of more and more draws.
        dots = gelu_dots(axes.c2p(x, y) for x, y in zip(XS, MEANS[0]))
        averaged = words("draws averaged:", size=style.LABEL_SIZE)
        averaged.move_to([COLUMN_X, 0.95, 0], aligned_edge=LEFT)
        counter = tex(count_tex(COUNTS[0]), size=style.BODY_SIZE)
        counter.next_to(averaged, DOWN, buff=0.3).align_to(averaged, LEFT)
        # The label before the dots: added after them, it would be redrawn while they move.
        self.beat(
            FadeIn(averaged),
            FadeIn(dots),
            FadeIn(counter),
            caption="One random draw at each x: large inputs are almost always kept, very "
            "negative ones almost always dropped, and near 0 it is a coin toss.",
            run_time=1.5,
            hold=2.5,
        )
        steps = len(COUNTS) - 1
        step_time, step_hold = 1.2, 0.6
        for k, (n, means) in enumerate(zip(COUNTS[1:], MEANS[1:])):
            moved = gelu_dots(axes.c2p(x, y) for x, y in zip(XS, means))
            new_counter = tex(count_tex(n), size=style.BODY_SIZE).move_to(counter, aligned_edge=LEFT)
            self.beat(
                Transform(dots, moved),
                Transform(counter, new_counter),
                caption=(
                    "Now average many draws at each x. The averages stop jumping between the "
                    "two lines and settle in between."
                    if k == 0
                    else None
                ),
                caption_for=steps * (step_time + step_hold) if k == 0 else None,
                run_time=step_time,
                hold=step_hold,
            )

        # Show the curve they settle on.
        curve = axes.plot(lambda x: float(gelu(x)), x_range=[-3, 3], color=GELU_COLOUR)
        curve.set_stroke(width=5)
        name = tex(r"\operatorname{GELU}(x) = x\,\Phi(x)", size=style.BODY_SIZE, color=GELU_COLOUR)
        name.move_to([COLUMN_X, -0.9, 0], aligned_edge=LEFT)
        gap = words(gap_text(), size=style.LABEL_SIZE).next_to(name, DOWN, buff=0.5)
        gap.align_to(rule, LEFT)
        # The two fading labels overlap nothing: in front, they no longer make everything added
        # after them (the column of text, the dots) redraw with them.
        self.bring_to_front(kept_label, dropped_label)
        self.beat(
            Create(curve),
            Write(name),
            FadeOut(kept_label),
            FadeOut(dropped_label),
            caption="The average of the gate is x times Phi(x): the GELU curve. Each dot is "
            "already on it.",
            run_time=2.0,
            hold=2.0,
        )
        self.beat(
            FadeIn(gap),
            caption=f"After {shortest(COUNTS[-1])} draws no average is more than "
            f"{decimals(LARGEST_GAP, 3)} from the curve: GELU is a gate that opens smoothly "
            "instead of snapping.",
            run_time=1.0,
            hold=4.0,
        )
