"""Flaw #2: positive inputs force every update into two quadrants, so SGD zig-zags.

Two panels show one sigmoid neuron's weight plane (w1, w2): on the left its inputs come from
sigmoids (all positive), on the right they are the same inputs minus 1/2 (the same spread,
centred on zero): one factor changed. Each panel holds its own problem's loss contours, the
teacher's weights w* (the minimum) and an SGD path from the same start, each side at its own
best step size: the representative pair of `numeric.centring`, whose median ratio over 100 pairs
the verdict states.

Every number on screen comes from the numeric core through the module-level functions below
(`vector_tex`, `steps_text`, `ratio_text`, `same_sign_text`, `tolerance_text`,
`step_size_text`, `runs_text`), which the tests compare with an independent recomputation.
"""

from __future__ import annotations

from functools import cache

import contourpy
import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Line,
    Polygon,
    Rectangle,
    ReplacementTransform,
    Scene,
    Star,
    Text,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    linear,
)

import style
from captioned import CAPTION_GAP, CaptionedBeats
from numeric.centring import (
    REPORT_SEEDS,
    best_step_size,
    median_ratio,
    representative_paths,
    representative_seed,
)
from numeric.formatting import fixed, percent, shortest
from numeric.weight_updates import KINDS, START, TEACHER, TOLERANCE, problem
from toolkit import heading, polyline, tex, words

PATHS = representative_paths()

# The window of the weight plane each panel shows, and where the panels sit: each panel is 40 %
# of the frame's width, and as tall as the heading, its title and two rows below it allow.
W1_RANGE = (-2.4, 3.96)
W2_RANGE = (-3.25, 2.5)
PANEL_WIDTH, PANEL_HEIGHT = 5.75, 5.2
PANEL_CENTRES = {"positive": np.array([-3.2, -0.1, 0.0]), "zero_centred": np.array([3.2, -0.1, 0.0])}
CONTOUR_LEVELS = np.geomspace(3e-4, 0.12, 9)
CONTOUR_WIDTH = 5             # thick enough to read on a projector
SECONDS_PER_STEP = 0.15
QUADRANT_SIZE = 0.6           # side of the shaded allowed-quadrant squares, scene units
QUADRANT_OPACITY = 0.85       # the shading's contrast with the background stays above 3:1
HEADING_DROP = 0.45           # the heading sits a little higher, clear of the panel titles
COUNTER_Z = 7                 # the step counters are drawn last (see `counter`)
TITLE_MORPH_Z = 8             # a heading being morphed is drawn last (see `retitle`)


# ---- the numbers on screen, as text --------------------------------------------------------

def vector_tex(v) -> str:
    """A weight vector as TeX: (2, -2)."""
    return r"\left(" + r",\,".join(shortest(c) for c in v) + r"\right)"


def steps_text(kind: str) -> int:
    return PATHS[kind].steps


def ratio_text() -> str:
    """The median over the report seeds of the paired step ratios: not this pair's own ratio."""
    return fixed(median_ratio())


def runs_text() -> str:
    return str(len(REPORT_SEEDS))


def step_size_text(kind: str) -> str:
    """Each side's own best step size, found by the sweep, to the nearest whole number."""
    return fixed(best_step_size(kind), 0)


def same_sign_text(kind: str) -> str:
    return percent(PATHS[kind].same_sign_fraction)


def tolerance_text() -> str:
    return shortest(TOLERANCE)


# ---- weight plane -> scene ------------------------------------------------------------------

def scale() -> float:
    return min(PANEL_WIDTH / (W1_RANGE[1] - W1_RANGE[0]), PANEL_HEIGHT / (W2_RANGE[1] - W2_RANGE[0]))


def to_scene(kind: str, W) -> np.ndarray:
    """Weight-plane points (rows) -> scene points in the given panel."""
    W = np.atleast_2d(np.asarray(W, dtype=float))
    middle = np.array([sum(W1_RANGE) / 2, sum(W2_RANGE) / 2])
    xy = (W - middle) * scale()
    return np.c_[xy, np.zeros(len(xy))] + PANEL_CENTRES[kind]


def contours(kind: str) -> VGroup:
    """Level lines of the problem's mean loss over the panel's window (contourpy on a fine grid)."""
    prob = problem(kind, seed=representative_seed())   # the data set the drawn path learned from
    w1 = np.linspace(*W1_RANGE, 241)
    w2 = np.linspace(*W2_RANGE, 241)
    G = np.stack(np.meshgrid(w1, w2), axis=-1)
    L = prob.loss(G)
    gen = contourpy.contour_generator(w1, w2, L)
    group = VGroup()
    for level in CONTOUR_LEVELS:
        for seg in gen.lines(level):
            if len(seg) > 2:
                group.add(polyline(to_scene(kind, seg), style.LOSS, CONTOUR_WIDTH))
    return group


