"""`make bench`'s frame costs: each scene's render worker reports the CPU seconds it used, and the
cheap mode (--costs-only --scenes A) measures one scene into a report with the target verdict."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_render_progress import render_fixture_dot

from scripts import bench

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixture"


def test_the_worker_reports_its_cpu_seconds(tmp_path):
    meta = render_fixture_dot(tmp_path)
    # the render is part of the worker; importing manim alone takes CPU seconds
    assert 0 < meta["render_cpu_s"] < meta["cpu_s"]


def test_costs_of_one_named_scene(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "WORK", tmp_path / "work")
    rows = bench.frame_costs(
        ["MovingDot"], "preview", 1, scene_dir=FIXTURE / "scenes", kept=tmp_path / "kept"
    )
    # the scene in each palette it is published in, each measured and kept apart
    assert [(r["name"], r["palette"]) for r in rows] == [
        ("MovingDot", "dark"),
        ("MovingDot", "light"),
    ]
    for row in rows:
        assert row["cpu_per_video_s"] == pytest.approx(
            row["cpu_s"]["median"] / row["video_s"], 1e-2
        )
        assert row["meets_target"] == (row["cpu_per_video_s"] <= bench.CPU_PER_VIDEO_S_TARGET)
        kept = tmp_path / "kept" / "preview" / row["palette"] / "MovingDot.mp4"
        assert kept.stat().st_size == row["bytes"] > 0
    report = bench.report_md(
        {
            "machine": "here",
            "clean": {},
            "costs": {"quality": "preview", "target": 1.5, "rows": rows},
        }
    )
    assert "| MovingDot (dark) |" in report and "| MovingDot (light) |" in report
    assert "| **all** |" in report and "| light | 1 |" in report  # the variants' cost
    assert "Fan-out" not in report  # not asked for: no section


def test_an_unknown_scene_is_named_with_the_ones_there_are(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "WORK", tmp_path / "work")
    with pytest.raises(SystemExit, match="NoSuchScene.*MovingDot"):
        bench.frame_costs(["NoSuchScene"], "preview", 1, scene_dir=FIXTURE / "scenes")
