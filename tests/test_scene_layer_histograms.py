"""TanhLayersHistograms: the histograms and spreads it shows are the experiment's, checked
against an independent recomputation of the lecture's loop; its final frame holds the bars and
the numbers."""

from __future__ import annotations

import re

import layer_histograms
import numpy as np

import style
from framecheck import assert_final_frame_shows
from numeric import measured

SCENE = "TanhLayersHistograms"


def test_rows_are_the_three_tanh_runs_of_the_lecture():
    assert layer_histograms.ROWS == tuple(r for r in measured.FORWARD_RUNS if r[0] == "tanh")


def test_first_layer_histogram_against_a_fresh_draw():
    # Layer 1 of the lecture's loop, drawn apart from the core: same weights law, other draws.
    rng = np.random.default_rng(2024)
    x = rng.standard_normal((1000, 500))
    edges = np.asarray(layer_histograms.run("lecun")["edges"])
    a = np.tanh(x @ (rng.standard_normal((500, 500)) / np.sqrt(500)))
    fresh = np.histogram(np.clip(a, edges[0], edges[-1]), bins=edges)[0] / a.size
    assert np.abs(layer_histograms.shares("lecun", 1) - fresh).max() < 0.004


def test_bars_follow_the_shares():
    for init in ("small", "unit", "lecun"):
        for layer in (1, 10):
            group = layer_histograms.bars(init, layer, 0.0)
            s = layer_histograms.shares(init, layer)
            # One mobject, a subpath per bar.
            heights = np.array([np.ptp(bar[:, 1]) for bar in group.get_subpaths()])
            assert len(heights) == len(s)
            tallest = int(np.argmax(s))
            assert heights[tallest] == max(heights)
            assert np.allclose(
                heights[s > 0.05 * s.max()],
                (s / s.max() * layer_histograms.BAR_HEIGHT)[s > 0.05 * s.max()],
            )


def test_spreads_on_screen_are_the_medians():
    last = measured.CS231N["depth"]
    for init in ("small", "unit", "lecun"):
        text = layer_histograms.spread_tex(init, last)
        m = re.search(r"= ([\d.]+)(?: \\times 10\^\{(-\d+)\})?$", text)
        value = float(m[1]) * 10.0 ** int(m[2] or 0)
        assert abs(value / layer_histograms.spread(init, last) - 1) < 0.005, text


def test_final_frame_shows_the_bars_and_the_numbers(site_build):
    video = site_build.root / site_build.scene(SCENE)["video"]
    assert_final_frame_shows(video, (style.ACTIVATION_COLOURS["tanh"], style.TEXT))
