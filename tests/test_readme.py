"""The README's layout section names every file of the build and every shared scene module,
so that it keeps matching the tree."""

import re
from pathlib import Path

from scripts.discover import discover_scenes

ROOT = Path(__file__).resolve().parent.parent


def layout_section() -> str:
    readme = (ROOT / "README.md").read_text()
    return re.search(r"^## Layout\n(.*?)^## ", readme, re.S | re.M)[1]


def test_layout_names_every_build_file():
    text = layout_section()
    files = [
        p
        for p in (ROOT / "scripts").rglob("*")
        if p.is_file() and p.suffix in (".py", ".sh", ".js")
    ]
    missing = [
        p.relative_to(ROOT).as_posix()
        for p in files
        if p.name != "__init__.py" and p.name not in text
    ]
    assert not missing, f"README.md's layout section does not name {missing}"


def test_layout_names_every_shared_scene_module():
    text = layout_section()
    scene_modules = {s.module for s in discover_scenes(ROOT / "scenes", "")}
    shared = [p for p in (ROOT / "scenes").glob("*.py") if p not in scene_modules]
    missing = [p.name for p in shared if p.name not in text]
    assert not missing, f"README.md's layout section does not name {missing}"
    for folder in ("docs/", "overrides/", "scenes/", "scripts/", "tests/", "numeric/", "hooks/"):
        assert folder in text, folder
