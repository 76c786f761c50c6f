"""GatesAverageToGelu: its draws and averages (recomputed here with the standard library's erfc),
and its final frame."""

import math

import gelu_gate as S
import numpy as np

import style


def test_the_averages_are_the_seeded_draws_recomputed():
    rng = np.random.default_rng(S.SEED)
    u = rng.random((max(S.COUNTS), len(S.XS)))
    phi = np.array([0.5 * math.erfc(-x / math.sqrt(2)) for x in S.XS])
    draws = np.where(u < phi, S.XS, 0.0)
    for n, means in zip(S.COUNTS, S.MEANS):
        np.testing.assert_allclose(means, draws[:n].mean(axis=0), atol=1e-12)
    gelu = S.XS * phi
    assert S.LARGEST_GAP == np.abs(draws.mean(axis=0) - gelu).max()


def test_one_draw_is_x_or_zero_and_the_last_average_is_close():
    first = S.MEANS[0]
    assert np.all(np.isclose(first, S.XS) | (first == 0))
    first_gap = np.abs(first - S.XS * np.array([0.5 * math.erfc(-x / math.sqrt(2)) for x in S.XS]))
    assert S.LARGEST_GAP < first_gap.max() / 10
    assert S.count_tex(S.COUNTS[-1]).endswith(str(S.COUNTS[-1]))


def test_final_frame_shows_the_gelu_colour(site_build):
    from framecheck import assert_final_frame_shows

    video = site_build.root / site_build.scene("GatesAverageToGelu")["video"]
    assert_final_frame_shows(video, [style.ACTIVATION_COLOURS["gelu"]])
