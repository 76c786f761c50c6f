"""The publish workflow's fan-out, run on this machine: is the site the same, and how long does it take?

    python -m scripts.fanout_sim [--quality preview|publish]   (`make bench` runs it at preview)

Like the workflow (.github/workflows/publish.yml), every step runs in a clean copy of the
repository with an empty render cache, as a process of its own:
1. a one-machine build (`make site`), the reference;
2. discovery (`--list-jobs`), then each render job (`make render SCENES=<job>`) in its own copy,
   one after another, as separate runners would run them side by side;
3. every job's .cache/ gathered into one more copy (what the artifacts carry), `make assemble`.
Then it checks that the assembly rendered nothing and that its site is byte-identical to the
reference (both with the same SOURCE_DATE_EPOCH and SITE_URL), and times the fan-out: the slowest
job plus the assembly, against the one-machine build. Copies live under bench/work/ and go.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .bench import CORES, OUT, RENDERED, WORK, fresh_copy, reproducibility
from .discover import PALETTES

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://example.org/activations/"


def commit_time() -> str:
    out = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return out or "1767225600"


def run(project: Path, command: list[str], env: dict[str, str]) -> dict:
    """Run one step in its copy; its wall and CPU seconds (its own and its children's, from
    wait4, so steps running side by side are measured apart), and its log."""
    out, err = project / "step.out", project / "step.err"
    started = time.perf_counter()
    with out.open("w") as stdout, err.open("w") as stderr:
        proc = subprocess.Popen(command, cwd=project, env=env, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    log = out.read_text() + err.read_text()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed in {project}:\n{log}")
    return {
        "seconds": round(seconds, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "rendered": RENDERED.findall(log),
        "stdout": out.read_text(),
        "log": log,
    }


def render_job(name: str, env: dict[str, str]) -> tuple[dict, Path]:
    runner = fresh_copy(f"fanout-job-{name}")
    result = run(runner, ["make", "render", f"SCENES={name}"], env)
    # Each job renders its own scene, in every palette, and nothing else (figures: no scene).
    expected = (
        []
        if name == "figures"
        else [name if p == PALETTES[0] else f"{name} ({p})" for p in PALETTES]
    )
    assert sorted(result["rendered"]) == sorted(expected), (name, result["log"])
    print(f"  job {name}: {result['seconds']:.1f} s, {result['cpu_s']:.0f} CPU-s", flush=True)
    return {"job": name, "seconds": result["seconds"], "cpu_s": result["cpu_s"]}, runner


def one_machine_build(env: dict[str, str]) -> tuple[dict, Path]:
    one = fresh_copy("fanout-one-machine")
    result = run(one, ["make", "site"], env)
    print(
        f"  one-machine build: {result['seconds']:.1f} s, {result['cpu_s']:.0f} CPU-s", flush=True
    )
    return result, one


def simulate(quality: str, parallel: int = 1) -> dict:
    """parallel > 1 runs the one-machine build and the jobs that many at a time (each still in
    its own copy, as its own process): the wall times then share the machine, the CPU times not."""
    env = {
        **os.environ,
        "QUALITY": quality,
        "JOBS": str(CORES),
        "FORCE": "0",
        "SOURCE_DATE_EPOCH": commit_time(),
        "SITE_URL": SITE_URL,
        "MPLBACKEND": "agg",
    }
    env.pop("SOURCE_URL", None)
    python = str(ROOT / ".venv" / "bin" / "python")

    discovery = fresh_copy("fanout-discover")
    listed = run(discovery, [python, "-m", "scripts.build", "--list-jobs"], env)
    jobs = json.loads(listed["stdout"])
    shutil.rmtree(discovery)
    print(
        f"Fan-out at {quality} quality: a one-machine build (JOBS={CORES}) and {len(jobs)} "
        f"render jobs, {parallel} at a time",
        flush=True,
    )
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        reference_future = pool.submit(one_machine_build, env)
        job_futures = [pool.submit(render_job, job["name"], env) for job in jobs]
        reference, one = reference_future.result()
        done = [f.result() for f in job_futures]

    assembly = fresh_copy("fanout-assembly")
    results = []
    for result, runner in done:  # what the workflow's artifacts carry: each runner's .cache
        shutil.copytree(runner / ".cache", assembly / ".cache", dirs_exist_ok=True)
        shutil.rmtree(runner)
        results.append(result)
    assembled = run(assembly, ["make", "assemble"], env)
    print(f"  assembly: {assembled['seconds']:.1f} s, rendered {assembled['rendered']}", flush=True)
    same = reproducibility(one / "site", assembly / "site")
    slowest = max(results, key=lambda r: r["seconds"])
    fanout_s = slowest["seconds"] + assembled["seconds"]
    report = {
        "quality": quality,
        "parallel": parallel,
        "one_machine": {"seconds": reference["seconds"], "cpu_s": reference["cpu_s"]},
        "jobs": results,
        "slowest_job": slowest,
        "assembly": {
            "seconds": assembled["seconds"],
            "cpu_s": assembled["cpu_s"],
            "rendered": assembled["rendered"],
        },
        "fanout_seconds": round(fanout_s, 2),
        "fanout_over_one_machine": round(fanout_s / reference["seconds"], 3),
        # CPU seconds do not depend on what else the machine runs: the same sum in CPU
        "fanout_cpu_s": round(slowest["cpu_s"] + assembled["cpu_s"], 2),
        "site_files": same["files"],
        "differing": same["differing"],
    }
    shutil.rmtree(one)
    shutil.rmtree(assembly)
    return report


def report_md(r: dict) -> list[str]:
    lines = [
        f"## Fan-out over runners ({r['quality']} quality, scripts/fanout_sim.py)",
        "",
        "Each render job in a clean copy with an empty cache, as separate runners would; their "
        "caches gathered; the assembly in another clean copy. "
        + (
            f"The one-machine build and the jobs ran {r['parallel']} at a time on "
            f"{CORES} cores: their wall times share the machine, their CPU times do not."
            if r["parallel"] > 1
            else "Each step ran alone."
        ),
        "",
        "| job | wall s | CPU s |",
        "|---|---:|---:|",
        *(f"| {j['job']} | {j['seconds']:.1f} | {j['cpu_s']:.1f} |" for j in r["jobs"]),
        f"| assembly (renders: {len(r['assembly']['rendered'])}) | "
        f"{r['assembly']['seconds']:.1f} | {r['assembly']['cpu_s']:.1f} |",
        f"| one-machine build, JOBS={CORES} | {r['one_machine']['seconds']:.1f} | "
        f"{r['one_machine']['cpu_s']:.1f} |",
        "",
        f"Slowest job ({r['slowest_job']['job']}, {r['slowest_job']['seconds']:.1f} s) plus the "
        f"assembly: {r['fanout_seconds']:.1f} s, {r['fanout_over_one_machine']:.2f} of the "
        f"one-machine build; in CPU, {r['fanout_cpu_s']:.0f} s against "
        f"{r['one_machine']['cpu_s']:.0f} s. Site: {r['site_files']} files, "
        + (
            "byte-identical to the one-machine build."
            if not r["differing"]
            else f"{len(r['differing'])} differ: {', '.join(r['differing'][:10])}"
        ),
    ]
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", choices=("preview", "publish"), default="preview")
    parser.add_argument(
        "--parallel", type=int, default=1, help="steps at a time (1: each alone, as timed)"
    )
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    report = simulate(args.quality, args.parallel)
    OUT.mkdir(exist_ok=True)
    (OUT / f"fanout-{args.quality}.json").write_text(json.dumps(report, indent=1) + "\n")
    print("\n" + "\n".join(report_md(report)))
    ok = not report["differing"] and not report["assembly"]["rendered"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
