"""x264 settings against each other on real 1080p60 frames: CPU per frame, KiB per video second, PSNR.

    python -m scripts.sweep_x264 [--seconds 4] [--out benchmarks/x264-sweep] VIDEO.mp4 ...

For each video, a few windows of its frames (at 30% and 60% of its length, --seconds
long each) are decoded once; each setting then re-encodes every window as manim's encoder
does (libx264 through PyAV, one thread, a frame that repeats the previous one handed over
again, like a wait's repeated frames) and is measured: CPU seconds of the encode (process
time around the encode loop alone: the frames are already decoded), bytes of the MP4 per
second of video, and luma PSNR of the decoded result against the source frames (over all
frames, and the worst frame). Windows rather than whole videos: a 70 s 1080p video is 4,200
frames of 3 MB each. Writes OUT.json and OUT.md.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import time
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from .render_scenes import ENCODER_OPTIONS

TODAY = dict(ENCODER_OPTIONS)
# Each candidate changes today's settings by one factor (or two where one needs the other).
CANDIDATES: dict[str, dict[str, str]] = {
    "today": TODAY,
    "me=dia": {**TODAY, "x264-params": "me=dia"},
    "bframes=2": {**TODAY, "x264-params": "bframes=2"},
    "me=dia:bframes=2": {**TODAY, "x264-params": "me=dia:bframes=2"},
    "subme=1": {**TODAY, "x264-params": "subme=1"},
    "superfast": {**TODAY, "preset": "superfast"},
}
# A first pass (PositiveInputsZigZag, three 0.5 s windows) also tried subme=0, rc-lookahead=5, mbtree=0, scenecut=0 and
# superfast at crf 26: each lost 2-4 dB or cost 30-50% more bytes for at most 15% less CPU.
WINDOW_AT = (0.3, 0.6)


def windows(video: Path, seconds: float) -> tuple[list[list], float]:
    """Frames of each window as (yuv420p frame, luma array); a frame equal to the previous
    one is the same object, as manim's repeats are. Also the video's frame rate."""
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        fps = float(stream.average_rate)
        total = stream.frames or int(float(stream.duration * stream.time_base) * fps)
        length = int(seconds * fps)
        starts = [int(total * at) for at in WINDOW_AT]
        found: list[list] = [[] for _ in starts]
        previous = None
        for i, frame in enumerate(container.decode(stream)):
            for w, start in enumerate(starts):
                if start <= i < start + length:
                    pixels = frame.to_ndarray()  # yuv420p planes, stacked
                    if previous is not None and np.array_equal(previous[2], pixels):
                        found[w].append(previous)
                        continue
                    # A fresh frame, as manim makes: the decoder's picture type would force
                    # the source's I/P/B decisions on x264.
                    fresh = av.VideoFrame.from_ndarray(pixels, format="yuv420p")
                    previous = (fresh, pixels[: frame.height], pixels)
                    found[w].append(previous)
            if i >= starts[-1] + length:
                break
    return found, fps


def encode(frames: list, fps: float, options: dict[str, str]) -> tuple[bytes, float]:
    """The window as an MP4 encoded with these options; CPU seconds of the encode."""
    out = io.BytesIO()
    rate = Fraction(fps).limit_denominator(1000)
    with av.open(out, "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=rate, options=dict(options))
        stream.width, stream.height = frames[0][0].width, frames[0][0].height
        stream.pix_fmt = "yuv420p"
        stream.codec_context.thread_count = 1
        time_base = Fraction(rate.denominator, rate.numerator)
        cpu = time.process_time()
        for pts, (frame, *_) in enumerate(frames):
            frame.pts, frame.time_base = pts, time_base
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
        cpu = time.process_time() - cpu
    return out.getvalue(), cpu


def psnr(encoded: bytes, frames: list) -> tuple[float, float]:
    """Luma PSNR of the decoded encode against the source frames: over all frames, worst frame."""
    errors = []
    with av.open(io.BytesIO(encoded)) as container:
        for frame, (_, luma, _) in zip(container.decode(video=0), frames, strict=True):
            diff = frame.to_ndarray()[: frame.height].astype(np.int32) - luma
            errors.append(float((diff * diff).mean()))

    def db(mse: float) -> float:
        return 99.0 if mse == 0 else 10 * np.log10(255**2 / mse)

    return db(float(np.mean(errors))), db(max(errors))


def sweep(videos: list[Path], seconds: float) -> list[dict]:
    rows = []
    for video in videos:
        found, fps = windows(video, seconds)
        for name, options in CANDIDATES.items():
            cpu = size = 0.0
            frames = 0
            mean_mse, worst = [], 99.0
            for window in found:
                encoded, seconds_cpu = encode(window, fps, options)
                mean_db, worst_db = psnr(encoded, window)
                cpu, size, frames = cpu + seconds_cpu, size + len(encoded), frames + len(window)
                mean_mse.append((255**2 / 10 ** (mean_db / 10)) * len(window))
                worst = min(worst, worst_db)
            video_s = frames / fps
            row = {
                "video": video.stem,
                "setting": name,
                "options": options,
                "frames": frames,
                "ms_per_frame": round(1000 * cpu / frames, 2),
                "kib_per_s": round(size / 1024 / video_s, 1),
                "psnr_db": round(float(10 * np.log10(255**2 * frames / sum(mean_mse))), 2),
                "psnr_worst_db": round(worst, 2),
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
    return rows


def summary(rows: list[dict]) -> list[dict]:
    """Per setting, averaged over the videos, and against today's on the same frames."""
    today = {r["video"]: r for r in rows if r["setting"] == "today"}
    out = []
    for name in CANDIDATES:
        mine = [r for r in rows if r["setting"] == name]
        out.append(
            {
                "setting": name,
                "ms_per_frame": round(float(np.mean([r["ms_per_frame"] for r in mine])), 2),
                "cpu_vs_today": round(
                    float(
                        np.mean(
                            [r["ms_per_frame"] / today[r["video"]]["ms_per_frame"] for r in mine]
                        )
                    ),
                    3,
                ),
                "kib_per_s": round(float(np.mean([r["kib_per_s"] for r in mine])), 1),
                "bytes_vs_today": round(
                    float(np.mean([r["kib_per_s"] / today[r["video"]]["kib_per_s"] for r in mine])),
                    3,
                ),
                "psnr_db_vs_today": round(
                    float(np.mean([r["psnr_db"] - today[r["video"]]["psnr_db"] for r in mine])), 2
                ),
                "psnr_worst_db": min(r["psnr_worst_db"] for r in mine),
            }
        )
    return out


