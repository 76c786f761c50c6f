"""The one place for the animations' and figures' look: colours by meaning, fonts, sizes.

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies), named by
what they mean so that every scene and figure tells the same story in the same colours.
"""

# Okabe-Ito, by hue.
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#9AA0A6"

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
GRID_ACROSS = BLUE    # a second family of grid lines, where the two must be told apart
TEXT = "#F2F2F2"
MUTED = "#B8BEC6"

# Videos are drawn on a dark slate that sits well in both of the site's palettes.
BACKGROUND = "#16191D"

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
