"""Stacked linear layers collapse into one: three affine maps, then their product in one step.

Every number on screen comes from `numeric.linear` through the functions below (`matrix_tex`,
`vector_tex`, `layer_tex`, `collapsed_tex`), which the tests compare with an independent
recomputation.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UL,
    UR,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    FadeTransform,
    Line,
    NumberPlane,
    Rectangle,
    Scene,
    Transform,
    VGroup,
    VMobject,
    Write,
    config,
)

import style
from captioned import CaptionedBeats
from numeric.formatting import decimals
from numeric.linear import COLLAPSED, LAYERS, POINTS, READOUTS, Affine, rings, trajectory
from toolkit import merged_by_style, tex, words

# Where the plane sits: its origin, and the length of one unit, in scene coordinates.
UNIT = 0.9
PLANE_ORIGIN = np.array([-3.4, 0.0, 0.0])
# The right-hand panel that holds the equations covers the plane from here to the frame's edge.
PANEL_LEFT = 0.55
PANEL_CENTRE_X = (PANEL_LEFT + config.frame_width / 2) / 2


# ---- the numbers on screen, as TeX ---------------------------------------------------------

def matrix_tex(W) -> str:
    """A 2x2 matrix as a TeX bmatrix, entries to at most three decimals."""
    rows = [" & ".join(decimals(v) for v in row) for row in W]
    return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"


def vector_tex(b) -> str:
    """A column vector as a TeX bmatrix."""
    return r"\begin{bmatrix} " + r" \\ ".join(decimals(v) for v in b) + r" \end{bmatrix}"


def layer_tex(k: int, layer: Affine) -> tuple[str, ...]:
    """Layer k's parameters as MathTex parts: W_k = [..], b_k = [..]."""
    return (f"W_{k}", "=", matrix_tex(layer.W), r",\;", f"b_{k}", "=", vector_tex(layer.b))


