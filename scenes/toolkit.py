"""The pieces every scene draws with: words, formulas, a heading, a polyline.

Sizes and colours default to style.py's, so a scene names only what differs; the conformance
test measures these sizes against style.MIN_TEXT_PX once, for every scene.
"""

from __future__ import annotations

from manim import MathTex, Text, VGroup, VMobject, config

import style

# How far below the frame's top edge a heading's centre sits, in scene units.
HEADING_DROP = 0.5


def words(s: str, size: int = style.BODY_SIZE, color: str = style.TEXT, **options) -> Text:
    """Plain text in the article's font (`options` go to manim's Text, e.g. line_spacing)."""
    return Text(s, font=style.FONT, font_size=size, color=color, **options)


def tex(*parts: str, size: int = style.LABEL_SIZE, color: str = style.TEXT) -> MathTex:
    """A formula; several parts make separately colourable pieces, as in MathTex."""
    return MathTex(*parts, font_size=size, color=color)


def heading(*parts, drop: float = HEADING_DROP) -> VGroup:
    """A line of words and formulas at the top of the frame, above everything else."""
    row = VGroup(*parts).arrange(buff=0.3)
    return row.move_to([0, config.frame_height / 2 - drop, 0]).set_z_index(6)


def polyline(points, color: str, width: float, opacity: float = 1.0) -> VMobject:
    """Straight segments through `points` (scene coordinates, one per row)."""
    line = VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
    line.set_points_as_corners(points)
    return line
