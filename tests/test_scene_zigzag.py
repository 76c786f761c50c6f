"""PositiveInputsZigZag: its numbers (recomputed here), its geometry and its final frame."""

import numpy as np
import pytest
import zigzag as S

import style
from framecheck import assert_final_frame_shows
from numeric import centring as C
from numeric import weight_updates as U

SCENE = "PositiveInputsZigZag"


def sgd_here(kind, seed=None, lr=None):
    """The SGD run recomputed from scratch with numpy: the seed's draws and order, the same start,
    the kind's own best step size; the centred inputs are the positive ones minus 1/2."""
    seed = C.representative_seed() if seed is None else seed
    lr = C.best_step_size(kind) if lr is None else lr
    h = np.random.default_rng(seed).normal(0.0, 1.0, (U.N_EXAMPLES, 2))
    X = 1 / (1 + np.exp(-h)) - (0.0 if kind == "positive" else 0.5)
    y = 1 / (1 + np.exp(-(X @ np.array([2.0, -2.0]))))
    rng = np.random.default_rng(C.ORDER_OFFSET + seed)
    w = U.START.astype(float).copy()
    path, updates = [w.copy()], []
    while True:
        for i in rng.permutation(U.N_EXAMPLES):
            z = X[i] @ w
            p = 1 / (1 + np.exp(-z))
            step = -lr * (p - y[i]) * p * (1 - p) * X[i]
            w = w + step
            path.append(w.copy())
            updates.append(step)
            if np.hypot(*(w - np.array([2.0, -2.0]))) < U.TOLERANCE:
                return np.array(path), np.array(updates)
        assert len(updates) < C.CAP


def corners(line) -> np.ndarray:
    """A polyline's corners: the first point of every cubic segment, and the last point."""
    pts = np.asarray(line.points)
    return np.vstack([pts[0::4], pts[-1:]])


@pytest.fixture(scope="module")
def runs():
    return {kind: sgd_here(kind) for kind in U.KINDS}


# ---- the numbers on screen -------------------------------------------------------------------


def test_teacher_is_the_one_the_captions_name():
    assert np.array_equal(U.TEACHER, [2.0, -2.0])
    assert S.vector_tex(U.TEACHER) == r"\left(2,\,-2\right)"
    assert S.vector_tex_plain(U.TEACHER) == "(2, -2)"


def test_step_counts(runs):
    for kind in U.KINDS:
        path, _ = runs[kind]
        assert S.steps_text(kind) == len(path) - 1
        assert np.allclose(S.PATHS[kind].weights, path)
    pos, zc = (len(runs[k][0]) - 1 for k in U.KINDS)
    assert pos > zc


def test_the_verdict_is_the_median_ratio_over_the_report_seeds_not_this_pair_s():
    ratios = [
        (len(sgd_here("positive", s)[0]) - 1) / (len(sgd_here("zero_centred", s)[0]) - 1)
        for s in C.REPORT_SEEDS
    ]
    assert S.ratio_text() == f"{np.median(ratios):.1f}"
    assert S.runs_text() == str(len(ratios)) and len(ratios) >= 50


def test_same_sign_fractions(runs):
    for kind in U.KINDS:
        _, up = runs[kind]
        frac = np.mean(np.sign(up[:, 0]) == np.sign(up[:, 1]))
        assert S.same_sign_text(kind) == f"{100 * frac:.0f} %"
    assert S.same_sign_text("positive") == "100 %"


def test_parameter_texts():
    assert S.tolerance_text() == f"{U.TOLERANCE:g}"
    for kind in U.KINDS:
        assert S.step_size_text(kind) == str(round(C.best_step_size(kind)))
    assert S.step_size_text("zero_centred") != S.step_size_text("positive")


# ---- the geometry ------------------------------------------------------------------------------


def test_drawn_path_is_the_core_path():
    for kind in U.KINDS:
        W = S.PATHS[kind].weights
        line = S.path_mobject(kind, len(W) - 1)
        assert np.allclose(corners(line), S.to_scene(kind, W))
        assert np.allclose(S.head_position(kind, len(W) - 1), S.to_scene(kind, W[-1])[0])


def test_paths_stay_in_their_panels():
    for kind in U.KINDS:
        W = S.PATHS[kind].weights
        assert np.all((W[:, 0] > S.W1_RANGE[0]) & (W[:, 0] < S.W1_RANGE[1]))
        assert np.all((W[:, 1] > S.W2_RANGE[0]) & (W[:, 1] < S.W2_RANGE[1]))


def test_contours_are_level_lines_of_the_real_loss():
    inv = 1 / S.scale()
    middle = np.array([sum(S.W1_RANGE) / 2, sum(S.W2_RANGE) / 2])
    for kind in U.KINDS:
        prob = U.problem(kind, seed=C.representative_seed())
        for line in S.contours(kind):
            W = (corners(line)[:, :2] - S.PANEL_CENTRES[kind][:2]) * inv + middle
            L = prob.loss(W)
            level = S.CONTOUR_LEVELS[
                np.argmin(np.abs(np.log(S.CONTOUR_LEVELS) - np.log(np.median(L))))
            ]
            assert np.allclose(L, level, rtol=0.05)


def test_each_panel_uses_at_least_40_percent_of_the_frame_width():
    from manim import config

    for kind in U.KINDS:
        assert S.frame_of(kind).width >= 0.4 * config.frame_width
    left, right = (S.frame_of(k) for k in U.KINDS)
    assert left.get_right()[0] < right.get_left()[0]  # side by side
    assert (
        right.get_right()[0] <= config.frame_width / 2
        and left.get_left()[0] >= -config.frame_width / 2
    )


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    c = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(c @ [0.2126, 0.7152, 0.0722])


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def over(fill: str, opacity: float, background: str) -> str:
    """The colour a translucent fill shows on the background (blended in sRGB, as Cairo does)."""
    f, b = (np.array([int(c[i : i + 2], 16) for i in (1, 3, 5)]) for c in (fill, background))
    return "#" + "".join(f"{round(v):02X}" for v in opacity * f + (1 - opacity) * b)


def test_contrast_helpers_against_known_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # WCAG's classic grey


def test_shaded_quadrants_and_contours_read_on_a_projector():
    """WCAG 1.4.11: graphical objects that carry meaning get at least 3:1 against the background."""
    square = S.quadrants_at(np.zeros(3))[0]
    shown = over(square.get_fill_color().to_hex(), square.get_fill_opacity(), style.BACKGROUND)
    assert contrast(shown, style.BACKGROUND) >= 3.0
    for line in S.contours("positive"):
        assert line.get_stroke_width() >= 4 and line.get_stroke_opacity() == 1.0
        assert contrast(line.get_stroke_color().to_hex(), style.BACKGROUND) >= 3.0


def test_quadrants_are_the_one_sign_directions():
    p = np.array([0.4, -0.3, 0.0])
    for square in S.quadrants_at(p):
        offset = square.get_center() - p
        assert offset[0] * offset[1] > 0


# ---- the render -------------------------------------------------------------------------------


def test_final_frame_shows_the_paths_and_the_verdict(site_build):
    video = site_build.root / site_build.scene(SCENE)["video"]
    assert_final_frame_shows(video, (style.WEIGHT, style.LOSS, style.TEXT, style.GRADIENT))
