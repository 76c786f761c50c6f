"""Render one scene in this process and turn it into the build's artifacts.

Run by scripts/render_scenes.py as `python -m scripts.scene_worker RESULT_JSON MODULE SCENE
OUT_DIR WIDTH HEIGHT FPS MAX_INFLIGHT_ENCODERS ENCODER_OPTIONS_JSON`, one process per scene, each
with its own media folder (manim's LaTeX clean-up deletes other processes' files in a shared
one). Writes OUT_DIR/<Scene>.mp4 (faststart), .webp (poster), .vtt and .srt (captions),
meta.json; on failure writes RESULT_JSON with the exception and the scene's own line, exits 1.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import sys
import time
from pathlib import Path

from scripts.worker_report import write_failure, write_success


def cpu_seconds() -> float:
    """User + system CPU seconds of this worker so far: its own threads (manim's encoders among
    them) and the children it waited for (LaTeX, dvisvgm). Unlike wall time, load barely moves it."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def render_scene(
    module: Path,
    scene: str,
    out: Path,
    width: int,
    height: int,
    fps: float,
    inflight: int,
    encoder_options: dict[str, str],
) -> dict:
    from manim import config

    media = out.parent / "media"
    config.media_dir = str(media)
    config.pixel_width, config.pixel_height, config.frame_rate = width, height, fps
    config.disable_caching = True
    config.progress_bar = "none"
    config.verbosity = "WARNING"
    config.output_file = scene
    config.input_file = str(module)
    config.max_inflight_encoders = inflight
    config.video_encoder_options = encoder_options

    from scripts import cairo_path, render_progress, segment_encoder

    segment_encoder.install()
    cairo_path.install()
    counter = os.environ.get(render_progress.PROGRESS_FILE_ENV)
    final_count = render_progress.count_frames(Path(counter)) if counter else (lambda: None)

    sys.path.insert(0, str(module.parent))
    spec = importlib.util.spec_from_file_location(module.stem, module)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[module.stem] = mod
    spec.loader.exec_module(mod)
    started, cpu_started = time.perf_counter(), cpu_seconds()
    getattr(mod, scene)().render()
    render_s, render_cpu_s = time.perf_counter() - started, cpu_seconds() - cpu_started
    final_count()

    from scripts import finish_video

    raw = next(media.rglob(f"videos/**/{scene}.mp4"))
    meta = finish_video.finish(raw, out, scene, fps)
    # render_*: construct() and the encode; cpu_s: the whole worker, imports and finishing included
    return {
        **meta,
        "render_s": round(render_s, 2),
        "render_cpu_s": round(render_cpu_s, 2),
        "cpu_s": round(cpu_seconds(), 2),
    }


def main(argv: list[str]) -> int:
    result_path, module, scene, out = Path(argv[0]), Path(argv[1]).resolve(), argv[2], Path(argv[3])
    width, height, fps = int(argv[4]), int(argv[5]), float(argv[6])
    inflight, encoder_options = int(argv[7]), json.loads(argv[8])
    try:
        meta = render_scene(module, scene, out, width, height, fps, inflight, encoder_options)
    except BaseException as exc:  # report every failure, KeyboardInterrupt included
        write_failure(result_path, exc, module, scene)
        return 1
    (out / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True))
    write_success(result_path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
