"""Where a render worker's CPU goes, for one scene rendered as the build renders it.

    python -m scripts.cost_breakdown MODULE SCENE OUT_DIR [--quality preview]

Runs the build's scene worker (scene_worker.render_scene, 1080p60 by default, the build's
encoder options) in this process with CPU clocks around its parts: imports (manim and the
scene module, from the
process's start), LaTeX (the children the worker waited for), construct()'s own Python (the main
thread's CPU in Scene.render but outside drawing and segment joining), Cairo drawing
(Camera.capture_mobjects; of it, building paths in set_cairo_context_path), RGBA->yuv420p and
x264 (per call, in the encoder threads, by thread CPU clocks), joining the segments, and
finishing (finish_video.finish). What no clock covers is 'other' (thread start-up, the
interpreter's exit is not counted). Then the build's stills (last frame and beat stills,
drawn by the build, not the worker) on the finished MP4. Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from fractions import Fraction
from pathlib import Path


def self_cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime


def kids_cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


class Clock:
    """CPU seconds of the calling thread, summed over every call of a wrapped function."""

    def __init__(self) -> None:
        self.parts: list[tuple[int, float]] = []  # (thread id, seconds): list.append is atomic

    def wrap(self, function):
        def timed(*args, **kwargs):
            start = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.parts.append((threading.get_ident(), time.thread_time() - start))

        return timed

    def total(self, thread: int | None = None) -> float:
        return sum(s for t, s in self.parts if thread is None or t == thread)


def instrument(clocks: dict[str, Clock]) -> None:
    """Wrap the worker's parts in clocks (once the worker has installed its cheaper paths)."""
    import av
    from manim.camera.camera import Camera
    from manim.scene.scene_file_writer import SceneFileWriter
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    Camera.capture_mobjects = clocks["drawing"].wrap(Camera.capture_mobjects)
    Camera.set_cairo_context_path = clocks["paths"].wrap(Camera.set_cairo_context_path)
    SceneFileWriter.combine_to_movie = clocks["joining"].wrap(SceneFileWriter.combine_to_movie)

    convert, encode = clocks["rgba_to_yuv"], clocks["x264"]

    def write_frame(self, pixels, *, repeat: int = 1) -> None:  # segment_encoder's, with clocks
        self._validate_frame(pixels, repeat)
        rate = self.spec.frame_rate
        time_base = Fraction(rate.denominator, rate.numerator)
        frame = convert.wrap(
            lambda: av.VideoFrame.from_numpy_buffer(pixels, format="rgba").reformat(
                format=self.spec.pixel_format, threads=1
            )
        )()

        def send() -> None:
            for _ in range(repeat):
                frame.pts, frame.time_base = self._next_pts, time_base
                self._next_pts += 1
                for packet in self._stream.encode(frame):
                    self._container.mux(packet)

        encode.wrap(send)()

    VideoSegmentEncoder.write_frame = write_frame
    flush = VideoSegmentEncoder.finish
    VideoSegmentEncoder.finish = encode.wrap(flush)  # x264's delayed frames are encoded here


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    module, scene, out = Path(args[0]).resolve(), args[1], Path(args[2]).resolve()
    preview = "--quality" in argv and args[3:4] == ["preview"]
    width, height, fps = (854, 480, 15) if preview else (1920, 1080, 60)
    sys.path.insert(0, os.getcwd())
    from scripts import finish_video, segment_encoder
    from scripts.render_scenes import ENCODER_OPTIONS

    try:
        from scripts import cairo_path
    except ImportError:  # code before the cheaper Cairo path
        cairo_path = None

    clocks = {k: Clock() for k in ("drawing", "paths", "rgba_to_yuv", "x264", "joining")}
    marks: dict[str, float] = {}
    installs = segment_encoder.install

    def install_then_instrument() -> bool:
        installed = installs()
        if cairo_path:
            cairo_path.install()
        from manim import Scene

        render = Scene.render

        def timed_render(self, *a, **k):
            instrument(clocks)  # now: after every cheaper path the worker installs
            marks["render_start"], marks["kids_start"] = self_cpu(), kids_cpu()
            marks["main_start"] = time.thread_time()
            try:
                return render(self, *a, **k)
            finally:
                marks["main"] = time.thread_time() - marks["main_start"]
                marks["render_end"], marks["kids_end"] = self_cpu(), kids_cpu()

        Scene.render = timed_render
        return installed

    segment_encoder.install = install_then_instrument
    finish = finish_video.finish

    def timed_finish(*a, **k):
        start = self_cpu()
        try:
            return finish(*a, **k)
        finally:
            marks["finishing"] = self_cpu() - start

    finish_video.finish = timed_finish
    import shutil

    from scripts.scene_worker import render_scene

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    meta = render_scene(module, scene, out / "v", width, height, fps, 2, dict(ENCODER_OPTIONS))
    total = self_cpu() + kids_cpu()
    main_thread = threading.main_thread().ident
    drawing = clocks["drawing"].total()
    joining = clocks["joining"].total()
    encode_in_main = clocks["x264"].total(main_thread) + clocks["rgba_to_yuv"].total(main_thread)
    parts = {
        # From the process's start, as the worker's cpu_s counts: the interpreter, manim, the scene
        "imports": marks["render_start"],
        "latex": marks["kids_end"] - marks["kids_start"],
        "construct_python": marks["main"] - drawing - joining - encode_in_main,
        "drawing": drawing,
        "drawing_paths": clocks["paths"].total(),
        "rgba_to_yuv": clocks["rgba_to_yuv"].total(),
        "x264": clocks["x264"].total(),
        "joining": joining,
        "finishing": marks["finishing"],
    }
    counted = sum(v for k, v in parts.items() if k != "drawing_paths")
    parts["other"] = total - counted
    video = out / "v" / f"{scene}.mp4"
    start = time.process_time()
    finish_video.write_still(video, out / "last-frame.png")
    still = time.process_time() - start
    finish_video.write_beat_stills(video, out / "v" / f"{scene}.vtt", out / "beats")
    beats = time.process_time() - start - still
    video_s = meta["duration_s"]
    print(
        json.dumps(
            {
                "scene": scene,
                "quality": f"{width}x{height}@{fps}",
                "duration_s": video_s,
                "frames": meta["frames"],
                "cpu_s": round(total, 2),
                "cpu_per_video_s": round(total / video_s, 3),
                "parts_s": {k: round(v, 2) for k, v in parts.items()},
                "build_stills_s": {"last_frame": round(still, 2), "beats": round(beats, 2)},
                "cairo_path": bool(cairo_path),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
