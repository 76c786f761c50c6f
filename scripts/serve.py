"""`make serve`: live preview on 127.0.0.1:8000, scenes re-rendered as they are saved.

    python -m scripts.serve [--project DIR]     (SERVE_ADDR=host:port, default 127.0.0.1:8000)

MkDocs serves the site and rebuilds it when a page, the hooks or the overrides change
(mkdocs.yml `watch:`). This process watches scenes/: when a module changes it runs the build's
steps 1 to 3 at preview quality (only stale scenes render) and, when media changed, touches a
file MkDocs watches, so the pages reload with the new videos. A failing scene or figure is
reported here and the last good media stay in place: the preview lives on.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from .build import ROOT, BuildError, stage_media
from .build_site import source_date_epoch
from .layout import Layout

POLL_SECONDS = 0.5


def scene_sources(layout: Layout) -> dict[Path, tuple[int, int]]:
    """Every Python file under scenes/, with its modification time and size."""
    return {
        p: (p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(layout.scene_dir.rglob("*.py"))
    }


def refresh(layout: Layout, trigger: Path) -> bool:
    """Render and place what changed; touch `trigger` if media changed. False on a failure."""
    try:
        _, written = stage_media(layout, os.cpu_count() or 1, force=False)
    except BuildError as e:
        print(
            f"\nRENDER FAILED (the preview keeps the last good media): {e}",
            file=sys.stderr,
            flush=True,
        )
        return False
    if written:
        trigger.parent.mkdir(parents=True, exist_ok=True)
        trigger.write_text(f"{time.time_ns()}\n")
    return True


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    layout = Layout.of(args.project.resolve(), "preview")
    trigger = layout.build_dir / "serve" / "media-changed"
    if not refresh(layout, trigger) and not layout.media_index.exists():
        return 1  # nothing good to show yet
    address = os.environ.get("SERVE_ADDR", "127.0.0.1:8000")
    # mkdocs serve mounts the site at site_url's path: serve it at the root of the address.
    env = {
        **os.environ,
        **layout.environment(),
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": source_date_epoch(layout.project),
        "SITE_URL": f"http://{address}/",
    }
    trigger.parent.mkdir(parents=True, exist_ok=True)
    mkdocs = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--livereload",
            "-a",
            address,
            "-f",
            str(layout.project / "mkdocs.yml"),
            "-w",
            str(trigger.parent),
        ],
        cwd=layout.project,
        env=env,
    )
    seen = scene_sources(layout)
    try:
        while mkdocs.poll() is None:
            time.sleep(POLL_SECONDS)
            now = scene_sources(layout)
            if now != seen:
                seen = now
                print("Scenes changed: rendering what is stale at preview quality", flush=True)
                refresh(layout, trigger)
    except KeyboardInterrupt:
        pass
    finally:
        if mkdocs.poll() is None:
            mkdocs.terminate()
            mkdocs.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
