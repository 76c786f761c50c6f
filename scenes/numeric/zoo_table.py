"""The zoo at a glance: one row per activation of chapters 1-3, every property found from the
function and its derivative by the core (quadrature, root finding, one-sided limits), never typed.

`rows()` is what the zoo page's table is generated from (scripts/hooks/zoo.py); `check_row`
recomputes every number of a row by a second, independent method (dense grids and finite
differences of f alone), so that the build fails if the table and the functions disagree.
The cost column is read from zoo_cost.json, measured once by scripts/measure_zoo_cost.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from scipy import integrate, optimize

from . import activations as act
from .formatting import decimals

COST_FILE = Path(__file__).with_name("zoo_cost.json")

# How far out "at infinity" is looked for: every function here has reached its limit, or grows
# without bound, well before.
FAR = 1e3
# Where a bound counts as reached: a finite x attains it exactly.
NEAR = 10.0
GRID = np.linspace(-NEAR, NEAR, 20_001)  # step 0.001: holds every corner (0, +-1.5, +-2.5, +-3)
ONE_SIDED = 1e-12
PLACES = 4  # decimals shown in the table


@dataclass(frozen=True)
class Entry:
    """One activation of the table."""

    key: str  # stable id; the cost file's key
    name: str
    tex: str  # its formula, f(x) = ...
    f: object
    f_prime: object
    colour: str | None  # a key of style.ACTIVATION_COLOURS, or None for a variant
    used: str  # where it is used today, with sources (Markdown)


def _entries() -> list[Entry]:
    z = act.ZOO
    prelu = act.PRELU_INIT
    return [
        Entry(
            "identity",
            "linear",
            r"x",
            z["identity"].f,
            z["identity"].f_prime,
            "identity",
            "the output layer of a regression",
        ),
        Entry(
            "sigmoid",
            "sigmoid",
            r"1 / (1 + e^{-x})",
            z["sigmoid"].f,
            z["sigmoid"].f_prime,
            "sigmoid",
            "gates of LSTMs and GRUs; a binary output "
            "([Hochreiter and Schmidhuber 1997](https://doi.org/10.1162/neco.1997.9.8.1735))",
        ),
        Entry(
            "tanh",
            "tanh",
            r"\tanh x",
            z["tanh"].f,
            z["tanh"].f_prime,
            "tanh",
            "the cell update of LSTMs; small recurrent networks",
        ),
        Entry(
            "relu",
            "ReLU",
            r"\max(0, x)",
            z["relu"].f,
            z["relu"].f_prime,
            "relu",
            "most convolutional networks, e.g. ResNet "
            "([He et al. 2015](https://arxiv.org/abs/1512.03385))",
        ),
        Entry(
            "leaky_relu",
            "leaky ReLU",
            r"\max(0.01 x, x)",
            z["leaky_relu"].f,
            z["leaky_relu"].f_prime,
            "leaky_relu",
            "GAN discriminators, with a slope of 0.2 "
            "([Radford et al. 2015](https://arxiv.org/abs/1511.06434))",
        ),
        Entry(
            "prelu",
            "PReLU",
            r"\max(a x, x),\ a \text{ learned}",
            lambda x: act.leaky_relu(x, prelu),
            lambda x: act.leaky_relu_prime(x, prelu),
            None,
            f"ImageNet classifiers; the row shows its starting slope $a = {prelu:g}$ "
            "([He et al. 2015](https://arxiv.org/abs/1502.01852))",
        ),
        Entry(
            "elu",
            "ELU",
            r"x \text{ or } e^{x} - 1",
            z["elu"].f,
            z["elu"].f_prime,
            "elu",
            "([Clevert et al. 2015](https://arxiv.org/abs/1511.07289))",
        ),
        Entry(
            "selu",
            "SELU",
            r"\lambda x \text{ or } \lambda \alpha (e^{x} - 1)",
            z["selu"].f,
            z["selu"].f_prime,
            "selu",
            "self-normalising fully connected networks "
            "([Klambauer et al. 2017](https://arxiv.org/abs/1706.02515))",
        ),
        Entry(
            "gelu",
            "GELU",
            r"x\, \Phi(x)",
            z["gelu"].f,
            z["gelu"].f_prime,
            "gelu",
            "transformers: BERT, GPT-2, ViT "
            "([Devlin et al. 2018](https://arxiv.org/abs/1810.04805), "
            "[Dosovitskiy et al. 2020](https://arxiv.org/abs/2010.11929))",
        ),
        Entry(
            "silu",
            "SiLU / Swish",
            r"x\, \sigma(x)",
            z["silu"].f,
            z["silu"].f_prime,
            "silu",
            "EfficientNet ([Tan and Le 2019](https://arxiv.org/abs/1905.11946)); the SwiGLU "
            "layers of LLaMA ([Touvron et al. 2023](https://arxiv.org/abs/2302.13971))",
        ),
        Entry(
            "mish",
            "Mish",
            r"x \tanh(\operatorname{softplus} x)",
            z["mish"].f,
            z["mish"].f_prime,
            "mish",
            "YOLOv4 ([Bochkovskiy et al. 2020](https://arxiv.org/abs/2004.10934))",
        ),
        Entry(
            "softplus",
            "softplus",
            r"\ln(1 + e^{x})",
            z["softplus"].f,
            z["softplus"].f_prime,
            "softplus",
            "outputs that must be positive, such as a predicted variance",
        ),
        Entry(
            "hard_sigmoid",
            "hard sigmoid (PyTorch)",
            r"\operatorname{ReLU6}(x + 3) / 6",
            act.hard_sigmoid_torch,
            act.hard_sigmoid_torch_prime,
            None,
            "the attention gates of MobileNetV3 "
            "([Howard et al. 2019](https://arxiv.org/abs/1905.02244))",
        ),
        Entry(
            "hard_swish",
            "hard swish",
            r"x \operatorname{ReLU6}(x + 3) / 6",
            act.hard_swish,
            act.hard_swish_prime,
            None,
            "MobileNetV3 ([Howard et al. 2019](https://arxiv.org/abs/1905.02244))",
        ),
    ]


ENTRIES = _entries()


@dataclass(frozen=True)
class Row:
    entry: Entry
    lower: float  # inf f (may be -inf)
    lower_reached: bool
    upper: float  # sup f (may be inf)
    upper_reached: bool
    mean: float  # E f(z), z ~ N(0, 1)
    monotonic: bool
    smooth: bool  # f' continuous everywhere
    slope_left: float  # f'(0-) and f'(0+)
    slope_right: float
    steepest: float  # sup |f'|
    steepest_at: float | None  # where, or None when reached on a whole stretch or not at all
    steepest_reached: bool  # False when only approached far out
    minimum: tuple[float, float] | None  # (x, f(x)) of a dip below the function's far left
    saturates: str  # where f' goes to 0: "left", "right", "both" or "no"
    cost_ns: float | None
    cells: dict = field(default_factory=dict)  # column -> the text the table shows


def _bound(f, side: int) -> tuple[float, bool]:
    """The infimum (side = -1) or supremum (+1) of f over the line, and whether some x reaches it.
    Candidates: every grid point (a peak refined by a bounded search) and the far ends."""
    y = f(GRID) * -side  # minimise -side * f
    i = int(np.argmin(y))
    best = float(y[i])
    if 0 < i < len(GRID) - 1:
        res = optimize.minimize_scalar(
            lambda x: -side * f(x),
            bounds=(GRID[i - 1], GRID[i + 1]),
            method="bounded",
            options={"xatol": 1e-12},
        )
        best = min(best, float(res.fun))
    reached = True
    for far in (-FAR, FAR):
        v = -side * float(f(far))
        if v < best - 1e-9:
            reached = False
            # Still moving ten times further out: no bound on this side.
            best = -np.inf if -side * float(f(10 * far)) < v - 1.0 else v
    return -side * best, reached


def _normal_mean(f) -> float:
    pdf = act.std_normal_pdf
    return float(
        sum(
            integrate.quad(lambda z: f(z) * pdf(z), a, b, limit=200)[0]
            for a, b in ((-40, -3), (-3, 0), (0, 3), (3, 40))
        )
    )


def _steepest(f_prime) -> tuple[float, float | None, bool]:
    """sup |f'| over the line, where it is reached (None if on a whole stretch) and whether it
    is reached at all. Looked for on the grid and just either side of every grid point (where
    a corner's one-sided slope is the supremum), and far out (where softplus' slope tends to 1)."""
    candidates = np.concatenate([GRID, GRID - 1e-9, GRID + 1e-9])
    slopes = np.abs(f_prime(candidates))
    i = int(np.argmax(slopes))
    best, at = float(slopes[i]), float(candidates[i])
    res = optimize.minimize_scalar(
        lambda x: -abs(f_prime(x)),
        bounds=(at - 1e-3, at + 1e-3),
        method="bounded",
        options={"xatol": 1e-12},
    )
    if -res.fun > best:  # a smooth peak between grid points
        best, at = float(-res.fun), float(res.x)
    far = max(abs(float(f_prime(-FAR))), abs(float(f_prime(FAR))))
    if far > best + 1e-12:
        return far, None, False
    plateau = np.count_nonzero(np.abs(slopes - best) < 1e-12) > 3
    return best, None if plateau else at, True


def _minimum(f, f_prime) -> tuple[float, float] | None:
    """A dip: f' goes from negative to positive somewhere (the function comes back up)."""
    s = f_prime(GRID)
    idx = np.nonzero((s[:-1] < 0) & (s[1:] >= 0))[0]
    if len(idx) == 0:
        return None
    i = int(idx[0])
    x = optimize.brentq(f_prime, GRID[i], GRID[i + 1], xtol=1e-15)
    return float(x), float(f(x))


