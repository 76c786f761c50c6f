"""Every page of the built site is valid HTML and MathML, and every figure valid SVG, as the W3C's
Nu HTML Checker sees it.

Screen readers read the MathML that KaTeX writes beside each formula, and browsers repair invalid
HTML each in its own way: a page the checker rejects is a page some reader gets wrong. Check a
`make` build with `SITE_UNDER_TEST=site .venv/bin/python -m pytest tests/test_valid_html.py` or
`.venv/bin/python tests/vnu.py site`.
"""

from __future__ import annotations

import vnu

KNOWN_INVALID = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Known faults</title></head>
<body>
<input type="checkbox" id="toggle" autocomplete="off">
<label for="toggle" tabindex="">Toggle</label>
<p><math><mi>x</mi><mo><mover><mo>&#x2192;</mo><mi>w</mi></mover></mo><mi>z</mi></math></p>
<h1>Title</h1>
<h3>A heading that skips a level</h3>
</body>
</html>
"""

KNOWN_INVALID_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<rect widht="3" height="3"/>
</svg>
"""

VALID = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>No faults</title></head>
<body>
<input type="checkbox" id="toggle">
<label for="toggle">Toggle</label>
<p><math><mi>x</mi><mover><mo>&#x2192;</mo><mi>w</mi></mover><mi>z</mi></math></p>
<h1>Title</h1>
<h2>A heading one level down</h2>
</body>
</html>
"""


def test_the_checker_names_page_line_and_error_of_a_known_invalid_page(tmp_path):
    (tmp_path / "bad.html").write_text(KNOWN_INVALID)
    (tmp_path / "bad.svg").write_text(KNOWN_INVALID_SVG)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.html").write_text(VALID)
    problems = vnu.check(vnu.site_pages(tmp_path), tmp_path)
    found = {
        (p.page, p.line, word)
        for p in problems
        for word in ("autocomplete", "tabindex", "mover", "heading", "widht")
        if word in p.message
    }
    assert found >= {
        ("bad.html", 5, "autocomplete"),
        ("bad.html", 6, "tabindex"),
        ("bad.html", 7, "mover"),
        ("bad.html", 9, "heading"),
        ("bad.svg", 2, "widht"),
    }, problems
    assert [p for p in problems if p.page.startswith("sub/")] == [], "the valid page was rejected"
    first = next(p for p in problems if "autocomplete" in p.message)
    assert str(first).startswith("bad.html:5: error: Attribute “autocomplete”")


def test_every_page_of_the_site_is_valid(site_build):
    pages = vnu.site_pages(site_build.root)
    assert len([p for p in pages if p.suffix == ".html"]) >= 5, (
        f"too few pages in {site_build.root}"
    )
    problems = vnu.check(pages, site_build.root)
    listed = "\n".join(f"{p}\n    {' '.join(p.extract.split())[:160]}" for p in problems[:40])
    assert not problems, (
        f"the HTML checker rejects {len(problems)} things in "
        f"{len({p.page for p in problems})} of {len(pages)} pages:\n{listed}"
    )
