"""A sigmoid layer bends the plane: two moons, a grid, and a trained 2-2-1 sigmoid network.

The grid and the data go through the network's real maps, point by point: the affine step
z = W1 x + b1 (grid lines stay straight), then the sigmoid a = sigma(z) (tilted lines bend, the
plane is squashed into the unit square). There one straight line separates the classes; pulled
back through the two steps it is the curved decision boundary.

Every number on screen comes from `numeric.training` through the module-level functions below
(`accuracy_text`, `stretch_text`, `zoom_text`, `architecture_text`, `threshold_tex`,
`saturated_text`), which the tests compare with an independent recomputation. The network is the
one the core's readability sweep chose (numeric.training.CHOSEN).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Create,
    DashedVMobject,
    FadeIn,
    FadeOut,
    Polygon,
    Scene,
    SurroundingRectangle,
    Transform,
    VGroup,
    VMobject,
)

import style
from captioned import CaptionedBeats
from numeric.activations import sigmoid
from numeric.formatting import fixed, percent
from numeric.training import EDGE, INPUT_BOX, VIEW_AREA, example, fit_scale, readability
from toolkit import dot_cloud, heading, merged_by_style, polyline, polylines, tex, words

X, Y, NET = example()
LAYER = NET.hidden_layers[0]
READABILITY = readability(NET, X, Y)

# The input box the grid covers, in data coordinates, and the grid's spacing.
BOX = INPUT_BOX
GRID_STEP = 0.5
SAMPLES = 700                 # points per grid line: enough to draw the sigmoid's bends smoothly

# Where the plane is drawn: below the heading, across the frame (the core's zoom is measured
# for an area of this shape).
CENTRE = np.array([0.0, -0.45, 0.0])
AREA_WIDTH, AREA_HEIGHT = VIEW_AREA
SQUARE_SIDE = 6.0             # the unit square (the sigmoid's image) on screen


# ---- the numbers on screen, as text --------------------------------------------------------

def architecture_text() -> str:
    """The layer widths, input to output: '2 → 2 → 1'."""
    widths = [NET.layers[0].W.shape[1]] + [layer.W.shape[0] for layer in NET.layers]
    return " → ".join(str(w) for w in widths)


def accuracy_text() -> str:
    """The trained network's accuracy on its data, as a whole percentage."""
    return percent(NET.accuracy(X, Y))


def stretch_factors() -> tuple[float, float]:
    """W1's singular values: how much the affine step stretches the plane, most and least."""
    s = np.linalg.svd(LAYER.W, compute_uv=False)
    return float(s[0]), float(s[1])


def stretch_text() -> tuple[str, str]:
    big, small = stretch_factors()
    return fixed(big), fixed(small)


def zoom_factor() -> float:
    """How far the view zooms out between the input plane and the affine step's plane: the
    core's measure (numeric.training.view_zoom), which the views below are framed by."""
    return READABILITY.zoom


def zoom_text() -> str:
    return fixed(zoom_factor())


def affine_verbs() -> str:
    """What the affine step does to the plane; it mirrors it too when det W1 < 0."""
    verbs = "turns, stretches, shears and shifts"
    return verbs.replace(" and ", ", mirrors and ") if np.linalg.det(LAYER.W) < 0 else verbs


def saturated_text() -> str:
    """The share of points within EDGE of the unit square's edge: saturated neurons."""
    return percent(READABILITY.on_edge)


def edge_text() -> str:
    return percent(EDGE)


def saturated_mask() -> np.ndarray:
    A = NET.last_hidden(X)
    return np.any((A < EDGE) | (A > 1.0 - EDGE), axis=1)


def threshold_tex() -> str:
    """The boundary's label: the output probability on it, sigma(0)."""
    return f"p = {fixed(sigmoid(0.0))}"


# ---- data coordinates -> scene coordinates, one view per stage -------------------------------

