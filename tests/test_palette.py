"""One palette: scenes/style.py's colours reach the figures (MATPLOTLIB_RC) and the site's CSS
(assets/palette.css, generated at build time), and no other file spells a colour out."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib as mpl
import pytest

import style
from scripts.hooks.palette import load_style, palette_css

ROOT = Path(__file__).resolve().parent.parent
STYLE_FILE = ROOT / "scenes" / "style.py"
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def declared(css: str) -> dict[str, str]:
    return dict(re.findall(r"--palette-([\w-]+):\s*(#[0-9a-f]{6});", css))


def block(css: str, selector: str) -> dict[str, str]:
    """The declarations of the rule whose selector is exactly `selector`."""
    m = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert m, f"no rule for {selector}"
    return declared(m.group(1))


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
    assert used and used <= set(declared(palette_css(STYLE_FILE)))
    assert not list((ROOT / "scenes").glob("*.mplstyle"))
    for module in sorted((ROOT / "scenes").rglob("*.py")):
        if module.name != "style.py":
            assert not HEX.findall(module.read_text()), module.name


def test_the_site_serves_the_generated_palette(site_build):
    """Material's dark scheme gets the dark palette, its light scheme and print the light one;
    the videos' slate stays the dark one."""
    served = (site_build.root / "assets" / "palette.css").read_text()
    dark, light = load_style(STYLE_FILE, "dark"), load_style(STYLE_FILE, "light")
    assert block(served, ':root, [data-md-color-scheme="slate"]') == declared(dark.css_properties())
    assert block(served, '[data-md-color-scheme="default"]') == declared(light.css_properties())
    assert block(served, ":root, [data-md-color-scheme]") == declared(light.css_properties())
    assert declared(served)["video-background"] == dark.BACKGROUND.lower()
    assert light.BACKGROUND.lower() == "#ffffff" and light.GRADIENT != light.YELLOW
    page = (site_build.root / "index.html").read_text()
    assert page.index("assets/palette.css") < page.index("assets/site.css")


# ---------------------------------------------------------------- one colour per activation

# WCAG's relative luminance and contrast ratio, written out again here on purpose although
# style.py has luminance() and contrast(): the palette is derived with style.py's, so checking it
# with the same code would let a mistake there pass unseen. This is the independent cross-check.


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _luminance(hex_colour: str) -> float:
    r, g, b = (_linear(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _lab(hex_colour: str):
    """CIE L*a*b* (D65), from sRGB, written out here independently of any colour library."""
    import numpy as np

    rgb = np.array([_linear(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5)])
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ rgb / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("palette", ["dark", "light"])
def test_every_activation_of_the_zoo_has_its_own_colour(palette):
    import itertools

    import numpy as np

    from numeric.activations import ZOO

    style = load_style(STYLE_FILE, palette)
    colours = style.ACTIVATION_COLOURS
    assert set(colours) == set(ZOO), "every activation in numeric.activations.ZOO needs a colour"
    # Readable on the background the videos and figures are drawn on (WCAG's 3:1 for graphics).
    for key, colour in colours.items():
        assert _contrast(colour, style.BACKGROUND) >= 3.0, key
    # Told apart from each other in one plot.
    for a, b in itertools.combinations(colours, 2):
        distance = float(np.linalg.norm(_lab(colours[a]) - _lab(colours[b])))
        assert distance >= 15.0, f"{a} and {b} are too alike ({distance:.1f})"
    props = declared(style.css_properties())
    assert props["act-leaky-relu"] == colours["leaky_relu"].lower()


def test_light_hues_are_the_dark_ones_darkened_to_three_to_one():
    """On white each colour keeps its hue and is darkened only as far as 3:1 needs."""
    import colorsys

    dark, light = load_style(STYLE_FILE, "dark"), load_style(STYLE_FILE, "light")
    names = ["INPUT", "PRE_ACTIVATION", "ACTIVATION", "WEIGHT", "GRADIENT", "LOSS", "BOUNDARY"]
    for name in names:
        d, li = getattr(dark, name), getattr(light, name)
        assert _contrast(li, light.BACKGROUND) >= 3.0, name
        rgb = [[int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)] for c in (d, li)]
        (hd, ld, _), (hl, ll, _) = (colorsys.rgb_to_hls(*c) for c in rgb)
        assert abs(hd - hl) < 0.02 and ll <= ld + 1e-9, name
        if d == li:  # already readable on white: untouched
            assert _contrast(d, light.BACKGROUND) >= 3.0
