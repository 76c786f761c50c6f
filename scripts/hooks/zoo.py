"""MkDocs hook: chapter 3's generated table and charts.

- A line `<!-- zoo-table NAME -->` becomes one of the zoo tables, generated now from the numeric core
  (scenes/numeric/zoo_table.py). Before it goes on the page, every number of every row is checked
  against an independent computation (zoo_table.check_row); a disagreement fails the build,
  naming the row and the column.
- A line `![What the chart shows](chart:<name>)` becomes an <img> of a chart of scenes/charts.py.
  The charts are drawn with matplotlib into the render cache (.cache/charts/<digest>/), keyed by
  the sources they are drawn from, so an unchanged chart is never redrawn. An unknown name fails
  the build with the page and the line.
"""

from __future__ import annotations

import functools
import hashlib
import html
import os
import re
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[2]
SCENES = ROOT / "scenes"
TABLE = re.compile(r"^<!-- zoo-table (?P<name>[\w-]+) -->$")
CHART = re.compile(
    r'^\s*!\[(?P<alt>[^\]]+)\]\(chart:(?P<name>[\w-]+)(?:\s+"(?P<title>[^"]*)")?\)\s*$'
)
SITE_DIR = "assets/charts"
# Drawing metadata left out, so two builds give the same bytes (as scripts/figure_worker.py does).
SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}

_charts: dict[str, Path] = {}
# Where the book explains each activation, relative to the zoo page: the names in the tables link
# there (which also gives each scrolling table something to reach with the keyboard).
EXPLAINED = {
    "sigmoid": "../sigmoid/definition.md",
    "elu": "elu-selu.md",
    "selu": "elu-selu.md",
    "gelu": "gelu.md",
    "silu": "silu-mish-softplus.md",
    "mish": "silu-mish-softplus.md",
    "softplus": "silu-mish-softplus.md",
    "hard_sigmoid": "hard-variants.md",
    "hard_swish": "hard-variants.md",
}


def _import_scenes():
    if str(SCENES) not in sys.path:
        sys.path.insert(0, str(SCENES))


def _sources_digest() -> str:
    """What the charts are drawn from: the chart module, the style, the numeric core."""
    h = hashlib.sha256()
    files = [SCENES / "charts.py", SCENES / "style.py", *sorted((SCENES / "numeric").glob("*"))]
    for path in files:
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    import matplotlib

    h.update(matplotlib.__version__.encode())
    return h.hexdigest()[:16]


def _draw_charts(cache: Path) -> dict[str, Path]:
    """Every chart as SVG in cache/<digest>/, drawn only if that folder does not exist yet."""
    _import_scenes()
    import charts

    target = cache / _sources_digest()
    if not target.is_dir():
        import matplotlib.pyplot as plt

        import style

        cache.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="charts-", dir=cache))
        with plt.style.context(style.MATPLOTLIB_RC):
            for name, draw in charts.CHARTS.items():
                fig = draw()
                try:
                    fig.savefig(work / f"{name}.svg", format="svg", metadata=SVG_METADATA)
                finally:
                    plt.close(fig)
        try:
            os.rename(work, target)  # atomic: another build may have drawn the same meanwhile
        except OSError:
            for p in work.iterdir():
                p.unlink()
            work.rmdir()
    return {p.stem: p for p in sorted(target.glob("*.svg"))}


def on_files(files, config):
    global _charts
    _charts = _draw_charts(ROOT / ".cache" / "charts")
    for name, path in _charts.items():
        files.append(File.generated(config, f"{SITE_DIR}/{name}.svg", abs_src_path=str(path)))
    return files


def _svg_size(svg: Path) -> tuple[int, int]:
    head = svg.read_text(encoding="utf-8")[:2000]
    w = re.search(r'width="([\d.]+)pt"', head)
    h = re.search(r'height="([\d.]+)pt"', head)
    # matplotlib writes points; 1 pt = 4/3 px.
    return round(float(w[1]) * 4 / 3), round(float(h[1]) * 4 / 3)


def chart_html(name: str, alt: str, title: str | None, src: str) -> str:
    width, height = _svg_size(_charts[name])
    caption = html.escape(title or alt)
    return (
        f'<figure class="plot" id="chart-{name}">\n<img src="{src}" alt="{html.escape(alt)}" '
        f'width="{width}" height="{height}" loading="lazy">\n'
        f"<figcaption>{caption}</figcaption>\n</figure>"
    )


# ---------------------------------------------------------------- the table


@functools.cache
def zoo_tables() -> dict[str, str]:
    """The zoo page's tables by name (zoo_table.TABLES), from the core, after every row passed
    the independent check."""
    _import_scenes()
    from numeric import zoo_table

    rows = [(r, zoo_table.cells(r)) for r in zoo_table.rows()]
    problems = [p for r, cells in rows for p in zoo_table.check_row(r, cells)]
    if problems:
        raise PluginError(
            "the zoo table disagrees with an independent computation "
            "(scenes/numeric/zoo_table.py):\n  " + "\n  ".join(problems)
        )
    tables = {}
    for name, columns in zoo_table.TABLES.items():
        header = ["activation", *columns.values()]
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        for r, cells in rows:
            e = r.entry
            swatch = (
                '<span class="zoo-swatch" aria-hidden="true" style="display: inline-block; '
                "width: 0.8em; height: 0.8em; border-radius: 50%; background: var(--palette-act-"
                f'{e.colour.replace("_", "-")})"></span> '
                if e.colour
                else ""
            )
            label = f"[{e.name}]({EXPLAINED[e.key]})" if e.key in EXPLAINED else e.name
            lines.append("| " + " | ".join([swatch + label, *(cells[c] for c in columns)]) + " |")
        tables[name] = "\n".join(lines)
    return tables


def on_page_markdown(markdown, page, config, files):
    out = []
    for lineno, line in enumerate(markdown.split("\n"), start=1):
        t = TABLE.match(line.strip())
        if t:
            tables = zoo_tables()
            if t["name"] not in tables:
                raise PluginError(
                    f"{page.file.src_uri}:{lineno}: unknown zoo table {t['name']!r}; "
                    f"there are {sorted(tables)}"
                )
            out.append(tables[t["name"]])
            continue
        m = CHART.match(line)
        if m:
            if m["name"] not in _charts:
                raise PluginError(
                    f"{page.file.src_uri}:{lineno}: unknown chart {m['name']!r}; "
                    f"scenes/charts.py has {sorted(_charts)}"
                )
            src = get_relative_url(f"{SITE_DIR}/{m['name']}.svg", page.url)
            out.append(chart_html(m["name"], m["alt"], m["title"], src))
            continue
        out.append(line)
    return "\n".join(out)
