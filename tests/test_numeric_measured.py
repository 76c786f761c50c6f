"""Chapter 4's experiments against independent computations: a reduced rerun written apart from
the core (the lecture's loop in plain numpy), theory where it predicts (the quarter-circle law,
variance halving, the single-input closed form), Monte Carlo for the Gaussian integrals, finite
differences for the gradients; and the cache and the bytes."""

from __future__ import annotations

import json

import numpy as np
import pytest

from numeric import born_dead, gains, layer_speed, measured, result_cache
from numeric.activations import ZOO
from numeric.deep import propagate

# ---------------------------------------------------------------- (1) forward, CS231n


def lecture_loop(nonlinearity, scale, seed, n_examples=300, width=500, depth=10):
    """CS231n's own loop, written out: D = randn(N, 500); H = f(X @ (randn(500, 500) * scale))."""
    rng = np.random.default_rng(1000 + seed)
    f = {"tanh": np.tanh, "relu": lambda x: np.maximum(x, 0)}[nonlinearity]
    H = rng.standard_normal((n_examples, width))
    stds, saturated = [], []
    for _ in range(depth):
        H = f(H @ (rng.standard_normal((width, width)) * scale))
        stds.append(H.std())
        saturated.append(np.mean(np.abs(H) > 0.99))
    return np.array(stds), np.array(saturated)


SCALES = {"small": 0.01, "unit": 1.0, "lecun": 1 / np.sqrt(500), "he": np.sqrt(2 / 500)}


@pytest.mark.parametrize("activation, init", measured.FORWARD_RUNS)
def test_forward_statistics_reproduce_with_the_lectures_loop(activation, init):
    ours = measured.forward()[measured.run_name(activation, init)]
    runs = [lecture_loop(activation, SCALES[init], seed) for seed in range(3)]
    std = np.median([r[0] for r in runs], axis=0)
    sat = np.median([r[1] for r in runs], axis=0)
    # Different draws, smaller batches: the fresh medians inside our seeds' band, and close to
    # our medians (a finite width lets the spread drift by a random factor per layer).
    lo, hi = np.array(ours["a_std"]["low"]), np.array(ours["a_std"]["high"])
    assert np.all((std >= 0.97 * lo - 1e-9) & (std <= 1.03 * hi + 1e-9)), (std, lo, hi)
    np.testing.assert_allclose(ours["a_std"]["median"], std, rtol=0.15, atol=1e-6)
    if activation == "tanh":  # saturation is tanh's story: |a| > 0.99 means tanh' < 0.02
        np.testing.assert_allclose(ours["saturated"]["median"], sat, atol=0.02)


def test_forward_stories_hold_in_every_seed():
    f = measured.forward()
    small = np.array(f["tanh-small"]["a_std"]["high"])
    assert small[-1] < 1e-5 * small[0]  # collapse: ten layers shrink the spread 100 000 times
    assert min(f["tanh-unit"]["saturated"]["low"]) > 0.85  # saturation, in the worst seed too
    assert max(f["tanh-lecun"]["saturated"]["high"]) < 0.02
    # ReLU: variance 1/n halves the second moment per layer, 2/n keeps it (He et al. 2015).
    lecun = np.array(f["relu-lecun"]["a_std"]["median"])
    assert np.all(np.abs(lecun[1:] / lecun[:-1] - np.sqrt(0.5)) < 0.03)
    he = np.array(f["relu-he"]["a_std"]["median"])
    assert np.all(np.abs(he / he[0] - 1) < 0.1)


def test_histograms_are_shares_of_every_value():
    for name, run in measured.forward().items():
        assert len(run["histograms"]) == measured.CS231N["depth"]
        for h in run["histograms"]:
            assert sum(h) == pytest.approx(1.0), name


# ---------------------------------------------------------------- (2) backward, Glorot and Bengio


@pytest.mark.parametrize("init", ["standard", "xavier"])
def test_jacobian_singular_values_follow_the_quarter_circle_law(init):
    # A linear layer's Jacobian is W itself: its mean singular value is the law's.
    s = propagate("identity", init, depth=3, width=256, n_examples=4, jacobian_examples=1)
    predicted = measured.quarter_circle_mean(measured.INIT_SCALE[init])
    np.testing.assert_allclose(s.jacobian_sv, predicted, rtol=0.03)
    # tanh' <= 1 only shrinks the columns: tanh's mean sits a little below the linear one.
    tanh = measured.backward()[f"tanh-{init}"]["jacobian_sv_mean"]["median"]
    assert 0.8 * predicted < tanh < predicted


