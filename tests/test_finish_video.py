"""finish_video.verify proves a render whole (frame count fits duration, frames decode) cheaply."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from scripts.finish_video import RenderCheckError, beat_frames, remux_faststart, verify

FPS = 15


def encode(
    path: Path, stamps: list[int], keyint: int = 6, positions: list[int] | None = None
) -> Path:
    """A small h264 MP4 whose frame k is stamped stamps[k] / FPS, a box at positions[k]
    (by default k: a new picture every frame); a keyframe every keyint."""
    with av.open(str(path), "w", format="mp4") as container:
        stream = container.add_stream(
            "libx264", rate=FPS, options={"preset": "veryfast", "crf": "27", "threads": "1"}
        )
        stream.width, stream.height, stream.pix_fmt = 160, 96, "yuv420p"
        stream.codec_context.gop_size = keyint
        for k, pts in enumerate(stamps):
            pixels = np.full((96, 160, 3), 30, np.uint8)
            x = 4 * (k if positions is None else positions[k])
            pixels[20:60, 5 + x : 45 + x] = (200, 120, 40)
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
            frame.pts, frame.time_base = pts, Fraction(1, FPS)
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def test_a_whole_render_passes_with_its_frame_count(tmp_path):
    raw = encode(tmp_path / "raw.mp4", list(range(30)))
    video = tmp_path / "video.mp4"
    remux_faststart(raw, video)  # as finishing does
    facts = verify(video, FPS)
    assert (facts.frames, facts.duration_s, facts.width, facts.height) == (30, 2.0, 160, 96)


def test_a_missing_frame_fails_even_when_the_count_is_near_the_duration(tmp_path):
    stamps = [k for k in range(31) if k != 17]  # 30 frames over 31 frame times
    video = encode(tmp_path / "gap.mp4", stamps)
    with pytest.raises(RenderCheckError, match="frame 17 is stamped"):
        verify(video, FPS)


def test_the_wrong_frame_rate_fails(tmp_path):
    video = encode(tmp_path / "v.mp4", list(range(30)))
    with pytest.raises(RenderCheckError, match="frames for"):
        verify(video, 30)


def test_a_truncated_render_fails(tmp_path):
    raw = encode(tmp_path / "raw.mp4", list(range(30)))
    video = tmp_path / "video.mp4"
    remux_faststart(raw, video)
    data = video.read_bytes()
    video.write_bytes(data[: len(data) * 2 // 3])  # moov intact, the last frames' data gone
    with pytest.raises(RenderCheckError):
        verify(video, FPS)


def test_each_beat_still_is_the_last_frame_before_its_cue_ends(tmp_path):
    video = encode(tmp_path / "v.mp4", list(range(45)), keyint=8)  # 3 s, a keyframe every 8
    with av.open(str(video)) as container:  # the reference: every frame decoded, in order
        frames = [(f.time, np.asarray(f.to_image())) for f in container.decode(video=0)]
    # Cue ends between frames, on a frame's own time, on a keyframe's, and past the video.
    ends = [0.5, 8 / FPS, 1.26, 16 / FPS + 0.01, 2.0, 2.99, 4.0]
    for end, still in zip(ends, beat_frames(video, ends), strict=True):
        wanted = [pixels for t, pixels in frames if t < end - 1e-6][-1]
        assert np.array_equal(np.asarray(still), wanted), end
