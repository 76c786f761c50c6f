"""The render's progress display (scripts/render_progress.py): what a CI log reads, and the
worker's frame count against the frames of the video it wrote."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts.render_progress import PROGRESS_FILE_ENV, Progress, Running, write_count

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixture"


def test_a_log_gets_plain_periodic_lines_with_frames_and_time_left(tmp_path):
    """Not a terminal: no live display, no escape codes; every event on a line of its own, and
    every interval one line per running scene with its frames done of total and the time left."""
    log = io.StringIO()
    frames = tmp_path / "frames"
    progress = Progress(2, stream=log, interval=0.1)
    progress.begin()
    progress.start("SlowScene", frames, expected=300)
    progress.start("NewScene", tmp_path / "none-yet", expected=None)
    time.sleep(0.25)
    write_count(frames, 40)
    time.sleep(0.25)
    write_count(frames, 120)
    time.sleep(0.35)
    progress.finish("SlowScene", "20.0 s of video, 300 frames, 95 KiB")
    progress.end()
    text = log.getvalue()
    lines = text.splitlines()

    assert "\x1b" not in text and "\r" not in text
    assert (
        lines[0] == "  [render] SlowScene: started" and lines[1] == "  [render] NewScene: started"
    )
    assert re.search(r"^  \[render 0/2\] NewScene: preparing \(\d+ s\)$", text, re.M)
    assert re.search(r"^  \[render 0/2\] SlowScene: 120/300 frames, about \d+ s left$", text, re.M)
    assert re.search(
        r"^  \[render 1/2\] SlowScene: 20\.0 s of video, 300 frames, 95 KiB \(\d+\.\d s\)$",
        lines[-1],
    )


def test_the_time_left_is_the_frames_to_go_at_the_rate_since_the_first_frame(tmp_path):
    frames = tmp_path / "frames"
    run = Running("S", started=0.0, progress_file=frames, expected=300)
    run.poll(4.0)  # importing the module, building the first mobjects: no frame yet
    assert run.line(4.0) == "S: preparing (4 s)" and run.seconds_left(4.0) is None
    write_count(frames, 1)
    run.poll(10.0)  # a poll first sees frames: the rate is measured from here
    write_count(frames, 101)
    run.poll(20.0)
    assert run.seconds_left(20.0) == pytest.approx((300 - 101) / (100 / 10))
    assert run.line(20.0) == "S: 101/300 frames, about 20 s left"


def test_a_scene_longer_than_its_last_render_shows_frames_without_a_total(tmp_path):
    log = io.StringIO()
    frames = tmp_path / "frames"
    progress = Progress(1, stream=log, interval=0.1)
    progress.begin()
    progress.start("GrownScene", frames, expected=50)
    write_count(frames, 80)
    time.sleep(0.35)
    progress.end()
    assert "GrownScene: 80 frames" in log.getvalue() and "80/50" not in log.getvalue()


def render_fixture_dot(tmp_path: Path, **env: str) -> dict:
    """A real render of the fixture's MovingDot by the build's scene worker (256x144, 15 fps):
    the meta.json it writes beside the video."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "scripts.scene_worker",
            str(tmp_path / "result.json"),
            str(FIXTURE / "scenes" / "dot.py"),
            "MovingDot",
            str(tmp_path / "out"),
            "256",
            "144",
            "15",
            "1",
            json.dumps({"preset": "veryfast", "crf": "27"}),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "MPLBACKEND": "agg", **env},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads((tmp_path / "out" / "meta.json").read_text())


def test_the_worker_counts_every_frame_of_the_video_it_writes(tmp_path):
    """A real render of the fixture's MovingDot: the count the build reads is the MP4's frames."""
    counter = tmp_path / "frames"
    meta = render_fixture_dot(tmp_path, **{PROGRESS_FILE_ENV: str(counter)})
    assert int(counter.read_text()) == meta["frames"] > 0
