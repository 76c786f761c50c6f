"""Whether two renders of a scene show the same thing: every frame of one against the other's.

    python -m scripts.compare_videos BEFORE.mp4 AFTER.mp4 [--every N]

Prints the frame counts, the largest mean absolute difference of any compared frame (0-255, RGB),
the lowest PSNR and the frame where the two differ most. A change that makes frames cheaper
must leave the picture alone: x264 alone moves a frame by well under one level on average.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import av
import numpy as np


def frames(video: Path, every: int):
    with av.open(str(video)) as container:
        for i, frame in enumerate(container.decode(video=0)):
            if i % every == 0:
                yield i, frame.to_ndarray(format="rgb24").astype(np.int16)


def compare(before: Path, after: Path, every: int = 1) -> dict:
    worst_mad, worst_frame, lowest_psnr, compared = 0.0, None, 99.0, 0
    count_a = count_b = 0
    for (i, a), (_, b) in zip(frames(before, every), frames(after, every), strict=False):
        compared += 1
        diff = np.abs(a - b)
        mad = float(diff.mean())
        mse = float((diff.astype(np.float64) ** 2).mean())
        lowest_psnr = min(lowest_psnr, 99.0 if mse == 0 else 10 * np.log10(255**2 / mse))
        if mad >= worst_mad:
            worst_mad, worst_frame = mad, i
    for path in (before, after):
        with av.open(str(path)) as c:
            n = c.streams.video[0].frames
        count_a, count_b = (n, count_b) if path == before else (count_a, n)
    return {
        "frames": (count_a, count_b),
        "compared": compared,
        "max_mean_abs_diff": round(worst_mad, 3),
        "worst_frame": worst_frame,
        "min_psnr_db": round(lowest_psnr, 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--every", type=int, default=1, help="compare every Nth frame")
    args = parser.parse_args(argv)
    result = compare(args.before, args.after, args.every)
    print(result)
    return 0 if result["frames"][0] == result["frames"][1] else 1


if __name__ == "__main__":
    sys.exit(main())