class View:
    """A uniform scale and a shift: data point (u, v) -> scene point CENTRE + scale (p - middle)."""

    def __init__(self, middle, scale: float):
        self.middle = np.asarray(middle, dtype=float)
        self.scale = float(scale)

    def __call__(self, P) -> np.ndarray:
        P = np.atleast_2d(np.asarray(P, dtype=float))
        xy = (P - self.middle) * self.scale
        return np.c_[xy, np.zeros(len(xy))] + CENTRE


def fit(lo, hi) -> View:
    """The box lo..hi, centred and as large as the drawing area allows."""
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    return View((lo + hi) / 2, fit_scale(lo, hi, (AREA_WIDTH, AREA_HEIGHT)))


def _views() -> dict[str, View]:
    xmin, xmax, ymin, ymax = BOX
    Z = LAYER.affine(X)
    return {
        "input": fit((xmin, ymin), (xmax, ymax)),
        # The affine step's plane is framed on the data (the grid runs off the frame).
        "affine": fit(Z.min(axis=0), Z.max(axis=0)),
        "sigmoid": View((0.5, 0.5), SQUARE_SIDE),
    }


VIEWS = _views()
KINDS = ("input", "affine", "sigmoid")


# ---- the things that move, at every stage ---------------------------------------------------

def grid_samples() -> list[np.ndarray]:
    """The grid's lines in input coordinates, SAMPLES points each: vertical lines, then horizontal."""
    xmin, xmax, ymin, ymax = BOX
    xs = np.arange(xmin, xmax + 1e-9, GRID_STEP)
    ys = np.arange(ymin, ymax + 1e-9, GRID_STEP)
    t_y, t_x = np.linspace(ymin, ymax, SAMPLES), np.linspace(xmin, xmax, SAMPLES)
    return [np.c_[np.full(SAMPLES, x), t_y] for x in xs] + [np.c_[t_x, np.full(SAMPLES, y)] for y in ys]


# How far (scene units) a drawn grid line may stray from the true curve: a quarter of a pixel at
# 1080p (8 units high). The lines keep only the samples needed for that.
DRAW_TOLERANCE = 0.002


def needed_samples(curve: np.ndarray, tol: float = DRAW_TOLERANCE) -> np.ndarray:
    """Indices of the samples of `curve` (one point per row, sampled at an even step of the
    line's parameter) to keep so that the straight segment between two kept samples, taken at
    the same parameter, stays within tol of every sample between them (greedily, a long segment
    that does: doubling, then halving the step).

    The grid's lines are straight in the input and affine planes (an affine image of an evenly
    sampled line is one), so the sigmoid's plane decides; every frame of a Transform between
    stages then stays within tol too."""

    def fits(i: int, j: int) -> bool:
        t = np.linspace(0.0, 1.0, j + 1 - i)[:, None]
        chord = curve[i] + t * (curve[j] - curve[i])
        return np.max(np.linalg.norm(chord - curve[i : j + 1], axis=1)) <= tol

    last = len(curve) - 1
    keep = [0]
    while keep[-1] < last:
        i, good, step = keep[-1], keep[-1] + 1, 1
        while good + step <= last and fits(i, good + step):
            good, step = good + step, step * 2
        while step > 1:
            step //= 2
            if good + step <= last and fits(i, good + step):
                good += step
        keep.append(good)
    return np.array(keep)


def staged(P) -> dict[str, np.ndarray]:
    """Points at each stage of the forward pass, in scene coordinates."""
    stages = NET.stages(P)
    return {kind: VIEWS[kind](s.points) for kind, s in zip(KINDS, stages)}


@cache
def grid_lines() -> dict[tuple[str, float, float], list[dict[str, np.ndarray]]]:
    """The grid's lines, by style (colour, width, opacity), each at every stage, in scene
    coordinates, with the samples `needed_samples` keeps (computed once: every stage uses them)."""
    styles: dict[tuple[str, float, float], list[dict[str, np.ndarray]]] = {}
    for samples in grid_samples():
        on_axis = np.any(np.all(np.isclose(samples, 0.0), axis=0))
        across = np.ptp(samples[:, 1]) == 0.0
        color = style.GRID_ACROSS if across else style.GRID
        key = (color, 4 if on_axis else 2, 1.0 if on_axis else 0.8)
        at = staged(samples)
        kept = needed_samples(at["sigmoid"])
        styles.setdefault(key, []).append({kind: P[kept] for kind, P in at.items()})
    return styles


