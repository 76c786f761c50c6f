"""One palette: scenes/style.py's colours reach the figures (MATPLOTLIB_RC) and the site's CSS
(assets/palette.css, generated at build time), and no other file spells a colour out."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib as mpl

import style

ROOT = Path(__file__).resolve().parent.parent
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def declared(css: str) -> dict[str, str]:
    return dict(re.findall(r"--palette-([\w-]+):\s*(#[0-9a-f]{6});", css))


def test_css_properties_carry_the_meanings():
    props = declared(style.css_properties())
    for name, colour in {
        "background": style.BACKGROUND,
        "gradient": style.GRADIENT,
        "weight": style.WEIGHT,
        "activation": style.ACTIVATION,
        "loss": style.LOSS,
        "input": style.INPUT,
    }.items():
        assert props[name] == colour.lower(), name


def test_matplotlib_style_uses_the_palette():
    with mpl.rc_context(style.MATPLOTLIB_RC):
        assert mpl.colors.to_hex(mpl.rcParams["axes.facecolor"]) == style.BACKGROUND.lower()
        assert mpl.colors.to_hex(mpl.rcParams["text.color"]) == style.TEXT.lower()
        cycle = [mpl.colors.to_hex(c["color"]) for c in mpl.rcParams["axes.prop_cycle"]]
    assert cycle[:2] == [style.ACTIVATION.lower(), style.GRADIENT.lower()]


def test_no_colour_is_spelled_out_elsewhere():
    """The site's CSS takes its colours from the palette's custom properties."""
    css = (ROOT / "docs" / "assets" / "site.css").read_text()
    assert not HEX.findall(css), HEX.findall(css)
    used = set(re.findall(r"var\(--palette-([\w-]+)\)", css))
    assert used and used <= set(declared(style.css_properties()))
    assert not list((ROOT / "scenes").glob("*.mplstyle"))
    for module in sorted((ROOT / "scenes").rglob("*.py")):
        if module.name != "style.py":
            assert not HEX.findall(module.read_text()), module.name


def test_the_site_serves_the_generated_palette(site_build):
    served = (site_build.root / "assets" / "palette.css").read_text()
    assert declared(served) == declared(style.css_properties())
    page = (site_build.root / "index.html").read_text()
    assert page.index("assets/palette.css") < page.index("assets/site.css")