def _saturates(f_prime) -> str:
    left = abs(float(f_prime(-FAR / 10))) < 1e-6
    right = abs(float(f_prime(FAR / 10))) < 1e-6
    return {(True, True): "both", (True, False): "left", (False, True): "right"}.get(
        (left, right), "no"
    )


def _costs() -> dict[str, float]:
    if not COST_FILE.is_file():
        return {}
    return json.loads(COST_FILE.read_text())["ns_per_element"]


def cost_measurement() -> dict:
    """How and where the costs were measured (the file's header), for the page's label."""
    if not COST_FILE.is_file():
        return {}
    return {k: v for k, v in json.loads(COST_FILE.read_text()).items() if k != "ns_per_element"}


def slope_jumps(f_prime, lo: float = -NEAR, hi: float = NEAR) -> list[float]:
    """Where f' jumps (its one-sided limits differ) between lo and hi: the grid holds every
    corner of the zoo, so a jump is a grid point."""
    x = GRID[(GRID > lo) & (GRID < hi)]
    jumps = np.abs(f_prime(x + 1e-9) - f_prime(x - 1e-9))
    return [float(v) for v in x[jumps >= 1e-6]]


def _row(e: Entry, costs: dict[str, float]) -> Row:
    lower, lower_reached = _bound(e.f, -1)
    upper, upper_reached = _bound(e.f, +1)
    fp_grid = e.f_prime(np.concatenate([GRID, GRID - 1e-9, GRID + 1e-9]))
    steepest, steepest_at, steepest_reached = _steepest(e.f_prime)
    return Row(
        entry=e,
        lower=lower,
        lower_reached=lower_reached,
        upper=upper,
        upper_reached=upper_reached,
        mean=_normal_mean(e.f),
        monotonic=bool(np.all(fp_grid >= 0)),
        smooth=not slope_jumps(e.f_prime),
        slope_left=float(e.f_prime(-ONE_SIDED)),
        slope_right=float(e.f_prime(ONE_SIDED)),
        steepest=steepest,
        steepest_at=steepest_at,
        steepest_reached=steepest_reached,
        minimum=_minimum(e.f, e.f_prime),
        saturates=_saturates(e.f_prime),
        cost_ns=costs.get(e.key),
    )