def test_singular_values_by_direct_jacobian():
    # Build the Jacobian of a_1 = tanh(x W) column by column with finite differences.
    rng = np.random.default_rng(5)
    W = rng.uniform(-1, 1, (20, 20)) / np.sqrt(20)
    x = rng.standard_normal(20)
    h = 1e-6
    J = np.array(
        [(np.tanh((x + h * e) @ W) - np.tanh((x - h * e) @ W)) / (2 * h) for e in np.eye(20)]
    )
    from numeric.deep import mean_singular_value

    slope = ZOO["tanh"].f_prime(x @ W)
    assert mean_singular_value(W, slope) == pytest.approx(
        np.mean(np.linalg.svd(J, compute_uv=False)), rel=1e-6
    )


def test_relu_with_he_keeps_the_backward_signal():
    b = measured.backward()
    he = b["relu-he"]["delta_first_over_last"]
    assert he["low"] < 1.3 and he["high"] > 0.7 and abs(he["median"] - 1) < 0.2
    assert b["sigmoid-xavier"]["delta_first_over_last"]["high"] < 1e-3


# ---------------------------------------------------------------- (3) Nielsen's speed per layer


def test_bias_gradients_match_finite_differences():
    rng = np.random.default_rng(2)
    sizes = (6, 5, 4, 3)
    X, Y = rng.random((7, 6)), np.eye(3)[rng.integers(0, 3, 7)]
    for activation in layer_speed.ACTIVATIONS:
        params = layer_speed.initial_parameters(rng, sizes)
        grads = layer_speed.gradients(params, X, Y, activation)
        for k in range(len(params)):
            for j in range(len(params[k][1])):
                e = np.zeros_like(params[k][1])
                e[j] = 1e-6

                def at(sign, k=k, e=e, params=params, activation=activation):
                    p = [(W, b + sign * e if i == k else b) for i, (W, b) in enumerate(params)]
                    return layer_speed.cost(p, X, Y, activation)

                numeric = (at(1) - at(-1)) / 2e-6
                assert grads[k][1][j] == pytest.approx(numeric, rel=1e-5, abs=1e-9)


def test_sigmoid_layers_learn_slower_the_further_from_the_output():
    r = layer_speed.results()["sigmoid"]
    X, Y = layer_speed.digits()
    # The stored medians against a fresh draw of two seeds at initialisation.
    fresh = [
        layer_speed.bias_speeds(
            layer_speed.initial_parameters(np.random.default_rng(s)), X, Y, "sigmoid"
        )
        for s in (100, 101, 102)
    ]
    for ours, again in zip(r["at_init"]["median"], np.median(fresh, axis=0)):
        assert abs(np.log(ours / again)) < np.log(1.6)
    low = np.array(r["at_init"]["high"])
    assert low[0] < r["at_init"]["low"][1] and low[1] < r["at_init"]["low"][2]  # every seed


# ---------------------------------------------------------------- (4) gains


@pytest.mark.parametrize("key", sorted(ZOO))
def test_second_moments_against_monte_carlo(key):
    z = np.random.default_rng(7).standard_normal(2_000_000)
    f = ZOO[key]
    assert gains.second_moment(key) == pytest.approx(np.mean(f.f(z) ** 2), rel=4e-3)
    assert gains.slope_moment(key) == pytest.approx(np.mean(f.f_prime(z) ** 2), rel=4e-3)


def test_relu_gain_is_sqrt_2_and_tanh_is_not_5_3():
    assert gains.forward_gain("relu") == pytest.approx(np.sqrt(2), rel=1e-9)
    t = gains.forward_gain("tanh")
    assert 1.59 < t < 1.6 and abs(t - 5 / 3) > 0.07


def test_gain_5_3_settles_where_a_simulated_network_does():
    # The forum's experiment, smaller: 10 tanh layers, Var(w) = (5/3)^2 / n.
    rng = np.random.default_rng(3)
    n = 400
    a = rng.standard_normal((400, n))
    for _ in range(10):
        a = np.tanh(a @ (rng.standard_normal((n, n)) * (5 / 3) / np.sqrt(n)))
    assert gains.tanh_story()["pytorch"]["a_std"] == pytest.approx(a.std(), rel=0.02)


