"""A cheaper frame path for manim's segment encoder (manim 0.22, pinned in requirements.txt).

manim's VideoSegmentEncoder.write_frame copies the RGBA frame into a new AVFrame and converts it
to yuv420p once per *repeat*: a one-second wait at 60 fps converts the same picture 60 times.
At 1080p that copy and conversion cost about 5.5 ms a frame, more than rendering the frame.
This version wraps the pixels without a copy, converts once per call and hands the same yuv420p
frame to x264 for every repeat. The encoder receives exactly the pixels it did before, so the
MP4 is byte for byte what manim's own path writes (checked in tests/test_segment_encoder.py).

It reaches into the encoder's private attributes, so it is installed only on the manim version
it was written and tested for; any other version keeps manim's own path (slower, just as right).
"""

from __future__ import annotations

from fractions import Fraction

import av
import manim
from manim.scene.video_segment_encoder import VideoSegmentEncoder

WRITTEN_FOR = "0.22.0"
# The private parts of VideoSegmentEncoder that write_frame uses.
PRIVATE_PARTS = ("_validate_frame", "_operation_error")


def write_frame(self: VideoSegmentEncoder, pixels, *, repeat: int = 1) -> None:
    self._validate_frame(pixels, repeat)
    rate = self.spec.frame_rate
    time_base = Fraction(rate.denominator, rate.numerator)
    try:
        # threads=1: the same conversion manim's path runs (the codec's thread count is 1 too).
        frame = av.VideoFrame.from_numpy_buffer(pixels, format="rgba").reformat(
            format=self.spec.pixel_format, threads=1
        )
        for _ in range(repeat):
            frame.pts = self._next_pts
            frame.time_base = time_base
            self._next_pts += 1
            for packet in self._stream.encode(frame):
                self._container.mux(packet)
    except BaseException as error:
        raise self._operation_error("encode", error) from error


def applies(version: str = manim.__version__) -> bool:
    """Whether this manim is the one the patch was written for, with the parts it relies on."""
    return version == WRITTEN_FOR and all(hasattr(VideoSegmentEncoder, p) for p in PRIVATE_PARTS)


def install() -> bool:
    """Use the cheaper frame path if it applies to the installed manim; say whether it does."""
    if not applies():
        return False
    VideoSegmentEncoder.write_frame = write_frame
    return True
