"""Flaw #2: positive inputs restrict a neuron's updates to two quadrants (scenes/numeric/weight_updates.py)."""

import numpy as np
import pytest

from numeric import centring
from numeric import weight_updates as U


@pytest.fixture(scope="module")
def paths():
    return centring.representative_paths()


def test_inputs_are_positive_or_zero_centred():
    pos, zc = U.problem("positive"), U.problem("zero_centred")
    assert np.all(pos.X > 0)
    assert np.all(np.abs(zc.X.mean(axis=0)) < 0.1) and np.any(zc.X < 0)
    # Same draws behind both, shifted: the spread is the same.
    assert np.allclose(pos.X - zc.X, 0.5)


def test_per_example_gradient_matches_finite_differences():
    prob = U.problem("positive")
    rng = np.random.default_rng(5)
    for _ in range(20):
        w = rng.normal(0, 2, 2)
        i = rng.integers(len(prob.X))
        x, y = prob.X[i], prob.Y[i]
        h = 1e-6
        fd = [
            (U.example_loss(w + d, x, y) - U.example_loss(w - d, x, y)) / (2 * h)
            for d in (np.array([h, 0]), np.array([0, h]))
        ]
        assert np.allclose(U.per_example_gradient(w, x, y), fd, atol=1e-9)
    # The batched form gives the same rows.
    w = np.array([0.3, -0.7])
    rows = U.per_example_gradient(w, prob.X[:5], prob.Y[:5])
    assert np.allclose(
        rows, [U.per_example_gradient(w, x, y) for x, y in zip(prob.X[:5], prob.Y[:5])]
    )


def test_mean_loss_is_the_mean_of_example_losses_and_is_least_at_the_teacher():
    for kind in U.KINDS:
        prob = U.problem(kind)
        w = np.array([-0.4, 1.1])
        assert U.mean_loss(w, prob.X, prob.Y) == pytest.approx(
            np.mean([U.example_loss(w, x, y) for x, y in zip(prob.X, prob.Y)])
        )
        assert prob.loss(U.TEACHER) == pytest.approx(0.0, abs=1e-15)
        assert np.allclose(U.mean_gradient(U.TEACHER, prob.X, prob.Y), 0.0)


def test_positive_inputs_give_one_sign_per_example(paths):
    """Each example's gradient is a scalar times x > 0: both components share the sign."""
    prob = U.problem("positive")
    rng = np.random.default_rng(9)
    for w in rng.normal(0, 2, (50, 2)):
        g = U.per_example_gradient(w, prob.X, prob.Y)
        nonzero = np.all(g != 0, axis=1)
        assert np.all(U.same_sign(g[nonzero]))
    # ...but summed over the batch the signs can differ: somewhere along the SGD path the
    # full-batch gradient has components of opposite signs (CS231n's caveat).
    batch = np.array([U.mean_gradient(w, prob.X, prob.Y) for w in paths["positive"].weights])
    assert not np.all(U.same_sign(batch))


def test_every_positive_input_update_has_one_sign(paths):
    p = paths["positive"]
    assert np.all(U.same_sign(p.updates))
    assert p.same_sign_fraction == 1.0


def test_zero_centred_updates_take_both_signs(paths):
    f = paths["zero_centred"].same_sign_fraction
    assert 0.2 < f < 0.8


def test_paths_recompute_step_by_step(paths):
    seed = centring.representative_seed()
    for kind, path in paths.items():
        prob = U.problem(kind, seed=seed)
        lr = centring.best_step_size(kind)
        w = U.START.copy()
        for k, i in enumerate(path.examples):
            w = w - lr * U.per_example_gradient(w, prob.X[i], prob.Y[i])
            assert np.allclose(path.weights[k + 1], w)
        assert np.allclose(path.weights[0], U.START)
        assert np.allclose(np.diff(path.weights, axis=0), path.updates)


def test_both_converge_and_positive_needs_more_steps(paths):
    pos, zc = paths["positive"], paths["zero_centred"]
    assert pos.converged and zc.converged
    for p in (pos, zc):
        assert np.linalg.norm(p.end - U.TEACHER) < U.TOLERANCE
        assert np.all(np.linalg.norm(p.weights[:-1] - U.TEACHER, axis=1) >= U.TOLERANCE)
    assert pos.steps > zc.steps


@pytest.mark.parametrize("lr", [4.0, 8.0, 16.0])
def test_at_one_small_step_size_centring_alone_gains_nothing(lr):
    """The old framing (one step size for both) credited the mean with a gain it does not give."""
    pos = centring.steps_to_converge("positive", range(20), lr)
    zc = centring.steps_to_converge("zero_centred", range(20), lr)
    assert abs(np.median(pos) - np.median(zc)) / np.median(zc) < 0.1


def test_the_direct_route_is_forbidden():
    """From the start the minimum lies down and to the right: a direction with mixed signs."""
    assert not U.same_sign(U.TEACHER - U.START)
