"""Every number the article states is one the numeric core computes.

Three checks read the Markdown under docs/:
- a table of claims: a pattern in the text and the core's value it must equal;
- every decimal number and every percentage anywhere in a page (prose, maths, alt text, tables)
  must equal, at the precision it is written with, one of the values the core computes: a number
  edited by hand and out of step with the core fails;
- the worked example's table, cell by cell, against numeric.chain.run(EXAMPLE).
A self-test feeds the checker a page with one digit changed and expects it to be caught.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

import figures
from numeric import training
from numeric.activations import SIGMOID_PRIME_PEAK, sigmoid, sigmoid_prime, significant_band
from numeric.chain import EXAMPLE, balanced_chain, bound_per_layer, bound_sequence, run
from numeric.formatting import percent

DOCS = Path(__file__).resolve().parent.parent / "docs"
CHAPTER = DOCS / "chapters" / "sigmoid"
# Chapter 1, in reading order: the article of the draft, one section a page.
ARTICLE = [CHAPTER / name for name in
           ("index.md", "definition.md", "vanishing-gradient.md", "vanishing-gradient-example.md",
            "not-zero-centred.md")]
MINUS = "\u2212"


def pages() -> list[Path]:
    """The book's own text: the landing page and the chapters (not the licence or downloads)."""
    return sorted([DOCS / "index.md", *DOCS.glob("chapters/**/*.md")])


def text_of(path) -> str:
    """A page's text; for a list of pages (the article), their texts joined in reading order."""
    if isinstance(path, list):
        return "\n".join(text_of(p) for p in path)
    return path.read_text(encoding="utf-8")


def where(offset: int) -> str:
    """page:line of an offset into text_of(ARTICLE)."""
    for page in ARTICLE:
        text = text_of(page) + "\n"
        if offset < len(text):
            return f"{page.relative_to(DOCS)}:{text.count(chr(10), 0, offset) + 1}"
        offset -= len(text)
    return "article"


# ---------------------------------------------------------------- what the core computes


def known_values() -> dict[str, float]:
    """Every value the pages may state, by name, computed now by the core."""
    p = run(EXAMPLE)
    X, y, linear, network = figures.boundary_models()
    lo, hi = significant_band()
    values = {
        "sigma(0)": sigmoid(0.0),
        "peak": SIGMOID_PRIME_PEAK,
        "band.lo": lo,
        "band.hi": hi,
        "sigma'(3)": sigmoid_prime(3.0),
        "sigma'(6)": sigmoid_prime(6.0),
        "y_hat": p.y_hat,
        "loss": p.loss,
        "dL/dy_hat": p.dL_dyhat,
        "accuracy.linear": linear.accuracy(X, y),
        "accuracy.network": network.accuracy(X, y),
    }
    for k, b in enumerate(bound_sequence(3)):
        values[f"bound^{k}"] = b
    for w in (1.0, 8.0):
        values[f"shrink(10 layers, w={w:g})"] = _shrink(10, w)
    for k in range(EXAMPLE.depth):
        n = k + 1
        values.update({
            f"w{n}": EXAMPLE.weights[k], f"b{n}": EXAMPLE.biases[k],
            f"z{n}": p.z[k], f"a{n}": p.a[k], f"sigma'(z{n})": p.sigma_prime[k],
            f"dL/dz{n}": p.dL_dz[k], f"dL/dw{n}": p.dL_dw[k], f"share{n}": p.shrink()[k],
        })
    values["x"], values["y"] = EXAMPLE.x, EXAMPLE.y
    return values


# ---------------------------------------------------------------- claims in words


def _balanced_growth(depth: int, w: float) -> float:
    chain = balanced_chain(depth, w)
    p = run(chain)
    return p.dL_dz[0] * chain.weights[0] / p.dL_dyhat


def _shrink(depth: int, w: float) -> float:
    """|dL/dz_1| / |dL/dy_hat| for a chain with every z at 0 (what GradientsShrinkBackward plots)."""
    return run(balanced_chain(depth, w)).shrink()[0]


