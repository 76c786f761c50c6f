"""MkDocs hook: embed scenes and figures in pages, serve the rendered media, write the manifest.

A page names a scene or a figure on a line of its own, in a form that still reads as Markdown:

    ![What the video shows](scene:LinearLayersCollapse)
    ![What the figure shows](figure:sigmoid-and-derivative)

The hook turns the first into a <figure> with a captioned H.264 <video> (poster, preload="none",
a default captions track), a download link and a transcript; the second into an <img> of the SVG.
An unknown name, or a missing description, fails the build with the page and the line.
"""
from __future__ import annotations

import html
import io
import logging
import json
import os
import re
import time
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

import lecture_extras

log = logging.getLogger("mkdocs.hooks.media")

EMBED = re.compile(r"^(?P<indent>\s*)!\[(?P<text>[^\]]*)\]\((?P<kind>scene|figure):(?P<name>[^\s)]*)"
                   r'(?:\s+"(?P<title>[^"]*)")?\)\s*$')
FENCE = re.compile(r"^\s*(```|~~~)")
LECTURE_LIST = "<!-- lecture-videos -->"
LECTURE_KIT = "downloads/lecture-kit.zip"

_state: dict = {}


def _media_dir(config) -> Path:
    """Where the build placed this quality's media (set by scripts/build.py)."""
    if "ACTIVATIONS_MEDIA_DIR" in os.environ:
        return Path(os.environ["ACTIVATIONS_MEDIA_DIR"])
    quality = os.environ.get("ACTIVATIONS_QUALITY", "publish")
    return Path(config.config_file_path).parent / "build" / f"media-{quality}"


def _refresh_media_for_preview(config, media: Path) -> None:
    """Under `make serve`, re-render changed scenes at preview quality before each rebuild.

    A failing scene is reported and the last good media stay in place, so the preview lives on.
    """
    import sys

    project = Path(config.config_file_path).parent
    root = Path(__file__).resolve().parents[2]
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from scripts.build import BuildError, stage_media

    try:
        stage_media(project, "preview", os.cpu_count() or 1, False, media,
                    project / ".cache", project / "build" / "tmp")
    except BuildError as e:
        log.error("%s", e)


def on_config(config):
    media = _media_dir(config)
    if os.environ.get("ACTIVATIONS_SERVE") == "1":
        _refresh_media_for_preview(config, media)
    index = media.parent / f"{media.name}.json"
    if not index.exists():
        raise PluginError(f"no rendered media at {media}: build the site with `make` "
                          "(or `make serve` to preview), not with mkdocs directly.")
    data = json.loads(index.read_text())
    _state.clear()
    _state.update(
        media=media,
        quality=data["quality"],
        scenes={s["name"]: s for s in data["scenes"]},
        figures={p.stem: p for p in sorted((media / "figures").glob("*.svg"))},
        pages={},      # scene name -> set of page paths that embed it
        emitted=[],    # (page, url) for every media path written into a page
    )
    return config


def on_files(files, config):
    media: Path = _state["media"]
    for path in sorted(media.rglob("*")):
        if path.is_file():
            files.append(File(path.relative_to(media).as_posix(), str(media),
                              config.site_dir, config.use_directory_urls))
    _state["ordered"] = _in_article_order(config)
    files.append(File.generated(config, LECTURE_KIT, content=lecture_kit(config)))
    return files