def frame_of(kind: str) -> Rectangle:
    box = Rectangle(width=PANEL_WIDTH, height=PANEL_HEIGHT, color=style.MUTED, stroke_width=3)
    return box.move_to(PANEL_CENTRES[kind])


def axes_of(kind: str) -> VGroup:
    """The lines w1 = 0 and w2 = 0 with their names."""
    h = to_scene(kind, [[W1_RANGE[0], 0], [W1_RANGE[1], 0]])
    v = to_scene(kind, [[0, W2_RANGE[0]], [0, W2_RANGE[1]]])
    lines = VGroup(Line(h[0], h[1], color=style.GRID, stroke_width=2),
                   Line(v[0], v[1], color=style.GRID, stroke_width=2))
    w1 = tex("w_1", size=style.BODY_SIZE, color=style.MUTED).next_to(h[1], UP + LEFT, buff=0.1)
    w2 = tex("w_2", size=style.BODY_SIZE, color=style.MUTED).next_to(v[1], DOWN + RIGHT, buff=0.1)
    return VGroup(lines, w1, w2)


def minimum_mark(kind: str) -> VGroup:
    p = to_scene(kind, TEACHER)[0]
    star = Star(n=5, outer_radius=0.17, color=style.TEXT, fill_opacity=1.0).move_to(p).set_z_index(5)
    label = tex("w^*", size=style.BODY_SIZE).next_to(star, DOWN + RIGHT, buff=0.02)
    return VGroup(star, label.set_z_index(5))


def start_mark(kind: str) -> VGroup:
    p = to_scene(kind, START)[0]
    dot = Dot(p, radius=0.09, color=style.TEXT).set_z_index(5)
    label = tex("w_0", size=style.BODY_SIZE).next_to(dot, UP + LEFT, buff=0.02)
    return VGroup(dot, label.set_z_index(5))


def quadrants_at(point) -> VGroup:
    """The two quadrants a positive-input update can point into, from `point` (scene coordinates)."""
    s = QUADRANT_SIZE
    group = VGroup()
    for sign in (1, -1):
        corner = np.array([sign * s, sign * s, 0.0])
        sq = Polygon(point, point + [corner[0], 0, 0], point + corner, point + [0, corner[1], 0],
                     stroke_width=0, fill_color=style.GRADIENT, fill_opacity=QUADRANT_OPACITY)
        group.add(sq)
    return group.set_z_index(2)


def path_mobject(kind: str, k: float) -> VMobject:
    """The path's first k steps (k may be fractional: the last step drawn partway)."""
    W = PATHS[kind].weights
    k = min(k, len(W) - 1)
    whole = int(np.floor(k))
    pts = list(W[: whole + 1])
    if k > whole:
        pts.append(W[whole] + (k - whole) * (W[whole + 1] - W[whole]))
    if len(pts) < 2:
        pts.append(pts[0])
    return polyline(to_scene(kind, np.array(pts)), style.WEIGHT, 4).set_z_index(3)


def head_position(kind: str, k: float) -> np.ndarray:
    W = PATHS[kind].weights
    k = min(k, len(W) - 1)
    whole = int(np.floor(k))
    p = W[whole] if k == whole else W[whole] + (k - whole) * (W[whole + 1] - W[whole])
    return to_scene(kind, p)[0]


# ---- words ---------------------------------------------------------------------------------

def glyphs(row: VGroup) -> VGroup:
    """A row of words and formulas as one flat group of its glyphs."""
    return VGroup(*row.family_members_with_points())


def title_row(*parts) -> VGroup:
    """The heading, a little higher than toolkit's, at z 0 with the panels (nothing passes
    under it)."""
    return heading(*parts, drop=HEADING_DROP)


PANEL_TITLES = {"positive": ("sigmoid inputs", "x > 0"), "zero_centred": ("the same minus ½", r"\bar{x} = 0")}


def counter(kind: str, n: int) -> Text:
    """'n steps' under a panel (a copy: the counter's updater swaps it in every frame). It sits
    above everything (it overlaps nothing): manim redraws every mobject from the first one that
    moves to the top of the z-order, and at z 0 the counter's updater would pull the step sizes
    and all the marks into every frame of the run."""
    return _counter(kind, n).copy().set_z_index(COUNTER_Z)


