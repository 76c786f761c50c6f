"""Draw the article's matplotlib figures as SVG files, byte for byte the same on every run.

    python scripts/render_figures.py OUTDIR            # every figure in scenes/figures.py
    python scripts/render_figures.py OUTDIR NAME...    # only these

Each figure of the registry `figures.FIGURES` is drawn under the shared style
`style.MATPLOTLIB_RC` (scenes/style.py) and written to OUTDIR/<name>.svg (the page's), .pdf (for
LaTeX) and .png (1920 px wide, for slides; these two go to the lecture kit), without a date or
software metadata and with fixed SVG ids (rcParams["svg.hashsalt"]), so that two runs give
identical bytes.
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
PDF_METADATA = {"CreationDate": None, "Creator": None, "Producer": None}
PNG_METADATA = {"Software": None}
PNG_WIDTH = 1920  # a full-HD slide's width
HASHSALT = "activation-functions"


def render(name: str, outdir: Path) -> Path:
    """Draw one figure of the registry into outdir/<name>.svg and return the path."""
    import figures
    import style

    with plt.style.context(style.MATPLOTLIB_RC), matplotlib.rc_context({"svg.hashsalt": HASHSALT}):
        fig = figures.FIGURES[name]()
        try:
            path = outdir / f"{name}.svg"
            # A hair over 1920 / width, so that rounding down the pixel count still gives 1920.
            png_dpi = (PNG_WIDTH + 0.25) / fig.get_figwidth()
            for fmt, options in (("pdf", dict(metadata=PDF_METADATA)),
                                 ("png", dict(metadata=PNG_METADATA, dpi=png_dpi)),
                                 ("svg", dict(metadata=SVG_METADATA))):
                target = path.with_suffix(f".{fmt}")
                tmp = target.with_suffix(f".{fmt}.part")
                fig.savefig(tmp, format=fmt, **options)
                os.replace(tmp, target)
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
