"""A cheaper way to hand manim's VMobjects to Cairo (manim 0.22, pinned in requirements.txt).

manim's Camera.set_cairo_context_path walks every cubic bezier in Python, indexing a numpy
array six times per curve (each index makes a numpy scalar), and finds the subpaths with a dozen
small numpy calls per VMobject; set_cairo_context_color unpacks numpy rows the same way. Every
VMobject redrawn in every frame pays it: about a fifth of a scene's drawing time at 1080p.

This version turns the points into plain floats once (one numpy pass and `.tolist()`) and makes
the same Cairo calls in the same order with the same values: new_path, then per subpath
new_sub_path, move_to, curve_to for each curve, close_path when its ends meet. Cairo receives
identical input, so every pixel is the same (checked on real scenes in tests/test_cairo_path.py).

It reproduces private behaviour of one manim version, so it is installed only on the version it
was written and tested for; any other version keeps manim's own path (slower, just as right).
"""

from __future__ import annotations

import manim
import numpy as np
from manim.camera.camera import Camera
from manim.mobject.types.vectorized_mobject import VMobject

WRITTEN_FOR = "0.22.0"
# manim's own methods, kept for what this path does not cover (gradients, other cameras).
MANIMS = {
    "set_cairo_context_path": Camera.set_cairo_context_path,
    "set_cairo_context_color": Camera.set_cairo_context_color,
}
# The manim methods whose behaviour this path reproduces; it applies only while they are manim's.
REPRODUCED = (
    (Camera, "transform_points_pre_display"),
    (VMobject, "get_subpath_split_indices_from_points"),
    (VMobject, "consider_points_equals_2d"),
)
_ORIGINALS = {(cls, name): getattr(cls, name) for cls, name in REPRODUCED}
RTOL = 1.0e-5  # numpy.isclose's default, as manim's subpath split uses it


def subpath_splits(points: np.ndarray, atol: float) -> list[int]:
    """Point indices where subpaths start, then the end: manim's
    get_subpath_split_indices_from_points(points, n_dims=2) for 4-point curves and finite
    points, as a flat list [0, s1, s2, ..., n]."""
    n = len(points)
    if n <= 4:  # one curve at most: no boundary to split at
        return [0, n]
    ends = points[3 : n - 1 : 4, :2]  # the last anchor of each curve but the last
    starts = points[4::4, :2][: len(ends)]  # the first anchor of the next curve
    # Finite points (transform_points_pre_display saw to it): a difference that overflows is
    # inf and fails the test, as manim's isfinite check makes it fail; no NaN can arise.
    is_split = (np.abs(ends - starts) > atol + RTOL * np.abs(starts)).any(axis=1)
    return [0, *((np.flatnonzero(is_split) + 1) * 4).tolist(), n]


def set_cairo_context_path(self: Camera, ctx, vmobject: VMobject) -> Camera:
    if (
        vmobject.n_points_per_cubic_curve != 4
        or type(self).transform_points_pre_display is not Camera.transform_points_pre_display
        or type(vmobject).get_subpath_split_indices_from_points
        is not VMobject.get_subpath_split_indices_from_points
    ):
        return MANIMS["set_cairo_context_path"](self, ctx, vmobject)
    points = self.transform_points_pre_display(vmobject, vmobject.points)
    n = len(points)
    if n == 0:
        return self
    ctx.new_path()
    if n < 4:
        return self
    splits = subpath_splits(points, vmobject.tolerance_for_point_equality)
    whole = n - n % 4
    # One row per curve: its two handles and end anchor, six floats, as manim passes them.
    curves = points[:whole].reshape(-1, 4, 3)[:, 1:, :2].reshape(-1, 6).tolist()
    # Each subpath's first and last points: where it starts, whether it closes.
    bounds = points[[i for s, e in zip(splits, splits[1:]) for i in (s, e - 1)], :2].tolist()
    move_to, curve_to = ctx.move_to, ctx.curve_to
    new_sub_path, close_path = ctx.new_sub_path, ctx.close_path
    close_enough = vmobject.consider_points_equals_2d
    for k, (start, end) in enumerate(zip(splits, splits[1:])):
        if end - start < 4:
            continue
        first, last = bounds[2 * k], bounds[2 * k + 1]
        new_sub_path()
        move_to(*first)
        for curve in curves[start // 4 : end // 4]:
            curve_to(*curve)
        if close_enough(first, last):
            close_path()
    return self


def set_cairo_context_color(self: Camera, ctx, rgbas, vmobject: VMobject) -> Camera:
    if len(rgbas) != 1:  # a gradient: manim's own code
        return MANIMS["set_cairo_context_color"](self, ctx, rgbas, vmobject)
    r, g, b, a = rgbas[0].tolist()
    ctx.set_source_rgba(b, g, r, a)  # Cairo's surface stores BGRA, as manim notes
    return self


def applies(version: str = manim.__version__) -> bool:
    """Whether this manim is the one the patch was written for, its reproduced methods unchanged."""
    return version == WRITTEN_FOR and all(
        getattr(cls, name) is original for (cls, name), original in _ORIGINALS.items()
    )


def install() -> bool:
    """Use the cheaper Cairo path if it applies to the installed manim; say whether it does."""
    if not applies():
        return False
    Camera.set_cairo_context_path = set_cairo_context_path
    Camera.set_cairo_context_color = set_cairo_context_color
    return True


def uninstall() -> None:
    """Back to manim's own path (the tests compare the two)."""
    for name, method in MANIMS.items():
        setattr(Camera, name, method)
