"""`make bench`: measure the build on this machine and write bench/report.md and bench/report.json.

What it measures (each figure the median of --runs runs, with min and max):
- clean `make` at preview and publish quality, serial (JOBS=1, and JOBS=1 pinned to one core) and
  parallel (JOBS=cores), with the CPU seconds each used, and the same scenes rendered one by one
  with the plain `manim` command line, as a user would;
- the no-op `make`, an edit of one page, an edit of one scene module (renders, rewritten files);
- per scene: video seconds, frames, render seconds, render seconds per video second, MP4 bytes,
  KiB per video second; how our encode compares with manim's default (PSNR of the same frames);
- how the clean render time grows with the number of scenes (1, 2, all) and with JOBS (1, 2);
- reproducibility: two clean preview builds in separate folders, byte for byte;
- frame costs: every scene rendered alone at publish quality (1080p60) into a fresh cache, with the
  CPU seconds (user + system) of its render worker per second of video and frames per CPU second,
  against the target of 1.5 CPU-s per video second; --scenes A B measures only those scenes;
- the fan-out simulation (scripts/fanout_sim.py) at preview, unless --skip-fanout.
Every run works in a fresh copy of the repository under bench/work/, never on site/ or .cache/.

    python -m scripts.bench [--runs N] [--publish-runs N] [--skip-publish] [--skip-preview] [--skip-fanout]
    python -m scripts.bench --costs-only [--scenes A B] [--cost-quality preview]   # cheap mode
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import av
import numpy as np

from .discover import PALETTES, discover_scenes
from .layout import QUALITIES
from .render_scenes import RenderSettings, render_all

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench"
WORK = OUT / "work"
CORES = os.cpu_count() or 1
RENDERED = re.compile(r"\[render\] (\w+(?: \(\w+\))?): started")
# The frame-cost target: CPU seconds of a scene's render worker per second of 1080p60 video.
CPU_PER_VIDEO_S_TARGET = 1.5


def stats(values: list[float]) -> dict:
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "runs": len(values),
    }


def fmt(s: dict, unit: str = "s") -> str:
    if s["runs"] == 1:
        return f"{s['median']:.2f} {unit} (1 run)"
    return f"{s['median']:.2f} {unit} ({s['min']:.2f}–{s['max']:.2f}, {s['runs']} runs)"


def fresh_copy(name: str) -> Path:
    """The repository's files (tracked and new, not ignored), with .venv and node_modules linked."""
    dest = WORK / name
    shutil.rmtree(dest, ignore_errors=True)
    files = (
        subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for rel in filter(None, files):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    for link in (".venv", "node_modules"):
        (dest / link).symlink_to(ROOT / link)
    return dest


def make(project: Path, quality: str, jobs: int, one_core: bool = False) -> tuple[float, str]:
    """Run `make site`; return wall seconds and the log. The CPU seconds it used (user + system,
    every child process) are left in make.cpu_s. one_core pins the whole build to CPU 0."""
    env = {**os.environ, "QUALITY": quality, "JOBS": str(jobs), "FORCE": "0"}
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(
        ["make", "-C", str(project), "site"],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=(lambda: os.sched_setaffinity(0, {0})) if one_core else None,
    )
    elapsed = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    make.cpu_s = (cpu_after.ru_utime - cpu_before.ru_utime) + (
        cpu_after.ru_stime - cpu_before.ru_stime
    )
    if proc.returncode != 0:
        raise SystemExit(f"make failed in {project}:\n{proc.stdout}\n{proc.stderr}")
    return elapsed, proc.stdout + proc.stderr


def snapshot(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


def outputs(project: Path) -> dict[str, int]:
    return {
        **{f"site/{k}": v for k, v in snapshot(project / "site").items()},
        **{f"build/{k}": v for k, v in snapshot(project / "build").items() if "stamps" not in k},
    }


def clean_make(
    quality: str, jobs: int, runs: int, keep: list[Path] | None = None, one_core: bool = False
) -> tuple[dict, Path]:
    times, cpu, project = [], [], None
    for i in range(runs):
        project = fresh_copy(f"clean-{quality}-j{jobs}{'-1core' if one_core else ''}-{i}")
        seconds, log = make(project, quality, jobs, one_core)
        assert len(RENDERED.findall(log)) > 0
        times.append(seconds)
        cpu.append(make.cpu_s)
        print(
            f"  clean make {quality} JOBS={jobs}{' on one core' if one_core else ''} run {i + 1}: "
            f"{seconds:.1f} s, {make.cpu_s:.0f} CPU-s",
            flush=True,
        )
        if keep is not None:
            keep.append(project)
    return {**stats(times), "cpu_s": stats(cpu)}, project


def manim_cli(quality: str, runs: int) -> dict:
    """The same scenes, one by one, with the plain manim command line and its defaults."""
    flag = {"preview": "-ql", "publish": "-qh"}[quality]
    scenes = discover_scenes(ROOT / "scenes", "cli")
    times = []
    for i in range(runs):
        media = WORK / f"manim-cli-{quality}-{i}"
        shutil.rmtree(media, ignore_errors=True)
        started = time.perf_counter()
        for s in scenes:
            subprocess.run(
                [
                    str(ROOT / ".venv" / "bin" / "manim"),
                    "render",
                    flag,
                    "--media_dir",
                    str(media),
                    "--progress_bar",
                    "none",
                    "-v",
                    "WARNING",
                    str(s.module),
                    s.name,
                ],
                cwd=media.parent,
                check=True,
                capture_output=True,
            )
        times.append(time.perf_counter() - started)
        print(f"  manim CLI {quality} run {i + 1}: {times[-1]:.1f} s", flush=True)
    return stats(times)


def incremental(project: Path, runs: int) -> dict:
    """No-op, page edit and scene-module edit on a built preview project."""
    scenes = discover_scenes(project / "scenes", "x")
    module = scenes[0].module
    in_module = sorted(s.name for s in scenes if s.module == module)
    page = project / "docs" / "chapters" / "sigmoid" / "index.md"
    result = {"noop": [], "page_edit": [], "scene_edit": []}
    for i in range(runs):
        before = outputs(project)
        seconds, log = make(project, "preview", CORES)
        after = outputs(project)
        rewritten = sum(1 for k in after if before.get(k) != after[k]) + len(
            before.keys() - after.keys()
        )
        result["noop"].append((seconds, len(RENDERED.findall(log)), rewritten))

        page.write_text(page.read_text() + f"\nA sentence the bench added ({i}).\n")
        seconds, log = make(project, "preview", CORES)
        result["page_edit"].append((seconds, len(RENDERED.findall(log)), 0))

        module.write_text(module.read_text() + f"\n# an edit by the bench ({i})\n")
        seconds, log = make(project, "preview", CORES)
        rendered = sorted(RENDERED.findall(log))
        assert rendered == in_module, f"editing {module.name} re-rendered {rendered}"
        result["scene_edit"].append((seconds, len(rendered), 0))
        print(
            f"  incremental run {i + 1}: no-op {result['noop'][-1][0]:.2f} s, page "
            f"{result['page_edit'][-1][0]:.1f} s, scene {seconds:.1f} s",
            flush=True,
        )
    return {
        k: {
            "seconds": stats([v[0] for v in vals]),
            "renders": max(v[1] for v in vals),
            "rewritten": max(v[2] for v in vals),
            **(
                {"module": module.relative_to(project).as_posix(), "scenes": in_module}
                if k == "scene_edit"
                else {}
            ),
        }
        for k, vals in result.items()
    }


def scaling(runs: int, clean_preview: dict) -> list[dict]:
    """Clean render time (render stage alone) for 1 and 2 scenes at JOBS 1 and 2; the row for all
    scenes is the clean preview `make` measured above (renders plus the MkDocs build)."""
    settings = RenderSettings("preview")
    scenes = discover_scenes(ROOT / "scenes", settings.describe())
    rows = []
    for count in (1, 2):
        for jobs in (1, 2):
            times = []
            for i in range(runs):
                cache = WORK / f"scaling-{count}-{jobs}-{i}"
                shutil.rmtree(cache, ignore_errors=True)
                started = time.perf_counter()
                failures = render_all(
                    scenes[:count], settings, cache / "renders", cache / "tmp", jobs
                )
                assert not failures, failures
                times.append(time.perf_counter() - started)
                shutil.rmtree(cache, ignore_errors=True)
            rows.append({"scenes": count, "jobs": jobs, "seconds": stats(times), "what": "renders"})
            print(
                f"  scaling: {count} scene(s), JOBS={jobs}: {fmt(rows[-1]['seconds'])}", flush=True
            )
    for jobs, key in ((1, "serial"), (CORES, "parallel")):
        rows.append(
            {
                "scenes": len(scenes),
                "jobs": jobs,
                "seconds": clean_preview[key],
                "what": "clean make",
            }
        )
    return rows


def per_scene(project: Path) -> list[dict]:
    rows = []
    for meta_file in sorted((project / ".cache" / "renders").glob("*/meta.json")):
        m = json.loads(meta_file.read_text())
        rows.append(
            {
                "name": m["name"],
                "video_s": m["duration_s"],
                "frames": m["frames"],
                "render_s": m["render_s"],
                "render_per_video_s": round(m["render_s"] / m["duration_s"], 2),
                "bytes": m["bytes"],
                "kib_per_s": round(m["bytes"] / 1024 / m["duration_s"], 1),
            }
        )
    return rows


def frame_costs(
    names: list[str] | None,
    quality: str,
    runs: int,
    scene_dir: Path = ROOT / "scenes",
    kept: Path = OUT / "cost-videos",
) -> list[dict]:
    """Each scene rendered alone (JOBS=1) into a fresh cache: what its worker costs in CPU seconds.

    CPU time, not wall time: on a shared machine load stretches the wall clock but hardly the CPU
    seconds a render needs. cpu_s is the whole worker (imports, construct(), encoding threads,
    LaTeX, verifying and finishing the video); render_cpu_s is construct() and the encode alone.
    The videos of the last run are kept in `kept`/<quality>/ to compare frames before and after a
    change (scripts/compare_videos.py)."""
    settings = RenderSettings(quality)
    scenes = [
        s for palette in PALETTES for s in discover_scenes(scene_dir, settings.describe(), palette)
    ]
    if names:
        unknown = sorted(set(names) - {s.name for s in scenes})
        if unknown:
            raise SystemExit(
                f"--scenes: no scene named {', '.join(unknown)}; the scenes are "
                + ", ".join(s.name for s in scenes)
            )
        # in the order given, each in every palette it is rendered in
        scenes = [s for n in dict.fromkeys(names) for s in scenes if s.name == n]
    kept = kept / quality
    rows = []
    for scene in scenes:
        metas = []
        for i in range(runs):
            cache = WORK / f"costs-{quality}-{scene.name}-{i}"
            shutil.rmtree(cache, ignore_errors=True)
            failures = render_all([scene], settings, cache / "renders", cache / "tmp", 1)
            if failures:
                raise SystemExit(f"{scene.name} failed to render: {failures[0]}")
            entry = next((cache / "renders").glob(f"{scene.name}-*"))
            metas.append(json.loads((entry / "meta.json").read_text()))
            (kept / scene.palette).mkdir(parents=True, exist_ok=True)
            shutil.copy2(entry / f"{scene.name}.mp4", kept / scene.palette / f"{scene.name}.mp4")
            shutil.rmtree(cache, ignore_errors=True)
        video_s, frames = metas[0]["duration_s"], metas[0]["frames"]
        cpu = stats([m["cpu_s"] for m in metas])
        rows.append(
            {
                "name": scene.name,
                "palette": scene.palette,
                "video_s": video_s,
                "frames": frames,
                "bytes": metas[0]["bytes"],
                "cpu_s": cpu,
                "render_cpu_s": stats([m["render_cpu_s"] for m in metas]),
                "wall_s": stats([m["render_s"] for m in metas]),
                "cpu_per_video_s": round(cpu["median"] / video_s, 3),
                "frames_per_cpu_s": round(frames / cpu["median"], 2),
                "ms_per_frame": round(1000 * cpu["median"] / frames, 1),
                "meets_target": cpu["median"] / video_s <= CPU_PER_VIDEO_S_TARGET,
            }
        )
        print(
            f"  {scene.label}: {video_s:.1f} s of video, {cpu['median']:.1f} CPU-s, "
            f"{rows[-1]['cpu_per_video_s']:.2f} CPU-s per video s",
            flush=True,
        )
    return rows


def psnr_against_manim_default(project: Path, quality: str, samples: int = 12) -> list[dict]:
    """PSNR (luma) of our encode against manim's default encode of the very same frames."""
    rows = []
    cli_media = WORK / f"manim-cli-{quality}-0"
    for ours in sorted((project / "site" / "videos").glob("*.mp4")):
        theirs = next(cli_media.rglob(f"videos/**/{ours.name}"), None)
        if theirs is None:
            continue

        def frame_count(path):
            with av.open(str(path)) as c:
                return sum(1 for _ in c.demux(video=0) if _.size)

        n = min(frame_count(ours), frame_count(theirs))
        picks = set(np.linspace(0, n - 1, samples).astype(int).tolist())

        def lumas(
            path, picks=picks
        ):  # only the sampled frames: a whole 1080p video would not fit in memory
            with av.open(str(path)) as c:
                return [
                    f.to_ndarray(format="gray").astype(np.float64)
                    for i, f in enumerate(c.decode(video=0))
                    if i in picks
                ]

        values = []
        for a, b in zip(lumas(ours), lumas(theirs)):
            mse = float(((a - b) ** 2).mean())
            values.append(99.0 if mse == 0 else 10 * np.log10(255**2 / mse))
        rows.append(
            {
                "name": ours.stem,
                "psnr_min_db": round(min(values), 1),
                "psnr_mean_db": round(float(np.mean(values)), 1),
                "ours_bytes": ours.stat().st_size,
                "manim_default_bytes": theirs.stat().st_size,
            }
        )
    return rows


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def reproducibility(one: Path, two: Path) -> dict:
    a, b = tree_digest(one), tree_digest(two)
    return {
        "files": len(a),
        "differing": sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k)),
    }


