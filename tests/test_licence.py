"""The licence files at the root say what the licence page promises: MIT for the code,
CC BY 4.0 for the text, figures and videos."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_licence_files_match_the_licence_page():
    page = (ROOT / "docs" / "license.md").read_text()
    assert "MIT" in page and "CC BY 4.0" in page
    code = (ROOT / "LICENSE").read_text()
    assert code.startswith("MIT License") and "Permission is hereby granted, free of charge" in code
    content = (ROOT / "LICENSE-CC-BY-4.0.txt").read_text()
    assert content.startswith("Attribution 4.0 International")
    assert "Creative Commons Attribution 4.0 International Public License" in content
    readme = (ROOT / "README.md").read_text()
    assert "LICENSE" in readme and "LICENSE-CC-BY-4.0.txt" in readme
