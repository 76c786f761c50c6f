"""The HTML the media hook writes into pages: a scene's video, a figure, the lecturers' list.

Each function gets what it shows and an `emit(path)` that returns the page-relative URL of a
site path (and records it, so that the build can check every one exists).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

# A scene or figure on a line of its own: ![What it shows](scene:Name) or (figure:name "Title").
EMBED = re.compile(
    r"^(?P<indent>\s*)!\[(?P<text>[^\]]*)\]\((?P<kind>scene|figure):(?P<name>[^\s)]*)"
    r'(?:\s+"(?P<title>[^"]*)")?\)\s*$'
)


def size_text(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"


def clock(seconds: float) -> str:
    """m:ss, halves rounded up (round() would send 70.5 s down and 71.5 s up)."""
    s = int(seconds + 0.5)
    return f"{s // 60}:{s % 60:02d}"


def svg_size(path: Path) -> tuple[int, int]:
    """The SVG's width and height in CSS pixels (matplotlib writes points)."""
    head = path.read_text()[:2000]
    dims = []
    for attr in ("width", "height"):
        m = re.search(rf'{attr}="([\d.]+)(pt|px)?"', head)
        value = float(m.group(1)) if m else 0.0
        dims.append(round(value * 4 / 3) if m and m.group(2) == "pt" else round(value))
    return dims[0], dims[1]


def lecture_data(scene: dict, chapter: str, emit) -> str:
    """The attributes lecture mode (assets/lecture.js) reads to present a video by its beats."""
    name = scene["name"]
    return (
        f'data-lecture-name="{name}" data-lecture-title="{html.escape(scene["title"])}" '
        f'data-lecture-mp4="{emit(f"videos/{name}.mp4")}" '
        f'data-lecture-vtt="{emit(f"videos/{name}.vtt")}" '
        f'data-lecture-fps="{scene["fps"]:g}" data-lecture-chapter="{html.escape(chapter)}"'
    )


def present_button(label: str, start: str, chapter: str = "") -> str:
    only = f' data-lecture-chapter="{html.escape(chapter)}"' if chapter else ""
    return (
        f'<button type="button" class="lecture-present" data-lecture-from="{start}"{only}>'
        f"{html.escape(label)}</button>"
    )


def scene_html(scene: dict, caption: str, emit, chapter: str = "") -> str:
    name = scene["name"]
    url = lambda suffix: emit(f"videos/{name}{suffix}")  # noqa: E731
    label = f"{scene['height']}p{round(scene['fps'])}"
    transcript = "\n".join(f"<p>{html.escape(line)}</p>" for line in scene["captions_text"])
    cap = html.escape(caption)
    return f"""<div class="scene" id="scene-{name}" {lecture_data(scene, chapter, emit)}>
<figure class="scene-figure">
<video controls preload="none" playsinline poster="{url(".webp")}" width="{scene["width"]}" height="{scene["height"]}" aria-label="{cap}">
<source src="{url(".mp4")}" type="video/mp4">
<track kind="captions" src="{url(".vtt")}" srclang="en" label="English" default>
</video>
<figcaption>{cap} <span class="scene-meta">({clock(scene["duration_s"])})</span> · <a href="{url(".mp4")}" download>Download the MP4</a> <span class="scene-meta">({label}, {size_text(scene["bytes"])})</span> · {present_button("Lecture mode", name)}</figcaption>
</figure>
<details class="transcript">
<summary>Transcript</summary>
{transcript}
</details>
</div>"""


def figure_html(name: str, svg: Path, alt: str, title: str | None, emit) -> str:
    """The figure in both palettes: Material shows the `#only-light` image in its light scheme
    and the `#only-dark` one in its dark scheme, and the browser loads only the one shown (lazy
    images that are not displayed are not fetched); print shows the light one (site.css)."""
    width, height = svg_size(svg)
    # Sighted readers see a caption too: the short title when the page gives one, else the
    # description that is also the alt text.
    caption = f"\n<figcaption>{html.escape(title or alt)}</figcaption>"

    def img(folder: str, scheme: str) -> str:
        return (
            f'<img src="{emit(f"figures/{folder}{name}.svg")}#only-{scheme}" '
            f'alt="{html.escape(alt)}" width="{width}" height="{height}" loading="lazy">'
        )

    return (
        f'<figure class="plot" id="figure-{name}">\n{img("light/", "light")}\n'
        f"{img('', 'dark')}{caption}\n</figure>"
    )


def lecture_list(scenes: list[dict], emit, shown_in, chapter_of=lambda name: "") -> str:
    """The lecturers' list: every video with its poster, facts, downloads and where the book
    shows it (`shown_in(name)`: the section's page-relative URL and title, or None), under a
    heading per chapter (`chapter_of(name)`) with a button that presents the chapter."""
    rows = []
    chapter = None
    for s in scenes:
        name = s["name"]
        if chapter_of(name) != chapter:
            chapter = chapter_of(name)
            title = chapter or "Other videos"
            rows.append(
                f"<h3>{html.escape(title)}</h3>\n<p>"
                + present_button(f"Present “{title}” in lecture mode", name, chapter)
                + "</p>"
            )
        u = lambda suffix, name=name: emit(f"videos/{name}{suffix}")  # noqa: E731
        section = shown_in(name)
        book = (
            f'<p>In the book: <a href="{section[0]}">{html.escape(section[1])}</a></p>\n'
            if section
            else ""
        )
        rows.append(f"""<div class="lecture-video" id="lecture-{name}" {lecture_data(s, chapter, emit)}>
<img src="{u(".webp")}" alt="Poster of “{html.escape(s["title"])}”" width="480" height="270" loading="lazy">
<div>
<h4>{html.escape(s["title"])}</h4>
<p class="scene-meta">{clock(s["duration_s"])} · {s["width"]}×{s["height"]} at {round(s["fps"])} fps · {size_text(s["bytes"])} · <code>{name}</code></p>
{book}<p><a href="{u(".mp4")}" download>MP4</a> · <a href="{u(".vtt")}" download>Captions (WebVTT)</a> · <a href="{u(".srt")}" download>Captions (SRT)</a> · <a href="{u(".webp")}" download>Poster</a> · <a href="{u("-last-frame.png")}" download>Last frame (PNG)</a></p>
</div>
</div>""")
    return "\n\n".join(rows)
