"""Draw the article's matplotlib figures as SVG, PDF and PNG files, byte for byte the same on every run.

    python -m scripts.figure_worker OUTDIR              # every figure of scenes/figures*.py
    python -m scripts.figure_worker OUTDIR NAME...      # only these
        [--scenes DIR]      the folder holding figures.py and style.py (default: scenes/)
        [--result FILE]     where to report a failure for the build (scripts/render_figures.py)

Each figure of the registry `figures.FIGURES`, and of each later chapter's own registry
`figures_<chapter>.FIGURES` (scenes/figures_<chapter>.py), is drawn under the shared style
`style.MATPLOTLIB_RC` (scenes/style.py) and written to OUTDIR/<name>.svg (the page's), .pdf (for
LaTeX) and .png (1920 px wide, for slides; these two go to the lecture kit) without a date or
software metadata and with fixed SVG ids (rcParams["svg.hashsalt"]), so that two runs give
identical bytes. An unknown name exits with status 2 and lists the known ones; a figure that
raises exits with status 1, naming the figure, the line of figures.py and the exception.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "agg")

import matplotlib  # noqa: E402

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402

from scripts.worker_report import innermost_line, write_failure, write_success  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# No date, no "Matplotlib vX, https://matplotlib.org" creator line.
SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
PDF_METADATA = {"CreationDate": None, "Creator": None, "Producer": None}
PNG_METADATA = {"Software": None}
PNG_WIDTH = 1920  # a full-HD slide's width


def chapter_modules(scene_dir: Path) -> list[Path]:
    """figures.py, then every later chapter's figures_<chapter>.py, in name order."""
    return [scene_dir / "figures.py", *sorted(scene_dir.glob("figures_*.py"))]


def registry(scene_dir: Path) -> dict:
    """Every figure the project has, by name, from all the figure modules (scene_dir on sys.path)."""
    import importlib

    merged: dict = {}
    for module in chapter_modules(scene_dir):
        for name, draw in importlib.import_module(module.stem).FIGURES.items():
            if name in merged:
                raise ValueError(f"figure {name!r} is registered in two modules ({module.name})")
            merged[name] = draw
    return merged


def draw(name: str, outdir: Path, figures: dict | None = None) -> Path:
    """Draw one figure of the registry into outdir/<name>.svg and return the path."""
    import style

    figures = figures if figures is not None else registry(ROOT / "scenes")
    with plt.style.context(style.MATPLOTLIB_RC):
        fig = figures[name]()
        try:
            path = outdir / f"{name}.svg"
            # A hair over 1920 / width, so that rounding down the pixel count still gives 1920.
            png_dpi = (PNG_WIDTH + 0.25) / fig.get_figwidth()
            for fmt, options in (
                ("pdf", dict(metadata=PDF_METADATA)),
                ("png", dict(metadata=PNG_METADATA, dpi=png_dpi)),
                ("svg", dict(metadata=SVG_METADATA)),
            ):
                target = path.with_suffix(f".{fmt}")
                tmp = target.with_suffix(f".{fmt}.part")
                fig.savefig(tmp, format=fmt, **options)
                os.replace(tmp, target)
        finally:
            plt.close(fig)
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("names", nargs="*")
    parser.add_argument("--scenes", type=Path, default=ROOT / "scenes")
    parser.add_argument("--result", type=Path)
    args = parser.parse_args(argv)
    scene_dir = args.scenes.resolve()
    module = scene_dir / "figures.py"
    sys.path.insert(0, str(scene_dir))
    name = "the figure registry"
    try:
        figures = registry(scene_dir)
        names = args.names or sorted(figures)
        unknown = [n for n in names if n not in figures]
        if unknown:
            print(
                f"unknown figure(s): {', '.join(unknown)}; known: {', '.join(sorted(figures))}",
                file=sys.stderr,
            )
            return 2
        args.outdir.mkdir(parents=True, exist_ok=True)
        for name in names:
            path = draw(name, args.outdir, figures)
            print(f"  {path.name} ({path.stat().st_size // 1024} KiB)")
    except BaseException as exc:  # report every failure, KeyboardInterrupt included
        if args.result:
            write_failure(args.result, exc, module, f"figure '{name}'")
        print(
            f"figure '{name}' failed at {innermost_line(exc, scene_dir) or module}:\n"
            f"  {type(exc).__name__}: {exc}",
            file=sys.stderr,
        )
        return 1
    if args.result:
        write_success(args.result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
