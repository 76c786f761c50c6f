"""Chapter 4's experiments against their budget: every one computed afresh (the cache is not
read), its CPU time measured, and computed a second time to show the bytes do not change.

    .venv/bin/python -m scripts.measure_ch4          # the table, and exit 1 over budget
    .venv/bin/python -m scripts.measure_ch4 --once   # skip the second run (half the time)

The budget (issue 15): all of them together at most 60 s of CPU on the build machine.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scenes"))

from numeric.measured import EXPERIMENTS  # noqa: E402
from numeric.result_cache import compute_quietly, encode  # noqa: E402

BUDGET_S = 60.0


def measure() -> tuple[dict[str, float], dict[str, str]]:
    """CPU seconds and a SHA-256 of the result, per experiment."""
    seconds, digests = {}, {}
    for name, compute in EXPERIMENTS.items():
        start = time.process_time()
        result = compute_quietly(compute)
        seconds[name] = time.process_time() - start
        digests[name] = hashlib.sha256(encode(result)).hexdigest()
    return seconds, digests


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--once", action="store_true", help="one run: no reproducibility check")
    args = parser.parse_args(argv)
    seconds, digests = measure()
    for name, s in seconds.items():
        print(f"{name:<22} {s:6.1f} s CPU   sha256 {digests[name][:16]}")
    total = sum(seconds.values())
    print(f"{'total':<22} {total:6.1f} s CPU   (budget {BUDGET_S:.0f} s)")
    ok = total <= BUDGET_S
    if not args.once:
        again = measure()[1]
        same = [n for n in digests if digests[n] == again[n]]
        print(f"second run: {len(same)} of {len(digests)} results byte-identical")
        ok = ok and len(same) == len(digests)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
