"""ReLU creases the plane: the two moons, a trained 2-8-8-1 ReLU network, and its linear regions.

Every line on screen is the real network's: the first layer's creases (where a unit's z = 0, a
straight line each), the second layer's (straight inside each first-layer piece, bent where they
meet a first-layer crease), the linear regions they cut the box into, and the decision boundary,
straight on every region it crosses. All of it from numeric.regions, which counts the regions
exactly and checks the count on a grid; the counts on screen come from the module-level
functions below, which tests/test_scene_relu_folding.py compares with the core.
"""

from __future__ import annotations

import numpy as np
from manim import Create, FadeIn, Polygon, Scene, VGroup, VMobject

import style
from captioned import CaptionedBeats
from numeric import rectifiers, regions
from numeric.formatting import percent
from toolkit import dot_cloud, heading, polyline, polylines, words

NET = regions.network()
X, Y = rectifiers.dataset()

# Where the box is drawn: below the heading, as large as the frame allows.
CENTRE = np.array([0.0, -0.45, 0.0])
AREA_WIDTH, AREA_HEIGHT = 13.4, 6.4
X0, X1, Y0, Y1 = regions.BOX
SCALE = min(AREA_WIDTH / (X1 - X0), AREA_HEIGHT / (Y1 - Y0))
MIDDLE = np.array([(X0 + X1) / 2, (Y0 + Y1) / 2])

# Not ReLU's orange: the second class is drawn in it.
CREASE_1 = style.REDDISH_PURPLE
CREASE_2 = style.TEXT


# ---- the numbers on screen -----------------------------------------------------------------


def architecture_text() -> str:
    widths = [2, *regions.HIDDEN, 1]
    return " → ".join(str(w) for w in widths)


def accuracy_text() -> str:
    return percent(float(rectifiers.accuracy(NET, X, Y)[0]))


def first_layer_regions() -> int:
    return len(regions.exact_regions(depth=1))


def all_regions() -> int:
    return regions.count()


def boundary_pieces() -> int:
    return regions.boundary_pieces()


# ---- data coordinates -> scene coordinates --------------------------------------------------


def to_scene(P) -> np.ndarray:
    P = np.atleast_2d(np.asarray(P, dtype=float))
    xy = (P - MIDDLE) * SCALE
    return np.c_[xy, np.zeros(len(xy))] + CENTRE


def box_outline() -> Polygon:
    corners = to_scene([[X0, Y0], [X1, Y0], [X1, Y1], [X0, Y1]])
    return Polygon(*corners, color=style.MUTED, stroke_width=3)


def dots() -> VGroup:
    """The data, one VMobject per class: they are redrawn in every moving frame (they lie above
    the creases), and 2 paths cost far less than 200 Dots. The classes' dots never overlap."""
    P = to_scene(X)
    colours = (style.CLASS_A, style.CLASS_B)
    return VGroup(*(dot_cloud(P[Y == c], colours[c], 0.06) for c in (0, 1))).set_z_index(5)


def crease_lines(layer: int, color: str, width: float) -> VGroup:
    """One group per unit: the segments of its crease (drawn one after another by Create)."""
    return VGroup(
        *(
            VGroup(*(polyline(to_scene(seg), color, width) for seg in unit))
            for unit in regions.creases(layer)
        )
    ).set_z_index(3)


def crease_path(layer: int, color: str, width: float) -> VMobject:
    """The same creases, drawn, as one VMobject: what stays on screen once they are drawn."""
    segments = [to_scene(seg) for unit in regions.creases(layer) for seg in unit]
    return polylines(segments, color, width).set_z_index(3)


def tiles() -> VGroup:
    """Every linear region, filled with the colour of the class the network gives it; the
    shade follows the network's certainty at the region's centre, so neighbours differ."""
    W, b = regions.layers(NET)[-1]
    group = VGroup()
    for piece in regions.exact_regions():
        centre = piece.polygon.mean(axis=0)
        logit = float((W @ (piece.A @ centre + piece.c) + b)[0])
        colour = style.CLASS_B if logit > 0 else style.CLASS_A
        shade = 0.12 + 0.28 * min(abs(logit) / 20.0, 1.0)
        group.add(
            Polygon(
                *to_scene(piece.polygon),
                stroke_width=0,
                fill_color=colour,
                fill_opacity=shade,
            )
        )
    return group.set_z_index(1)


