"""The build, step by step: discover -> render -> place -> build the site.

    python -m scripts.build [--quality publish|preview] [--jobs N] [--force]
                            [--project DIR] [--site-dir DIR]
                            [--list-jobs | --render-only JOB... | --assemble-only]

1. discover (discover.py): the scenes in scenes/*.py and the figures, each with a cache key.
2. render (render_scenes.py, render_figures.py): what is stale, in worker processes, into the
   render cache (.cache/); a failing scene or figure fails the build, the others still render.
3. place (place.py): the current media linked into build/media-<quality>/, with an index.
4. build the site (build_site.py): mkdocs build --strict, whose hooks (scripts/hooks/) embed
   the media; the new site replaces the old one only when the whole build succeeded.
Where each of these lives is scripts/layout.py's to say. The last three options split the
build in two for CI runners (scripts/fanout.py): render some jobs into the cache; assemble.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from .build_site import SiteBuildError, build_site
from .discover import PALETTES, SceneInfo, SceneSourceError, discover_scenes
from .layout import Layout
from .place import place, write_if_changed
from .render_figures import render_figures
from .render_scenes import RenderSettings, cache_entry, is_cached, render_all
from .worker_report import Failure, WorkerFailed

ROOT = Path(__file__).resolve().parent.parent


class BuildError(Exception):
    pass


def discover(layout: Layout, settings: RenderSettings) -> list[SceneInfo]:
    """Every scene in every palette: the dark variants, then the light ones (same names)."""
    try:
        return [
            scene
            for palette in PALETTES
            for scene in discover_scenes(layout.scene_dir, settings.describe(), palette)
        ]
    except SceneSourceError as e:
        raise BuildError(str(e)) from e


def describe_failures(failures: list[Failure], project: Path) -> str:
    lines = [f"{len(failures)} scene(s) or figure(s) failed; the site was left as it was:"]
    for f in failures:
        module = f.module.relative_to(project) if f.module.is_relative_to(project) else f.module
        lines += [f"  {module.as_posix()} :: {f.name}: {f.exception}", f"    at {f.where}"]
    return "\n".join(lines) + "\n\nLast failure's traceback:\n" + failures[-1].detail


def render(
    layout: Layout, scenes: list[SceneInfo], settings: RenderSettings, jobs: int, force: bool
) -> tuple[int, Path | None]:
    """Render the stale scenes and figures into the cache: (scenes rendered, figures' folder)."""
    render_cache = layout.cache_dir / "renders"
    stale = [s for s in scenes if force or not is_cached(render_cache, s)]
    if force:
        for s in stale:
            shutil.rmtree(cache_entry(render_cache, s), ignore_errors=True)
    failures = render_all(stale, settings, render_cache, layout.tmp_dir, jobs)
    figures = None
    try:
        figures = render_figures(
            layout.scene_dir, layout.cache_dir / "figures", layout.tmp_dir, force
        )
    except WorkerFailed as e:
        failures.append(e.failure)
    if failures:
        raise BuildError(describe_failures(failures, layout.project))
    return len(stale), figures


def still(layout: Layout, entry: Path, name: str) -> Path:
    """The render's last frame as a full-resolution PNG (for slides), drawn once per render.

    Stills live beside the render cache, keyed like its entries, so that a new still needs no
    re-render and a render entry stays exactly what the worker wrote."""
    path = layout.cache_dir / "stills" / f"{entry.name}.png"
    if not path.exists():
        from .finish_video import (
            write_still,  # PyAV only when a still is due: no-op builds stay fast
        )

        path.parent.mkdir(parents=True, exist_ok=True)
        write_still(entry / f"{name}.mp4", path)
    return path


def beat_stills(layout: Layout, entry: Path, name: str) -> list[Path]:
    """Each captioned beat's last frame as a full-resolution PNG (slides, the lecture kit), drawn
    once per render and kept beside the render cache like the last-frame still."""
    folder = layout.cache_dir / "stills" / f"{entry.name}-beats"
    if not folder.is_dir():
        from .finish_video import write_beat_stills  # PyAV only when stills are due

        write_beat_stills(entry / f"{name}.mp4", entry / f"{name}.vtt", folder)
    return sorted(folder.glob("*.png"))


def place_variant(layout: Layout, s: SceneInfo, entries: dict[str, Path]) -> dict:
    """Add one render's files to `entries`; return its meta. The default palette's files sit at
    videos/<Scene>.*, another palette's beside them in videos/<palette>/ (as figures/light/ does);
    a variant whose captions are the default's (the same scene code) shares that VTT."""
    entry = cache_entry(layout.cache_dir / "renders", s)
    meta = json.loads((entry / "meta.json").read_text())
    folder = "videos/" if s.palette == PALETTES[0] else f"videos/{s.palette}/"
    suffixes = [".mp4", ".webp"]
    default_vtt = entries.get(f"videos/{s.name}.vtt")
    if default_vtt is None or default_vtt.read_bytes() != (entry / f"{s.name}.vtt").read_bytes():
        suffixes += [".vtt", ".srt"]
        meta["captions_dir"] = folder
    else:
        meta["captions_dir"] = "videos/"
    for suffix in suffixes:
        entries[f"{folder}{s.name}{suffix}"] = entry / f"{s.name}{suffix}"
    entries[f"{folder}{s.name}-last-frame.png"] = still(layout, entry, s.name)
    for png in beat_stills(layout, entry, s.name):
        entries[f"{folder}{s.name}-beats/{png.name}"] = png
    meta["dir"] = folder
    return meta


def place_media(layout: Layout, scenes: list[SceneInfo], figures: Path | None) -> int:
    """Link the current renders into the media folder and write its index; return files written.

    Each scene's index entry is its default (dark) render's meta, with the other palettes'
    under "variants" (palette -> meta, with "dir": the folder its files are in)."""
    entries: dict[str, Path] = {}
    index = {}
    for s in scenes:  # the default palette's come first: the others share its captions
        meta = place_variant(layout, s, entries)
        if s.palette == PALETTES[0]:
            index[s.name] = {
                **meta,
                "title": s.title,
                "module": s.module_rel(layout.project),
                "variants": {},
            }
        else:
            index[s.name]["variants"][s.palette] = meta
    index = list(index.values())
    if figures:
        # SVG for the pages; PDF and PNG for the lecture kit (and at stable addresses too);
        # light/ holds the same drawings on white.
        for drawing in figures.rglob("*"):
            if drawing.suffix in (".svg", ".pdf", ".png"):
                entries[f"figures/{drawing.relative_to(figures).as_posix()}"] = drawing
    written = place(entries, layout.media_dir)
    index_text = json.dumps({"quality": layout.quality, "scenes": index}, indent=1, sort_keys=True)
    # The index sits beside the media, not among them: the hooks turn it into manifest.json.
    written += write_if_changed(layout.media_index, index_text)
    return written


def stage_media(layout: Layout, jobs: int, force: bool) -> tuple[int, int]:
    """Steps 1 to 3: discover, render what is stale, place; return (renders, files written)."""
    settings = RenderSettings(layout.quality)
    scenes = discover(layout, settings)
    renders, figures = render(layout, scenes, settings, jobs, force)
    return renders, place_media(layout, scenes, figures)


def build(layout: Layout, jobs: int, force: bool, site_dir: Path, stage=stage_media) -> None:
    started = time.perf_counter()
    renders, written = stage(layout, jobs, force)
    try:
        built = build_site(layout, site_dir, force)
    except SiteBuildError as e:
        raise BuildError(str(e)) from e
    seconds = time.perf_counter() - started
    if built:
        print(
            f"Built {site_dir} in {seconds:.1f} s ({renders} renders, {written} media files updated)"
        )
    else:
        print(f"Site is up to date: {site_dir} ({renders} renders, {seconds:.2f} s)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quality", choices=("publish", "preview"), default=os.environ.get("QUALITY", "publish")
    )
    parser.add_argument(
        "--jobs", type=int, default=int(os.environ.get("JOBS") or os.cpu_count() or 1)
    )
    parser.add_argument("--force", action="store_true", default=os.environ.get("FORCE") == "1")
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--site-dir", type=Path, default=None)
    split = parser.add_mutually_exclusive_group()
    split.add_argument("--list-jobs", action="store_true", help="print the render jobs as JSON")
    split.add_argument("--render-only", nargs="*", metavar="JOB", help="render only these jobs")
    split.add_argument("--assemble-only", action="store_true", help="build, failing on a render")
    args = parser.parse_args(argv)
    layout = Layout.of(args.project.resolve(), args.quality)
    site_dir = (args.site_dir or layout.project / "site").resolve()
    from . import fanout  # built on this module's steps

    try:
        if args.list_jobs:
            print(json.dumps(fanout.render_jobs(layout)))
        elif args.render_only is not None:
            n = fanout.render_only(layout, args.render_only, args.jobs, args.force)
            print(f"Render jobs {' '.join(args.render_only)} done: {n} scene(s) rendered")
        elif args.assemble_only:
            build(layout, args.jobs, args.force, site_dir, stage=fanout.assemble_stage)
        else:
            build(layout, args.jobs, args.force, site_dir)
    except BuildError as e:
        print(f"\nBUILD FAILED: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    # Run as scripts.build, not as __main__: fanout.py imports this module, and its BuildError
    # must be the one main() catches.
    from scripts.build import main as imported_main

    sys.exit(imported_main())