def collapsed_tex() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The product W = W3 W2 W1 and the bias b = W3 W2 b1 + W3 b2 + b3, as MathTex parts."""
    W = ("W", "=", "W_3 W_2 W_1", "=", matrix_tex(COLLAPSED.W))
    b = ("b", "=", "W_3 W_2 b_1 + W_3 b_2 + b_3", "=", vector_tex(COLLAPSED.b))
    return W, b


# ---- plane coordinates <-> scene coordinates -----------------------------------------------

def to_scene(p) -> np.ndarray:
    return PLANE_ORIGIN + UNIT * np.array([p[0], p[1], 0.0])


def from_scene(q) -> np.ndarray:
    return (np.asarray(q)[:2] - PLANE_ORIGIN[:2]) / UNIT


def on_scene(affine: Affine):
    """The affine map acting on scene points (for apply_function)."""
    return lambda q: to_scene(affine(from_scene(q)))


def make_plane(opacity: float = 1.0) -> NumberPlane:
    plane = NumberPlane(
        x_range=(-12, 12, 1), y_range=(-9, 9, 1),
        x_length=24 * UNIT, y_length=18 * UNIT,
        background_line_style={"stroke_color": style.GRID, "stroke_width": 2,
                               "stroke_opacity": 0.6 * opacity},
        axis_config={"stroke_color": style.MUTED, "stroke_width": 3, "stroke_opacity": opacity},
    )
    plane.shift(PLANE_ORIGIN - plane.c2p(0, 0))
    return plane


def line_through(normal, offset, length: float = 30.0) -> Line:
    """The line normal . p = offset (plane coordinates) as a long scene Line."""
    n = np.asarray(normal, dtype=float)
    p0 = n * offset / (n @ n)
    t = np.array([-n[1], n[0]]) / np.linalg.norm(n)
    return Line(to_scene(p0 - length / 2 * t), to_scene(p0 + length / 2 * t),
                color=style.BOUNDARY, stroke_width=6)


def merged(text: VMobject) -> VGroup:
    """The same glyphs as a few VMobjects, one per fill colour: the panel sits above the plane,
    so manim redraws it and every glyph on it whenever the plane moves, at a fixed cost per
    VMobject; merged, a row of ~30 glyphs is one or two paths to draw (the same outlines)."""
    return VGroup(*merged_by_style([text])).set_z_index(text.z_index)


class LinearLayersCollapse(CaptionedBeats, Scene):
    """Stacked linear layers collapse into one

    Three affine layers move a grid and three points; grid lines stay straight, parallel and
    evenly spaced. Their product W = W3 W2 W1 with b = W3 W2 b1 + W3 b2 + b3 does the same in
    one step. Nested rings stay nested: no straight line separates them, whatever the depth.
    """

    def construct(self):
        self.show_points()
        self.apply_three_layers()
        self.collapse_into_one()
        self.show_rings_stay_nested()
        self.show_no_line_separates()

    # Show the plane, the panel and three labelled points.
    def show_points(self):
        ghost = make_plane(opacity=0.35)
        self.plane = make_plane()
        panel = Rectangle(width=config.frame_width / 2 - PANEL_LEFT + 0.1,
                          height=config.frame_height + 0.2, stroke_width=0,
                          fill_color=style.BACKGROUND, fill_opacity=1.0)
        panel.move_to([PANEL_CENTRE_X + 0.05, 0, 0]).set_z_index(10)
        divider = Line([PANEL_LEFT, -4.2, 0], [PANEL_LEFT, 4.2, 0], color=style.MUTED,
                       stroke_width=2).set_z_index(11)
        self.title = words("Three linear layers").move_to([PANEL_CENTRE_X, 3.4, 0])
        self.rule = tex(r"x \mapsto W_k\,x + b_k").next_to(self.title, DOWN, buff=0.3)
        for m in (self.title, self.rule):
            m.set_z_index(12)

        self.names = list(POINTS)
        self.dots = VGroup(*(Dot(to_scene(POINTS[n]), radius=0.11, color=style.INPUT)
                             for n in self.names))
        self.labels = VGroup(*(words(n, style.LABEL_SIZE) for n in self.names))
        # Each label sits on the side of its dot away from where the dot ends up.
        self.sides = (UL, UR, UR)
        for label, dot, side in zip(self.labels, self.dots, self.sides):
            label.next_to(dot, side, buff=0.16)
        self.add(ghost, panel, divider)
        self.beat(Create(self.plane), FadeIn(self.dots), FadeIn(self.labels),
                  Write(self.title), FadeIn(self.rule),
                  caption="A grid, and three points A, B and C.", run_time=2.5, hold=1.5)
        self.title, self.rule = self.settle(self.title), self.settle(self.rule)

    def settle(self, text: VMobject) -> VGroup:
        """Swap a panel text that has stopped moving for its merged copy (see `merged`)."""
        return self.swap(text, merged(text))

    def moving_dots(self, *animations, caption, run_time, hold):
        """A beat that moves the dots, their labels following them. The labels follow only while
        the dots move: a mobject with an updater makes manim draw every frame of a hold afresh,
        and every mobject listed after it, instead of repeating one still frame."""
        for label, dot, side in zip(self.labels, self.dots, self.sides):
            label.add_updater(lambda m, d=dot, s=side: m.next_to(d, s, buff=0.16))
        self.beat(*animations, caption=caption, run_time=run_time, hold=0.0,
                  caption_for=run_time + hold)
        for label in self.labels:
            label.clear_updaters()
        self.wait(hold)

    # Show three layers, one after another, and where they took the points.
    def apply_three_layers(self):
        self.rows = []
        captions = (
            ("Layer 1 shears the plane and shifts it.",
             "Grid lines stay straight, parallel and evenly spaced."),
            ("Layer 2 rotates it and shifts it again.",
             "Still straight, parallel and evenly spaced."),
            ("Layer 3 stretches one way and squashes the other.",
             "Still a grid of straight, parallel lines."),
        )
        self.row_y = 1.7
        position = {n: np.array(POINTS[n]) for n in self.names}
        for k, (layer, (caption, grid_caption)) in enumerate(zip(LAYERS, captions), start=1):
            row = tex(*layer_tex(k, layer))
            row[0].set_color(style.WEIGHT)
            row[4].set_color(style.WEIGHT)
            row.move_to([PANEL_CENTRE_X, self.row_y, 0]).set_z_index(12)
            self.row_y -= 1.15
            self.rows.append(row)
            self.beat(FadeIn(row, shift=0.2 * DOWN), caption=f"{caption} {grid_caption}",
                      caption_for=4.5, run_time=1.0, hold=0.0)
            self.rows[-1] = self.settle(row)
            moves = []
            for n, dot in zip(self.names, self.dots):
                position[n] = layer(position[n])
                moves.append(dot.animate.move_to(to_scene(position[n])))
            self.moving_dots(self.plane.animate.apply_function(on_scene(layer)), *moves,
                             caption=None, run_time=2.5, hold=1.0)

        self.marks = VGroup(*(Circle(radius=0.22, color=style.TEXT, stroke_width=4)
                              .move_to(to_scene(trajectory(POINTS[n])[-1])) for n in self.names))
        self.beat(Create(self.marks), caption="Three layers put A, B and C here.",
                  run_time=1.0, hold=1.0)

    # Show the product, one matrix and one bias, landing where the three steps did.
    def collapse_into_one(self):
        W_parts, b_parts = collapsed_tex()
        self.W_row, self.b_row = tex(*W_parts), tex(*b_parts)
        for row in (self.W_row, self.b_row):
            row[0].set_color(style.WEIGHT)
            row.set_z_index(12)
        self.W_row.move_to([PANEL_CENTRE_X, self.row_y - 0.15, 0])
        self.b_row.move_to([PANEL_CENTRE_X, self.row_y - 1.35, 0])
        self.beat(FadeIn(self.W_row), caption="Multiply the three matrices into one.",
                  run_time=1.5, hold=1.5)
        self.beat(FadeIn(self.b_row), caption="The biases fold into one bias too.",
                  run_time=1.5, hold=1.5)
        self.W_row, self.b_row = self.settle(self.W_row), self.settle(self.b_row)

        fresh = make_plane()
        start = [dot.copy().move_to(to_scene(POINTS[n])) for n, dot in zip(self.names, self.dots)]
        self.moving_dots(Transform(self.plane, fresh),
                         *(Transform(d, s) for d, s in zip(self.dots, start)),
                         caption="Back to the start.", run_time=1.5, hold=0.5)
        self.moving_dots(self.plane.animate.apply_function(on_scene(COLLAPSED)),
                         *(dot.animate.move_to(to_scene(COLLAPSED(POINTS[n])))
                           for n, dot in zip(self.names, self.dots)),
                         caption="One layer, W x + b, lands exactly where three did.",
                         run_time=2.5, hold=2.0)

    # Show nested rings: the stack keeps them nested.
    def show_rings_stay_nested(self):
        inner, outer = rings()
        ring_a = VGroup(*(Dot(to_scene(p), radius=0.09, color=style.CLASS_A) for p in inner))
        ring_b = VGroup(*(Dot(to_scene(p), radius=0.09, color=style.CLASS_B) for p in outer))
        self.beat(FadeOut(self.dots), FadeOut(self.labels), FadeOut(self.marks),
                  Transform(self.plane, make_plane()),
                  FadeOut(VGroup(*self.rows, self.W_row, self.b_row, self.rule)),
                  FadeTransform(self.title,
                                words("Two nested rings").move_to(self.title).set_z_index(12)),
                  FadeIn(ring_a), FadeIn(ring_b),
                  caption="Now two classes: one ring inside another.", run_time=2.0, hold=1.0)
        self.beat(self.plane.animate.apply_function(on_scene(COLLAPSED)),
                  *(d.animate.move_to(to_scene(COLLAPSED(p))) for d, p in zip(ring_a, inner)),
                  *(d.animate.move_to(to_scene(COLLAPSED(p))) for d, p in zip(ring_b, outer)),
                  caption="Any stack of linear layers is one such map: the rings stay nested.",
                  run_time=2.5, hold=1.0)

    # Show that no straight line separates them.
    def show_no_line_separates(self):
        lines = [line_through(r[:2], -r[2]) for r in READOUTS]
        boundary = lines[0]
        self.beat(Create(boundary), caption="The decision boundary is a straight line.",
                  run_time=1.5, hold=1.0)
        for n, nxt in enumerate(lines[1:]):
            self.beat(Transform(boundary, nxt),
                      caption=None if n else "Wherever the line goes, one side holds both colours.",
                      caption_for=2.0 * (len(lines) - 1), run_time=1.5, hold=0.5)
        closing = words("Any depth,\nno activation:\none straight line.", line_spacing=0.9)
        closing.move_to([PANEL_CENTRE_X, 0.7, 0]).set_z_index(12)
        verdict = words("The rings stay\ninseparable.", color=style.MUTED, line_spacing=0.9)
        verdict.next_to(closing, DOWN, buff=0.8, aligned_edge=LEFT).set_z_index(12)
        self.beat(FadeIn(closing), FadeIn(verdict),
                  caption="Depth without non-linearity buys nothing: one straight line, "
                          "and the rings stay inseparable.",
                  run_time=1.5, hold=3.0)
