"""GradientsShrinkBackward: every number it shows against an independent recomputation (a
forward pass written here, gradients by central finite differences), its render, its final frame.
"""

from __future__ import annotations

import math
import re

import pytest
import vanishing_gradient as vg
import webvtt

import style
from framecheck import assert_final_frame_shows
from numeric import chain
from numeric.formatting import percent, scientific_tex, scientific_text

SCENE = "GradientsShrinkBackward"
EPS = 1e-5


# ---- an independent forward pass and finite differences ------------------------------------


def forward(x, y, w, b):
    """z, a and the loss of the scalar sigmoid chain, written out from scratch."""
    z, a, prev = [], [], x
    for wk, bk in zip(w, b):
        z.append(wk * prev + bk)
        a.append(1.0 / (1.0 + math.exp(-z[-1])))
        prev = a[-1]
    return z, a, 0.5 * (a[-1] - y) ** 2


def loss(c: chain.Chain, w=None, b=None) -> float:
    return forward(c.x, c.y, c.weights if w is None else w, c.biases if b is None else b)[2]


def dL_dz(c: chain.Chain, k: int) -> float:
    """dL/dz_k (k from 1) = dL/db_k, by central differences."""
    b_hi, b_lo = list(c.biases), list(c.biases)
    b_hi[k - 1] += EPS
    b_lo[k - 1] -= EPS
    return (loss(c, b=b_hi) - loss(c, b=b_lo)) / (2 * EPS)


def dL_da(c: chain.Chain, k: int) -> float:
    """dL/da_k: moving a_k by e moves z_{k+1} by w_{k+1} e, as moving b_{k+1} by w_{k+1} e does."""
    w = c.weights[k]
    b_hi, b_lo = list(c.biases), list(c.biases)
    b_hi[k] += w * EPS
    b_lo[k] -= w * EPS
    return (loss(c, b=b_hi) - loss(c, b=b_lo)) / (2 * EPS)


def agrees(shown: str, value: float) -> bool:
    """The shown string is `value` rounded at its last digit (half a unit there, plus slack
    for the finite differences)."""
    s = shown.replace(r"\times 10^", "e").replace("{", "").replace("}", "").replace(" ", "")
    mantissa = s.split("e")[0]
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    scale = 10.0 ** (int(s.split("e")[1]) if "e" in s else 0)
    return abs(float(s) - value) <= (0.5 * 10.0**-decimals) * scale * (1 + 1e-3) + 1e-9


# ---- what the scene shows ------------------------------------------------------------------


def test_forward_values_on_screen():
    c = chain.EXAMPLE
    z, a, L = forward(c.x, c.y, c.weights, c.biases)
    expected = [c.x, z[0], a[0], z[1], a[1], z[2], a[2], L]
    shown = vg.forward_nodes()
    assert len(shown) == len(vg.NODES) == len(expected)
    for s, v in zip(shown, expected):
        assert agrees(s, v), (s, v)


def test_header_shows_the_example():
    c = chain.EXAMPLE
    nums = [float(s) for s in re.findall(r"-?\d+\.\d+", vg.header_tex())]
    assert nums == [c.x, c.y, *c.weights, *c.biases]


def test_backward_steps_match_finite_differences():
    c = chain.EXAMPLE
    z, a, _ = forward(c.x, c.y, c.weights, c.biases)
    dyhat = a[-1] - c.y
    # The walk: y_hat, then z3, a2, z2, a1, z1.
    expected = [dyhat, dL_dz(c, 3), dL_da(c, 2), dL_dz(c, 2), dL_da(c, 1), dL_dz(c, 1)]
    factors = [dyhat]
    for k in (3, 2, 1):
        s = 1 / (1 + math.exp(-z[k - 1]))
        factors.append(s * (1 - s))  # sigma'(z_k)
        if k > 1:
            factors.append(c.weights[k - 1])  # w_k
    steps = vg.backward_steps()
    assert [s["symbol"] for s in steps] == [
        r"\hat y - y",
        r"\sigma'(z_3)",
        "w_3",
        r"\sigma'(z_2)",
        "w_2",
        r"\sigma'(z_1)",
    ]
    assert [(s["src"], s["dst"]) for s in steps] == [(7, 6), (6, 5), (5, 4), (4, 3), (3, 2), (2, 1)]
    for s, g, f in zip(steps, expected, factors):
        assert agrees(s["grad_text"], g), (s["grad_text"], g)
        assert agrees(s["factor_text"], f), (s["factor_text"], f)
        assert math.isclose(s["ratio"], abs(g / dyhat), rel_tol=1e-6)
    # Each step's gradient is the previous one times the factor it writes.
    for prev, s in zip(steps, steps[1:]):
        assert math.isclose(s["grad"], prev["grad"] * s["factor"], rel_tol=1e-12)


