"""The measuring tools behind benchmarks/: the x264 sweep and the worker's CPU breakdown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from test_finish_video import encode

from scripts import sweep_x264

ROOT = Path(__file__).resolve().parent.parent


def test_the_sweep_ranks_settings_by_bytes_and_quality(tmp_path, monkeypatch):
    video = encode(tmp_path / "v.mp4", list(range(60)))
    monkeypatch.setattr(
        sweep_x264,
        "CANDIDATES",
        {"today": sweep_x264.TODAY, "coarse": {**sweep_x264.TODAY, "crf": "45"}},
    )
    rows = {r["setting"]: r for r in sweep_x264.sweep([video], seconds=1.0)}
    today, coarse = rows["today"], rows["coarse"]
    assert today["frames"] == coarse["frames"] == 2 * 15  # two windows of one second at 15 fps
    assert coarse["kib_per_s"] < today["kib_per_s"]
    assert coarse["psnr_db"] < today["psnr_db"] and today["psnr_db"] > 30
    totals = {t["setting"]: t for t in sweep_x264.summary(list(rows.values()))}
    assert totals["today"]["bytes_vs_today"] == 1.0 and totals["coarse"]["bytes_vs_today"] < 1


def test_a_repeated_frame_is_handed_over_again_as_the_same_frame(tmp_path):
    # 60 frames: the box moves for 20, holds for 20 (a wait), moves again.
    positions = [min(k, 20) if k < 40 else k - 20 for k in range(60)]
    video = encode(tmp_path / "v.mp4", list(range(60)), positions=positions)
    (first, second), fps = sweep_x264.windows(video, 1.0)  # frames 18-32 and 36-50
    assert fps == 15 and len(first) == len(second) == 15
    # A decoded hold settles over a few frames (x264 refines it): a frame is handed over again
    # exactly when its decoded picture equals the previous one, as manim repeats a wait's frame.
    for window in (first, second):
        for previous, frame in zip(window, window[1:]):
            assert (frame is previous) == np.array_equal(frame[2], previous[2])
    assert sum(f is g for f, g in zip(first, first[1:])) >= 5  # the hold is mostly repeats
    assert len({id(f) for f in second[5:]}) == 10  # the box moves again: new pictures


def test_the_breakdown_accounts_for_the_workers_cpu(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "scripts.cost_breakdown"]
        + [str(ROOT / "tests" / "fixture" / "scenes" / "dot.py"), "MovingDot", str(tmp_path)]
        + ["--quality", "preview"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "MPLBACKEND": "agg"},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.splitlines()[-1])
    parts = result["parts_s"]
    assert parts["imports"] > 0.3 and parts["x264"] > 0 and parts["finishing"] > 0
    counted = sum(v for k, v in parts.items() if k != "drawing_paths")
    assert abs(counted - result["cpu_s"]) < 0.05  # 'other' closes the sum, and it is small
    assert abs(parts["other"]) < 0.25 * result["cpu_s"]
    assert (tmp_path / "beats" / "01.png").is_file()