@cache
def _counter(kind: str, n: int) -> Text:
    # Laying out text with Pango is the costly part of a frame: each count is set only once.
    return words(f"{n} steps", style.LABEL_SIZE).next_to(frame_of(kind), DOWN, buff=0.12)


def follow_count(kind: str, k: ValueTracker):
    """The counter's updater: it swaps in the new count only when the count changes (a Text's
    copy is the costliest part of a frame), so the frames are the ones it drew before."""
    shown = [0]

    def update(m):
        n = int(min(np.floor(k.get_value()), PATHS[kind].steps))
        if n != shown[0]:
            m.become(counter(kind, n))
            shown[0] = n

    return update


def step_size_label(kind: str) -> VGroup:
    """'η = 51' beside the counter: each panel's own step size."""
    label = tex(rf"\eta = {step_size_text(kind)}", color=style.MUTED)
    return label.next_to(frame_of(kind), DOWN, buff=0.12).align_to(frame_of(kind), RIGHT)


def panel_title(kind: str) -> VGroup:
    name, cond = PANEL_TITLES[kind]
    row = VGroup(words(name, style.LABEL_SIZE, style.INPUT),
                 tex(cond, size=style.BODY_SIZE, color=style.INPUT)).arrange(buff=0.25)
    return row.next_to(frame_of(kind), UP, buff=0.15)


