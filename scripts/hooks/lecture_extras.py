"""What the lecturers' pages add to the videos: pause points timed by the caption tracks.

Helpers for media.py (an MkDocs hook): nothing here knows MkDocs' objects beyond plain values.

A page asks for a pause point on a line of its own, naming a scene and the start of one of its
captions; the time is read from the scene's WebVTT track, so it stays right when the scene changes:

    <!-- pause: GradientsShrinkBackward | Layer 1 receives --> Ask: what would ...

An unknown scene, or a caption start that matches no caption or several, fails the build.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import NamedTuple

from embeds import clock

PAUSE = re.compile(r"^(?P<indent>\s*)<!-- pause: (?P<scene>\w+) \| (?P<cue>.+?) -->(?P<rest>.*)$")


class Cue(NamedTuple):
    start: float
    end: float
    text: str


def _seconds(stamp: str) -> float:
    parts = [float(p) for p in stamp.strip().split(":")]
    while len(parts) < 3:
        parts.insert(0, 0.0)
    h, m, s = parts
    return 3600 * h + 60 * m + s


def read_cues(vtt: Path) -> list[Cue]:
    """The cues of a WebVTT file: start, end and text (lines joined by a space)."""
    cues = []
    for block in re.split(r"\n\s*\n", vtt.read_text(encoding="utf-8").replace("\r\n", "\n")):
        lines = [ln for ln in block.strip().split("\n") if ln.strip()]
        for i, line in enumerate(lines):
            if "-->" in line:
                start, end = line.split("-->")
                cues.append(
                    Cue(_seconds(start), _seconds(end.split()[0]), " ".join(lines[i + 1 :]))
                )
                break
    return cues


def pause_point(line: str, where: str, scenes: dict, cues_of, link_of) -> str | None:
    """The Markdown list item for a pause directive, or None when `line` is not one.

    `cues_of(name)` gives a scene's cues, `link_of(name)` the URL of the section that shows it."""
    m = PAUSE.match(line)
    if not m:
        return None
    name, start = m["scene"], m["cue"].strip()
    if name not in scenes:
        raise ValueError(
            f"{where}: pause point for unknown scene '{name}'. "
            f"Known scenes: {', '.join(sorted(scenes))}."
        )
    matching = [c for c in cues_of(name) if c.text.startswith(start) or start in c.text]
    if len(matching) != 1:
        found = "no caption" if not matching else f"{len(matching)} captions"
        raise ValueError(
            f"{where}: '{start}' matches {found} of {name}; quote the start of exactly "
            "one caption (see the scene's transcript)."
        )
    cue = matching[0]
    title = scenes[name]["title"]
    return (
        f"{m['indent']}- **{clock(cue.end)}** in [{html.escape(title)}]({link_of(name)}), after "
        f"“{html.escape(cue.text)}”{m['rest']}"
    )


def page_title(markdown_path: Path) -> str:
    """A page's first-level heading, for links that name the section."""
    for line in markdown_path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return markdown_path.stem.replace("-", " ").capitalize()
