"""The one place for the look of the animations, the figures and the site: colours by meaning,
fonts, sizes.

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies), named by
what they mean so that every scene and figure tells the same story in the same colours.
Matplotlib's style (`MATPLOTLIB_RC`) and the site's CSS custom properties (`css_properties`)
are made from these names; nothing else spells a colour out.

Two palettes: "dark" (the default: a slate that sits well in both of the site's schemes) and
"light" (white paper, for light pages, print and white slide templates), chosen by the
environment variable ACTIVATION_PALETTE before this module is imported, so that every module
that reads a colour, at import or at draw time, gets the same palette. On white, each hue is
darkened (keeping its hue) until it stands out at WCAG's 3:1 for graphics.
"""

import colorsys
import os

PALETTES = ("dark", "light")
PALETTE = os.environ.get("ACTIVATION_PALETTE", "dark")
if PALETTE not in PALETTES:
    raise ValueError(f"ACTIVATION_PALETTE={PALETTE!r}: choose one of {', '.join(PALETTES)}")

DARK_BACKGROUND = "#16191D"
LIGHT_BACKGROUND = "#FFFFFF"
MIN_CONTRAST = 3.0  # WCAG 2.1, 1.4.11: graphical objects against their background


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of #RRGGBB."""
    r, g, b = (_channel(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def on_light(hex_colour: str) -> str:
    """The same hue, darkened in steps of 1% lightness until it reaches MIN_CONTRAST on white."""
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, lightness, sat = colorsys.rgb_to_hls(r, g, b)
    colour = hex_colour.upper()
    while contrast(colour, LIGHT_BACKGROUND) < MIN_CONTRAST and lightness > 0:
        lightness = max(0.0, lightness - 0.01)
        colour = "#" + "".join(
            f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(h, lightness, sat)
        )
    return colour


_hue = on_light if PALETTE == "light" else str.upper

# Okabe-Ito, by hue.
ORANGE = _hue("#E69F00")
SKY_BLUE = _hue("#56B4E9")
BLUISH_GREEN = _hue("#009E73")
YELLOW = _hue("#F0E442")
BLUE = _hue("#0072B2")
VERMILLION = _hue("#D55E00")
REDDISH_PURPLE = _hue("#CC79A7")
GREY = "#9AA0A6" if PALETTE == "dark" else "#6E7781"

# By meaning.
INPUT = SKY_BLUE
PRE_ACTIVATION = YELLOW
ACTIVATION = BLUISH_GREEN
WEIGHT = ORANGE
GRADIENT = VERMILLION
LOSS = REDDISH_PURPLE
CLASS_A = SKY_BLUE
CLASS_B = ORANGE
BOUNDARY = YELLOW
GRID = GREY
GRID_ACROSS = BLUE  # a second family of grid lines, where the two must be told apart
TEXT = "#F2F2F2" if PALETTE == "dark" else "#1F2328"
MUTED = "#B8BEC6" if PALETTE == "dark" else "#57606A"

# One colour per activation, the same in every scene, figure, table and the playground (keys
# are numeric.activations.ZOO's). Okabe-Ito first, then a violet, Paul Tol's pink ("light" set)
# and purple ("muted" set) where Okabe-Ito runs out; tests keep them apart (CIE76 distance >= 15) and
# readable on the background (contrast >= 3:1), in both palettes. Chapter 1's sigmoid keeps
# ACTIVATION's green.
ACTIVATION_COLOURS = {
    "identity": GREY,
    "sigmoid": BLUISH_GREEN,
    "tanh": BLUE,
    "relu": ORANGE,
    "leaky_relu": YELLOW,
    "elu": REDDISH_PURPLE,
    "selu": VERMILLION,
    "gelu": SKY_BLUE,
    "silu": _hue("#AA77FF"),
    "mish": _hue("#FFAABB"),
    "softplus": _hue("#AA4499"),
}

# Videos are drawn on a dark slate that sits well in both of the site's palettes; figures of the
# light palette on white.
BACKGROUND = DARK_BACKGROUND if PALETTE == "dark" else LIGHT_BACKGROUND

# Font sizes in manim units of font_size. At 1080p one manim unit is 135 px; these sizes keep
# every glyph line at least 36 px tall (tests measure rendered mobjects against MIN_TEXT_PX).
TITLE_SIZE = 56
BODY_SIZE = 44
LABEL_SIZE = 38
MIN_TEXT_PX = 36
PX_PER_UNIT = 1080 / 8.0

FONT = "DejaVu Sans"


def px(mobject) -> float:
    """A mobject's height in pixels at 1080p."""
    return mobject.height * PX_PER_UNIT


# ---- matplotlib: the figures sit on the videos' dark slate, in the same colours -------------
# Colours by meaning are applied in figures.py; this is the neutral frame and the line cycle.
_CYCLE = (ACTIVATION, GRADIENT, INPUT, WEIGHT, LOSS, BLUE, YELLOW)

MATPLOTLIB_RC = {
    "figure.facecolor": BACKGROUND,
    "figure.edgecolor": BACKGROUND,
    "figure.figsize": (8.0, 3.6),
    "figure.dpi": 100,
    "figure.constrained_layout.use": True,
    "savefig.facecolor": BACKGROUND,
    "savefig.edgecolor": BACKGROUND,
    "savefig.transparent": False,
    "savefig.bbox": "standard",
    "savefig.format": "svg",
    # Resolution of the few dense artists drawn as embedded bitmaps (rasterized=True).
    "savefig.dpi": 128,
    "axes.facecolor": BACKGROUND,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": TEXT,
    "axes.titlecolor": TEXT,
    "axes.linewidth": 1.0,
    "axes.grid": True,
    "axes.axisbelow": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 15,
    "axes.labelsize": 14,
    "axes.titlepad": 10,
    "axes.prop_cycle": f"cycler('color', {list(_CYCLE)!r})",
    "grid.color": GRID,
    "grid.alpha": 0.25,
    "grid.linewidth": 0.7,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": TEXT,
    "ytick.labelcolor": TEXT,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "text.color": TEXT,
    "font.family": FONT,
    "font.size": 13,
    "mathtext.fontset": "dejavusans",
    "legend.frameon": True,
    "legend.facecolor": BACKGROUND,
    "legend.edgecolor": GRID,
    "legend.framealpha": 0.9,
    "legend.fontsize": 12,
    "legend.labelcolor": TEXT,
    "lines.linewidth": 2.6,
    "lines.solid_capstyle": "round",
    # Text as paths: no font is needed on the reader's side and the bytes do not depend on one.
    "svg.fonttype": "path",
    # Fixed ids in the SVG (clip paths, glyphs): two runs give byte-identical files.
    "svg.hashsalt": "activation-functions",
}


# ---- the site: the same colours as CSS custom properties -----------------------------------
_CSS_NAMES = {
    "background": BACKGROUND,
    "text": TEXT,
    "muted": MUTED,
    "grid": GRID,
    "input": INPUT,
    "pre-activation": PRE_ACTIVATION,
    "activation": ACTIVATION,
    "weight": WEIGHT,
    "gradient": GRADIENT,
    "loss": LOSS,
    "class-a": CLASS_A,
    "class-b": CLASS_B,
    "boundary": BOUNDARY,
}


def css_properties(selector: str = ":root") -> str:
    """A rule declaring this palette's colours by meaning as --palette-<meaning>, and every
    activation's as --palette-act-<key> (underscores become hyphens)."""
    names = dict(_CSS_NAMES)
    names.update({"act-" + key.replace("_", "-"): c for key, c in ACTIVATION_COLOURS.items()})
    lines = [f"  --palette-{name}: {colour.lower()};" for name, colour in names.items()]
    return selector + " {\n" + "\n".join(lines) + "\n}\n"