def _nav_pages(nav) -> list[str]:
    """The page paths of mkdocs.yml's nav, in reading order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for v in nav.values() for p in _nav_pages(v)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_pages(item)]
    return []


def _in_article_order(config) -> list[dict]:
    """The scenes in the order a reader meets them (nav order, then place on the page); scenes
    no page embeds come last, by module."""
    docs = Path(config.docs_dir)
    pages = _nav_pages(config.nav) or sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    order: dict[str, int] = {}
    sections = _state.setdefault("sections", {})
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
    return sorted(_state["scenes"].values(),
                  key=lambda s: (order.get(s["name"], len(order)), s["module"], s["name"]))


KIT_FIGURE_FORMATS = (".svg", ".pdf", ".png")


def lecture_kit(config) -> bytes:
    """One zip with every video, its captions and a still of its last frame, every figure as SVG,
    PDF and PNG, the credit line, BibTeX and CITATION.cff, and a README: the same bytes each build."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    scenes = _state["ordered"]
    cite = config.extra["citation"]
    readme = [f"{config.site_name}: videos and figures for lectures", "",
              "Credit (paste it under what you use):", "", f"    {cite['credit']}", "",
              "CITATION.bib holds a BibTeX entry and CITATION.cff the same in the Citation File "
              f"Format. Version {cite['version']}: it changes whenever the text, a figure or a "
              "video does.", ""]
    if cite["source"]:
        readme += [f"Source code (MIT): {cite['source']}", ""]
    readme += ["The videos are silent: no narration, no sound track. Each comes with captions "
               "(.vtt for browsers and PowerPoint, .srt for video players), its web poster (.webp) and "
               "a full-resolution PNG of its last frame (<name>-last-frame.png), a still for a "
               "slide.", "",
               "Videos:"]
    for s in scenes:
        readme.append(f"  {s['name']}.mp4  {s['title']}  ({_clock(s['duration_s'])}, "
                      f"{s['width']}x{s['height']} at {round(s['fps'])} fps, {_size(s['bytes'])})")
    figure_names = sorted(_state["figures"])
    readme += ["", "Figures, each as SVG (web, Inkscape), PDF (LaTeX) and a 1920 px wide PNG (slides):"]
    readme += [f"  figures/{name}.svg, .pdf, .png" for name in figure_names]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as kit:
        def add(name: str, data: bytes, compress: bool) -> None:
            info = zipfile.ZipInfo(f"lecture-kit/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            kit.writestr(info, data)

        add("README.txt", ("\n".join(readme) + "\n").encode(), True)
        add("CITATION.bib", (cite["bibtex"] + "\n").encode(), True)
        add("CITATION.cff", cite["cff"].encode(), True)
        for s in scenes:
            for suffix in (".mp4", ".vtt", ".srt", ".webp"):
                path = _state["media"] / "videos" / f"{s['name']}{suffix}"
                # Video and WebP are compressed already; text shrinks.
                add(path.name, path.read_bytes(), suffix in (".vtt", ".srt"))
            video = _state["media"] / "videos" / f"{s['name']}.mp4"
            add(f"{s['name']}-last-frame.png", lecture_extras.last_frame_png(video), False)
        for name in figure_names:
            for suffix in KIT_FIGURE_FORMATS:
                path = _state["media"] / "figures" / f"{name}{suffix}"
                add(f"figures/{path.name}", path.read_bytes(), suffix != ".png")
    return buffer.getvalue()


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"


def _clock(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 60}:{s % 60:02d}"


def _svg_size(path: Path) -> tuple[int, int]:
    """The SVG's width and height in CSS pixels (matplotlib writes points)."""
    head = path.read_text()[:2000]
    dims = []
    for attr in ("width", "height"):
        m = re.search(rf'{attr}="([\d.]+)(pt|px)?"', head)
        value = float(m.group(1)) if m else 0.0
        dims.append(round(value * 4 / 3) if m and m.group(2) == "pt" else round(value))
    return dims[0], dims[1]


def scene_html(scene: dict, caption: str, page_url: str, emit) -> str:
    name = scene["name"]
    url = lambda suffix: emit(f"videos/{name}{suffix}")  # noqa: E731
    label = f"{scene['height']}p{round(scene['fps'])}"
    transcript = "\n".join(f"<p>{html.escape(line)}</p>" for line in scene["captions_text"])
    cap = html.escape(caption)
    return f"""<div class="scene" id="scene-{name}">
<figure class="scene-figure">
<video controls preload="none" playsinline poster="{url('.webp')}" width="{scene['width']}" height="{scene['height']}" aria-label="{cap}">
<source src="{url('.mp4')}" type="video/mp4">
<track kind="captions" src="{url('.vtt')}" srclang="en" label="English" default>
</video>
<figcaption>{cap} <span class="scene-meta">({_clock(scene['duration_s'])})</span> · <a href="{url('.mp4')}" download>Download the MP4</a> <span class="scene-meta">({label}, {_size(scene['bytes'])})</span></figcaption>
</figure>
<details class="transcript">
<summary>Transcript</summary>
{transcript}
</details>
</div>"""


def figure_html(name: str, alt: str, title: str | None, emit) -> str:
    width, height = _svg_size(_state["figures"][name])
    # Sighted readers see a caption too: the short title when the page gives one, else the
    # description that is also the alt text.
    caption = f"\n<figcaption>{html.escape(title or alt)}</figcaption>"
    return (f'<figure class="plot" id="figure-{name}">\n<img src="{emit(f"figures/{name}.svg")}" '
            f'alt="{html.escape(alt)}" width="{width}" height="{height}" loading="lazy">'
            f"{caption}\n</figure>")


def lecture_list(page_url: str, emit) -> str:
    """The lecturers' list: every video with its poster, facts and downloads."""
    rows = []
    for s in _state["ordered"]:
        name = s["name"]
        u = lambda suffix: emit(f"videos/{name}{suffix}")  # noqa: E731
        shown_in = ""
        if name in _state.get("sections", {}):
            url, title = _state["sections"][name]
            shown_in = (f'<p>In the book: <a href="{get_relative_url(url, page_url)}#scene-{name}">'
                        f"{html.escape(title)}</a></p>\n")
        rows.append(f"""<div class="lecture-video" id="lecture-{name}">
<img src="{u('.webp')}" alt="Poster of “{html.escape(s['title'])}”" width="480" height="270" loading="lazy">
<div>
<h3>{html.escape(s['title'])}</h3>
<p class="scene-meta">{_clock(s['duration_s'])} · {s['width']}×{s['height']} at {round(s['fps'])} fps · {_size(s['bytes'])} · <code>{name}</code></p>
{shown_in}<p><a href="{u('.mp4')}" download>MP4</a> · <a href="{u('.vtt')}" download>Captions (WebVTT)</a> · <a href="{u('.srt')}" download>Captions (SRT)</a> · <a href="{u('.webp')}" download>Poster</a></p>
</div>
</div>""")
    return "\n\n".join(rows)


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    in_fence = False
    out = []

    def emit(target: str) -> str:
        _state["emitted"].append((src, target))
        return get_relative_url(target, page.url)

    for lineno, line in enumerate(markdown.split("\n"), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            out.append(line)
            continue
        if line.strip() == LECTURE_LIST:
            out.append(lecture_list(page.url, emit))
            continue
        try:
            pause = lecture_extras.pause_point(line, f"{src}:{lineno}", _state["scenes"], _cues,
                                               lambda name: _section_link(name, page.url))
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
        known = _state["scenes"] if kind == "scene" else _state["figures"]
        if name not in known:
            raise PluginError(
                f"{src}:{lineno}: unknown {kind} '{name}'. Known {kind}s: "
                f"{', '.join(sorted(known)) or 'none'}. Check the name, or add the "
                f"{'scene class to a module in scenes/' if kind == 'scene' else 'figure to scenes/figures.py'}.")
        if not text:
            raise PluginError(f"{src}:{lineno}: the {kind} '{name}' needs a description "
                              f"between the brackets: it is the caption and the alt text.")
        if kind == "scene":
            _state["pages"].setdefault(name, set()).add(page.url)
            out.append("\n" + scene_html(known[name], text, page.url, emit) + "\n")
        else:
            out.append("\n" + figure_html(name, text, m["title"], emit) + "\n")
    return "\n".join(out)


def _cues(name: str) -> list:
    return lecture_extras.read_cues(_state["media"] / "videos" / f"{name}.vtt")


def _section_link(name: str, page_url: str) -> str:
    """Where the book shows a scene, relative to the page at page_url (its download if nowhere)."""
    if name in _state.get("sections", {}):
        return f"{get_relative_url(_state['sections'][name][0], page_url)}#scene-{name}"
    return get_relative_url(f"videos/{name}.mp4", page_url)


def on_post_build(config):
    site = Path(config.site_dir)
    missing = sorted({f"{page}: {target}" for page, target in _state["emitted"]
                      if not (site / target).is_file()})
    if missing:
        raise PluginError("pages point at media the build did not produce:\n  " + "\n  ".join(missing))
    manifest = {"scenes": [
        {
            "name": name, "title": s["title"], "module": s["module"],
            "video": f"videos/{name}.mp4", "poster": f"videos/{name}.webp",
            "captions": f"videos/{name}.vtt", "captions_srt": f"videos/{name}.srt",
            "duration_s": s["duration_s"], "width": s["width"], "height": s["height"],
            "fps": s["fps"], "frames": s["frames"], "bytes": s["bytes"], "sha256": s["sha256"],
            "pages": sorted(_state["pages"].get(name, ())),
        }
        for name, s in sorted(_state["scenes"].items())
    ]}
    (site / "videos").mkdir(exist_ok=True)
    (site / "videos" / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
