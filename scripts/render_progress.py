"""How far each render is: frames done of the expected total, and the time left.

Two halves, joined by one small file per render:
- in the worker, `count_frames(path)` counts the frames manim hands its encoder and rewrites
  `path` with the count (atomically, at most every half second);
- in the build, `Progress` reads those files. On a terminal it draws one live line per worker
  (rich): the scene, a bar, frames done of total and the time left. Elsewhere (a CI log, a pipe)
  it prints plain lines: every event, and every `interval` seconds one line per running scene.
The expected total is the scene's last render's length at the current frame rate (from any
earlier cache entry); a scene never rendered before shows its frames without a total.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

# The worker learns where to write its count from this environment variable.
PROGRESS_FILE_ENV = "RENDER_PROGRESS_FILE"
WRITE_EVERY_S = 0.5


# ---- in the worker ------------------------------------------------------------------------


def count_frames(path: Path):
    """Count every frame written by manim's segment encoder (repeats included) into `path`;
    return a function that writes the final count.

    Wraps whatever write_frame is installed (manim's own, or scripts.segment_encoder's), so call
    it after segment_encoder.install()."""
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    inner = VideoSegmentEncoder.write_frame
    state = {"frames": 0, "written": 0.0}

    def write_frame(self, pixels, *, repeat: int = 1) -> None:
        inner(self, pixels, repeat=repeat)
        state["frames"] += repeat
        now = time.monotonic()
        if now - state["written"] >= WRITE_EVERY_S:
            state["written"] = now
            write_count(path, state["frames"])

    VideoSegmentEncoder.write_frame = write_frame
    return lambda: write_count(path, state["frames"])


def write_count(path: Path, frames: int) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(str(frames))
    os.replace(tmp, path)  # a reader never sees a half-written number


def read_count(path: Path | None) -> int:
    try:
        return int(path.read_text()) if path else 0
    except (OSError, ValueError):
        return 0


# ---- in the build -------------------------------------------------------------------------


@dataclass
class Running:
    name: str
    started: float
    progress_file: Path | None
    expected: int | None  # frames, when an earlier render tells
    frames: int = 0
    first_frame_at: float | None = None  # when a poll first saw frames, and how many
    first_frames: int = 0
    task: object = field(default=None, repr=False)

    def poll(self, now: float) -> None:
        frames = read_count(self.progress_file)
        if self.expected and frames > self.expected:
            self.expected = None  # the scene grew since its last render: no total to trust
        if frames and self.first_frame_at is None:
            # Before it the scene's module was still importing: the rate is measured from here.
            self.first_frame_at, self.first_frames = now, frames
        self.frames = frames

    def seconds_left(self, now: float) -> float | None:
        """The time left at the rate frames have come since a poll first saw some."""
        if not self.expected or self.first_frame_at is None:
            return None
        made, took = self.frames - self.first_frames, now - self.first_frame_at
        if made <= 0 or took <= 0:
            return None
        return max(self.expected - self.frames, 0) * took / made

    def line(self, now: float) -> str:
        if not self.frames:
            return f"{self.name}: preparing ({now - self.started:.0f} s)"
        done = f"{self.frames}/{self.expected}" if self.expected else f"{self.frames}"
        left = self.seconds_left(now)
        eta = f", about {left:.0f} s left" if left is not None else ""
        return f"{self.name}: {done} frames{eta}"


class Progress:
    """The render's progress display: events as lines, and each running scene's frames."""

    def __init__(self, total: int, stream: TextIO | None = None, interval: float = 20.0):
        self.total, self.done = total, 0
        self.stream = stream or sys.stdout
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self.running: dict[str, Running] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.bars = None

    # -- lifecycle
    def begin(self) -> None:
        if self.live:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as Bars

            self.bars = Bars(
                TextColumn("  {task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("frames"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self.bars.start()
        self.thread.start()

    def end(self) -> None:
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join()
        if self.bars is not None:
            self.bars.stop()

    # -- events
    def say(self, text: str) -> None:
        with self.lock:
            self._print(text)

    def start(self, name: str, progress_file: Path | None = None, expected: int | None = None):
        with self.lock:
            run = Running(name, time.monotonic(), progress_file, expected)
            if self.bars is not None:
                run.task = self.bars.add_task(name, total=expected)
            self.running[name] = run
            self._print(f"  [render] {name}: started")

    def finish(self, name: str, text: str) -> None:
        with self.lock:
            run = self.running.pop(name)
            if self.bars is not None:
                self.bars.remove_task(run.task)
            self.done += 1
            self._print(
                f"  [render {self.done}/{self.total}] {name}: {text} "
                f"({time.monotonic() - run.started:.1f} s)"
            )

    # -- the periodic part
    def _loop(self) -> None:
        period = 0.5 if self.live else self.interval
        while not self.stop.wait(period):
            with self.lock:
                now = time.monotonic()
                for run in self.running.values():
                    run.poll(now)
                if self.bars is not None:
                    for run in self.running.values():
                        self.bars.update(run.task, completed=run.frames, total=run.expected)
                elif self.running:
                    for run in self.running.values():
                        self._print(f"  [render {self.done}/{self.total}] {run.line(now)}")

    def _print(self, text: str) -> None:
        if self.bars is not None:
            self.bars.console.print(text, markup=False, highlight=False)
        else:
            print(text, file=self.stream, flush=True)
