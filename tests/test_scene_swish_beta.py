"""SwishFromLinearToRelu: its curves and numbers (recomputed here with plain numpy), and its final
frame."""

import numpy as np
import pytest
import swish_beta as S

import style


def swish(x, beta):
    return x / (1 + np.exp(-beta * x))


def test_the_sweep_runs_from_a_line_to_near_relu():
    assert S.SWISH_BETAS[0] == 0 and 1.0 in S.SWISH_BETAS and S.LAST >= 10
    np.testing.assert_allclose(swish(S.XS, 0.0), S.XS / 2)
    x = np.linspace(-60, 60, 1_200_001)
    gap = np.abs(swish(x, S.LAST) - np.maximum(x, 0)).max()
    assert S.GAP == pytest.approx(gap, rel=1e-6)


def test_the_steepest_slope_is_the_same_for_every_beta():
    x = np.linspace(-10, 10, 200_001)
    for beta in S.SWISH_BETAS[1:]:
        slope = np.gradient(swish(x, beta), x)
        top = slope[np.abs(x * beta) < 10].max()
        assert abs(top - S.STEEPEST) < 1e-4, beta
    assert S.STEEPEST > 1


def test_final_frame_shows_swish_and_relu(site_build):
    from framecheck import assert_final_frame_shows

    video = site_build.root / site_build.scene("SwishFromLinearToRelu")["video"]
    assert_final_frame_shows(video, [style.ACTIVATION_COLOURS["silu"]])
