"""SigmoidBendsThePlane: its numbers, its geometry and its final frame."""

import numpy as np
import pytest
import space_bending as S

import style
from framecheck import assert_final_frame_shows
from numeric import training as T

SCENE = "SigmoidBendsThePlane"


def forward(X):
    """The trained network recomputed here, with numpy alone."""
    (W1, b1), (w2, b2) = [(layer.W, layer.b) for layer in S.NET.layers]
    Z = X @ W1.T + b1
    A = 1.0 / (1.0 + np.exp(-Z))
    p = 1.0 / (1.0 + np.exp(-(A @ w2.T + b2)[:, 0]))
    return Z, A, p


def straightness(P) -> float:
    """Largest distance of points from the chord through the first and last point."""
    P = np.asarray(P)[:, :2]
    d = P[-1] - P[0]
    n = np.array([-d[1], d[0]]) / np.linalg.norm(d)
    return float(np.max(np.abs((P - P[0]) @ n)))


# ---- the numbers on screen -------------------------------------------------------------------


def test_scene_shows_the_core_network():
    X, y, net = T.example()
    assert np.array_equal(S.X, X) and np.array_equal(S.Y, y) and S.NET is net


def test_architecture_text():
    shapes = [layer.W.shape for layer in S.NET.layers]
    assert S.architecture_text() == " → ".join(map(str, [shapes[0][1]] + [s[0] for s in shapes]))
    assert S.architecture_text() == "2 → 2 → 1"


def test_accuracy_text():
    _, _, p = forward(S.X)
    assert S.accuracy_text() == f"{100 * np.mean((p > 0.5) == (S.Y == 1)):.0f} %"
    assert S.accuracy_text() == "100 %"


def test_stretch_text():
    W = S.LAYER.W
    eig = np.sort(np.linalg.eigvalsh(W.T @ W))[::-1]
    assert S.stretch_text() == (f"{np.sqrt(eig[0]):.1f}", f"{np.sqrt(eig[1]):.1f}")


def test_zoom_text_matches_the_drawn_distances():
    a, b = S.X[0], S.X[-1]
    za, zb = S.LAYER.affine(np.array([a, b]))
    d_input = np.linalg.norm(np.diff(S.VIEWS["input"](np.array([a, b])), axis=0))
    d_affine = np.linalg.norm(np.diff(S.VIEWS["affine"](np.array([za, zb])), axis=0))
    # The same data segment, in scene units, before and after, divided by its true stretch.
    stretch = np.linalg.norm(zb - za) / np.linalg.norm(b - a)
    assert (d_input * stretch / d_affine) == pytest.approx(S.zoom_factor())
    assert S.zoom_text() == f"{S.zoom_factor():.1f}"


def test_the_affine_step_says_it_mirrors_exactly_when_det_w1_is_negative():
    (a, b), (c, d) = S.LAYER.W
    assert ("mirrors" in S.affine_verbs()) == (a * d - b * c < 0)
    assert S.affine_verbs().startswith("turns, stretches, shears")


def test_saturated_share_recomputed_here():
    _, A, _ = forward(S.X)
    on_edge = np.mean(np.any((A < 0.02) | (A > 0.98), axis=1))
    assert S.saturated_text() == f"{100 * on_edge:.0f} %"
    assert S.edge_text() == "2 %"
    assert np.array_equal(S.saturated_mask(), np.any((A < 0.02) | (A > 0.98), axis=1))


def test_the_scene_s_zoom_is_the_core_s_and_at_most_2x():
    """One zoom: the one the scene prints and draws (test above) is the one the sweep bounds
    (it was 2.3x on screen while the core measured 3.1x, and 6.0x before that)."""
    assert S.zoom_factor() == T.readability(S.NET, S.X, S.Y).zoom
    assert S.zoom_factor() <= T.MAX_ZOOM == 2.0


def test_at_most_a_fifth_of_the_points_sit_on_the_square_s_edge():
    _, A, _ = forward(S.X)
    assert np.mean(np.any((A < 0.02) | (A > 0.98), axis=1)) <= 0.2


def test_the_two_grid_families_have_different_colours():
    """Every grid line is drawn (a subpath of one of the grid's paths), in its family's colour."""
    colours, drawn = {}, 0
    for path in S.grid_at("input"):
        for line in path.get_subpaths():
            family = "across" if np.ptp(line[:, 1]) < 1e-9 else "up"
            colours.setdefault(family, set()).add(path.get_stroke_color().to_hex().upper())
            drawn += 1
    assert drawn == len(S.grid_samples())
    assert colours["across"] == {style.GRID_ACROSS.upper()} and colours["up"] == {
        style.GRID.upper()
    }


