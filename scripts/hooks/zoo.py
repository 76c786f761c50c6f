"""MkDocs hook: chapter 3's generated table.

A line `<!-- zoo-table NAME -->` becomes one of the zoo tables, generated now from the numeric core
(scenes/numeric/zoo_table.py). Before it goes on the page, every number of every row is checked
against an independent computation (zoo_table.check_row); a disagreement fails the build, naming
the row and the column. (Chapter 3's figures are ordinary figures: scenes/figures_smooth.py.)
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
SCENES = ROOT / "scenes"
TABLE = re.compile(r"^<!-- zoo-table (?P<name>[\w-]+) -->$")

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
        out.append(line)
    return "\n".join(out)
