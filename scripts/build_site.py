"""Step 4 of the build: `mkdocs build --strict` into a private folder, swapped in whole.

A page that fails leaves the last good site exactly as it was. A digest of everything MkDocs
reads (pages, config, overrides, hooks, placed media, versions) makes a build with nothing new
a no-op that rewrites no file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .discover import package_version
from .layout import Layout
from .place import write_if_changed

ROOT = Path(__file__).resolve().parent.parent


class SiteBuildError(Exception):
    """MkDocs refused the site; the message is its own, page and line included."""


def source_date_epoch(project: Path) -> str:
    """The last commit's time, so two builds of one commit carry the same dates."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=project,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if out:
            return out
    except (OSError, subprocess.CalledProcessError):
        pass
    return "1767225600"  # 2026-01-01, for a tree outside git


def site_inputs_digest(layout: Layout) -> str:
    """Everything the MkDocs step reads: pages, config, theme overrides, hooks, media, versions."""
    project, media_dir = layout.project, layout.media_dir
    files = [project / "mkdocs.yml"]
    files += [project / "CITATION.cff"] if (project / "CITATION.cff").exists() else []
    # scenes/ too: the citation's version is a digest of docs/ and scenes/ (hooks/citation.py).
    for folder in ("docs", "overrides", "scenes"):
        if (project / folder).is_dir():
            files += [
                p
                for p in (project / folder).rglob("*")
                if p.is_file() and "__pycache__" not in p.parts
            ]
    hooks = ROOT / "scripts" / "hooks"
    files += [p for p in hooks.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    # What the hooks import: the layout (the palette they turn into CSS is in scenes/).
    files += [ROOT / "scripts" / "layout.py"]
    files += [ROOT / "package-lock.json"] if (ROOT / "package-lock.json").exists() else []
    h = hashlib.sha256()
    for p in sorted(files):
        # Names relative to their tree, so a moved or cloned project keeps its digest.
        name = p.relative_to(ROOT if p.is_relative_to(ROOT) else project)
        h.update(str(name).encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    # Placed media are hard links to immutable cache entries: names and sizes identify them,
    # and the index (hashed in full) carries each video's sha256.
    for p in sorted(media_dir.rglob("*")):
        if p.is_file():
            h.update(f"{p.relative_to(media_dir)}:{p.stat().st_size}".encode())
    h.update(layout.media_index.read_bytes())
    for pkg in ("mkdocs", "mkdocs-material", "pymdown-extensions"):
        h.update(package_version(pkg).encode())
    h.update(layout.quality.encode())
    h.update(os.environ.get("SITE_URL", "").encode())  # mkdocs.yml reads it
    h.update(os.environ.get("SOURCE_URL", "").encode())  # the citation hook reads it
    return h.hexdigest()


def mkdocs_build(layout: Layout, site_dir: Path) -> None:
    """mkdocs build --strict into a private folder, then swap it in for the old site."""
    staging = layout.tmp_dir / f"{os.getpid()}-site"
    shutil.rmtree(staging, ignore_errors=True)
    env = {
        **os.environ,
        **layout.environment(),
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": source_date_epoch(layout.project),
    }
    print("Building the site (mkdocs build --strict)", flush=True)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "-f",
            str(layout.project / "mkdocs.yml"),
            "-d",
            str(staging),
        ],
        cwd=layout.project,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        out = "\n".join(line for line in (proc.stdout + proc.stderr).splitlines() if line.strip())
        raise SiteBuildError(f"mkdocs build failed; the site was left as it was:\n{out}")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    old = layout.tmp_dir / f"{os.getpid()}-old-site"
    if site_dir.exists():
        os.rename(site_dir, old)
    os.rename(staging, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def build_site(layout: Layout, site_dir: Path, force: bool) -> bool:
    """Build the site unless it was built from these very inputs; say whether it was built."""
    stamp = layout.stamp(site_dir)
    digest = site_inputs_digest(layout)
    if not force and site_dir.is_dir() and stamp.exists() and stamp.read_text() == digest:
        return False
    stamp.unlink(missing_ok=True)
    mkdocs_build(layout, site_dir)
    write_if_changed(stamp, digest)
    return True