def test_every_point_is_drawn_in_its_class_colour_at_every_stage():
    colours = (style.CLASS_A, style.CLASS_B)
    for kind in S.KINDS:
        P = S.staged(S.X)[kind]
        for c, cloud in enumerate(S.dots_at(kind)):
            centres = np.array([dot.mean(axis=0) for dot in cloud.get_subpaths()])
            assert np.allclose(centres, P[S.Y == c], atol=1e-6)
            assert cloud.get_fill_color().to_hex().upper() == colours[c].upper()


def test_the_hidden_plane_axes_are_labelled_and_the_saturated_piles_named(own_media_dir):
    a1, a2 = S.square_axes_labels()
    square = S.unit_square()
    assert a1.get_center()[1] < square.get_bottom()[1] and a2.get_center()[0] < square.get_left()[0]
    piles = S.saturated_labels()
    assert len(piles) >= 1
    for label in piles:  # outside the square, beside it
        assert (
            label.get_left()[0] > square.get_right()[0]
            or label.get_right()[0] < square.get_left()[0]
        )


def test_threshold_tex():
    assert S.threshold_tex() == "p = 0.5"
    B = S.NET.decision_boundary(S.BOX)
    assert np.allclose(forward(B)[2], 0.5)


# ---- the geometry that moves ------------------------------------------------------------------


def test_stages_are_the_real_maps():
    P = np.array([[0.3, -1.2], [2.0, 0.7], [-2.5, 1.9]])
    Z, A, _ = forward(P)
    st = S.staged(P)
    assert np.allclose(st["input"], S.VIEWS["input"](P))
    assert np.allclose(st["affine"], S.VIEWS["affine"](Z))
    assert np.allclose(st["sigmoid"], S.VIEWS["sigmoid"](A))


def test_affine_keeps_grid_lines_straight_and_sigmoid_bends_the_tilted_ones():
    bent = 0
    for samples in S.grid_samples():
        st = S.staged(samples)
        assert straightness(st["input"]) < 1e-9
        assert straightness(st["affine"]) < 1e-6
        bent += straightness(st["sigmoid"]) > 0.3
    assert bent >= len(S.grid_samples()) // 2
    # The affine plane's axes are axis-parallel: under the sigmoid they stay straight.
    for group in S.z_axes().values():
        for dashed in group:
            assert straightness(dashed.points) < 1e-6


def test_all_data_lands_in_the_unit_square():
    corners = S.VIEWS["sigmoid"](np.array([[0, 0], [1, 1]]))
    P = S.staged(S.X)["sigmoid"]
    assert np.all(P[:, :2] > corners[0, :2]) and np.all(P[:, :2] < corners[1, :2])


def test_boundary_is_straight_in_the_hidden_plane_and_curved_in_the_input():
    B = S.NET.decision_boundary(S.BOX)
    st = S.staged(B)
    assert straightness(st["sigmoid"]) < 1e-6
    assert straightness(st["input"]) > 1.0
    # It separates the data: the classes lie on opposite sides of the hidden-plane line.
    w, c = S.NET.output_line()
    _, A, _ = forward(S.X)
    assert np.all((A @ w + c > 0) == (S.Y == 1))


def test_layer_is_invertible():
    assert abs(np.linalg.det(S.LAYER.W)) > 1.0


def test_everything_fits_the_frame():
    from manim import config

    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    for kind in ("input", "sigmoid"):
        P = S.staged(S.X)[kind]
        assert np.all(np.abs(P[:, 0]) < half_w - 0.2) and np.all(np.abs(P[:, 1]) < half_h - 0.2)
    P = S.staged(S.X)["affine"]
    assert np.all(np.abs(P[:, 0]) < half_w) and np.all(np.abs(P[:, 1]) < half_h)


# ---- the render -------------------------------------------------------------------------------


@pytest.fixture
def own_media_dir(tmp_path):
    """Text and MathTex write their SVGs under manim's media_dir: keep them out of the repository."""
    from manim import tempconfig

    with tempconfig({"media_dir": str(tmp_path)}):
        yield


def test_final_frame_shows_the_moons_and_the_boundary(site_build):
    video = site_build.root / site_build.scene(SCENE)["video"]
    assert_final_frame_shows(video, (style.CLASS_A, style.CLASS_B, style.BOUNDARY, style.TEXT))
