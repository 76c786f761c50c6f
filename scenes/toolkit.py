"""The pieces every scene draws with: words, formulas, a heading, polylines, dots.

Sizes and colours default to style.py's, so a scene names only what differs; the conformance
test measures these sizes against style.MIN_TEXT_PX once, for every scene.
"""

from __future__ import annotations

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


def style_key(piece: VMobject) -> tuple:
    """What the camera paints a piece with: two pieces with equal keys are filled and
    stroked alike."""
    return (
        piece.get_fill_rgbas().tobytes(),
        piece.get_stroke_rgbas().tobytes(),
        piece.get_stroke_width(),
        piece.get_stroke_rgbas(background=True).tobytes(),
        piece.get_stroke_width(background=True),
    )


def merged_by_style(pieces) -> list[VMobject]:
    """The pieces' outlines as one VMobject per style, each outline a subpath of it, in the
    order the styles first appear; every member with points of each piece counts. The camera
    draws one fill and one stroke per VMobject, and a moving frame's cost grows with the
    number of VMobjects it redraws. The picture stays the same where the pieces keep their
    premises: solid colours (a gradient would stretch over all the pieces), no two of one
    style overlapping (translucent overlaps would be painted once) or meeting end to start
    (they would join into one subpath). Returned at z 0: give them the z you need."""
    by_style: dict[tuple, VMobject] = {}
    for piece in pieces:
        for part in piece.family_members_with_points():
            if len(part.get_fill_rgbas()) > 1 or len(part.get_stroke_rgbas()) > 1:
                raise ValueError(f"{part!r} has a gradient: merged, it would span every piece")
            key = style_key(part)
            if key not in by_style:
                by_style[key] = VMobject().match_style(part)
            by_style[key].append_points(part.points)
    return list(by_style.values())


def polylines(lines, color: str, width: float, opacity: float = 1.0) -> VMobject:
    """Several polylines (each an array of scene points, one per row) in one style, as one
    VMobject: the picture of a VGroup of `polyline`s, at the cost of one."""
    (path,) = merged_by_style(polyline(points, color, width, opacity) for points in lines)
    return path


def dot_cloud(points, color: str, radius: float) -> VMobject:
    """Filled dots of one colour at `points` (scene coordinates), as one VMobject: the
    picture of as many manim Dots, at the cost of one."""
    (path,) = merged_by_style(Dot(p, radius=radius, color=color) for p in points)
    return path
