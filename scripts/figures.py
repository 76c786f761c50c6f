"""Draw the matplotlib figures into the cache when their sources change."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .discover import files_digest, local_imports, third_party_versions

ROOT = Path(__file__).resolve().parent.parent
RENDERER = ROOT / "scripts" / "render_figures.py"


def figures_key(scene_dir: Path) -> str | None:
    """Hash of the figures module, what it imports (style.py among them) and the renderer."""
    module = scene_dir / "figures.py"
    if not module.is_file():
        return None
    sources = {module} | local_imports(module, scene_dir)
    h = hashlib.sha256(files_digest(sources, scene_dir).encode())
    h.update(RENDERER.read_bytes())
    h.update(third_party_versions(sources, scene_dir).encode())
    return h.hexdigest()[:24]


def build_figures(scene_dir: Path, cache_dir: Path, tmp_root: Path, force: bool) -> Path | None:
    """Return the cache folder holding every figure as SVG, drawing them first if needed."""
    key = figures_key(scene_dir.resolve())
    if key is None:
        return None
    entry = cache_dir / key
    if entry.is_dir() and not force:
        return entry
    work = tmp_root / f"{os.getpid()}-figures"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print("Drawing figures (matplotlib)", flush=True)
    proc = subprocess.run([sys.executable, str(RENDERER), str(work / "out")], cwd=ROOT,
                          env={**os.environ, "MPLBACKEND": "agg"}, capture_output=True, text=True)
    if proc.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        raise RuntimeError(f"drawing the figures of {scene_dir / 'figures.py'} failed:\n"
                           + "\n".join(proc.stderr.strip().splitlines()[-15:]))
    entry.parent.mkdir(parents=True, exist_ok=True)
    if entry.exists():
        shutil.rmtree(entry)
    os.rename(work / "out", entry)
    shutil.rmtree(work, ignore_errors=True)
    return entry
