"""The W3C's Nu HTML Checker (vnu.jar from npm, run by Debian's Java) over the pages of a site.

One Java start checks every page and SVG figure (the checker takes seconds to start); each
problem comes back as `page:line: message`, the page relative to the folder that was checked.

    .venv/bin/python tests/vnu.py site      # check a `make` build; exit 1 if a page is invalid
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Problem:
    page: str
    line: int
    message: str
    extract: str = ""

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message}"


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise RuntimeError(
            "java is not installed: the HTML checker runs on it. Run `make test` "
            "(it installs default-jre-headless) or `apt-get install default-jre-headless`."
        )
    if not VNU_JAR.is_file():
        raise RuntimeError(
            f"{VNU_JAR.relative_to(ROOT)} is missing: run `make test` (or `npm ci`)."
        )
    return java


def check(pages: list[Path], root: Path) -> list[Problem]:
    """Every error and warning the checker finds in pages, named relative to root."""
    if not pages:
        return []
    proc = subprocess.run(
        [
            _java(),
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--stdout",
            "--also-check-svg",
            "--exit-zero-always",
            *map(str, pages),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    try:
        messages = json.loads(proc.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        raise RuntimeError(
            f"the HTML checker gave no report (exit {proc.returncode}):\n"
            f"{proc.stdout[-2000:]}{proc.stderr[-2000:]}"
        ) from None
    problems = []
    for m in messages:
        if m["type"] == "info" and m.get("subType") != "warning":
            continue  # plain notes, not faults
        path = Path(unquote(urlparse(m.get("url", "")).path))
        page = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        kind = "warning" if m["type"] == "info" else m["type"]
        problems.append(
            Problem(page, m.get("lastLine", 0), f"{kind}: {m['message']}", m.get("extract", ""))
        )
    return problems


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site, the 404 page included, and every SVG figure."""
    return sorted([*site.rglob("*.html"), *site.rglob("*.svg")])


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "site").resolve()
    pages = site_pages(site)
    if not pages:
        print(f"{site}: no HTML pages: build the site first (`make`).", file=sys.stderr)
        return 2
    problems = check(pages, site)
    for p in problems:
        print(p)
    print(f"{len(pages)} pages and figures checked, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
