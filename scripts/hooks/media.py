"""MkDocs hook: embed scenes and figures in pages, serve the placed media, write the manifest.

A page names a scene or a figure on a line of its own, in a form that still reads as Markdown:

    ![What the video shows](scene:LinearLayersCollapse)
    ![What the figure shows](figure:sigmoid-and-derivative)

The hook turns the first into a <figure> with a captioned H.264 <video> (poster, preload="none",
a default captions track), a download link and a transcript; the second into an <img> of the SVG
(embeds.py writes the HTML). An unknown name, or a missing description, fails the build with the
page and the line. The media are the ones the build placed (scripts/layout.py says where); the
hook only reads them, and never imports the build.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

import lecture_extras
import slide_programs
from embeds import EMBED, figure_html, lecture_list, scene_html
from lecture_kit import PATH as LECTURE_KIT
from lecture_kit import lecture_kit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from scripts.layout import Layout  # noqa: E402

FENCE = re.compile(r"^\s*(```|~~~)")
LECTURE_LIST = "<!-- lecture-videos -->"


@dataclass
class SiteMedia:
    """What the build placed, and what the pages made of it during this MkDocs build."""

    layout: Layout
    scenes: dict[str, dict]  # name -> its entry in the media index
    figures: dict[str, Path]  # name -> SVG file
    ordered: list[dict] = field(default_factory=list)  # scenes in the order readers meet them
    pages: dict[str, set[str]] = field(default_factory=dict)  # scene -> pages embedding it
    emitted: list[tuple[str, str]] = field(default_factory=list)  # (page, site path) written
    sections: dict[str, tuple[str, str]] = field(default_factory=dict)  # scene -> (page URL, title)
    chapters: dict[str, str] = field(default_factory=dict)  # scene -> title of its nav section

    @classmethod
    def load(cls, layout: Layout) -> SiteMedia:
        if not layout.media_index.exists():
            raise PluginError(
                f"no rendered media at {layout.media_dir}: build the site with "
                "`make` (or `make serve` to preview), not with mkdocs directly."
            )
        index = json.loads(layout.media_index.read_text())
        return cls(
            layout,
            {s["name"]: s for s in index["scenes"]},
            {p.stem: p for p in sorted((layout.media_dir / "figures").glob("*.svg"))},
        )


_media: SiteMedia | None = None


def on_config(config):
    global _media
    try:
        layout = Layout.from_environment(Path(config.config_file_path).parent)
    except ValueError as e:
        raise PluginError(str(e)) from e
    _media = SiteMedia.load(layout)
    return config


def on_files(files, config):
    media_dir = _media.layout.media_dir
    for path in sorted(media_dir.rglob("*")):
        if path.is_file():
            files.append(
                File(
                    path.relative_to(media_dir).as_posix(),
                    str(media_dir),
                    config.site_dir,
                    config.use_directory_urls,
                )
            )
    _media.ordered = in_article_order(config, _media.scenes, _media.sections, _media.chapters)
    kit = lecture_kit(
        _media.ordered,
        sorted(_media.figures),
        media_dir,
        config.site_name,
        config.extra["citation"],
    )
    files.append(File.generated(config, LECTURE_KIT, content=kit))
    return files


def nav_pages(nav) -> list[str]:
    """The page paths of mkdocs.yml's nav, in reading order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for v in nav.values() for p in nav_pages(v)]
    if isinstance(nav, list):
        return [p for item in nav for p in nav_pages(item)]
    return []


def nav_sections(nav, section: str = "") -> dict[str, str]:
    """Page path -> the title of the nav section that holds it ("" for top-level pages)."""
    if isinstance(nav, str):
        return {nav: section}
    if isinstance(nav, list):
        return {p: t for item in nav for p, t in nav_sections(item, section).items()}
    if isinstance(nav, dict):
        return {
            p: t
            for title, value in nav.items()
            for p, t in nav_sections(value, title if isinstance(value, list) else section).items()
        }
    return {}


