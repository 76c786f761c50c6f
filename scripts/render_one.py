"""Render one scene in this process and turn it into the build's artifacts.

Run by the build as `python -m scripts.render_one RESULT_JSON MODULE SCENE OUT_DIR WIDTH HEIGHT FPS
MAX_INFLIGHT_ENCODERS ENCODER_OPTIONS_JSON`, one process per scene, each with its own media folder (manim's LaTeX
clean-up deletes other processes' files in a shared one). Writes OUT_DIR/<Scene>.mp4 (faststart),
.webp (poster), .vtt and .srt (captions), meta.json; on failure writes RESULT_JSON with the
exception and the scene's own line, and exits 1.
"""
from __future__ import annotations

import importlib.util
import json
import sys
import time
import traceback
from pathlib import Path


def _scene_frame(exc: BaseException, module: Path) -> str:
    """The innermost traceback line inside the scene's project folder, as 'file:line in func'."""
    best = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if Path(frame.filename).resolve().is_relative_to(module.parent):
            best = frame
    if best is None:
        return str(module)
    return f"{best.filename}:{best.lineno} in {best.name}: {best.line}"


def render(module: Path, scene: str, out: Path, width: int, height: int, fps: float,
           inflight: int, encoder_options: dict[str, str]) -> dict:
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

    from scripts import segment_encoder
    segment_encoder.install()

    sys.path.insert(0, str(module.parent))
    spec = importlib.util.spec_from_file_location(module.stem, module)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[module.stem] = mod
    spec.loader.exec_module(mod)
    started = time.perf_counter()
    getattr(mod, scene)().render()
    render_s = time.perf_counter() - started

    from scripts import media as m

    raw = next(media.rglob(f"videos/**/{scene}.mp4"))
    srt = raw.with_suffix(".srt")
    out.mkdir(parents=True)
    video = out / f"{scene}.mp4"
    m.remux_faststart(raw, video)
    facts = m.verify(video, fps)
    if not m.is_faststart(video):
        raise m.RenderCheckError(f"{video.name}: moov is not before mdat after the remux")
    if not srt.exists():
        raise m.RenderCheckError(f"{scene} has no captions: give each beat a subcaption")
    captions = m.srt_to_vtt(srt, out / f"{scene}.vtt")
    (out / f"{scene}.srt").write_bytes(srt.read_bytes())
    m.write_poster(video, out / f"{scene}.webp")
    return {
        "name": scene, "width": facts.width, "height": facts.height, "fps": fps,
        "frames": facts.frames, "duration_s": facts.duration_s,
        "bytes": video.stat().st_size, "sha256": m.sha256(video),
        "captions_text": captions, "render_s": round(render_s, 2),
    }


def main(argv: list[str]) -> int:
    result_path, module, scene, out = Path(argv[0]), Path(argv[1]).resolve(), argv[2], Path(argv[3])
    width, height, fps = int(argv[4]), int(argv[5]), float(argv[6])
    inflight, encoder_options = int(argv[7]), json.loads(argv[8])
    try:
        meta = render(module, scene, out, width, height, fps, inflight, encoder_options)
    except BaseException as exc:  # report every failure, KeyboardInterrupt included
        result_path.write_text(json.dumps({
            "ok": False, "exception": f"{type(exc).__name__}: {exc}",
            "where": _scene_frame(exc, module),
            "traceback": "".join(traceback.format_exception(exc))[-4000:],
        }))
        return 1
    (out / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True))
    result_path.write_text(json.dumps({"ok": True}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
