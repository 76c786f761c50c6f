"""scripts/segment_encoder.py must write the very bytes manim's own frame path writes."""

from __future__ import annotations

import numpy as np
from manim._config.output import OutputFormat, OutputSpec
from manim._config.video_encoder import resolve_video_encoder
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from scripts import segment_encoder
from scripts.render_scenes import ENCODER_OPTIONS

MP4 = OutputSpec(OutputFormat.MP4, transparent=False, save_sections=False, fallback_to_still=False)


def encode(path, frames, monkeypatch, patched: bool) -> bytes:
    with monkeypatch.context() as m:
        if patched:
            m.setattr(VideoSegmentEncoder, "write_frame", segment_encoder.write_frame)
        spec = resolve_video_encoder(
            MP4, width=320, height=180, frame_rate=15, options=ENCODER_OPTIONS
        )
        encoder = VideoSegmentEncoder(target=path, spec=spec)
        for pixels, repeat in frames:
            encoder.write_frame(pixels, repeat=repeat)
        encoder.finish()
    return path.read_bytes()


def test_the_cheaper_frame_path_writes_the_same_bytes(tmp_path, monkeypatch):
    rng = np.random.default_rng(7)
    frames = []
    for i in range(12):  # moving shapes, with waits: repeats are what the cheaper path saves
        pixels = np.full((180, 320, 4), (22, 24, 29, 255), np.uint8)
        pixels[40 + i * 5 : 90 + i * 5, 30 + i * 12 : 110 + i * 12, :3] = rng.integers(0, 255, 3)
        frames.append((pixels, 1 if i % 3 else 6))
    ours = encode(tmp_path / "ours.mp4", frames, monkeypatch, patched=True)
    manims = encode(tmp_path / "manim.mp4", frames, monkeypatch, patched=False)
    assert len(ours) > 1000
    assert ours == manims
