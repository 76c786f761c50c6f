"""GradientsByDepth: its curves are the experiment's medians, its captions' claims hold in the
core, and its final frame holds the curves."""

from __future__ import annotations

import gradient_depth
import numpy as np

import style
from framecheck import assert_final_frame_shows
from numeric import measured
from numeric.activations import ZOO


def test_curves_are_the_medians_relative_to_layer_10():
    for activation in measured.BACKWARD_ACTIVATIONS:
        for init in measured.BACKWARD_INITS:
            run = measured.backward()[measured.run_name(activation, init)]
            s = gradient_depth.shares(activation, init)
            assert s[-1] == 1.0
            assert s[0] == run["delta_first_over_last"]["median"] or np.isclose(
                s[0], np.asarray(run["delta_std"]["median"])[0] / run["delta_std"]["median"][-1]
            )
            # Every point inside the axes' range.
            assert np.all(
                (np.log10(s) > gradient_depth.Y_MIN) & (np.log10(s) < gradient_depth.Y_MAX)
            )


def test_caption_claims():
    share = gradient_depth.shares
    # Sigmoid: a tiny fraction under all three initialisations.
    assert all(share("sigmoid", i)[0] < 1e-4 for i in measured.BACKWARD_INITS)
    # tanh: standard loses most, Xavier less, He keeps it; ReLU the same order.
    for a in ("tanh", "relu"):
        assert share(a, "standard")[0] < share(a, "xavier")[0] < share(a, "he")[0]
        assert 0.7 < share(a, "he")[0] < 1.3
    # SELU: grows a little with Xavier (in every seed), much more with He.
    xavier = measured.backward()["selu-xavier"]["delta_first_over_last"]
    assert 1 < xavier["low"] and xavier["high"] < 2
    assert share("selu", "he")[0] > 2 * share("selu", "xavier")[0]
    # With He every activation but the sigmoid stays within a factor of ten at every layer.
    for a in ("tanh", "relu", "selu", "gelu"):
        assert np.all(np.abs(np.log10(share(a, "he"))) < 1)


def test_final_frame_shows_the_curves_and_which_colour_is_which(site_build):
    # The key names every activation in its own colour at full strength, beside the faded curves.
    video = site_build.root / site_build.scene("GradientsByDepth")["video"]
    colours = [style.ACTIVATION_COLOURS[a] for a in measured.BACKWARD_ACTIVATIONS]
    assert_final_frame_shows(video, (*colours, style.TEXT))


def test_the_key_names_every_activation_in_its_colour():
    key = gradient_depth.activation_key()
    assert [row[1].original_text for row in key] == [
        ZOO[a].name for a in measured.BACKWARD_ACTIVATIONS
    ]
    for row, a in zip(key, measured.BACKWARD_ACTIVATIONS):
        assert row[0].get_stroke_color().to_hex().lower() == style.ACTIVATION_COLOURS[a].lower()