@dataclass(frozen=True)
class Claim:
    pattern: str
    check: object  # callable(match) -> bool
    why: str


CLAIMS = [
    Claim(r"peaks at (\d\.\d+)", lambda m: float(m[1]) == SIGMOID_PRIME_PEAK,
          "the derivative's peak"),
    Claim(r"approximately between -(\d+) and \+(\d+)",
          lambda m: int(m[1]) == int(m[2]) == round(significant_band()[1]),
          "the significance band, rounded"),
    Claim(r"\\sigma'\(3\) \\approx (0\.\d+)\$ is already less than a\s+fifth of the peak",
          lambda m: sigmoid_prime(3.0) < SIGMOID_PRIME_PEAK / 5,
          "sigma'(3) under a fifth of the peak"),
    Claim(r"\\sigma'\(6\) \\approx (0\.\d+)\$ is about a hundredth of it",
          lambda m: abs(sigmoid_prime(6.0) / SIGMOID_PRIME_PEAK - 0.01) < 0.001,
          "sigma'(6) about a hundredth of the peak"),
    Claim(r"0\.25 \\cdot 0\.25 \\cdot 0\.25\s*\\;=\\;\s*(0\.\d+)",
          lambda m: float(m[1]) == bound_sequence(3)[3] == SIGMOID_PRIME_PEAK ** 3,
          "the three-layer product"),
    Claim(r"After just (\d+) layers", lambda m: int(m[1]) == EXAMPLE.depth, "the example's depth"),
    Claim(r"at most \$0\.25\^(\d)\$, only about (\d+\.\d)%",
          lambda m: int(m[1]) == EXAMPLE.depth and f"{100 * bound_sequence(3)[3]:.1f}" == m[2],
          "the bound as a percentage"),
    Claim(r"\$\|w_k\| > (\d+)\$ the factor can exceed 1",
          lambda m: float(m[1]) * SIGMOID_PRIME_PEAK == 1.0, "explosion needs |w| above 1 / 0.25"),
    Claim(r"every weight equal to\s+(\d+), each layer multiplies the gradient by \$(\d+) \\cdot 0\.25 = (\d+)\$",
          lambda m: m[1] == m[2] and bound_per_layer(float(m[1])) == float(m[3])
          and _balanced_growth(1, float(m[1])) == pytest.approx(float(m[3])),
          "the exploding factor per layer"),
    Claim(r"(\w+) layers back from the output,\s+\$\\partial L / \\partial z_1\$ is \$0\.25 \\cdot 2\^\{(\d+)\} = (\d+)\$ "
          r"times \$\\partial L / \\partial \\hat\{y\}\$,\s+where weights equal to 1 would have shrunk it to "
          r"\$0\.25\^\{(\d+)\} \\approx (\d\.\d+) \\times 10\^\{(-\d+)\}\$",
          lambda m: WORDS[m[1]] == int(m[2]) + 1 == int(m[4])
          and _shrink(int(m[4]), 8.0) == pytest.approx(0.25 * 2 ** int(m[2])) == float(m[3])
          and _shrink(int(m[4]), 1.0) == pytest.approx(0.25 ** int(m[4]))
          and abs(_shrink(int(m[4]), 1.0) - float(m[5]) * 10.0 ** int(m[6])) <= 0.005 * 10.0 ** int(m[6]),
          "the exploding and the vanishing chain of ten layers, as the video shows them"),
    Claim(r"Take the input \$x = (\S+)\$, the target \$y = (\S+)\$",
          lambda m: (float(m[1]), float(m[2])) == (EXAMPLE.x, EXAMPLE.y), "the example's input and target"),
    Claim(r"\$w_1 = (\S+)\$, \$w_2 = (\S+)\$, \$w_3 = (\S+)\$",
          lambda m: tuple(float(v) for v in m.groups()) == EXAMPLE.weights, "the example's weights"),
    Claim(r"\$b_1 = (\S+)\$, \$b_2 = (\S+)\$, \$b_3 = (\S+)\$",
          lambda m: tuple(float(v) for v in m.groups()) == EXAMPLE.biases, "the example's biases"),
    Claim(r"first layer receives about (\d+\.\d)% of\s+the output's gradient, less than the bound of about (\d+\.\d)%",
          lambda m: f"{100 * run(EXAMPLE).shrink()[0]:.1f}" == m[1]
          and f"{100 * bound_sequence(3)[3]:.1f}" == m[2] and run(EXAMPLE).shrink()[0] < bound_sequence(3)[3],
          "the example's share against the bound"),
    Claim(r"Every \$\\sigma'\(z_k\)\$ sits below the peak 0\.25",
          lambda m: max(run(EXAMPLE).sigma_prime) < SIGMOID_PRIME_PEAK, "the example's sigma' below the peak"),
    Claim(r"the best straight line gets (\d+)% of the points right",
          lambda m: percent(_accuracy("linear"), sep="") == f"{m[1]}%", "the linear model's accuracy"),
    Claim(r"network with (\w+) hidden layers? of (\w+) sigmoid neurons, trained on the same points, bends its"
          r"\s+boundary between the moons and gets (\d+)% of them right",
          lambda m: training.NETWORK["hidden"] == (WORDS[m[2]],) * WORDS[m[1]]
          and percent(_accuracy("network"), sep="") == f"{m[3]}%", "the network's shape and accuracy"),
]


WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10}


def _accuracy(which: str) -> float:
    X, y, linear, network = figures.boundary_models()
    return (linear if which == "linear" else network).accuracy(X, y)


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.why for c in CLAIMS])
def test_claim(claim: Claim):
    text = text_of(ARTICLE)
    matches = list(re.finditer(claim.pattern, text))
    assert matches, f"the article no longer states {claim.why!r} (pattern {claim.pattern!r})"
    for m in matches:
        assert claim.check(m), f"{where(m.start())}: {m[0]!r} disagrees with the core ({claim.why})"


# ---------------------------------------------------------------- every number on the pages

NUMBER = re.compile(r"(?<![\w.])([-\u2212]?)(\d+\.\d+|\d+)(%?)(?![\w.]*\d)")
SCIENTIFIC = re.compile(r"([-\u2212]?)(\d+\.\d+) \\times 10\^\{(-?\d+)\}")


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def stated_numbers(text: str):
    """(line, token, value, decimals, is_percent) for every decimal number and percentage.

    TeX's scientific notation "9.54 \\times 10^{-7}" is one number; its decimals count in units of
    its power of ten."""
    for m in SCIENTIFIC.finditer(text):
        sign, digits, power = m.groups()
        decimals = len(digits.split(".")[1]) - int(power)
        value = float(digits) * 10.0 ** int(power) * (-1 if sign else 1)
        yield _line(text, m.start()), m[0], value, decimals, False
    text = SCIENTIFIC.sub(lambda m: " " * len(m[0]), text)
    for m in NUMBER.finditer(text):
        sign, digits, pct = m.groups()
        if "." not in digits and not pct:
            continue  # integers (layer counts, indices, steps) are checked by the claims above
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        value = float(digits) * (-1 if sign else 1)
        yield _line(text, m.start()), m[0], value, decimals, bool(pct)


def unexplained_numbers(text: str, known: dict[str, float]) -> list[str]:
    values = np.array(list(known.values()))
    problems = []
    for line, token, value, decimals, pct in stated_numbers(text):
        scale = 100.0 if pct else 1.0
        half_ulp = 0.5 * 10.0 ** -decimals * (1 + 1e-9)
        candidates = values * scale
        if not pct:
            # A decimal may be written without its sign ("0.25", "between -3 and +3").
            candidates = np.r_[candidates, -candidates] if token[0] not in "-\u2212" else candidates
        if not np.any(np.abs(candidates - value) <= half_ulp):
            problems.append(f"line {line}: {token!r} is not a number the core computes")
    return problems


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_stated_number_is_computed(page: Path):
    problems = unexplained_numbers(text_of(page), known_values())
    assert not problems, f"{page.relative_to(DOCS)}:\n" + "\n".join(problems)


