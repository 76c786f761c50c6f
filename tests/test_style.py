"""The code keeps ruff's format and passes its lint (ruff.toml): a failure names file and line.

Fix with `.venv/bin/ruff format . && .venv/bin/ruff check --fix .`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_lint():
    proc = ruff("check", "--output-format", "concise", "--no-fix", ".")
    assert proc.returncode == 0, (
        f"ruff check found (file:line:column: rule):\n{proc.stdout}{proc.stderr}"
    )


def test_format():
    proc = ruff("format", "--diff", ".")
    if proc.returncode == 0:
        return
    places, current = [], None
    for line in proc.stdout.splitlines():
        if line.startswith("+++ "):
            current = line[4:].strip()
        elif (hunk := re.match(r"@@ -(\d+)", line)) and current:
            places.append(f"{current}:{hunk[1]}")
    assert not places and not proc.stderr.strip(), (
        "not in ruff's format (run `.venv/bin/ruff format .`):\n  "
        + "\n  ".join(places)
        + f"\n{proc.stderr}"
    )
