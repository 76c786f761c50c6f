"""Draw the matplotlib figures into the cache when their sources change.

The drawing runs in a worker process (scripts/figure_worker.py). A cache entry appears by one
rename, whole, only after every figure drew: a failing figure leaves the cache, the placed media
and the site as they were, and the build reports it as it reports a failing scene.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .discover import files_digest, local_imports, third_party_versions
from .worker_report import WorkerFailed, read_result

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "scripts" / "figure_worker.py"


def figures_key(scene_dir: Path) -> str | None:
    """Hash of the figure modules (figures.py and any figures_<chapter>.py), what they import
    (style.py among them), the worker and this driver (which decides what an entry holds: both
    palettes)."""
    module = scene_dir / "figures.py"
    if not module.is_file():
        return None
    modules = {module, *scene_dir.glob("figures_*.py")}
    sources = set(modules).union(*(local_imports(m, scene_dir) for m in modules))
    h = hashlib.sha256(files_digest(sources, scene_dir).encode())
    h.update(WORKER.read_bytes())
    h.update(Path(__file__).read_bytes())
    h.update(third_party_versions(sources, scene_dir).encode())
    return h.hexdigest()[:24]


def render_figures(scene_dir: Path, cache_dir: Path, tmp_root: Path, force: bool) -> Path | None:
    """The cache folder holding every figure as SVG, drawing them first if needed (None when the
    project has no figures). Raises WorkerFailed, naming the figure and its line, if one fails."""
    scene_dir = scene_dir.resolve()
    key = figures_key(scene_dir)
    if key is None:
        return None
    entry = cache_dir / key
    if entry.is_dir() and not force:
        return entry
    work = tmp_root / f"{os.getpid()}-figures"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print("Drawing figures (matplotlib), in the dark and the light palette", flush=True)
    # The same drawings twice: <name>.svg on the dark slate, light/<name>.svg on white. The
    # palette is fixed when style.py is imported, so each is a worker process of its own.
    for palette, out in (("dark", work / "out"), ("light", work / "out" / "light")):
        result = work / f"result-{palette}.json"
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "scripts.figure_worker",
                str(out),
                "--scenes",
                str(scene_dir),
                "--result",
                str(result),
            ],
            cwd=ROOT,
            env={**os.environ, "MPLBACKEND": "agg", "ACTIVATION_PALETTE": palette},
            capture_output=True,
            text=True,
        )
        failure = read_result(result, proc, scene_dir / "figures.py", "the figures")
        if failure:
            shutil.rmtree(work, ignore_errors=True)
            raise WorkerFailed(failure)
    entry.parent.mkdir(parents=True, exist_ok=True)
    if entry.exists():
        shutil.rmtree(entry)
    os.rename(work / "out", entry)
    shutil.rmtree(work, ignore_errors=True)
    return entry
