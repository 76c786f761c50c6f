"""Measure what each activation of the zoo table costs in numpy, once, into a committed file.

    .venv/bin/python -m scripts.measure_zoo_cost

A time depends on the machine and on what else runs on it, so the build never measures: it reads
scenes/numeric/zoo_cost.json, which this script rewrites (nanoseconds per element of a float64
array of a million inputs, the best of several runs, with the machine and numpy version it was
measured with). Two builds of one commit therefore show the same numbers.
"""

from __future__ import annotations

import json
import platform
import sys
import timeit
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scenes"))

from numeric.zoo_table import COST_FILE, ENTRIES  # noqa: E402

N = 1_000_000
REPEATS = 7


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def measure() -> dict:
    x = np.random.default_rng(0).standard_normal(N) * 3.0
    costs = {}
    for e in ENTRIES:
        e.f(x)  # warm up
        best = min(timeit.repeat(lambda e=e: e.f(x), number=3, repeat=REPEATS)) / 3
        costs[e.key] = round(best / N * 1e9, 2)
        print(f"{e.name:>24}: {costs[e.key]:6.2f} ns per element", flush=True)
    return {
        "what": f"the site's own numpy implementation on {N} float64 inputs, best of {REPEATS}",
        "machine": cpu_model(),
        "numpy": np.__version__,
        "python": platform.python_version(),
        "measured": datetime.now(UTC).strftime("%Y-%m-%d"),
        "ns_per_element": costs,
    }


if __name__ == "__main__":
    result = measure()
    COST_FILE.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {COST_FILE.relative_to(ROOT)}")
