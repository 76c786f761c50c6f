"""Draw the article's matplotlib figures as SVG files, byte for byte the same on every run.

    python scripts/render_figures.py OUTDIR            # every figure in scenes/figures.py
    python scripts/render_figures.py OUTDIR NAME...    # only these

Each figure of the registry `figures.FIGURES` is drawn under the shared style
`style.MATPLOTLIB_RC` (scenes/style.py) and written to OUTDIR/<name>.svg without a date or software metadata and
with fixed SVG ids (rcParams["svg.hashsalt"]), so that two runs give identical bytes.
An unknown name exits with status 2 and lists the known ones.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "agg")

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes"
if str(SCENES) not in sys.path:
    sys.path.insert(0, str(SCENES))

import matplotlib  # noqa: E402

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402

# No date, no "Matplotlib vX, https://matplotlib.org" creator line.
SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
HASHSALT = "activation-functions"


def render(name: str, outdir: Path) -> Path:
    """Draw one figure of the registry into outdir/<name>.svg and return the path."""
    import figures
    import style

    with plt.style.context(style.MATPLOTLIB_RC), matplotlib.rc_context({"svg.hashsalt": HASHSALT}):
        fig = figures.FIGURES[name]()
        try:
            path = outdir / f"{name}.svg"
            tmp = path.with_suffix(".svg.part")
            fig.savefig(tmp, format="svg", metadata=SVG_METADATA)
            os.replace(tmp, path)
        finally:
            plt.close(fig)
    return path


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__.strip())
        return 0 if argv else 2
    outdir = Path(argv[0])
    import figures

    names = argv[1:] or sorted(figures.FIGURES)
    unknown = [n for n in names if n not in figures.FIGURES]
    if unknown:
        print(f"unknown figure(s): {', '.join(unknown)}; known: {', '.join(sorted(figures.FIGURES))}",
              file=sys.stderr)
        return 2
    outdir.mkdir(parents=True, exist_ok=True)
    for name in names:
        path = render(name, outdir)
        print(f"  {path.name} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
