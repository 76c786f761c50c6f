"""Low-resolution frame comparison against stored control data, in the manner of manim's
frames_comparison (which skips on Debian 12's Cairo): decode a frame of a rendered MP4 with PyAV,
shrink it, compare with `tests/control/<name>.npz`.

Regenerate a control file after a deliberate visual change with UPDATE_CONTROL=1 (and look at
the PNG written beside it first).
"""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path

import av
import numpy as np
from PIL import Image

CONTROL_DIR = Path(__file__).parent / "control"
SIZE = (96, 54)


def last_frame(video: Path) -> Image.Image:
    """The final decoded frame of a video, as RGB."""
    with av.open(str(video)) as container:
        last = deque(container.decode(video=0), maxlen=1)
    if not last:
        raise AssertionError(f"{video} has no video frames")
    return last[0].to_image().convert("RGB")


def small(image: Image.Image) -> np.ndarray:
    return np.asarray(image.resize(SIZE, Image.Resampling.BOX), dtype=np.float32)


def seconds(timestamp: str) -> float:
    """A WebVTT timestamp (HH:MM:SS.mmm) in seconds; webvtt-py's own rounds to whole seconds."""
    h, m, s = timestamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def has_colour(image: np.ndarray, hex_colour: str, tol: int = 40, min_pixels: int = 30) -> bool:
    """Whether at least min_pixels pixels of an RGB array are within tol of a #RRGGBB colour."""
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    close = np.abs(image.astype(int) - rgb).max(axis=2) < tol
    return int(close.sum()) >= min_pixels


def assert_matches_control(
    name: str, image: Image.Image, tolerance: float = 6.0, local_limit: float = 0.01
) -> None:
    """Mean absolute difference per channel (0-255) must stay under `tolerance`, and at most
    `local_limit` of the small image's pixels may differ by more than 40 in any channel: the mean
    alone misses a missing title or label (measured: a final frame without its title differs by a
    mean of 5.5; a 1080p render against the 480p control has 0% such pixels)."""
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
        raise AssertionError(
            f"no control data {path}: render, look, then rerun with UPDATE_CONTROL=1"
        )
    control = np.load(path)["frame"].astype(np.float32)
    diff = float(np.abs(frame - control).mean())
    assert diff < tolerance, f"{name}: frame differs from control by {diff:.2f} (limit {tolerance})"
    changed = float((np.abs(frame - control).max(axis=2) > 40).mean())
    assert changed < local_limit, f"{name}: {changed:.1%} of the frame differs from control"


def assert_final_frame_shows(video: Path, colours) -> None:
    """The video's last frame (its poster) holds each of these #RRGGBB colours."""
    img = np.asarray(last_frame(video))
    for colour in colours:
        assert has_colour(img, colour), f"no {colour} in the final frame of {video.name}"
