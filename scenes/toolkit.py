"""The pieces every scene draws with: words, formulas, a heading, polylines, dots.

Sizes and colours default to style.py's, so a scene names only what differs; the conformance
test measures these sizes against style.MIN_TEXT_PX once, for every scene.
"""

from __future__ import annotations

import numpy as np
from manim import Dot, MathTex, Text, VGroup, VMobject, config

import style

# How far below the frame's top edge a heading's centre sits, in scene units.
HEADING_DROP = 0.5


def words(s: str, size: int = style.BODY_SIZE, color: str = style.TEXT, **options) -> Text:
    """Plain text in the article's font (`options` go to manim's Text, e.g. line_spacing)."""
    return Text(s, font=style.FONT, font_size=size, color=color, **options)


def tex(*parts: str, size: int = style.LABEL_SIZE, color: str = style.TEXT) -> MathTex:
    """A formula; several parts make separately colourable pieces, as in MathTex."""
    return MathTex(*parts, font_size=size, color=color)


def heading(*parts, drop: float = HEADING_DROP, z_index: int = 0) -> VGroup:
    """A line of words and formulas at the top of the frame. At z 0 by default: manim redraws,
    in every moving frame, every mobject from the first moving one to the top of the z-order,
    so a heading above the rest would be redrawn whenever anything moves. A scene where
    something passes under its heading asks for the z that keeps the heading on top."""
    row = VGroup(*parts).arrange(buff=0.3)
    return row.move_to([0, config.frame_height / 2 - drop, 0]).set_z_index(z_index)


def polyline(points, color: str, width: float, opacity: float = 1.0) -> VMobject:
    """Straight segments through `points` (scene coordinates, one per row)."""
    line = VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
    line.set_points_as_corners(points)
    return line


def one_path(pieces, **style_options) -> VMobject:
    """Many same-style pieces as ONE VMobject, each piece a subpath of it: the camera then
    draws them with one fill and one stroke instead of one per piece (a moving frame's cost
    grows with the number of VMobjects it redraws). The pieces must not meet end to start,
    or two of them would join into one subpath."""
    merged = VMobject(**style_options)
    merged.set_points(np.vstack([piece.points for piece in pieces]))
    return merged


def polylines(lines, color: str, width: float, opacity: float = 1.0) -> VMobject:
    """Several polylines (each an array of scene points, one per row) in one style, as one
    VMobject: the picture of a VGroup of `polyline`s, at the cost of one."""
    return one_path(
        (polyline(points, color, width) for points in lines),
        stroke_color=color,
        stroke_width=width,
        stroke_opacity=opacity,
    )


def dot_cloud(points, color: str, radius: float) -> VMobject:
    """Filled dots of one colour at `points` (scene coordinates), as one VMobject: the
    picture of as many manim Dots, at the cost of one."""
    return one_path(
        (Dot(p, radius=radius) for p in points),
        fill_color=color,
        fill_opacity=1.0,
        stroke_width=0,
    )
