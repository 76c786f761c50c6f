"""The build split in two, for renders fanned out over CI runners (.github/workflows/publish.yml).

    python -m scripts.build --list-jobs          the render jobs as one line of JSON: the matrix
    python -m scripts.build --render-only A B    render jobs A and B into the cache, nothing else
    python -m scripts.build --assemble-only      place the cached renders, build the site; a
                                                 render that would be due fails it instead

A render job is one scene (named by its class) or `figures` (every matplotlib figure, one cache
entry). Each job's key is the scene's cache key (scripts/discover.py), so a runner's cache entry
is keyed exactly as the build keys it. Variants of a scene (a light palette, say) are part of its
job when discovery lists them under the scene's name, the job's key then covering every
variant's key; listed under names of their own, they are jobs of their own. What a job writes
into .cache/ is its renders and their stills: gathered from every job, all the assembly needs.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from .build import (
    BuildError,
    beat_stills,
    describe_failures,
    discover,
    place_media,
    still,
)
from .discover import SceneInfo
from .layout import Layout
from .render_figures import figures_key, render_figures
from .render_scenes import RenderSettings, cache_entry, is_cached, render_all
from .worker_report import WorkerFailed

FIGURES_JOB = "figures"  # scene names are class names: no scene is called that


def render_jobs(layout: Layout) -> list[dict[str, str]]:
    """Every render job of the project: its name (what --render-only takes) and its cache key."""
    by_name: dict[str, list[str]] = {}
    for s in discover(layout, RenderSettings(layout.quality)):
        by_name.setdefault(s.name, []).append(s.key)
    jobs = [{"name": name, "key": job_key(keys)} for name, keys in by_name.items()]
    key = figures_key(layout.scene_dir.resolve())
    if key:
        jobs.append({"name": FIGURES_JOB, "key": key})
    return jobs


def job_key(keys: list[str]) -> str:
    """One scene's key, or a key covering all its variants' keys."""
    if len(keys) == 1:
        return keys[0]
    return hashlib.sha256("|".join(sorted(keys)).encode()).hexdigest()[:24]


def _select(scenes: list[SceneInfo], names: list[str], figures: bool) -> list[SceneInfo]:
    known = {s.name for s in scenes}
    unknown = [n for n in names if n not in known and not (n == FIGURES_JOB and figures)]
    if unknown or not names:
        choices = [*dict.fromkeys(s.name for s in scenes)] + ([FIGURES_JOB] if figures else [])
        what = f"no render job is called {' '.join(unknown)}" if unknown else "name a render job"
        raise BuildError(f"{what}; the jobs are: {' '.join(choices)}")
    return [s for s in scenes if s.name in names]


def render_only(layout: Layout, names: list[str], jobs: int, force: bool) -> int:
    """Render the named jobs that are stale into the cache, with their stills; return how many
    scenes rendered. The media folder and the site are left alone."""
    settings = RenderSettings(layout.quality)
    render_cache = layout.cache_dir / "renders"
    has_figures = figures_key(layout.scene_dir.resolve()) is not None
    chosen = _select(discover(layout, settings), names, has_figures)
    stale = [s for s in chosen if force or not is_cached(render_cache, s)]
    if force:
        for s in stale:
            shutil.rmtree(cache_entry(render_cache, s), ignore_errors=True)
    failures = render_all(stale, settings, render_cache, layout.tmp_dir, jobs)
    if FIGURES_JOB in names:
        try:
            render_figures(layout.scene_dir, layout.cache_dir / "figures", layout.tmp_dir, force)
        except WorkerFailed as e:
            failures.append(e.failure)
    if failures:
        raise BuildError(describe_failures(failures, layout.project))
    # The stills are drawn from the render: drawn here, the assembly only links files.
    for s in chosen:
        entry = cache_entry(render_cache, s)
        still(layout, entry, s.name)
        beat_stills(layout, entry, s.name)
    return len(stale)


def assemble_stage(layout: Layout, jobs: int, force: bool) -> tuple[int, int]:
    """Steps 1 and 3 of the build without step 2: discover and place what the cache holds. Any
    render that would be due is an error naming the jobs that must run first."""
    scenes = discover(layout, RenderSettings(layout.quality))
    # A job's name once, however many of its variants (palettes) are missing.
    missing = list(
        dict.fromkeys(s.name for s in scenes if not is_cached(layout.cache_dir / "renders", s))
    )
    key = figures_key(layout.scene_dir.resolve())
    figures: Path | None = layout.cache_dir / "figures" / key if key else None
    if figures is not None and not figures.is_dir():
        missing.append(FIGURES_JOB)
    if missing:
        raise BuildError(
            f"the assembly renders nothing, and the render cache ({layout.cache_dir}) lacks "
            f"{len(missing)} render job(s) at {layout.quality} quality: {' '.join(missing)}\n"
            f'Render them first: make render SCENES="{" ".join(missing)}" QUALITY={layout.quality}'
        )
    return 0, place_media(layout, scenes, figures)