# ---------------------------------------------------------------- (5) born dead


def test_born_dead_simulation_meets_the_closed_form():
    for width, run in born_dead.results().items():
        n = run["networks"]
        for sim, exact in zip(run["dead_at_one_input_pooled"], run["closed_form"]):
            se = np.sqrt(max(exact * (1 - exact), 1e-4) / n)
            assert abs(sim - exact) < 4 * se, (width, sim, exact)
        # Dead everywhere needs dead at the first point: never more likely.
        assert all(
            s <= o for s, o in zip(run["dead_on_set_pooled"], run["dead_at_one_input_pooled"])
        )


def test_born_dead_by_a_plain_loop():
    # One network at a time, its own random draws: width 3, depth 10, at one input.
    rng = np.random.default_rng(99)
    x = np.array([0.3, -1.2])
    dead = 0
    trials = 3000
    for _ in range(trials):
        a = x
        for _k in range(10):
            a = np.maximum(a @ (rng.standard_normal((len(a), 3)) * np.sqrt(2 / len(a))), 0)
        dead += not a.any()
    exact = born_dead.dead_at_one_input(3, 10)
    assert abs(dead / trials - exact) < 4 * np.sqrt(exact * (1 - exact) / trials)


# ---------------------------------------------------------------- cache and bytes


def test_results_are_byte_reproducible():
    first = result_cache.encode(result_cache.compute_quietly(born_dead.compute))
    assert first == result_cache.encode(result_cache.compute_quietly(born_dead.compute))


def test_cache_computes_once_and_again_when_the_code_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(result_cache, "CACHE", tmp_path)
    monkeypatch.setattr(result_cache, "_memory", {})
    calls = []

    def compute():
        calls.append(1)
        return {"x": [0.1, 1 / 3]}

    assert result_cache.cached("probe", compute) == {"x": [0.1, 1 / 3]}
    monkeypatch.setattr(result_cache, "_memory", {})
    assert result_cache.cached("probe", compute) == {"x": [0.1, 1 / 3]}
    assert len(calls) == 1  # the second came from the file
    (entry,) = tmp_path.glob("probe-*.json")
    assert json.loads(entry.read_bytes()) == {"x": [0.1, 1 / 3]}
    monkeypatch.setattr(result_cache, "source_key", lambda name: "changed")
    result_cache.cached("probe", compute)
    assert len(calls) == 2


def test_chance_cost_is_the_cost_of_answering_one_tenth():
    """layer_speed.chance_cost against layer_speed.cost of a network whose output layer says 0.1
    for every class of every image (its weights 0, its biases the logit of 0.1)."""
    X, Y = layer_speed.digits()
    params = layer_speed.initial_parameters(np.random.default_rng(0))
    W, _ = params[-1]
    params[-1] = (np.zeros_like(W), np.full(W.shape[1], np.log(0.1 / 0.9)))
    assert layer_speed.cost(params, X, Y, "sigmoid") == pytest.approx(layer_speed.chance_cost())


def test_sigmoid_saturated_counts_outputs_near_either_bound():
    a = np.array([0.005, 0.5, 0.995, 0.02, 0.98, 0.0099])
    assert measured.sigmoid_saturated(a) == pytest.approx(3 / 6)


def test_large_weights_buy_the_sigmoid_its_gradient_by_saturating_it():
    """Larger weights offset sigma' <= 0.25: the ratio delta_1 / delta_10 and the saturated
    share both rise with the gain, and the first gain that keeps the gradient in every seed
    is far above He's sqrt(2)."""
    r = measured.sigmoid_large_weights()
    ratios = [b["median"] for b in r["delta_first_over_last"]]
    saturated = [b["median"] for b in r["saturated"]]
    assert np.all(np.diff(ratios) > 0) and np.all(np.diff(saturated) > 0)
    kept = measured.sigmoid_gain_that_keeps_the_gradient()
    i = r["gains"].index(kept["gain"])
    assert r["delta_first_over_last"][i - 1]["low"] < 1 <= kept["delta_first_over_last"]["low"]
    assert kept["gain"] > 4 * np.sqrt(2)