def test_the_article_states_numbers_at_all():
    tokens = [t for _, t, *_ in stated_numbers(text_of(ARTICLE))]
    assert len(tokens) >= 30, tokens


def test_a_number_edited_by_hand_is_caught():
    text = text_of(ARTICLE)
    known = known_values()
    assert not unexplained_numbers(text, known)
    for original, edited in [("0.2014", "0.2041"), ("20.1%", "21.1%"), ("0.015625", "0.015652"),
                             ("0.7204", "0.7240"), ("9.54 \\times", "9.45 \\times")]:
        assert original in text
        problems = unexplained_numbers(text.replace(original, edited, 1), known)
        assert any(edited.split(" ")[0] in p for p in problems), (original, edited)


# ---------------------------------------------------------------- the worked example's table

COLUMNS = {
    "$z_k$": "z",
    "$a_k$": "a",
    "$\\sigma'(z_k)$": "sigma_prime",
    "$\\partial L / \\partial z_k$": "dL_dz",
    "share of $\\partial L / \\partial a_3$": "share",
}


def worked_table(text: str) -> tuple[list[str], list[list[str]]]:
    lines = [ln for ln in text.splitlines() if ln.startswith("| layer $k$")]
    assert len(lines) == 1, "the worked example's table (header '| layer $k$ ...') is missing"
    rows = text.split(lines[0], 1)[1].splitlines()[2:]  # skip the rest of the header line and the rule
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    body = []
    for row in rows:
        if not row.startswith("|"):
            break
        body.append([c.strip() for c in row.strip("|").split("|")])
    return header, body


def _number(cell: str) -> tuple[float, int, bool]:
    cell = cell.replace(MINUS, "-")
    pct = cell.endswith("%")
    digits = cell.rstrip("%")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return float(digits), decimals, pct


def test_worked_example_table_matches_the_core():
    header, body = worked_table(text_of(ARTICLE))
    assert header[0] == "layer $k$" and set(header[1:]) == set(COLUMNS), header
    p = run(EXAMPLE)
    series = {"z": p.z, "a": p.a, "sigma_prime": p.sigma_prime, "dL_dz": p.dL_dz, "share": p.shrink()}
    assert sorted(int(r[0]) for r in body) == list(range(1, EXAMPLE.depth + 1))
    for row in body:
        k = int(row[0])
        for name, cell in zip(header[1:], row[1:]):
            value, decimals, pct = _number(cell)
            expected = series[COLUMNS[name]][k - 1] * (100 if pct else 1)
            assert abs(value - expected) <= 0.5 * 10 ** -decimals + 1e-12, \
                f"layer {k}, column {name}: the page says {cell}, the core computes {expected:.6g}"
    # The values (not the shares) carry four significant digits, so the check above is meaningful.
    assert all(len(re.sub(r"\D", "", c).lstrip("0")) >= 4 for r in body for c in r[1:] if not c.endswith("%")), body


# ---------------------------------------------------------------- embeds


def test_every_embedded_figure_exists():
    missing = []
    for page in pages():
        for n, line in enumerate(text_of(page).splitlines(), start=1):
            for name in re.findall(r"\]\(figure:([^)\s]+)\)", line):
                if name not in figures.FIGURES:
                    missing.append(f"{page.relative_to(DOCS)}:{n}: figure:{name}")
    assert not missing, missing


def test_the_article_embeds_its_scenes_and_figures():
    text = text_of(ARTICLE)
    for scene in ("LinearLayersCollapse", "SigmoidBendsThePlane", "GradientsShrinkBackward",
                  "PositiveInputsZigZag"):
        assert text.count(f"](scene:{scene})") == 1, scene
    for name in figures.FIGURES:
        assert text.count(f"](figure:{name})") == 1, name
    # Every embed has alt text and stands alone on its line.
    for n, line in enumerate(text.splitlines(), start=1):
        if "](scene:" in line or "](figure:" in line:
            assert re.fullmatch(r"!\[[^\]]{20,}\]\((scene|figure):[\w-]+\)", line), f"line {n}: {line[:60]}"
