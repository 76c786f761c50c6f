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


def variant_dirs(scene: dict) -> dict[str, tuple[str, str]]:
    """Palette -> (folder of its video, folder of its captions), the default (dark) first."""
    dirs = {"dark": ("videos/", "videos/")}
    for palette, v in scene.get("variants", {}).items():
        dirs[palette] = (v["dir"], v["captions_dir"])
    return dirs


def lecture_data(scene: dict, chapter: str, emit) -> str:
    """The attributes lecture mode (assets/lecture.js) reads to present a video by its beats:
    data-lecture-mp4/-vtt for the dark variant, data-lecture-mp4-light/-vtt-light for the
    light one (lecture mode presents the variant of the page's palette)."""
    name = scene["name"]
    files = "".join(
        f'data-lecture-mp4{"" if palette == "dark" else "-" + palette}="{emit(f"{video}{name}.mp4")}" '
        f'data-lecture-vtt{"" if palette == "dark" else "-" + palette}="{emit(f"{vtt}{name}.vtt")}" '
        for palette, (video, vtt) in variant_dirs(scene).items()
    )
    return (
        f'data-lecture-name="{name}" data-lecture-title="{html.escape(scene["title"])}" '
        f"{files}"
        f'data-lecture-fps="{scene["fps"]:g}" data-lecture-chapter="{html.escape(chapter)}"'
    )


def present_button(label: str, start: str, chapter: str = "") -> str:
    only = f' data-lecture-chapter="{html.escape(chapter)}"' if chapter else ""
    return (
        f'<button type="button" class="lecture-present" data-lecture-from="{start}"{only}>'
        f"{html.escape(label)}</button>"
    )


def scene_video(scene: dict, palette: str, caption: str, emit) -> str:
    """One palette's <video>. The poster is only data-poster: assets/palette-videos.js makes it
    the poster of the video the page's scheme shows, so the hidden variant loads no byte."""
    name = scene["name"]
    video, vtt = variant_dirs(scene)[palette]
    return f"""<video class="scene-video" data-palette="{palette}" controls preload="none" playsinline data-poster="{emit(f"{video}{name}.webp")}" width="{scene["width"]}" height="{scene["height"]}" aria-label="{caption}">
<source src="{emit(f"{video}{name}.mp4")}" type="video/mp4">
<track kind="captions" src="{emit(f"{vtt}{name}.vtt")}" srclang="en" label="English" default>
</video>"""


def scene_html(scene: dict, caption: str, emit, chapter: str = "") -> str:
    """The scene in every palette it was rendered in: site.css shows the dark video in Material's
    slate scheme and the light one in its default scheme (and in print)."""
    name = scene["name"]
    label = f"{scene['height']}p{round(scene['fps'])}"
    transcript = "\n".join(f"<p>{html.escape(line)}</p>" for line in scene["captions_text"])
    cap = html.escape(caption)
    videos = "\n".join(scene_video(scene, p, cap, emit) for p in variant_dirs(scene))
    downloads = " or ".join(
        f'<a href="{emit(f"{video}{name}.mp4")}" download>{palette}</a>'
        for palette, (video, _) in variant_dirs(scene).items()
    )
    return f"""<div class="scene" id="scene-{name}" {lecture_data(scene, chapter, emit)}>
<figure class="scene-figure">
{videos}
<figcaption>{cap} <span class="scene-meta">({clock(scene["duration_s"])})</span> · Download the MP4: {downloads} <span class="scene-meta">({label}, {size_text(scene["bytes"])})</span> · {present_button("Lecture mode", name)}</figcaption>
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


def posters(scene: dict, emit) -> str:
    """The poster of each palette's variant; Material shows the one of its scheme, and lazy
    images that are not displayed are not fetched."""
    name, title = scene["name"], html.escape(scene["title"])
    schemes = {"dark": "only-dark", "light": "only-light"}
    return "\n".join(
        f'<img src="{emit(f"{video}{name}.webp")}#{schemes[palette]}" alt="Poster of “{title}”" '
        'width="480" height="270" loading="lazy">'
        for palette, (video, _) in variant_dirs(scene).items()
    )


def light_links(scene: dict, emit) -> str:
    """Downloads of the variants other than the default dark one (the light one: on white)."""
    name, rows = scene["name"], []
    for palette, (video, _) in variant_dirs(scene).items():
        if palette == "dark":
            continue
        u = lambda suffix, video=video: emit(f"{video}{name}{suffix}")  # noqa: E731
        rows.append(
            f"<p>On white ({palette} palette): "
            f'<a href="{u(".mp4")}" download>MP4</a> · '
            f'<a href="{u(".webp")}" download>Poster</a> · '
            f'<a href="{u("-last-frame.png")}" download>Last frame (PNG)</a></p>\n'
        )
    return "".join(rows)


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
{posters(s, emit)}
<div>
<h4>{html.escape(s["title"])}</h4>
<p class="scene-meta">{clock(s["duration_s"])} · {s["width"]}×{s["height"]} at {round(s["fps"])} fps · {size_text(s["bytes"])} · <code>{name}</code></p>
{book}<p><a href="{u(".mp4")}" download>MP4</a> · <a href="{u(".vtt")}" download>Captions (WebVTT)</a> · <a href="{u(".srt")}" download>Captions (SRT)</a> · <a href="{u(".webp")}" download>Poster</a> · <a href="{u("-last-frame.png")}" download>Last frame (PNG)</a></p>
{light_links(s, emit)}</div>
</div>""")
    return "\n\n".join(rows)