def test_bound_row_is_the_drafts():
    assert vg.bound_row() == ("1", "0.25", "0.0625", "0.015625")
    assert [float(v) for v in vg.bound_row()] == [0.25**k for k in range(4)]


def test_real_row_matches_finite_differences():
    c = chain.EXAMPLE
    out = chain.run(c).dL_dyhat
    expected = [1.0] + [abs(dL_dz(c, k) / out) for k in (3, 2, 1)]
    for s, v in zip(vg.real_row(), expected):
        assert agrees(s, v), (s, v)
    # The real shares stay under the bound with the example's own weights: |w| sigma' <= |w|/4.
    bound = 1.0
    for k, v in zip((3, 2, 1), expected[1:]):
        bound *= 0.25 * (abs(c.weights[k]) if k < 3 else 1.0)
        assert v <= bound


@pytest.mark.parametrize("weight,per_layer", [(1.0, 0.25), (8.0, 2.0)])
def test_deep_series_matches_finite_differences(weight, per_layer):
    c = chain.balanced_chain(vg.DEEP, weight)
    out = forward(c.x, c.y, c.weights, c.biases)[1][-1] - c.y
    series = vg.deep_series(weight)
    assert len(series) == vg.DEEP + 1 and series[0] == 1.0
    for back in range(1, vg.DEEP + 1):
        k = vg.DEEP + 1 - back  # layer k is `back` layers from the output
        fd = abs(dL_dz(c, k) / out)
        assert math.isclose(series[back], fd, rel_tol=1e-4), (back, series[back], fd)
        assert math.isclose(series[back], 0.25 * per_layer ** (back - 1), rel_tol=1e-12)


def test_end_labels():
    assert agrees(scientific_tex(vg.deep_series(1.0)[-1]), 0.25**10)
    assert scientific_tex(vg.deep_series(1.0)[-1]) == r"9.54 \times 10^{-7}"
    assert scientific_tex(vg.deep_series(8.0)[-1]) == "128"


# ---- the render ----------------------------------------------------------------------------


def test_captions_carry_the_numbers(site_build):
    cues = webvtt.read(str(site_build.root / site_build.scene(SCENE)["captions"]))
    text = "\n".join(c.text for c in cues)
    for s in vg.backward_steps():
        assert s["grad_text"] in text
    assert percent(chain.run(chain.EXAMPLE).shrink()[0], 3) in text
    assert scientific_text(vg.deep_series(1.0)[-1]) in text


def test_final_frame_shows_both_series(site_build):
    video = site_build.root / site_build.scene(SCENE)["video"]
    assert_final_frame_shows(video, (style.GRADIENT, style.WEIGHT, style.TEXT, style.MUTED))


def test_every_gradient_is_named_by_the_node_it_belongs_to():
    # Under z nodes the walk leaves dL/dz_k, under a nodes dL/da_k, under y-hat dL/dy-hat.
    names = [vg.gradient_name(s["dst"]) for s in vg.backward_steps()]
    assert names == [
        r"\partial L / \partial \hat y",
        r"\partial L / \partial z_3",
        r"\partial L / \partial a_2",
        r"\partial L / \partial z_2",
        r"\partial L / \partial a_1",
        r"\partial L / \partial z_1",
    ]


def test_captions_name_each_gradient_and_the_explosions_premise(site_build):
    cues = webvtt.read(str(site_build.root / site_build.scene(SCENE)["captions"]))
    text = "\n".join(c.text for c in cues)
    for s in vg.backward_steps()[1:]:
        assert f"dL/d{vg.NODE_WORDS[s['dst']]} = {s['grad_text']}" in text
    assert "every z_k" in text and "saturate" in text
    assert "draft" not in text.lower()
