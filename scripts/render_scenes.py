"""Render stale scenes in parallel, each in its own process and media folder, into the cache.

A render lands in a private temporary folder and becomes a cache entry by one directory
rename only after it has been verified: the cache never holds a partial render. Each scene
renders in a worker process of its own (scripts/scene_worker.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .discover import PALETTE_VARIABLE, SceneInfo
from .layout import QUALITIES
from .render_progress import PROGRESS_FILE_ENV, Progress
from .worker_report import Failure, read_result

ROOT = Path(__file__).resolve().parent.parent


# x264 options for manim's segments. veryfast takes half of medium's x264 time; at crf 26 it
# gave higher PSNR than medium at crf 30 but 14% more bytes over the four scenes (60.6 KiB per
# second of 1080p60), so crf 27 keeps the average under 60 KiB/s. Flat vector graphics stay
# visually lossless (scripts/bench.py compares frames with manim's default crf 23 by PSNR).
# One x264 thread: a build runs JOBS renders side by side, and x264's sliced threads would make
# the bits depend on the machine's core count.
ENCODER_OPTIONS = {"preset": "veryfast", "crf": "27", "tune": "animation", "threads": "1"}
# The render process's environment. PYTHONHASHSEED: set iteration order, so layouts repeat.
# One BLAS thread: the build already runs JOBS workers on the cores, and OpenBLAS's own threads
# only spin waiting for each other on a small matrix (GradientsThroughDepth's 30 small networks:
# 3.8 CPU-s with the default, 0.6 with one thread, the same bits); nor may the numbers a scene
# shows depend on the machine's core count.
RENDER_ENV = {"PYTHONHASHSEED": "0", "MPLBACKEND": "agg", "OPENBLAS_NUM_THREADS": "1"}
# At widths that are not a multiple of 16 (854 at preview) x264's bits depend on memory it never
# initialises: with glibc's default, large blocks are reused from the heap, so two renders of the
# same frames differ by a few hundred bytes (the decoded pictures do not). A fixed mmap threshold
# hands out large blocks fresh from the kernel, zero-filled, and the MP4s are byte-identical.
# It costs ~7% at preview, and 57% at 1080p (page faults on every frame), where it is not needed.
UNALIGNED_WIDTH_ENV = {"MALLOC_MMAP_THRESHOLD_": "131072"}


@dataclass(frozen=True)
class RenderSettings:
    quality: str
    inflight_encoders: int = 2
    encoder_options: tuple[tuple[str, str], ...] = tuple(sorted(ENCODER_OPTIONS.items()))

    @property
    def size(self) -> tuple[int, int, int]:
        return QUALITIES[self.quality]

    def describe(self) -> str:
        """Everything about the encode that belongs in the cache key."""
        w, h, fps = self.size
        options = ",".join(f"{k}={v}" for k, v in self.encoder_options)
        return f"{self.quality}:{w}x{h}@{fps}:x264[{options}]:yuv420p:faststart:poster-webp-960-q70"


def cache_entry(cache_dir: Path, scene: SceneInfo) -> Path:
    return cache_dir / f"{scene.name}-{scene.key}"


def is_cached(cache_dir: Path, scene: SceneInfo) -> bool:
    return (cache_entry(cache_dir, scene) / "meta.json").is_file()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_tmp(tmp_root: Path) -> None:
    """Remove work folders left by builds that were killed (their pid no longer runs)."""
    if not tmp_root.is_dir():
        return
    for d in tmp_root.iterdir():
        pid = d.name.split("-")[0]
        if pid.isdigit() and not _pid_alive(int(pid)):
            shutil.rmtree(d, ignore_errors=True)


def render_in_worker(
    scene: SceneInfo, settings: RenderSettings, cache_dir: Path, work: Path, progress: Progress
) -> Failure | None:
    w, h, fps = settings.size
    job = work / f"{scene.name}-{scene.palette}"
    job.mkdir(parents=True)
    result = job / "result.json"
    progress.start(scene.label, job / "frames", expected_frames(scene, cache_dir, fps))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "scripts.scene_worker",
            str(result),
            str(scene.module),
            scene.name,
            str(job / "out"),
            str(w),
            str(h),
            str(fps),
            str(settings.inflight_encoders),
            json.dumps(dict(settings.encoder_options)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            **RENDER_ENV,
            **(UNALIGNED_WIDTH_ENV if w % 16 else {}),
            PROGRESS_FILE_ENV: str(job / "frames"),
            PALETTE_VARIABLE: scene.palette,  # style.py draws the scene in this palette
        },
    )
    failure = read_result(result, proc, scene.module, scene.label)
    if failure:
        progress.finish(scene.label, f"FAILED: {failure.exception}")
        shutil.rmtree(job, ignore_errors=True)
        return failure
    target = cache_entry(cache_dir, scene)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(job / "out", target)  # atomic: the entry appears whole or not at all
    except OSError:
        if not is_cached(cache_dir, scene):  # a concurrent build placed the same entry
            raise
    meta = json.loads((target / "meta.json").read_text())
    shutil.rmtree(job, ignore_errors=True)
    progress.finish(
        scene.label,
        f"{meta['duration_s']:.1f} s of video, {meta['frames']} frames, "
        f"{meta['bytes'] / 1024:.0f} KiB",
    )
    return None


def last_meta(scene: SceneInfo, cache_dir: Path) -> dict | None:
    """The meta.json of the scene's latest earlier render, at any quality."""
    metas = sorted(cache_dir.glob(f"{scene.name}-*/meta.json"), key=lambda p: p.stat().st_mtime)
    return json.loads(metas[-1].read_text()) if metas else None


def expected_frames(scene: SceneInfo, cache_dir: Path, fps: float) -> int | None:
    """How many frames the render should take: its last render's length at this frame rate."""
    meta = last_meta(scene, cache_dir)
    return round(meta["duration_s"] * fps) if meta else None


def expected_cost(scene: SceneInfo, cache_dir: Path) -> float:
    """How long the scene's render should take: its last render's time, from any earlier cache
    entry of the same name; without one, its module's size stands in for its length."""
    meta = last_meta(scene, cache_dir)
    return meta["render_s"] if meta else scene.module.stat().st_size / 1000


def render_all(
    scenes: list[SceneInfo], settings: RenderSettings, cache_dir: Path, tmp_root: Path, jobs: int
) -> list[Failure]:
    """Render every scene given, `jobs` at a time; return the failures (others still render).

    The longest renders start first, so that no long one is left to run alone at the end.
    """
    if not scenes:
        return []
    scenes = sorted(scenes, key=lambda s: -expected_cost(s, cache_dir))
    clean_stale_tmp(tmp_root)
    work = tmp_root / f"{os.getpid()}-render"
    progress = Progress(len(scenes))
    progress.say(
        f"Rendering {len(scenes)} scene(s) at {settings.quality} quality "
        f"({'x'.join(map(str, settings.size[:2]))} at {settings.size[2]} fps), "
        f"{jobs} at a time"
    )
    progress.begin()
    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            results = list(
                pool.map(lambda s: render_in_worker(s, settings, cache_dir, work, progress), scenes)
            )
    finally:
        progress.end()
        shutil.rmtree(work, ignore_errors=True)
    return [f for f in results if f]
