"""The build: discover -> render (cached, parallel) -> place -> mkdocs build -> swap into place.

    python -m scripts.build [--quality publish|preview] [--jobs N] [--force]
                            [--project DIR] [--site-dir DIR]

A failing scene or page leaves the last good site exactly as it was: MkDocs builds into a
private folder that replaces the site only when the whole build succeeded.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .discover import SceneSourceError, discover_scenes, files_digest, package_version
from .figures import build_figures
from .place import place, write_if_changed
from .render import RenderSettings, cache_entry, is_cached, render_all

ROOT = Path(__file__).resolve().parent.parent


class BuildError(Exception):
    pass


def source_date_epoch(project: Path) -> str:
    """The last commit's time, so two builds of one commit carry the same dates."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project,
                             capture_output=True, text=True, check=True).stdout.strip()
        if out:
            return out
    except (OSError, subprocess.CalledProcessError):
        pass
    return "1767225600"  # 2026-01-01, for a tree outside git


def site_inputs_digest(project: Path, media_dir: Path, quality: str) -> str:
    """Everything the MkDocs step reads: pages, config, theme overrides, hooks, media, versions."""
    files = [project / "mkdocs.yml"]
    files += [project / "CITATION.cff"] if (project / "CITATION.cff").exists() else []
    # scenes/ too: the citation's version is a digest of docs/ and scenes/ (scripts/hooks/citation.py).
    for folder in ("docs", "overrides", "scenes"):
        if (project / folder).is_dir():
            files += [p for p in (project / folder).rglob("*")
                      if p.is_file() and "__pycache__" not in p.parts]
    hooks = ROOT / "scripts" / "hooks"
    files += [p for p in hooks.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    files += [ROOT / "package-lock.json"] if (ROOT / "package-lock.json").exists() else []
    h = hashlib.sha256()
    for p in sorted(files):
        # Names relative to their tree, so a moved or cloned project keeps its digest.
        name = p.relative_to(ROOT if p.is_relative_to(ROOT) else project)
        h.update(str(name).encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    # Placed media are hard links to immutable cache entries: names and sizes identify them,
    # and the index files (hashed in full) carry each video's sha256.
    for p in sorted(media_dir.rglob("*")):
        if p.is_file():
            h.update(f"{p.relative_to(media_dir)}:{p.stat().st_size}".encode())
            if p.suffix == ".json":
                h.update(p.read_bytes())
    for pkg in ("mkdocs", "mkdocs-material", "pymdown-extensions"):
        h.update(package_version(pkg).encode())
    h.update(quality.encode())
    h.update(os.environ.get("SITE_URL", "").encode())  # mkdocs.yml reads it
    h.update(os.environ.get("SOURCE_URL", "").encode())  # the citation hook reads it
    return h.hexdigest()


def stage_media(project: Path, quality: str, jobs: int, force: bool, media_dir: Path,
                cache: Path, tmp_root: Path) -> tuple[int, int]:
    """Render what is stale, then place the current media; return (renders, files written)."""
    settings = RenderSettings(quality)
    scene_dir = project / "scenes"
    try:
        scenes = discover_scenes(scene_dir, settings.describe())
    except SceneSourceError as e:
        raise BuildError(str(e)) from e
    render_cache = cache / "renders"
    stale = [s for s in scenes if force or not is_cached(render_cache, s)]
    if force:
        for s in stale:
            shutil.rmtree(cache_entry(render_cache, s), ignore_errors=True)
    failures = render_all(stale, settings, render_cache, tmp_root, jobs)
    if failures:
        lines = [f"{len(failures)} of {len(stale)} scene(s) failed; the site was left as it was:"]
        for f in failures:
            lines += [f"  {f.scene.module_rel(project)} :: {f.scene.name}: {f.exception}",
                      f"    at {f.where}"]
        raise BuildError("\n".join(lines) + "\n\nLast failure's traceback:\n" + failures[-1].detail)

    entries: dict[str, Path] = {}
    index = []
    for s in scenes:
        entry = cache_entry(render_cache, s)
        meta = json.loads((entry / "meta.json").read_text())
        for suffix in (".mp4", ".webp", ".vtt", ".srt"):
            entries[f"videos/{s.name}{suffix}"] = entry / f"{s.name}{suffix}"
        index.append({**meta, "title": s.title, "module": s.module_rel(project)})
    figures = build_figures(scene_dir, cache / "figures", tmp_root, force)
    if figures:
        # SVG for the pages; PDF and PNG for the lecture kit (and at stable addresses too).
        for drawing in figures.iterdir():
            if drawing.suffix in (".svg", ".pdf", ".png"):
                entries[f"figures/{drawing.name}"] = drawing
    written = place(entries, media_dir)
    index_text = json.dumps({"quality": quality, "scenes": index}, indent=1, sort_keys=True)
    # The index sits beside the media, not among them: the hook turns it into manifest.json.
    written += write_if_changed(media_dir.parent / f"{media_dir.name}.json", index_text)
    return len(stale), written


def build_site(project: Path, media_dir: Path, site_dir: Path, tmp_root: Path,
               quality: str) -> None:
    """mkdocs build --strict into a private folder, then swap it in for the old site."""
    staging = tmp_root / f"{os.getpid()}-site"
    shutil.rmtree(staging, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACTIVATIONS_MEDIA_DIR": str(media_dir), "ACTIVATIONS_QUALITY": quality,
           "SOURCE_DATE_EPOCH": source_date_epoch(project)}
    print("Building the site (mkdocs build --strict)", flush=True)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
         "-f", str(project / "mkdocs.yml"), "-d", str(staging)],
        cwd=project, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        out = "\n".join(l for l in (proc.stdout + proc.stderr).splitlines() if l.strip())
        raise BuildError(f"mkdocs build failed; the site was left as it was:\n{out}")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    old = tmp_root / f"{os.getpid()}-old-site"
    if site_dir.exists():
        os.rename(site_dir, old)
    os.rename(staging, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def _stamp_name(project: Path, site_dir: Path) -> str:
    """A name for the site's build stamp that survives moving the whole project folder."""
    site_dir = site_dir.resolve()
    if site_dir.is_relative_to(project):
        return site_dir.relative_to(project).as_posix().replace("/", "--")
    return hashlib.sha256(str(site_dir).encode()).hexdigest()[:16]


def build(project: Path, quality: str, jobs: int, force: bool, site_dir: Path) -> int:
    started = time.perf_counter()
    project = project.resolve()
    build_root = project / "build"
    tmp_root = build_root / "tmp"
    media_dir = build_root / f"media-{quality}"
    cache = project / ".cache"
    renders, written = stage_media(project, quality, jobs, force, media_dir, cache, tmp_root)
    stamp_file = build_root / "stamps" / f"{_stamp_name(project, site_dir)}.txt"
    digest = site_inputs_digest(project, media_dir, quality)
    if (not force and site_dir.is_dir() and stamp_file.exists()
            and stamp_file.read_text() == digest):
        print(f"Site is up to date: {site_dir} ({renders} renders, "
              f"{time.perf_counter() - started:.2f} s)")
        return 0
    stamp_file.unlink(missing_ok=True)
    build_site(project, media_dir, site_dir, tmp_root, quality)
    write_if_changed(stamp_file, digest)
    print(f"Built {site_dir} in {time.perf_counter() - started:.1f} s "
          f"({renders} renders, {written} media files updated)")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", choices=("publish", "preview"),
                        default=os.environ.get("QUALITY", "publish"))
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("JOBS") or os.cpu_count() or 1))
    parser.add_argument("--force", action="store_true", default=os.environ.get("FORCE") == "1")
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--site-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    site_dir = (args.site_dir or args.project / "site").resolve()
    try:
        return build(args.project, args.quality, args.jobs, args.force, site_dir)
    except BuildError as e:
        print(f"\nBUILD FAILED: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
