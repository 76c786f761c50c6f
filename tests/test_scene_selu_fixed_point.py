"""SeluFixedPointAttracts: its orbits recomputed by quadrature (scipy's quad of SELU against the
normal density, not the core's closed form), its deep-network lines by a plain numpy forward pass,
and its final frame."""

import numpy as np
import pytest
import selu_fixed_point as S
from scipy import integrate

import style
from numeric.activations import SELU_ALPHA, SELU_LAMBDA


def selu(z):
    return SELU_LAMBDA * np.where(z > 0, z, SELU_ALPHA * np.expm1(np.minimum(z, 0)))


def layer_by_quadrature(nu: float) -> tuple[float, float]:
    """A wide SELU layer, weights summing to 0 and squares to 1: z ~ N(0, nu) whatever the mean."""
    s = np.sqrt(nu)

    def moment(k):
        density = lambda z: np.exp(-z * z / (2 * nu)) / (s * np.sqrt(2 * np.pi))  # noqa: E731
        return sum(
            integrate.quad(lambda z: selu(z) ** k * density(z), lo, hi, epsabs=1e-13)[0]
            for lo, hi in ((-np.inf, 0), (0, np.inf))
        )

    mean = moment(1)
    return mean, moment(2) - mean * mean


def test_every_orbit_is_the_map_by_quadrature_and_closes_in_on_0_1():
    for orbit in S.ORBITS:
        assert len(orbit) == S.LAYERS + 1
        for before, after in zip(orbit[:-1], orbit[1:]):
            assert after == pytest.approx(layer_by_quadrature(before[1]), abs=1e-9)
        start, end = np.hypot(*(orbit[0] - (0, 1))), np.hypot(*(orbit[-1] - (0, 1)))
        assert end < start / 2
    assert (S.FIXED_MEAN, S.FIXED_VAR) == pytest.approx(layer_by_quadrature(1.0), abs=1e-9)
    assert S.point_text(S.FIXED_MEAN, S.FIXED_VAR) == "(0, 1)"
    assert S.power_text(-4) == "10\u207b\u2074" and S.power_text(0) == "1"


def test_the_starts_lie_on_both_sides_of_the_fixed_point():
    means, variances = np.array(S.STARTS).T
    assert means.min() < 0 < means.max() and variances.min() < 1 < variances.max()
    assert S.CONTRACTION < 1


def test_the_network_lines_are_a_plain_forward_pass():
    """Each seed's network rebuilt with numpy alone (the same draws as numeric.deep: inputs, then
    the weights), its spread per layer against the scene's."""
    depth, width, n = S.DEEP["depth"], S.DEEP["width"], S.DEEP["n_examples"]
    for activation, f, lines in (
        ("selu", selu, S.SELU_SPREADS),
        ("relu", lambda z: np.maximum(z, 0), S.RELU_SPREADS),
    ):
        per_seed = []
        for seed in S.DEEP_SEEDS:
            rng = np.random.default_rng(seed)
            a = rng.standard_normal((n, width))
            weights = [rng.standard_normal((width, width)) / np.sqrt(width) for _ in range(depth)]
            spreads = []
            for W in weights:
                a = f(a @ W)
                spreads.append(a.std())
            per_seed.append(spreads)
        np.testing.assert_allclose(
            lines, np.median(per_seed, axis=0), rtol=1e-9, err_msg=activation
        )
    # What the captions say: SELU stays near 1, ReLU falls by orders of magnitude.
    assert np.all(np.abs(S.SELU_SPREADS - 1) < 0.05)
    assert S.RELU_LAST < 10.0 ** (S.LOG_FLOOR + 1) and S.RELU_LAST > 10.0**S.LOG_FLOOR


def test_final_frame_shows_both_activations(site_build):
    from framecheck import assert_final_frame_shows

    video = site_build.root / site_build.scene("SeluFixedPointAttracts")["video"]
    assert_final_frame_shows(
        video, [style.ACTIVATION_COLOURS["selu"], style.ACTIVATION_COLOURS["relu"]]
    )
