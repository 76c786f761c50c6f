"""The lecture kit: one zip with every video, its captions, poster and a still of its last frame,
every figure as SVG, PDF and PNG, the credit line, BibTeX and CITATION.cff, and a README.

The same inputs give the same bytes: fixed entry dates (SOURCE_DATE_EPOCH), order and modes.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import slide_programs
from embeds import clock, size_text

PATH = "downloads/lecture-kit.zip"
FIGURE_FORMATS = (".svg", ".pdf", ".png")


def readme(scenes: list[dict], figures: list[str], site_name: str, cite: dict) -> str:
    lines = [
        f"{site_name}: videos and figures for lectures",
        "",
        "Credit (paste it under what you use):",
        "",
        f"    {cite['credit']}",
        "",
        "CITATION.bib holds a BibTeX entry and CITATION.cff the same in the Citation File "
        f"Format. Version {cite['version']}: it changes whenever the text, a figure or a "
        "video does.",
        "",
    ]
    if cite["source"]:
        lines += [f"Source code (MIT): {cite['source']}", ""]
    lines += [
        "The videos are silent: no narration, no sound track. Each comes with captions "
        "(.vtt for browsers and PowerPoint, .srt for video players), its web poster (.webp) and "
        "a full-resolution PNG of its last frame (<name>-last-frame.png), a still for a "
        "slide. <name>-beats/ holds one PNG per captioned beat (01.png, 02.png, ...): the "
        "frame each beat ends on, where the site's lecture mode stops.",
        "",
        "These are drawn on a dark slate. light/ holds every video, poster, last frame and "
        "beat still again, drawn on white from the same scene code, for light slide "
        "templates and bright rooms; the captions are the same for both.",
        "",
        "Videos:",
    ]
    for s in scenes:
        lines.append(
            f"  {s['name']}.mp4  {s['title']}  ({clock(s['duration_s'])}, "
            f"{s['width']}x{s['height']} at {round(s['fps'])} fps, {size_text(s['bytes'])})"
        )
    lines += [
        "",
        "Figures, each as SVG (web, Inkscape), PDF (LaTeX) and a 1920 px wide PNG (slides):",
    ]
    lines += [f"  figures/{name}.svg, .pdf, .png" for name in figures]
    lines += [
        "",
        "figures/ holds them on the videos' dark slate; figures/light/ the same figures on white,",
        "for light slide templates and print.",
    ]
    lines += ["", *slide_programs.readme_text()]
    return "\n".join(lines) + "\n"


def lecture_kit(
    scenes: list[dict], figures: list[str], media_dir: Path, site_name: str, cite: dict
) -> bytes:
    """The kit for these scenes (in the order given) and figures, from the placed media."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as kit:

        def add(name: str, data: bytes, compress: bool) -> None:
            info = zipfile.ZipInfo(f"lecture-kit/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            kit.writestr(info, data)

        add("README.txt", readme(scenes, figures, site_name, cite).encode(), True)
        add("CITATION.bib", (cite["bibtex"] + "\n").encode(), True)
        add("CITATION.cff", cite["cff"].encode(), True)
        for s in scenes:
            for suffix in (".mp4", ".vtt", ".srt", ".webp"):
                path = media_dir / "videos" / f"{s['name']}{suffix}"
                # Video and WebP are compressed already; text shrinks.
                add(path.name, path.read_bytes(), suffix in (".vtt", ".srt"))
            for folder in ("", *(f"{p}/" for p in sorted(s.get("variants", {})))):
                videos = media_dir / "videos" / folder
                if folder:
                    for suffix in (".mp4", ".webp"):
                        path = videos / f"{s['name']}{suffix}"
                        add(f"{folder}{path.name}", path.read_bytes(), False)
                still = videos / f"{s['name']}-last-frame.png"
                add(f"{folder}{still.name}", still.read_bytes(), False)
                for beat in sorted((videos / f"{s['name']}-beats").glob("*.png")):
                    add(f"{folder}{s['name']}-beats/{beat.name}", beat.read_bytes(), False)
        for folder in ("", "light/"):
            for name in figures:
                for suffix in FIGURE_FORMATS:
                    path = media_dir / "figures" / f"{folder}{name}{suffix}"
                    add(f"figures/{folder}{path.name}", path.read_bytes(), suffix != ".png")
    return buffer.getvalue()