class ReluFoldsThePlane(CaptionedBeats, Scene):
    """ReLU creases the plane into linear pieces

    A small ReLU network trained on the two moons. Each first-layer unit creases the plane
    along a straight line; the second layer's creases bend where they meet them; together they
    cut the box into linear regions, counted, and the decision boundary is straight on each.
    """

    def construct(self):
        self.show_data()
        self.show_first_creases()
        self.show_second_creases()
        self.show_regions()
        self.show_boundary()

    # Show the moons and the network.
    def show_data(self):
        self.box, self.dots = box_outline(), dots()
        self.title = heading(
            words(f"ReLU network {architecture_text()}:"),
            words(f"{accuracy_text()} correct", color=style.ACTIVATION_COLOURS["relu"]),
        )
        self.beat(
            Create(self.box),
            FadeIn(self.dots),
            FadeIn(self.title),
            caption="The two moons again, and a small ReLU network trained on them: two hidden "
            f"layers of {regions.HIDDEN[0]} units, {accuracy_text()} correct.",
            run_time=2.0,
            hold=2.5,
        )

    # Show the first layer's creases: straight lines.
    def show_first_creases(self):
        self.creases_1 = crease_lines(1, CREASE_1, 5)
        self.retitle(
            heading(
                words("Layer 1:"),
                words(f"{regions.HIDDEN[0]} straight creases", color=CREASE_1),
            ),
            Create(self.creases_1, lag_ratio=0.5),
            caption="Each unit of the first layer switches off along a straight line, where its "
            "z = 0: on one side it passes z on, on the other it outputs 0.",
            run_time=4.0,
            hold=1.0,
        )
        # Drawn, the creases become one path: what lies under the dots is redrawn in every
        # later moving frame.
        self.creases_1 = self.swap(self.creases_1, crease_path(1, CREASE_1, 5))
        self.retitle(
            heading(words("Layer 1:"), words(f"{first_layer_regions()} flat pieces")),
            caption=f"Inside each piece every unit keeps its side, so the layer is one affine "
            f"map there. {regions.HIDDEN[0]} creases cut the box into {first_layer_regions()} "
            "pieces.",
            run_time=1.0,
            hold=3.5,
        )

    # Show the second layer's creases: straight inside each piece, bent where they cross.
    def show_second_creases(self):
        self.creases_2 = crease_lines(2, CREASE_2, 3)
        self.retitle(
            heading(words("Layer 2:"), words("creases that bend", color=CREASE_2)),
            Create(self.creases_2, lag_ratio=0.4),
            caption="The second layer's creases are straight inside each piece, and bend where "
            "they meet a crease of the first layer.",
            run_time=5.0,
            hold=1.5,
        )
        self.creases_2 = self.swap(self.creases_2, crease_path(2, CREASE_2, 3))

    # Show the linear regions, counted.
    def show_regions(self):
        self.tiles = tiles()
        self.retitle(
            heading(words(f"{all_regions()} linear regions")),
            FadeIn(self.tiles),
            caption=f"Together they cut the box into {all_regions()} linear regions. On each, "
            "the whole network is one affine map.",
            run_time=2.0,
            hold=2.5,
        )
        self.say(
            "Where a unit is off, its output is 0 across the whole region: the plane is "
            "creased into flat pieces, never bent smoothly as a sigmoid does.",
            4.5,
        )

    # Show the decision boundary: straight on every region it crosses. The poster frame.
    def show_boundary(self):
        boundary = VGroup(
            *(
                polyline(to_scene(seg), style.BOUNDARY, 8)
                for seg in regions.creases(len(regions.HIDDEN) + 1)[0]
            )
        ).set_z_index(4)
        self.retitle(
            heading(
                words("Boundary:"),
                words(f"{boundary_pieces()} straight pieces", color=style.BOUNDARY),
            ),
            Create(boundary),
            caption=f"The decision boundary is straight on every region it crosses: "
            f"{boundary_pieces()} straight pieces, winding between the moons.",
            run_time=2.5,
            hold=4.0,
        )
