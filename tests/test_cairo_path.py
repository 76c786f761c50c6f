"""scripts/cairo_path.py must give Cairo exactly what manim's own path gives it: same pixels."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from manim import VMobject
from manim.camera.camera import Camera
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from scripts import cairo_path, segment_encoder

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes"


def frames(module: Path, scene: str, path: str, upto: int = 0) -> list:
    """Digests of the frames of a real render (192x108, 15 fps) with manim's path or ours."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "cairo_frames.py"), str(module), scene]
        + ["192", "108", "15", str(upto), path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "MPLBACKEND": "agg", "PYTHONHASHSEED": "0"},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.splitlines()[-1])["digests"]


@pytest.mark.parametrize(
    "module, scene, upto",
    [
        (ROOT / "tests" / "fixture" / "scenes" / "square.py", "GrowingSquare", 0),
        # Text, formulas, axes, curves and a moving dot: the first beats of two real scenes.
        (SCENES / "swish_beta.py", "SwishFromLinearToRelu", 4),
        (SCENES / "vanishing_gradient.py", "GradientsShrinkBackward", 4),
    ],
)
def test_real_scenes_draw_the_same_pixels_either_way(module, scene, upto):
    ours, manims = frames(module, scene, "ours", upto), frames(module, scene, "manim", upto)
    assert len(manims) > 10 and len({d for d, _ in manims}) > 5  # frames that move
    assert ours == manims


def test_subpaths_split_where_manims_do():
    rng = np.random.default_rng(3)
    vm = VMobject()
    for n in (4, 5, 7, 8, 9, 12, 16, 40, 41):
        points = rng.normal(size=(n, 3))
        # Join some curves: each curve's end anchor equal to, or within tolerance of, the next
        # curve's start, so that both splits and joins occur.
        for b in range(4, n, 4):
            if rng.random() < 0.6:
                points[b] = points[b - 1] + rng.choice([0, 1e-7, 1e-5]) * rng.normal(size=3)
        manims = vm.get_subpath_split_indices_from_points(points, n_dims=2)
        flat = [int(manims[0][0]), *(int(e) for _, e in manims)]
        assert cairo_path.subpath_splits(points, vm.tolerance_for_point_equality) == flat, n


@pytest.mark.parametrize(
    "patch, owner, method",
    [
        (cairo_path, Camera, "set_cairo_context_path"),
        (segment_encoder, VideoSegmentEncoder, "write_frame"),
    ],
)
def test_each_patch_applies_only_to_the_manim_it_was_written_for(monkeypatch, patch, owner, method):
    # Both patches of manim's private code share this contract.
    assert patch.applies()  # the pinned manim: requirements.txt and WRITTEN_FOR agree
    assert not patch.applies("0.23.0")
    stock = getattr(owner, method)
    monkeypatch.setattr(patch, "WRITTEN_FOR", "0.0.0")
    assert patch.install() is False
    assert getattr(owner, method) is stock


def test_the_patch_stands_down_when_a_method_it_reproduces_changes(monkeypatch):
    monkeypatch.setattr(VMobject, "consider_points_equals_2d", lambda self, p0, p1: True)
    assert not cairo_path.applies()