def grid_at(kind: str) -> VGroup:
    """The grid at a stage: lines that run up and down in the input plane in one colour, lines
    that run across in another, so that each family can be followed as it bends.

    One VMobject per style (family, and axis or not), each line a subpath of it: the grid
    moves in most beats, and 4 paths redraw far cheaper than 22. Lines of one family never
    cross, so the picture is that of one VMobject per line."""
    return VGroup(
        *(polylines([at[kind] for at in lines], *key) for key, lines in grid_lines().items())
    )


def dots_at(kind: str) -> VGroup:
    """The data, one VMobject per class (the two classes' dots never overlap)."""
    points = staged(X)[kind]
    colours = (style.CLASS_A, style.CLASS_B)
    return VGroup(*(dot_cloud(points[Y == c], colours[c], 0.085) for c in (0, 1))).set_z_index(3)


def boundary_at(kind: str) -> VMobject:
    """The decision boundary inside BOX, carried to the given stage (a straight line at 'sigmoid')."""
    return polyline(staged(NET.decision_boundary(BOX))[kind], style.BOUNDARY, 7).set_z_index(4)


def z_axes() -> dict[str, VGroup]:
    """The affine plane's coordinate axes, z1 = 0 and z2 = 0, at the 'affine' and 'sigmoid' stages.

    The sigmoid acts on each coordinate alone, so these axis-parallel lines stay straight.
    """
    t = np.linspace(-60.0, 60.0, SAMPLES)
    lines = [np.c_[t, np.zeros_like(t)], np.c_[np.zeros_like(t), t]]
    out = {}
    for kind in ("affine", "sigmoid"):
        group = VGroup()
        for Z in lines:
            P = Z if kind == "affine" else sigmoid(Z)
            dashes = DashedVMobject(polyline(VIEWS[kind](P), style.TEXT, 4), num_dashes=60)
            # Its 60 dashes as one VMobject: one path to redraw instead of 60.
            group.add(*merged_by_style([dashes]))
        out[kind] = group.set_z_index(2)
    return out


def unit_square() -> Polygon:
    corners = VIEWS["sigmoid"](np.array([[0, 0], [1, 0], [1, 1], [0, 1]]))
    return Polygon(*corners, color=style.TEXT, stroke_width=4)


def square_axes_labels() -> VGroup:
    """a1 under the square's bottom edge, a2 beside its left edge: the hidden plane's axes."""
    corners = VIEWS["sigmoid"](np.array([[0, 0], [1, 0], [0, 1]]))
    a1 = tex("a_1", size=style.BODY_SIZE, color=style.ACTIVATION)
    a2 = tex("a_2", size=style.BODY_SIZE, color=style.ACTIVATION)
    a1.next_to(corners[1], DOWN + LEFT, buff=0.15)
    a2.next_to(corners[2], LEFT + DOWN, buff=0.15)
    return VGroup(a1, a2).set_z_index(6)


def saturated_labels() -> VGroup:
    """'saturated' beside each pile of points on the square's edge, outside the square."""
    P = staged(X)["sigmoid"]
    sat = saturated_mask()
    group = VGroup()
    for cls in (0, 1):
        pile = P[sat & (Y == cls)]
        if not len(pile):
            continue
        centre = pile.mean(axis=0)
        side = RIGHT if centre[0] > CENTRE[0] else LEFT
        edge_x = VIEWS["sigmoid"](np.array([[1.0 if side is RIGHT else 0.0, 0.5]]))[0, 0]
        label = words("saturated", style.LABEL_SIZE, style.GRADIENT)
        label.next_to(np.array([edge_x, centre[1], 0.0]), side, buff=0.3)
        group.add(label)
    return group.set_z_index(6)


