"""Numbers as text: the one place that decides how a computed value is written.

Scenes, figures and the tests that check pages all format through these functions, so a number
shown in a video, a plot and the text is written the same way from the same value.
"""

from __future__ import annotations


def decimals(value: float, places: int = 3) -> str:
    """Up to `places` decimals, at least one, no '-0': 0.5, -0.24, 1.0, 0.0."""
    v = round(float(value), places)
    if v == 0:
        v = 0.0
    s = f"{v:.{places}f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


def fixed(value: float, places: int = 1) -> str:
    """Exactly `places` decimals: 2.4, 0.5, 100."""
    return f"{value:.{places}f}"


def significant(value: float, digits: int = 3) -> str:
    """`digits` significant digits, trailing zeros kept: 1.00, 0.0563, -0.280."""
    return f"{value:#.{digits}g}"


def shortest(value: float) -> str:
    """The shortest faithful form (Python's 'g'): 2, -2, 0.5, 16."""
    return f"{value:g}"


def given(value: float) -> str:
    """A parameter as written in the source, with at least one decimal place: 1.0, 0.9, -0.2."""
    s = repr(float(value))
    return s if "e" not in s else f"{value:.10f}".rstrip("0")


def full(value: float) -> str:
    """Every decimal a short binary fraction has: 0.25, 0.0625, 0.015625."""
    return f"{value:.10f}".rstrip("0").rstrip(".")


def scientific_tex(value: float, digits: int = 3) -> str:
    """`digits` significant digits as TeX, in scientific notation when small or large."""
    if 1e-3 <= abs(value) < 1e4:
        return f"{value:.{digits}g}"
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def scientific_text(value: float, digits: int = 3) -> str:
    """`scientific_tex` in plain text, for captions: 9.54 x 10^-7."""
    return scientific_tex(value, digits).replace(r" \times 10^{", " x 10^").replace("}", "")


def percent(ratio: float, digits: int | None = None, sep: str = " ") -> str:
    """A ratio as a percentage: whole percent ('87 %'), or `digits` significant ones ('5.63 %').

    `sep` is what stands between the number and the sign (the figures write '87%')."""
    number = fixed(100 * ratio, 0) if digits is None else significant(100 * ratio, digits)
    return f"{number}{sep}%"