@cache
def rows() -> tuple[Row, ...]:
    costs = _costs()
    return tuple(_row(e, costs) for e in ENTRIES)


# ---------------------------------------------------------------- as text


MINUS = "\u2212"


def number(v: float, places: int = PLACES) -> str:
    """Up to `places` decimals; a whole number without any (1, not 1.0); infinity as a sign."""
    if np.isinf(v):
        return ("" if v > 0 else MINUS) + "\u221e"
    text = decimals(v, places)
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace("-", MINUS)


def interval(r: Row) -> str:
    left = "[" if r.lower_reached else "("
    right = "]" if r.upper_reached else ")"
    return f"{left}{number(r.lower)}, {number(r.upper)}{right}"


def cells(r: Row) -> dict[str, str]:
    """The table's text for one row, column by column."""
    if abs(r.slope_left - r.slope_right) < 1e-9:
        slope0 = number(r.slope_right)
    else:
        slope0 = f"corner: {number(r.slope_left)} left, {number(r.slope_right)} right"
    if not r.steepest_reached:
        steep = f"\u2192 {number(r.steepest)} (not reached)"
    elif r.steepest_at is None:
        steep = number(r.steepest)
    else:
        steep = f"{number(r.steepest)} at {number(r.steepest_at, 3)}"
    dip = "none" if r.minimum is None else (f"{number(r.minimum[1])} at {number(r.minimum[0])}")
    zero_centred = abs(r.mean) < 1e-9
    return {
        "range": interval(r),
        "mean": number(0.0 if zero_centred else r.mean, 3),
        "zero_centred": "yes" if zero_centred else "no",
        "monotonic": "yes" if r.monotonic else "no",
        "smooth": "yes" if r.smooth else "no",
        "slope0": slope0,
        "steepest": steep,
        "minimum": dip,
        "saturates": r.saturates,
        "cost": "\u2014" if r.cost_ns is None else f"{r.cost_ns:.1f}",
        "formula": f"${r.entry.tex}$",
        "used": r.entry.used,
    }


