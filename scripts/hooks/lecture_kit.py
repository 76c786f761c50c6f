"""The lecture kit: one zip with every video, its captions and poster, and a README.

The same inputs give the same bytes: fixed entry dates (SOURCE_DATE_EPOCH), order and modes.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

from embeds import clock, size_text

PATH = "downloads/lecture-kit.zip"


def lecture_kit(scenes: list[dict], media_dir: Path, site_name: str, site_url: str | None) -> bytes:
    """The kit for these scenes (in the order given), from the placed media."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    readme = [f"{site_name}: videos for lectures", "",
              "Licence: CC BY 4.0. Credit: \"Activation Functions in Deep Learning, animated "
              f"explainer\" ({site_url or 'this site'}).", "",
              "Each video comes with captions (.vtt for browsers, .srt for players and slides) "
              "and a poster (.webp).", ""]
    for s in scenes:
        readme.append(f"{s['name']}.mp4  {s['title']}  ({clock(s['duration_s'])}, "
                      f"{s['width']}x{s['height']} at {round(s['fps'])} fps, {size_text(s['bytes'])})")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as kit:
        def add(name: str, data: bytes, compress: bool) -> None:
            info = zipfile.ZipInfo(f"lecture-kit/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            kit.writestr(info, data)

        add("README.txt", ("\n".join(readme) + "\n").encode(), True)
        for s in scenes:
            for suffix in (".mp4", ".vtt", ".srt", ".webp"):
                path = media_dir / "videos" / f"{s['name']}{suffix}"
                # Video and WebP are compressed already; text shrinks.
                add(path.name, path.read_bytes(), suffix in (".vtt", ".srt"))
    return buffer.getvalue()