def markdown(rows: list[dict], totals: list[dict], seconds: float) -> str:
    lines = [
        "# x264 settings on real 1080p60 frames",
        "",
        f"Machine: {platform.machine()}, {platform.python_version()}, PyAV {av.__version__}. "
        f"Windows of {seconds:g} s at {', '.join(f'{a:.0%}' for a in WINDOW_AT)} of each video, "
        "re-encoded with one x264 thread as manim does; CPU is the encode's process time; "
        "PSNR is luma against the source frames. Reproduce: `python -m scripts.sweep_x264`.",
        "",
        "## Averaged over the videos",
        "",
        "| setting | ms per frame | CPU vs today | KiB per s | bytes vs today "
        "| PSNR dB vs today | worst frame dB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for t in totals:
        lines.append(
            f"| {t['setting']} | {t['ms_per_frame']} | {t['cpu_vs_today']} | {t['kib_per_s']} | "
            f"{t['bytes_vs_today']} | {t['psnr_db_vs_today']:+.2f} | {t['psnr_worst_db']} |"
        )
    lines += [
        "",
        "## Per video",
        "",
        "| video | setting | ms per frame | KiB per s | PSNR dB | worst frame dB |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['video']} | {r['setting']} | {r['ms_per_frame']} | {r['kib_per_s']} | "
            f"{r['psnr_db']} | {r['psnr_worst_db']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("videos", nargs="+", type=Path)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/x264-sweep"))
    args = parser.parse_args()
    rows = sweep(args.videos, args.seconds)
    totals = summary(rows)
    args.out.with_suffix(".json").write_text(
        json.dumps({"rows": rows, "summary": totals}, indent=1) + "\n"
    )
    args.out.with_suffix(".md").write_text(markdown(rows, totals, args.seconds))


if __name__ == "__main__":
    main()