# The three tables of the zoo page: what each function does to the values, to the gradients,
# and where it is used. Column key -> header.
TABLES = {
    "shape": {
        "formula": "$f(x)$",
        "range": "range",
        "mean": "mean for $\\operatorname{N}(0, 1)$ inputs",
        "zero_centred": "zero-centred",
        "monotonic": "monotonic",
        "smooth": "smooth",
        "minimum": "minimum (where)",
    },
    "gradients": {
        "slope0": "$f'(0)$",
        "steepest": "largest $\\lvert f' \\rvert$ (where)",
        "saturates": "$f' \\to 0$ on the",
        "cost": "ns per element (measured)",
    },
    "uses": {"used": "used today"},
}


# ---------------------------------------------------------------- the independent check


def _fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def check_row(r: Row, shown: dict[str, str]) -> list[str]:
    """Every number the table shows for this row, against a second method that uses f alone:
    a dense grid for the minimum, one-sided finite differences for f'(0), finite differences on
    a dense grid for the largest slope, the trapezoid rule for the mean, f far out for the range.
    Returns the disagreements (empty when the row is right)."""
    f = r.entry.f
    problems = []

    def agree(column: str, text: str, value: float, tol: float):
        if not np.isfinite(value):
            ok = text.endswith("\u221e") and (text.startswith(MINUS) == (value < 0))
        else:
            stated = float(text.replace(MINUS, "-"))
            # A whole number stands for itself; a decimal for its last place's half-width.
            half = 0.5 * 10.0 ** -len(text.split(".")[1]) if "." in text else 0.0
            ok = abs(stated - value) <= half + tol
        if not ok:
            problems.append(
                f"{r.entry.name}, {column}: the table shows {text}, "
                f"the independent check gives {value:.6g}"
            )

    x = np.linspace(-12, 12, 2_400_001)
    y = f(x)
    # Range: the ends from f far out and the dense grid.
    lo_text, hi_text = shown["range"][1:-1].split(", ")
    far_lo = min(float(f(-1e6)), float(y.min()))
    far_hi = max(float(f(1e6)), float(y.max()))
    agree("range (low end)", lo_text, far_lo if far_lo > -1e4 else -np.inf, 1e-6)
    agree("range (high end)", hi_text, far_hi if far_hi < 1e4 else np.inf, 1e-6)
    # Mean: trapezoid rule on the grid.
    mean = float(np.trapezoid(y * np.exp(-x * x / 2) / np.sqrt(2 * np.pi), x))
    agree("mean", shown["mean"], mean, 1e-6)
    if (shown["zero_centred"] == "yes") != (abs(mean) < 1e-6):
        problems.append(
            f"{r.entry.name}, zero-centred: the table shows {shown['zero_centred']}, "
            f"the mean is {mean:.3g}"
        )
    # f'(0): one-sided differences of f.
    h = 1e-7
    left, right = (f(0.0) - f(-h)) / h, (f(h) - f(0.0)) / h
    if shown["slope0"].startswith("corner"):
        parts = shown["slope0"].removeprefix("corner: ").split(", ")
        agree("f'(0) from the left", parts[0].split(" ")[0], left, 1e-5)
        agree("f'(0) from the right", parts[1].split(" ")[0], right, 1e-5)
    else:
        agree("f'(0)", shown["slope0"], _fd(f, 0.0), 1e-5)
    # Largest slope: finite differences of f on the dense grid.
    slopes = np.abs(np.diff(y) / np.diff(x))
    steep = float(slopes.max())
    if "not reached" in shown["steepest"]:
        steep = max(steep, abs(float(_fd(f, 1e3))), abs(float(_fd(f, -1e3))))
        agree("largest |f'|", shown["steepest"].split(" ")[1], steep, 1e-4)
    else:
        agree("largest |f'|", shown["steepest"].split(" ")[0], steep, 1e-4)
    # Minimum: the dense grid's lowest point, where f comes back up.
    if shown["minimum"] != "none":
        value_text, _, where_text = shown["minimum"].partition(" at ")
        i = int(np.argmin(y))
        agree("minimum", value_text, float(y[i]), 1e-9)
        agree("minimum's place", where_text, float(x[i]), 2e-5)
    elif np.any((np.diff(y)[:-1] < -1e-15) & (np.diff(y)[1:] > 1e-15)):
        problems.append(f"{r.entry.name}: the table shows no minimum, but f dips and comes back")
    return problems