def in_article_order(
    config, scenes: dict[str, dict], sections: dict, chapters: dict | None = None
) -> list[dict]:
    """The scenes in the order a reader meets them (nav order, then place on the page); scenes
    no page embeds come last, by module. Fills `sections`: where the book first shows each, and
    `chapters`: the nav section (the chapter) of that page."""
    docs = Path(config.docs_dir)
    pages = nav_pages(config.nav) or sorted(
        p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
    )
    order: dict[str, int] = {}
    for page in pages:
        path = docs / page
        if path.suffix == ".md" and path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                m = EMBED.match(line)
                if m and m["kind"] == "scene":
                    order.setdefault(m["name"], len(order))
                    if m["name"] not in sections:
                        url = File(page, str(docs), config.site_dir, config.use_directory_urls).url
                        sections[m["name"]] = (url, lecture_extras.page_title(path))
                        if chapters is not None:
                            chapters[m["name"]] = nav_sections(config.nav).get(page, "")
    return sorted(
        scenes.values(), key=lambda s: (order.get(s["name"], len(order)), s["module"], s["name"])
    )


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    in_fence = False
    out = []

    def emit(target: str) -> str:
        _media.emitted.append((src, target))
        return get_relative_url(target, page.url)

    for lineno, line in enumerate(markdown.split("\n"), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            out.append(line)
            continue
        if line.strip() == slide_programs.MARKER:
            out.append(slide_programs.markdown_table())
            continue
        if line.strip() == LECTURE_LIST:
            out.append(
                lecture_list(
                    _media.ordered,
                    emit,
                    lambda name: shown_in(name, page.url),
                    lambda name: _media.chapters.get(name, ""),
                )
            )
            continue
        try:
            pause = lecture_extras.pause_point(
                line,
                f"{src}:{lineno}",
                _media.scenes,
                cues,
                lambda name: section_link(name, page.url),
            )
        except ValueError as e:
            raise PluginError(str(e)) from e
        if pause is not None:
            out.append(pause)
            continue
        m = EMBED.match(line)
        if not m:
            out.append(line)
            continue
        kind, name, text = m["kind"], m["name"], m["text"].strip()
        known = _media.scenes if kind == "scene" else _media.figures
        if name not in known:
            raise PluginError(
                f"{src}:{lineno}: unknown {kind} '{name}'. Known {kind}s: "
                f"{', '.join(sorted(known)) or 'none'}. Check the name, or add the "
                f"{'scene class to a module in scenes/' if kind == 'scene' else 'figure to scenes/figures.py'}."
            )
        if not text:
            raise PluginError(
                f"{src}:{lineno}: the {kind} '{name}' needs a description "
                f"between the brackets: it is the caption and the alt text."
            )
        if kind == "scene":
            _media.pages.setdefault(name, set()).add(page.url)
            chapter = _media.chapters.get(name, "")
            out.append("\n" + scene_html(known[name], text, emit, chapter) + "\n")
        else:
            out.append("\n" + figure_html(name, known[name], text, m["title"], emit) + "\n")
    return "\n".join(out)


def cues(name: str) -> list:
    return lecture_extras.read_cues(_media.layout.media_dir / "videos" / f"{name}.vtt")


def shown_in(name: str, page_url: str) -> tuple[str, str] | None:
    """The section that shows a scene: its URL relative to page_url and its page's title."""
    if name not in _media.sections:
        return None
    url, title = _media.sections[name]
    return f"{get_relative_url(url, page_url)}#scene-{name}", title


def section_link(name: str, page_url: str) -> str:
    """Where the book shows a scene, relative to page_url (the video itself if nowhere)."""
    shown = shown_in(name, page_url)
    return shown[0] if shown else get_relative_url(f"videos/{name}.mp4", page_url)


def variant_manifest(name: str, v: dict) -> dict:
    """A palette variant's files and facts, in the manifest's words (paths from the site root)."""
    folder = v["dir"]
    return {
        "video": f"{folder}{name}.mp4",
        "poster": f"{folder}{name}.webp",
        "captions": f"{v['captions_dir']}{name}.vtt",
        "captions_srt": f"{v['captions_dir']}{name}.srt",
        "still": f"{folder}{name}-last-frame.png",
        "beat_stills": [
            f"{folder}{name}-beats/{k:02d}.png" for k in range(1, len(v["captions_text"]) + 1)
        ],
        "duration_s": v["duration_s"],
        "frames": v["frames"],
        "bytes": v["bytes"],
        "sha256": v["sha256"],
    }


def manifest(media: SiteMedia) -> dict:
    """videos/manifest.json: what DESIGN.md's build contract promises lecturers and tools."""
    return {
        "scenes": [
            {
                "name": name,
                "title": s["title"],
                "module": s["module"],
                "video": f"videos/{name}.mp4",
                "poster": f"videos/{name}.webp",
                "captions": f"videos/{name}.vtt",
                "captions_srt": f"videos/{name}.srt",
                "still": f"videos/{name}-last-frame.png",
                # Each captioned beat's last frame, in caption order.
                "beat_stills": [
                    f"videos/{name}-beats/{k:02d}.png"
                    for k in range(1, len(s["captions_text"]) + 1)
                ],
                "duration_s": s["duration_s"],
                "width": s["width"],
                "height": s["height"],
                "fps": s["fps"],
                "frames": s["frames"],
                "bytes": s["bytes"],
                "sha256": s["sha256"],
                "pages": sorted(media.pages.get(name, ())),
                # The same scene drawn in another palette of scenes/style.py (light: on white).
                "variants": {
                    palette: variant_manifest(name, v)
                    for palette, v in sorted(s.get("variants", {}).items())
                },
            }
            for name, s in sorted(media.scenes.items())
        ]
    }


def on_post_build(config):
    site = Path(config.site_dir)
    missing = sorted(
        {f"{page}: {target}" for page, target in _media.emitted if not (site / target).is_file()}
    )
    if missing:
        raise PluginError(
            "pages point at media the build did not produce:\n  " + "\n  ".join(missing)
        )
    (site / "videos").mkdir(exist_ok=True)
    (site / "videos" / "manifest.json").write_text(json.dumps(manifest(_media), indent=2) + "\n")