class PositiveInputsZigZag(CaptionedBeats, Scene):
    """Positive inputs make gradient descent zig-zag

    One sigmoid neuron with two weights learns from a teacher with w* = (2, -2), by SGD with a
    batch of one, from the same start twice. With inputs from sigmoids (all positive) every
    update has both components of one sign and the path zig-zags; with the same inputs minus
    1/2 (centred on zero, the same spread) it heads more directly and needs fewer steps, each
    side at its own best step size.
    """

    def construct(self):
        self.show_neuron()
        self.show_weight_planes()
        self.show_allowed_quadrants()
        self.run_both()
        self.count_the_steps()

    def retitle(self, new: VGroup, *animations, **beat):
        """A beat that morphs the heading into `new`, glyph by glyph. Both headings are flattened
        to their glyphs first: a Transform aligns nested groups level by level, copying glyphs
        at each level (up to 400 overlapping glyphs per frame here), and a plain Transform
        would leave the old heading holding those copies (1 100 by the SGD run). While it
        morphs, the heading goes to the top of the z-order, so that manim redraws it alone and
        not the panels that share its z."""
        old = glyphs(self.title).set_z_index(TITLE_MORPH_Z)
        self.remove(self.title)
        self.add(old)
        self.title = glyphs(new)
        self.beat(ReplacementTransform(old, self.title), *animations, **beat)

    # Show the neuron and its teacher.
    def show_neuron(self):
        self.title = title_row(tex(r"\hat y = \sigma(w_1 x_1 + w_2 x_2)", size=style.TITLE_SIZE),
                               words("teacher:", color=style.MUTED),
                               tex(r"w^* = " + vector_tex(TEACHER), size=style.TITLE_SIZE,
                                   color=style.WEIGHT))
        self.beat(Write(self.title),
                  caption="One sigmoid neuron with two weights. A teacher neuron with "
                          f"weights w* = {vector_tex_plain(TEACHER)} sets its targets.",
                  run_time=2.0, hold=1.5)

    # Show the two weight planes with their loss contours.
    def show_weight_planes(self):
        panels = {}
        for kind in KINDS:
            panels[kind] = VGroup(frame_of(kind), axes_of(kind), contours(kind),
                                  minimum_mark(kind), start_mark(kind))
        titles = {kind: panel_title(kind) for kind in KINDS}
        self.beat(*(FadeIn(panels[k]) for k in KINDS), *(FadeIn(titles[k]) for k in KINDS),
                  caption="Two versions of the problem. Left: the inputs come from sigmoids, so "
                          "they are all positive. Right: the same inputs minus one half, centred "
                          "on zero, with the same spread.",
                  run_time=2.0, hold=3.5)
        self.say("Each panel shows its own loss contours. Both minima sit at w*; "
                 "both runs start at the same w0.", 3.0)

    # Show why positive inputs restrict the updates.
    def show_allowed_quadrants(self):
        rule = title_row(tex(r"\partial L / \partial w = (\hat y - y)\,\sigma'(z)\;x",
                             size=style.TITLE_SIZE, color=style.GRADIENT))
        self.retitle(rule, caption="One example's gradient is a single number times the input x.",
                     run_time=1.5, hold=1.5)
        start_left = to_scene("positive", START)[0]
        self.quads = quadrants_at(start_left)
        self.wanted = DashedLine(start_left, to_scene("positive", TEACHER)[0], color=style.TEXT,
                                 stroke_width=4).set_z_index(4)
        self.beat(FadeIn(self.quads),
                  caption="With x positive, both components of every update share a sign: "
                          "it points into the shaded quadrants only.",
                  run_time=1.5, hold=2.5)
        self.beat(Create(self.wanted),
                  caption="But the way to w* runs down and to the right, "
                          "a direction no single update can take.",
                  run_time=1.5, hold=2.0)

    # Show both SGD runs, step by step, at the same pace, each at its own best step size.
    def run_both(self):
        self.counters = {kind: counter(kind, 0) for kind in KINDS}
        etas = {kind: step_size_label(kind) for kind in KINDS}
        run_title = title_row(words("SGD, one example per step"))
        self.retitle(run_title, FadeOut(self.wanted),
                  *(FadeIn(self.counters[k]) for k in KINDS), *(FadeIn(etas[k]) for k in KINDS),
                  caption="Now run SGD, one example per step, until within "
                          f"{tolerance_text()} of w*. Each side gets its own best step size, "
                          f"found by a sweep: {step_size_text('positive')} on the left, "
                          f"{step_size_text('zero_centred')} on the right.",
                  run_time=1.5, hold=3.0)

        k = ValueTracker(0.0)
        trails, heads = {}, {}
        for kind in KINDS:
            trails[kind] = path_mobject(kind, 0.0)
            trails[kind].add_updater(lambda m, kind=kind: m.become(path_mobject(kind, k.get_value())))
            heads[kind] = Dot(head_position(kind, 0.0), radius=0.08, color=style.WEIGHT).set_z_index(6)
            heads[kind].add_updater(lambda m, kind=kind: m.move_to(head_position(kind, k.get_value())))
            self.counters[kind].add_updater(follow_count(kind, k))
            self.add(trails[kind], heads[kind])
        self.quads.add_updater(
            lambda m: m.become(quadrants_at(head_position("positive", k.get_value()))))

        longest = max(PATHS[kind].steps for kind in KINDS)
        self.play(k.animate.set_value(longest), run_time=longest * SECONDS_PER_STEP, rate_func=linear,
                  subcaption="Left: every step goes up-right or down-left, so the path zig-zags "
                             "down the valley. Right: steps go any way and head for w*.",
                  subcaption_duration=longest * SECONDS_PER_STEP - CAPTION_GAP)
        for kind in KINDS:
            trails[kind].clear_updaters()
            heads[kind].clear_updaters()
            self.counters[kind].clear_updaters()
            self.counters[kind].become(counter(kind, steps_text(kind)))
        self.quads.clear_updaters()

    # Show the count: the poster frame.
    def count_the_steps(self):
        self.say(f"This pair took {steps_text('positive')} and {steps_text('zero_centred')} "
                 f"steps, a typical pair of the {runs_text()} we ran.", 3.0)
        verdict = title_row(words(f"Median of {runs_text()} runs:"),
                            words(f"{ratio_text()}× the steps", color=style.GRADIENT))
        signs = {}
        for kind in KINDS:
            signs[kind] = words(f"path: {same_sign_text(kind)} same sign", style.LABEL_SIZE,
                                style.MUTED)
        self.retitle(verdict, FadeOut(self.quads),
                  caption=f"Over {runs_text()} pairs of data sets, the positive inputs took "
                          f"{ratio_text()} times as many steps as the centred ones (the median "
                          "ratio).",
                  run_time=1.5, hold=3.0)
        for kind in KINDS:
            signs[kind].next_to(self.counters[kind], DOWN, buff=0.12).set_x(PANEL_CENTRES[kind][0])
        self.beat(*(FadeIn(signs[k]) for k in KINDS),
                  caption=f"Along this whole path, {same_sign_text('positive')} of the "
                          "positive-input updates had both components of one sign, against "
                          f"{same_sign_text('zero_centred')} for the centred inputs.",
                  run_time=1.0, hold=3.5)


def vector_tex_plain(v) -> str:
    """The same vector for captions: (2, -2)."""
    return "(" + ", ".join(shortest(c) for c in v) + ")"