def title_row(*parts) -> VGroup:
    """The heading, drawn above the z axes and the data that pass under it (z 6, with the
    labels). A heading Transformed into a new one is swapped for it afterwards: Transform pads
    the smaller of the two with copies of its glyphs, and a padded heading would carry (and
    redraw in every moving frame) the glyphs of the longest heading before it."""
    return heading(*parts, z_index=6)


class SigmoidBendsThePlane(CaptionedBeats, Scene):
    """A sigmoid layer bends the plane

    Two interleaved moons that no straight line separates, and a 2-2-1 sigmoid network trained
    on them. The grid and the data pass through its affine step (straight lines stay straight)
    and its sigmoid (tilted lines bend, the plane is squashed into the unit square, never folded
    or torn). There a straight line separates the classes; pulled back, it is the curved
    decision boundary.
    """

    def construct(self):
        self.show_data()
        self.show_network()
        self.show_affine_step()
        self.show_sigmoid()
        self.show_saturated_points()
        self.show_separating_line()
        self.pull_the_line_back()

    # Show the data in the input plane.
    def show_data(self):
        self.grid, self.dots = grid_at("input"), dots_at("input")
        self.title = title_row(words("Two moons: no straight line splits them"))
        self.beat(Create(self.grid, lag_ratio=0.05), FadeIn(self.dots), FadeIn(self.title),
                  caption="Two classes, in two interleaved moons. No straight line separates them.",
                  run_time=2.5, hold=1.5)

    # Show the network that learned them.
    def show_network(self):
        net_title = title_row(words(f"Sigmoid network {architecture_text()}:"),
                              words(f"{accuracy_text()} correct", color=style.ACTIVATION))
        self.retitle(net_title,
                     caption=f"A sigmoid network, {architecture_text()}, learned to separate them: "
                             f"{accuracy_text()} correct.",
                     run_time=1.0, hold=2.0)
        self.say("Follow the grid and the data through its hidden layer.", 2.0)

    # Show the affine step: straight lines stay straight.
    def show_affine_step(self):
        big, small = stretch_text()
        affine_title = title_row(words("Affine step"),
                                 tex(r"z = W_1 x + b_1", size=style.TITLE_SIZE,
                                     color=style.PRE_ACTIVATION))
        self.retitle(affine_title, Transform(self.grid, grid_at("affine")),
                     Transform(self.dots, dots_at("affine")),
                     caption=f"First the affine step, z = W1 x + b1: it {affine_verbs()} the plane.",
                     run_time=3.5, hold=1.0)
        self.stretch = words(f"stretched {big}× one way, {small}× the other",
                             size=style.LABEL_SIZE, color=style.MUTED)
        self.zoom = words(f"(view zoomed out {zoom_text()}×)", size=style.LABEL_SIZE,
                          color=style.MUTED)
        VGroup(self.stretch, self.zoom).arrange(DOWN, buff=0.2).to_edge(DOWN, buff=0.4)
        VGroup(self.stretch, self.zoom).set_z_index(6)
        # The data now fill the frame: a backdrop keeps the two lines readable over them.
        self.backdrop = SurroundingRectangle(VGroup(self.stretch, self.zoom), buff=0.15,
                                             stroke_width=0, fill_color=style.BACKGROUND,
                                             fill_opacity=0.85).set_z_index(5)
        self.beat(FadeIn(self.backdrop), FadeIn(self.zoom), FadeIn(self.stretch),
                  caption=f"It stretches the plane {big} times one way and {small} times the "
                          "other. Grid lines stay straight and parallel.",
                  run_time=1.0, hold=3.0)

    # Show the sigmoid: tilted lines bend, axis-parallel lines stay straight.
    def show_sigmoid(self):
        self.axes = z_axes()
        self.beat(Create(self.axes["affine"]),
                  caption="Mark the axes of this plane, z1 = 0 and z2 = 0.",
                  run_time=1.0, hold=1.0)
        sigmoid_title = title_row(words("Sigmoid"),
                                  tex(r"a = \sigma(z)", size=style.TITLE_SIZE,
                                      color=style.ACTIVATION))
        self.square = unit_square()
        self.retitle(sigmoid_title, FadeOut(self.zoom), FadeOut(self.stretch),
                     FadeOut(self.backdrop),
                     Transform(self.grid, grid_at("sigmoid")), Transform(self.dots, dots_at("sigmoid")),
                     Transform(self.axes["affine"], self.axes["sigmoid"]), FadeIn(self.square),
                     caption="Then the sigmoid squashes each coordinate into the interval from 0 to 1.",
                     run_time=4.0, hold=1.0)
        self.say("The plane lands in the unit square. Tilted grid lines bend; the axes stay "
                 "straight, because the sigmoid acts on each coordinate alone.", 4.0)
        self.say("Bent and squashed, never folded or torn: W1 is invertible, so every point "
                 "keeps a place of its own.", 4.0)

    # Show the hidden plane's axes and its saturated points: a bridge to Flaw #1.
    def show_saturated_points(self):
        self.axis_names = square_axes_labels()
        self.beat(FadeIn(self.axis_names),
                  caption="Its axes are the two hidden neurons' outputs, a1 and a2. Grey grid "
                          "lines ran up and down in the input, blue ones across.",
                  run_time=1.0, hold=2.5)
        self.piles = saturated_labels()
        sat_title = title_row(words(f"{saturated_text()} of the points:"),
                              words("saturated", color=style.GRADIENT))
        self.retitle(sat_title, FadeIn(self.piles),
                     caption=f"{saturated_text()} of the points sit within {edge_text()} of the "
                             "square's edge: their neurons are saturated, where the sigmoid is flat "
                             "and its gradient nearly 0. That is Flaw #1.",
                     run_time=1.0, hold=4.5)

    # Show the straight line that separates the classes in the hidden plane.
    def show_separating_line(self):
        self.line = boundary_at("sigmoid")
        line_title = title_row(words("Here a straight line separates them"))
        self.retitle(line_title, FadeOut(self.axes["affine"]), FadeOut(self.piles),
                     Create(self.line),
                     caption="In this hidden plane one straight line separates the two classes.",
                     run_time=2.0, hold=2.0)

    # Show the line pulled back, through the inverse sigmoid, then the inverse affine step, and
    # the curved boundary it becomes: the poster frame.
    def pull_the_line_back(self):
        back_title = title_row(words("Pulled back to the input plane"))
        self.retitle(back_title, FadeOut(self.square), FadeOut(self.axis_names),
                     Transform(self.grid, grid_at("affine")), Transform(self.dots, dots_at("affine")),
                     Transform(self.line, boundary_at("affine")),
                     caption="Pull that line back: undo the sigmoid...",
                     run_time=3.0, hold=0.5)
        self.beat(Transform(self.grid, grid_at("input")), Transform(self.dots, dots_at("input")),
                  Transform(self.line, boundary_at("input")),
                  caption="...then undo the affine step.",
                  run_time=3.0, hold=1.0)

        final_title = title_row(words("Pulled back:"),
                                words("a curved boundary", color=style.BOUNDARY))
        label = tex(threshold_tex(), size=style.BODY_SIZE, color=style.BOUNDARY)
        label.move_to(label_spot()).set_z_index(6)
        self.retitle(final_title, FadeIn(label),
                     caption="The straight line becomes the curved decision boundary: "
                             "the bending is what lets the network separate the moons.",
                     run_time=1.5, hold=3.5)


LABEL_HEIGHT = 1.5   # the boundary's label sits beside it at this input-plane height


def label_spot() -> np.ndarray:
    """Where the boundary's label sits: right of the curve's upper arm, above the data."""
    B = NET.decision_boundary(BOX)
    upper = B[B[:, 0] > 0]
    point = upper[np.argmin(np.abs(upper[:, 1] - LABEL_HEIGHT))]
    return VIEWS["input"](point)[0] + np.array([1.0, -0.1, 0.0])
