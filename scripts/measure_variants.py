"""What the light variants cost: each scene rendered clean in both palettes, CPU, time and bytes.

    python -m scripts.measure_variants [--quality publish|preview] [SCENE ...]

Renders the named scenes (all, by default) once in the dark and once in the light palette,
one render at a time, through the build's own worker (render_scenes.render_in_worker) into a
throw-away cache under build/tmp/, so the shared render cache is neither read nor changed. For
each render: the worker's CPU seconds (user + system, from getrusage of the child), its wall
time, the bytes a site publishes for it (MP4, poster, last-frame still and beat stills) and the
CPU of drawing those stills. Writes bench/variants-<quality>.json and .md; `make bench` (issue
18's scripts/bench.py) can fold them into its report. A full clean build with and without the
variants differs by the sum of the light rows: rendering is per scene and per palette, and
nothing else in the build (figures, MkDocs) depends on the number of variants beyond copying.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sys
import time
from pathlib import Path

from .discover import PALETTES, discover_scenes
from .render_progress import Progress
from .render_scenes import RenderSettings, cache_entry, render_in_worker

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench"


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_one(scene, settings: RenderSettings, cache: Path, work: Path) -> dict:
    from .finish_video import write_beat_stills, write_still

    cpu, wall = child_cpu(), time.perf_counter()
    failure = render_in_worker(scene, settings, cache, work, Progress(1))
    cpu, wall = child_cpu() - cpu, time.perf_counter() - wall
    if failure:
        raise SystemExit(f"{scene.label} failed: {failure.exception}\n{failure.detail}")
    entry = cache_entry(cache, scene)
    meta = json.loads((entry / "meta.json").read_text())
    stills = work / f"{scene.name}-{scene.palette}-stills"
    stills.mkdir(parents=True)
    still_cpu = time.process_time()
    write_still(entry / f"{scene.name}.mp4", stills / "last-frame.png")
    write_beat_stills(entry / f"{scene.name}.mp4", entry / f"{scene.name}.vtt", stills / "beats")
    still_cpu = time.process_time() - still_cpu
    still_bytes = sum(p.stat().st_size for p in stills.rglob("*.png"))
    return {
        "scene": scene.name,
        "palette": scene.palette,
        "video_s": meta["duration_s"],
        "render_cpu_s": round(cpu, 2),
        "render_wall_s": round(wall, 2),
        "stills_cpu_s": round(still_cpu, 2),
        "mp4_bytes": meta["bytes"],
        "poster_bytes": (entry / f"{scene.name}.webp").stat().st_size,
        "stills_bytes": still_bytes,
    }


def totals(rows: list[dict], palette: str) -> dict:
    mine = [r for r in rows if r["palette"] == palette]
    keys = ("render_cpu_s", "render_wall_s", "stills_cpu_s", "mp4_bytes", "poster_bytes")
    out = {k: round(sum(r[k] for r in mine), 2) for k in (*keys, "stills_bytes")}
    out["published_bytes"] = out["mp4_bytes"] + out["poster_bytes"] + out["stills_bytes"]
    return out


def report(result: dict) -> str:
    dark, light = result["totals"]["dark"], result["totals"]["light"]

    def more(key: str) -> str:
        return f"+{100 * light[key] / dark[key]:.0f}%" if dark[key] else "n/a"

    lines = [
        f"# Light variants at {result['quality']} quality",
        "",
        f"{result['machine']}; load average {result['load']} at the start; renders one at a "
        "time through the build's worker, clean (a throw-away cache).",
        "",
        "| scene | palette | video s | render CPU s | render wall s | stills CPU s | MP4 KiB "
        "| poster KiB | stills KiB |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['scene']} | {r['palette']} | {r['video_s']:.1f} | {r['render_cpu_s']:.1f} "
            f"| {r['render_wall_s']:.1f} | {r['stills_cpu_s']:.1f} | {r['mp4_bytes'] / 1024:.0f} "
            f"| {r['poster_bytes'] / 1024:.0f} | {r['stills_bytes'] / 1024:.0f} |"
        )
    lines += [
        "",
        "| total | render CPU s | render wall s | published MiB |",
        "| --- | ---: | ---: | ---: |",
    ]
    for palette in PALETTES:
        t = result["totals"][palette]
        lines.append(
            f"| {palette} | {t['render_cpu_s']:.1f} | {t['render_wall_s']:.1f} "
            f"| {t['published_bytes'] / 2**20:.2f} |"
        )
    lines += [
        "",
        f"The light variants add {more('render_cpu_s')} render CPU and "
        f"{more('published_bytes')} published bytes to the dark ones.",
    ]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", choices=("publish", "preview"), default="publish")
    parser.add_argument("scenes", nargs="*", help="scene names (default: every scene)")
    args = parser.parse_args(argv)
    settings = RenderSettings(args.quality)
    found = [s for p in PALETTES for s in discover_scenes(ROOT / "scenes", settings.describe(), p)]
    unknown = set(args.scenes) - {s.name for s in found}
    if unknown:
        parser.error(f"unknown scene(s): {', '.join(sorted(unknown))}")
    chosen = [s for s in found if not args.scenes or s.name in args.scenes]
    chosen.sort(key=lambda s: (s.name, PALETTES.index(s.palette)))
    work = ROOT / "build" / "tmp" / f"{os.getpid()}-variants"
    load = f"{os.getloadavg()[0]:.1f}"
    rows = []
    try:
        for scene in chosen:
            rows.append(measure_one(scene, settings, work / "cache", work / "render"))
            print(json.dumps(rows[-1]), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = {
        "quality": args.quality,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load": load,
        "rows": rows,
        "totals": {p: totals(rows, p) for p in PALETTES},
    }
    OUT.mkdir(exist_ok=True)
    (OUT / f"variants-{args.quality}.json").write_text(json.dumps(result, indent=1) + "\n")
    (OUT / f"variants-{args.quality}.md").write_text(report(result))
    print(report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
