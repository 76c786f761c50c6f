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
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .bench import CORES, OUT, RENDERED, WORK, fresh_copy, reproducibility

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://example.org/activations/"


def commit_time() -> str:
    out = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return out or "1767225600"


def run(project: Path, command: list[str], env: dict[str, str]) -> dict:
    """Run one step in its copy; its wall and CPU seconds (every child process), and its log."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {project}:\n{log}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "seconds": round(seconds, 2),
        "cpu_s": round(cpu, 2),
        "rendered": RENDERED.findall(log),
        "stdout": proc.stdout,
        "log": log,
    }


def simulate(quality: str) -> dict:
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

    print(f"Fan-out at {quality} quality: the one-machine build (JOBS={CORES})", flush=True)
    one = fresh_copy("fanout-one-machine")
    reference = run(one, ["make", "site"], env)
    print(f"  {reference['seconds']:.1f} s, {reference['cpu_s']:.0f} CPU-s", flush=True)

    discovery = fresh_copy("fanout-discover")
    listed = run(discovery, [python, "-m", "scripts.build", "--list-jobs"], env)
    jobs = json.loads(listed["stdout"])
    shutil.rmtree(discovery)

    assembly = fresh_copy("fanout-assembly")
    results = []
    for job in jobs:
        runner = fresh_copy(f"fanout-job-{job['name']}")
        result = run(runner, ["make", "render", f"SCENES={job['name']}"], env)
        # Each job renders its own scene and nothing else (the figures job: no scene at all).
        expected = [] if job["name"] == "figures" else [job["name"]]
        assert result["rendered"] == expected, (job, result["log"])
        shutil.copytree(runner / ".cache", assembly / ".cache", dirs_exist_ok=True)
        shutil.rmtree(runner)
        results.append({"job": job["name"], "seconds": result["seconds"], "cpu_s": result["cpu_s"]})
        print(f"  job {job['name']}: {result['seconds']:.1f} s, {result['cpu_s']:.0f} CPU-s")

    assembled = run(assembly, ["make", "assemble"], env)
    print(f"  assembly: {assembled['seconds']:.1f} s, rendered {assembled['rendered']}", flush=True)
    same = reproducibility(one / "site", assembly / "site")
    slowest = max(results, key=lambda r: r["seconds"])
    fanout_s = slowest["seconds"] + assembled["seconds"]
    report = {
        "quality": quality,
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
        "caches gathered; the assembly in another clean copy.",
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
        f"one-machine build. Site: {r['site_files']} files, "
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
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    report = simulate(args.quality)
    OUT.mkdir(exist_ok=True)
    (OUT / f"fanout-{args.quality}.json").write_text(json.dumps(report, indent=1) + "\n")
    print("\n" + "\n".join(report_md(report)))
    ok = not report["differing"] and not report["assembly"]["rendered"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