def costs_md(costs: dict | None) -> list[str]:
    if not costs:
        return []
    rows, target = costs["rows"], costs["target"]
    lines = [
        "",
        f"## Frame costs ({costs['quality']}, each scene alone, JOBS=1)",
        "",
        "CPU seconds (user + system) of each scene's render worker: imports, construct(), "
        "the encoder threads, LaTeX and finishing the video; the render alone in brackets. "
        f"Target: at most {target} CPU-s per second of video. Medians of {rows[0]['cpu_s']['runs']} "
        "run(s); wall seconds are stretched by whatever else the machine runs.",
        "",
        "| scene | video s | frames | CPU s (render alone) | wall s | CPU-s / video s "
        "| frames / CPU-s | ms / frame | target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in rows:
        lines.append(
            f"| {s['name']} ({s['palette']}) | {s['video_s']:.1f} | {s['frames']} | {s['cpu_s']['median']:.1f} "
            f"({s['render_cpu_s']['median']:.1f}) | {s['wall_s']['median']:.1f} "
            f"| {s['cpu_per_video_s']:.2f} | {s['frames_per_cpu_s']:.1f} | {s['ms_per_frame']:.1f} "
            f"| {'met' if s['meets_target'] else '**missed**'} |"
        )
    video = sum(s["video_s"] for s in rows)
    cpu = sum(s["cpu_s"]["median"] for s in rows)
    frames = sum(s["frames"] for s in rows)
    lines.append(
        f"| **all** | {video:.1f} | {frames} | {cpu:.1f} | | **{cpu / video:.2f}** "
        f"| {frames / cpu:.1f} | {1000 * cpu / frames:.1f} "
        f"| {sum(s['meets_target'] for s in rows)} of {len(rows)} met |"
    )
    return lines + variants_md(rows)


def variants_md(rows: list[dict]) -> list[str]:
    """What each palette's videos cost: the build without the light variants is the dark rows."""
    palettes = list(dict.fromkeys(s["palette"] for s in rows))
    if len(palettes) < 2:
        return []
    lines = [
        "",
        "### By palette (the cost of the variants)",
        "",
        "| palette | videos | CPU s | MiB of MP4 |",
        "|---|---|---|---|",
    ]
    for palette in palettes:
        mine = [s for s in rows if s["palette"] == palette]
        cpu = sum(s["cpu_s"]["median"] for s in mine)
        mib = sum(s["bytes"] for s in mine) / 2**20
        lines.append(f"| {palette} | {len(mine)} | {cpu:.1f} | {mib:.1f} |")
    return lines


def fanout_md(result: dict) -> list[str]:
    """The fan-out simulation's section, written by scripts/fanout_sim.py itself."""
    from .fanout_sim import report_md as fanout_report_md  # it builds on this module

    return ["", *fanout_report_md(result)]


def report_md(r: dict) -> str:
    lines = [
        f"# Build benchmark ({r['machine']})",
        "",
        "Median of the runs, with (min–max). Times are wall-clock seconds unless they say CPU.",
    ]
    if not r["clean"]:  # the cheap mode (--costs-only) measured frame costs alone
        lines += costs_md(r.get("costs"))
        return "\n".join(lines + (fanout_md(r["fanout"]) if "fanout" in r else [])) + "\n"
    lines += [
        "",
        "## Clean builds",
        "",
        f"| quality | JOBS=1 | JOBS=1 pinned to one core | JOBS={CORES} | parallel / serial "
        "| parallel / one-core serial | plain manim CLI, one by one | ours / manim CLI |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for q, c in r["clean"].items():
        lines.append(
            f"| {q} | {fmt(c['serial'])} | {fmt(c['serial_one_core'])} | {fmt(c['parallel'])} "
            f"| {c['parallel_over_serial']:.2f} | {c['parallel_over_one_core']:.2f} "
            f"| {fmt(c['manim_cli'])} | {c['ours_over_cli']:.2f} |"
        )
    lines += [
        "",
        "CPU seconds (user + system, every process) of the same builds, and the floor no "
        f"schedule can beat: the parallel build's CPU seconds spread over {CORES} cores, over the serial "
        "wall time. A serial build already overlaps manim's encoder threads with its rendering.",
        "",
        f"| quality | JOBS=1 CPU-s | one core CPU-s | JOBS={CORES} CPU-s | floor / serial |",
        "|---|---|---|---|---|",
    ]
    for q, c in r["clean"].items():
        lines.append(
            f"| {q} | {fmt(c['serial']['cpu_s'])} | {fmt(c['serial_one_core']['cpu_s'])} "
            f"| {fmt(c['parallel']['cpu_s'])} | {c['floor_over_serial']:.2f} |"
        )
    inc = r.get("incremental")
    lines += (
        []
        if not inc
        else [
            "",
            "## Incremental builds (preview)",
            "",
            "| change | time | renders | outputs rewritten |",
            "|---|---|---|---|",
        ]
    )
    for key, label in (
        ()
        if not inc
        else (
            ("noop", "nothing (no-op `make`)"),
            ("page_edit", "one page"),
            ("scene_edit", f"one scene module ({inc['scene_edit']['module']})"),
        )
    ):
        lines.append(
            f"| {label} | {fmt(inc[key]['seconds'])} | {inc[key]['renders']} | "
            f"{inc[key]['rewritten'] if key == 'noop' else '–'} |"
        )
    for q, rows in r["per_scene"].items():
        lines += [
            "",
            f"## Per scene ({q})",
            "",
            "| scene | video s | frames | render s | render s / video s | MP4 KiB | KiB / video s |",
            "|---|---|---|---|---|---|---|",
        ]
        for s in rows:
            lines.append(
                f"| {s['name']} | {s['video_s']:.1f} | {s['frames']} | {s['render_s']:.1f} | "
                f"{s['render_per_video_s']:.2f} | {s['bytes'] / 1024:.0f} | {s['kib_per_s']:.1f} |"
            )
        total_bytes, total_s = sum(s["bytes"] for s in rows), sum(s["video_s"] for s in rows)
        lines.append(
            f"| **all** | {total_s:.1f} | | | | {total_bytes / 1024:.0f} | **{total_bytes / 1024 / total_s:.1f}** |"
        )
    if r.get("psnr"):
        lines += [
            "",
            "## Our encode against manim's default (same frames, luma PSNR)",
            "",
            "| scene | PSNR min dB | PSNR mean dB | ours KiB | manim default KiB |",
            "|---|---|---|---|---|",
        ]
        for p in r["psnr"]:
            lines.append(
                f"| {p['name']} | {p['psnr_min_db']} | {p['psnr_mean_db']} | "
                f"{p['ours_bytes'] / 1024:.0f} | {p['manim_default_bytes'] / 1024:.0f} |"
            )
    lines += (
        []
        if not r.get("scaling")
        else [
            "",
            "## Scaling of the clean render (preview)",
            "",
            "| scenes | JOBS | time | measured |",
            "|---|---|---|---|",
        ]
    )
    for row in r.get("scaling", []):
        lines.append(f"| {row['scenes']} | {row['jobs']} | {fmt(row['seconds'])} | {row['what']} |")
    lines += costs_md(r.get("costs"))
    lines += fanout_md(r["fanout"]) if "fanout" in r else []  # absent: --skip-fanout
    rep = r.get("reproducible")
    if rep:
        lines += [
            "",
            "## Reproducibility",
            "",
            f"Two clean preview builds in separate folders: {rep['files']} files, "
            + (
                "byte-identical."
                if not rep["differing"]
                else f"{len(rep['differing'])} differ: " + ", ".join(rep["differing"][:20])
            ),
        ]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Measure the build.")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 3)))
    parser.add_argument(
        "--publish-runs", type=int, default=int(os.environ.get("BENCH_PUBLISH_RUNS", 1))
    )
    parser.add_argument("--skip-publish", action="store_true")
    parser.add_argument(
        "--skip-preview",
        action="store_true",
        help="publish quality only: no incremental, scaling or reproducibility runs",
    )
    parser.add_argument(
        "--costs-only",
        action="store_true",
        help="the cheap mode: frame costs (and the fan-out simulation) alone, no clean builds",
    )
    parser.add_argument(
        "--scenes", nargs="+", metavar="SCENE", help="frame costs of these scenes only"
    )
    parser.add_argument(
        "--cost-quality",
        choices=sorted(QUALITIES),
        default="publish",
        help="the quality frame costs are measured at (the target is set for publish)",
    )
    parser.add_argument("--cost-runs", type=int, default=1, help="runs per scene for frame costs")
    parser.add_argument("--skip-fanout", action="store_true")
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    report = {
        "machine": f"{CORES} cores, {cpu}, Python {platform.python_version()}",
        "clean": {},
        "per_scene": {},
    }
    qualities = (
        []
        if args.costs_only
        else ([] if args.skip_preview else ["preview"]) + ([] if args.skip_publish else ["publish"])
    )
    kept: list[Path] = []
    for q in qualities:
        runs = args.runs if q == "preview" else args.publish_runs
        print(f"Clean builds at {q} quality ({'x'.join(map(str, QUALITIES[q][:2]))})", flush=True)
        serial, _ = clean_make(q, 1, runs)
        one_core, _ = clean_make(q, 1, runs, one_core=True)
        parallel, project = clean_make(q, CORES, runs, kept if q == "preview" else None)
        cli = manim_cli(q, runs)
        report["clean"][q] = {
            "serial": serial,
            "serial_one_core": one_core,
            "parallel": parallel,
            "manim_cli": cli,
            "parallel_over_serial": round(parallel["median"] / serial["median"], 3),
            "parallel_over_one_core": round(parallel["median"] / one_core["median"], 3),
            # what no schedule can beat: the work spread evenly over every core
            "floor_over_serial": round(parallel["cpu_s"]["median"] / CORES / serial["median"], 3),
            "ours_over_cli": round(parallel["median"] / cli["median"], 3),
        }
        report["per_scene"][q] = per_scene(project)
        if q == "publish":
            report["psnr"] = psnr_against_manim_default(project, q)
            # Keep the publish-quality videos to look at (bench/ is not committed).
            shutil.rmtree(OUT / "publish-videos", ignore_errors=True)
            shutil.copytree(project / "site" / "videos", OUT / "publish-videos")
        if q == "preview":
            if len(kept) < 2:
                clean_make(q, CORES, 1, kept)
            report["reproducible"] = reproducibility(kept[0] / "site", kept[1] / "site")
            print("Incremental builds", flush=True)
            report["incremental"] = incremental(kept[-1], args.runs)
    if "preview" in qualities:
        print("Scaling", flush=True)
        report["scaling"] = scaling(args.runs, report["clean"]["preview"])
    print(f"Frame costs at {args.cost_quality} quality, one scene at a time", flush=True)
    report["costs"] = {
        "quality": args.cost_quality,
        "target": CPU_PER_VIDEO_S_TARGET,
        "rows": frame_costs(args.scenes, args.cost_quality, args.cost_runs),
    }
    if not args.skip_fanout:
        print("Fan-out simulation", flush=True)
        from .fanout_sim import simulate  # it builds on this module

        report["fanout"] = simulate("preview")
    OUT.mkdir(exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(report, indent=1) + "\n")
    text = report_md(report)
    (OUT / "report.md").write_text(text)
    print("\n" + text)
    shutil.rmtree(WORK, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
