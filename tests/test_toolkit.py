"""toolkit's merged pieces: fewer VMobjects, the same picture, painted by manim's own camera."""

from __future__ import annotations

import numpy as np
import pytest
from manim import BLUE, RED, Camera, Dot, Line, VGroup

import style
from toolkit import dot_cloud, merged_by_style, polyline, polylines, tex, words


def painted(*mobjects) -> np.ndarray:
    """The pixels manim's Cairo camera paints for `mobjects`, on the scenes' background."""
    camera = Camera(pixel_width=427, pixel_height=240, background_color=style.BACKGROUND)
    camera.capture_mobjects(list(mobjects))
    return camera.pixel_array.astype(int)


def same_picture(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal but for antialiasing: Cairo rasterises one path of many subpaths a level or few
    differently from the same subpaths one by one, on a few edge pixels."""
    drawn = (a != a[0, 0]).any(axis=2) | (b != b[0, 0]).any(axis=2)
    differ = (a != b).any(axis=2)
    return drawn.sum() > 100 and np.abs(a - b).max() <= 8 and differ.sum() <= 0.05 * drawn.sum()


def test_glyphs_merge_into_one_path_per_colour_in_order_of_appearance():
    row = tex("W_1", "=", r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}")
    row[0].set_color(style.WEIGHT)
    row[2].set_color(style.MUTED)
    pieces = merged_by_style([row])
    assert [p.get_fill_color().to_hex() for p in pieces] == [
        part[0].get_fill_color().to_hex() for part in row
    ]
    glyphs = row.family_members_with_points()
    assert sum(len(p.points) for p in pieces) == sum(len(g.points) for g in glyphs)
    assert same_picture(painted(*pieces), painted(row))
    # The comparison sees a glyph gone: the bracket's last piece, say.
    assert not same_picture(painted(*merged_by_style(glyphs[:-1])), painted(row))


def test_a_text_merges_to_the_same_picture():
    text = VGroup(words("Three linear layers"), words("muted", color=style.MUTED)).arrange()
    pieces = merged_by_style(text)
    assert len(pieces) == 2
    assert same_picture(painted(*pieces), painted(text))


def test_dots_and_polylines_paint_as_their_separate_pieces():
    points = np.array([[-3.0, -1.0, 0], [0.0, 0.5, 0], [2.5, 1.5, 0]])
    separate = VGroup(*(Dot(p, radius=0.2, color=style.CLASS_A) for p in points))
    assert same_picture(painted(dot_cloud(points, style.CLASS_A, 0.2)), painted(separate))
    lines = [points[:2] + [0, 1, 0], points[1:] - [0, 1, 0]]
    separate = VGroup(*(polyline(line, style.WEIGHT, 6, 0.5) for line in lines))
    assert same_picture(painted(polylines(lines, style.WEIGHT, 6, 0.5)), painted(separate))


def test_a_gradient_is_refused():
    line = Line([-2, 0, 0], [2, 0, 0]).set_color([RED, BLUE])
    with pytest.raises(ValueError, match="gradient"):
        merged_by_style([line])
