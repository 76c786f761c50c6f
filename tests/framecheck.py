"""Low-resolution frame comparison against stored control data, in the manner of manim's
frames_comparison (which skips on Debian 12's Cairo): decode a frame of a rendered MP4 with PyAV,
shrink it, compare with `tests/control/<name>.npz`.

Regenerate a control file after a deliberate visual change with UPDATE_CONTROL=1 (and look at
the PNG written beside it first).
"""
from __future__ import annotations

import os
from pathlib import Path

import av
import numpy as np
from PIL import Image

CONTROL_DIR = Path(__file__).parent / "control"
SIZE = (96, 54)


def last_frame(video: Path) -> Image.Image:
    """The final decoded frame of a video, as RGB."""
    frame = None
    with av.open(str(video)) as container:
        for frame in container.decode(video=0):
            pass
    if frame is None:
        raise AssertionError(f"{video} has no video frames")
    return frame.to_image().convert("RGB")


def small(image: Image.Image) -> np.ndarray:
    return np.asarray(image.resize(SIZE, Image.Resampling.BOX), dtype=np.float32)


def assert_matches_control(name: str, image: Image.Image, tolerance: float = 6.0) -> None:
    """Mean absolute difference per channel (0-255) must stay under `tolerance`."""
    frame = small(image)
    path = CONTROL_DIR / f"{name}.npz"
    if os.environ.get("UPDATE_CONTROL") == "1":
        CONTROL_DIR.mkdir(exist_ok=True)
        np.savez_compressed(path, frame=frame.astype(np.uint8))
        Image.fromarray(frame.astype(np.uint8)).resize((SIZE[0] * 4, SIZE[1] * 4)).save(
            CONTROL_DIR / f"{name}.png"
        )
        return
    if not path.exists():
        raise AssertionError(f"no control data {path}: render, look, then rerun with UPDATE_CONTROL=1")
    control = np.load(path)["frame"].astype(np.float32)
    diff = float(np.abs(frame - control).mean())
    assert diff < tolerance, f"{name}: frame differs from control by {diff:.2f} (limit {tolerance})"
