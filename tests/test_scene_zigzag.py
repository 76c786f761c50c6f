"""PositiveInputsZigZag: its numbers (recomputed here), its geometry and its final frame."""

import numpy as np
import pytest
import zigzag as S

import style
from framecheck import assert_final_frame_shows
from numeric import weight_updates as U

SCENE = "PositiveInputsZigZag"


def sgd_here(kind):
    """The SGD run recomputed from scratch with numpy: same draws, order, start and step size."""
    h = np.random.default_rng(U.INPUT_SEED).normal(0.0, 1.0, (U.N_EXAMPLES, 2))
    X = 1 / (1 + np.exp(-h)) if kind == "positive" else np.tanh(h)
    y = 1 / (1 + np.exp(-(X @ np.array([2.0, -2.0]))))
    rng = np.random.default_rng(U.ORDER_SEED)
    w = U.START.astype(float).copy()
    path, updates = [w.copy()], []
    while True:
        for i in rng.permutation(U.N_EXAMPLES):
            z = X[i] @ w
            p = 1 / (1 + np.exp(-z))
            step = -U.LEARNING_RATE * (p - y[i]) * p * (1 - p) * X[i]
            w = w + step
            path.append(w.copy())
            updates.append(step)
            if np.hypot(*(w - np.array([2.0, -2.0]))) < U.TOLERANCE:
                return np.array(path), np.array(updates)
        assert len(updates) < U.MAX_STEPS


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
    assert S.ratio_text() == f"{pos / zc:.1f}"


def test_same_sign_fractions(runs):
    for kind in U.KINDS:
        _, up = runs[kind]
        frac = np.mean(np.sign(up[:, 0]) == np.sign(up[:, 1]))
        assert S.same_sign_text(kind) == f"{100 * frac:.0f} %"
    assert S.same_sign_text("positive") == "100 %"


def test_parameter_texts():
    assert S.learning_rate_text() == f"{U.LEARNING_RATE:g}"
    assert S.tolerance_text() == f"{U.TOLERANCE:g}"


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
        prob = U.problem(kind)
        for line in S.contours(kind):
            W = (corners(line)[:, :2] - S.PANEL_CENTRES[kind][:2]) * inv + middle
            L = prob.loss(W)
            level = S.CONTOUR_LEVELS[np.argmin(np.abs(np.log(S.CONTOUR_LEVELS) - np.log(np.median(L))))]
            assert np.allclose(L, level, rtol=0.05)


def test_quadrants_are_the_one_sign_directions():
    p = np.array([0.4, -0.3, 0.0])
    for square in S.quadrants_at(p):
        offset = square.get_center() - p
        assert offset[0] * offset[1] > 0


# ---- the render -------------------------------------------------------------------------------


def test_final_frame_shows_the_paths_and_the_verdict(site_build):
    video = site_build.root / site_build.scene(SCENE)["video"]
    assert_final_frame_shows(video, (style.WEIGHT, style.LOSS, style.TEXT, style.GRADIENT))
