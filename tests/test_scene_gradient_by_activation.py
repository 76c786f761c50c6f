"""GradientsThroughDepth: its curves are the core's medians and bands, its captions' claims hold
in the core, and its final frame shows the three activations and the key."""

from __future__ import annotations

import gradient_by_activation as S
import numpy as np

import style
from framecheck import assert_final_frame_shows
from numeric import depth_by_activation as depth
from numeric.chain import bound_sequence


def test_the_network_is_the_issues():
    # 10 to 20 layers, at least 32 units wide, one named initialisation, three activations.
    assert 10 <= depth.SETUP["depth"] <= 20 and depth.SETUP["width"] >= 32
    assert depth.INIT == "orthogonal" and depth.ACTIVATIONS == ("sigmoid", "tanh", "relu")


def test_every_point_is_inside_the_axes():
    for activation in depth.ACTIVATIONS:
        s = depth.shares(activation)
        for v in (s["low"], s["median"], s["high"], depth.bound(activation)):
            assert np.all((np.log10(v) > S.Y_MIN) & (np.log10(v) <= S.Y_MAX))


def test_the_bound_line_is_chapter_ones_sequence():
    # Layer k receives at most 0.25^(n - k + 1): chapter 1's bound after n - k + 1 layers.
    n = depth.SETUP["depth"]
    assert np.allclose(depth.bound("sigmoid"), bound_sequence(n)[1:][::-1])


def test_caption_claims():
    # "just under the bound": below it, within a factor of two.
    assert 1 < depth.below_bound() < 2
    # "nothing forces a shrink" for tanh, yet it keeps most of each layer's gradient.
    assert depth.PEAK_SLOPE["tanh"] == 1 and depth.per_layer_factor("tanh") > 0.8
    # ReLU keeps less per layer than tanh, and about half its units are active.
    assert depth.per_layer_factor("sigmoid") < depth.per_layer_factor("relu")
    assert depth.per_layer_factor("relu") < depth.per_layer_factor("tanh")
    assert 0.45 < depth.typical_slope("relu") ** 2 < 0.55
    # The key's factors are the core's, rounded.
    for a in depth.ACTIVATIONS:
        assert float(S.factor_text(a)) == round(depth.per_layer_factor(a), 3)


def test_final_frame_shows_the_three_activations_and_the_key(site_build):
    video = site_build.root / site_build.scene("GradientsThroughDepth")["video"]
    colours = [style.ACTIVATION_COLOURS[a] for a in depth.ACTIVATIONS]
    assert_final_frame_shows(video, (*colours, style.MUTED, style.TEXT))
