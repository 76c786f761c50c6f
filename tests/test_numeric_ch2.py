"""Chapter 2's numeric core, each number against an independent method: closed forms, finite
differences, a from-scratch recomputation, a second way of counting."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from numeric import centring, rectifier_sources, rectifiers, regions, weight_updates
from numeric.activations import (
    SIGMOID_PRIME_PEAK,
    relu_prime,
    sigmoid,
    sigmoid_prime,
    tanh,
    tanh_prime,
)
from numeric.chain import (
    EXAMPLE,
    PEAK_SLOPE,
    TANH_EXAMPLE,
    TANH_SATURATED,
    Chain,
    bound_for,
    loss_at,
    premise_holds,
    run,
)

X = np.linspace(-8.0, 8.0, 3201)


# ---------------------------------------------------------------- tanh


def test_tanh_is_a_stretched_shifted_sigmoid():
    # tanh from its own definition, (e^x - e^-x) / (e^x + e^-x), against 2 sigma(2x) - 1.
    by_definition = (np.exp(X) - np.exp(-X)) / (np.exp(X) + np.exp(-X))
    assert np.allclose(2 * sigmoid(2 * X) - 1, by_definition, atol=1e-15)
    assert np.allclose(tanh(X), by_definition, atol=1e-15)


def test_tanh_slope_is_one_minus_tanh_squared_and_peaks_at_one_four_times_sigmoid():
    h = 1e-6
    finite = (tanh(X + h) - tanh(X - h)) / (2 * h)
    assert np.allclose(tanh_prime(X), finite, atol=1e-8)
    # The chain rule on 2 sigma(2x) - 1 gives 4 sigma'(2x): an independent closed form.
    assert np.allclose(tanh_prime(X), 4 * sigmoid_prime(2 * X), atol=1e-15)
    assert X[np.argmax(tanh_prime(X))] == 0.0
    assert PEAK_SLOPE["tanh"] == tanh_prime(0.0) == 1.0 == 4 * SIGMOID_PRIME_PEAK


# ---------------------------------------------------------------- the chain, redone with tanh


def test_the_tanh_chain_changes_the_activation_alone_and_keeps_the_premise():
    assert replace(TANH_EXAMPLE, activation="sigmoid") == EXAMPLE
    assert premise_holds(TANH_EXAMPLE)
    assert bound_for(TANH_EXAMPLE) == 1.0


@pytest.mark.parametrize("chain", [TANH_EXAMPLE, TANH_SATURATED], ids=["example", "saturated"])
def test_tanh_chain_gradients_match_finite_differences(chain):
    p = run(chain)
    h = 1e-6
    for k in range(chain.depth):
        up, down = list(chain.weights), list(chain.weights)
        up[k] += h
        down[k] -= h
        finite = (
            loss_at(Chain(chain.x, chain.y, tuple(up), chain.biases, "tanh"))
            - loss_at(Chain(chain.x, chain.y, tuple(down), chain.biases, "tanh"))
        ) / (2 * h)
        # Central differences of a loss near 0.05 carry a rounding error of about 1e-11.
        assert p.dL_dw[k] == pytest.approx(finite, rel=1e-6, abs=1e-10)
    assert all(s <= bound_for(chain) for s in p.shrink())


def test_tanh_keeps_more_of_the_gradient_but_still_saturates():
    assert run(TANH_EXAMPLE).shrink()[0] > 10 * run(EXAMPLE).shrink()[0]
    assert TANH_SATURATED.weights[1:] == TANH_EXAMPLE.weights[1:]
    assert run(TANH_SATURATED).z[0] == pytest.approx(5.0)
    assert run(TANH_SATURATED).shrink()[0] < 1e-3 * run(TANH_EXAMPLE).shrink()[0]


def test_an_unknown_chain_activation_is_refused():
    with pytest.raises(ValueError, match="activation"):
        Chain(1.0, 1.0, (1.0,), (0.0,), "relu")


# ---------------------------------------------------------------- the zig-zag, tanh and ReLU inputs


@pytest.mark.parametrize("source", ["tanh", "relu"])
def test_the_two_kinds_differ_by_a_shift_alone(source):
    pos = weight_updates.problem("positive", source=source).X
    cen = weight_updates.problem("zero_centred", source=source).X
    shift = pos - cen
    assert np.allclose(shift, shift[0, 0])
    assert (pos >= 0).all()
    # The centring constant is the mean of f(h), h ~ N(0, 1), by numerical integration.
    h = np.linspace(-12, 12, 200_001)
    f = {"tanh": np.tanh, "relu": lambda v: np.maximum(v, 0)}[source]
    mean = np.trapezoid(f(h) * np.exp(-h * h / 2) / math.sqrt(2 * math.pi), h)
    assert weight_updates.SOURCES[source][2] == pytest.approx(mean, abs=1e-9)
    assert abs(cen.mean()) < 0.1  # the sample is centred, up to its own noise


@pytest.mark.parametrize("source", ["tanh", "relu"])
def test_each_side_has_its_best_step_inside_the_grid_and_centring_wins(source):
    for kind in weight_updates.KINDS:
        sw = centring.sweep(kind, source)
        assert sw.step_sizes[0] < sw.best < sw.step_sizes[-1], (kind, sw.best)
        assert centring.result(kind, source=source).arrived == 1.0
    assert centring.median_ratio(source) > 1.5


def test_the_vectorised_runs_match_one_path_at_a_time():
    seed, lr = centring.REPORT_SEEDS[0], centring.best_step_size("positive", "tanh")
    path = weight_updates.sgd_path(
        weight_updates.problem("positive", seed=seed, source="tanh"),
        lr=lr,
        order_seed=centring.order_seed(seed),
        max_steps=centring.CAP,
    )
    steps = centring.steps_to_converge("positive", (seed,), lr, source="tanh")
    assert steps[0] == path.steps


# ---------------------------------------------------------------- ReLU at 0


def test_relu_slope_at_zero_is_what_the_frameworks_return():
    assert relu_prime(0.0) == 0.0
    for name, (value, source) in rectifier_sources.RELU_AT_ZERO.items():
        assert value == relu_prime(0.0), name
        assert source.where.startswith("https://"), name


# ---------------------------------------------------------------- rectifier networks


@pytest.mark.parametrize("kind", rectifiers.KINDS)
def test_backprop_matches_finite_differences(kind):
    X, y = rectifiers.dataset()
    nets, _ = rectifiers.train(kind, 0.1, (3,), epochs=2)
    zs, acts = rectifiers.forward(nets, X)
    _, gW, gb, ga = rectifiers.backward(nets, zs, acts, y[None])
    h = 1e-6
    rng = np.random.default_rng(0)
    params = [(nets.W, gW), (nets.b, gb)] + ([(nets.slopes, ga)] if kind == "prelu" else [])
    for store, grads in params:
        for layer in range(len(store)):
            for _ in range(3):
                idx = tuple(rng.integers(0, n) for n in store[layer].shape)
                old = store[layer][idx]
                store[layer][idx] = old + h
                up = rectifiers.bce(nets, X, y)[0]
                store[layer][idx] = old - h
                down = rectifiers.bce(nets, X, y)[0]
                store[layer][idx] = old
                assert grads[layer][idx] == pytest.approx((up - down) / (2 * h), abs=1e-7)


def test_a_dead_relu_unit_is_negative_on_every_example_and_never_moves_again():
    X, y = rectifiers.dataset()
    nets, _ = rectifiers.train("relu", 2.0, (0,))
    dead = rectifiers.dead(nets, X, y)[0]
    assert dead.any()
    assert np.array_equal(dead, rectifiers.silent(nets, X)[0])
    # One more epoch of training leaves every dead unit's weights and bias exactly as they were.
    before = nets.copy()
    order = rectifiers.batch_order(99, len(X), 1)
    for idx in order:
        zs, acts = rectifiers.forward(nets, X[idx][None])
        _, gW, gb, _ = rectifiers.backward(nets, zs, acts, y[idx][None])
        for layer in range(len(nets.W)):
            nets.W[layer] -= 2.0 * gW[layer]
            nets.b[layer] -= 2.0 * gb[layer]
    sizes = [len(b[0]) for b in nets.b[:-1]]
    for layer, (lo, hi) in enumerate(zip(np.cumsum([0, *sizes[:-1]]), np.cumsum(sizes))):
        gone = dead[lo:hi]
        assert np.array_equal(nets.W[layer][0][gone], before.W[layer][0][gone])
        assert np.array_equal(nets.b[layer][0][gone], before.b[layer][0][gone])


def test_comebacks_of_the_shown_run_counted_unit_by_unit():
    per_layer, last_back, settled = rectifiers.comebacks()
    _, dead, silent = rectifiers.timeline("relu")
    came_back, last = set(), 0
    for t in range(1, len(dead)):
        for i in range(dead.shape[1]):
            if dead[t - 1, i] and not dead[t, i]:
                came_back.add(i)
                last = t
    first = rectifiers.HIDDEN[0]
    assert per_layer == (
        sum(i < first for i in came_back),
        sum(i >= first for i in came_back),
    )
    assert last_back == last
    assert all((dead[t] == dead[-1]).all() for t in range(settled, len(dead)))
    assert not (dead[settled - 1] == dead[-1]).all()
    # A first-layer unit that came back was dead only through the units above it: its inputs
    # are the data, so one negative on every example could not have.
    for i in came_back:
        if i < first:
            assert not (dead[:, i] & silent[:, i]).any()


@pytest.mark.parametrize("lr", [2.0, 3.0])
def test_a_run_at_chance_answers_the_same_for_every_point(lr):
    # The page reads "50%" as "the same answer for every point": retrain and look at the answers.
    X, y = rectifiers.dataset()
    with np.errstate(all="ignore"):
        nets, _ = rectifiers.train("relu", lr, rectifiers.SEEDS)
        logits = rectifiers.forward(nets, X)[0][-1][..., 0]
    constant = np.all(logits > 0, axis=1) | np.all(logits <= 0, axis=1)
    at_chance = [r["accuracy"] == 0.5 for r in rectifiers.rows_of("relu", lr)]
    assert y.mean() == 0.5
    assert constant.tolist() == at_chance and any(at_chance)


def test_a_relu_run_that_lost_every_unit_has_a_silent_second_layer():
    # Dead by our count (no gradient) but not by CS231n's (never active): the first-layer units
    # that still fire sit below a second layer that never does.
    X, y = rectifiers.dataset()
    seeds = [r["seed"] for r in rectifiers.rows_of("relu", 2.0) if r["dead"] == 1.0]
    with np.errstate(all="ignore"):  # a dead network's output saturates on the way
        nets, _ = rectifiers.train("relu", 2.0, seeds)
    first = rectifiers.HIDDEN[0]
    assert seeds and rectifiers.dead(nets, X, y).all()
    silent = rectifiers.silent(nets, X)
    assert silent[:, first:].all()
    assert (~silent[:, :first]).any(axis=1).all()  # and some first-layer units still fire


@pytest.mark.parametrize("lr", [1.5, 2.0])
def test_pairs_join_the_runs_of_one_seed(lr):
    pairs = rectifiers.paired(lr)
    leaky = {r["seed"]: r for r in rectifiers.rows_of("leaky_relu", lr)}
    relu = {r["seed"]: r for r in rectifiers.rows_of("relu", lr)}
    kept = [s for s in rectifiers.SEEDS if not (leaky[s]["diverged"] or relu[s]["diverged"])]
    assert pairs.tolist() == [[leaky[s]["silent"], relu[s]["dead"]] for s in kept]
    assert len(kept) < len(rectifiers.SEEDS)  # a run that blew up leaves its twin out too


def test_sleepers_that_woke_in_the_leaky_twin_counted_unit_by_unit():
    per_layer, last_wake, settled = rectifiers.comebacks("leaky_relu", which="silent")
    _, dead, silent = rectifiers.timeline("leaky_relu")
    assert not dead.any()
    woke = [
        (t, i)
        for t in range(1, len(silent))
        for i in range(silent.shape[1])
        if silent[t - 1, i] and not silent[t, i]
    ]
    first = rectifiers.HIDDEN[0]
    units = {i for _, i in woke}
    assert per_layer == (sum(i < first for i in units), sum(i >= first for i in units))
    assert last_wake == max(t for t, _ in woke)
    assert all((silent[t] == silent[-1]).all() for t in range(settled, len(silent)))
    assert not (silent[settled - 1] == silent[-1]).all()


def test_unit_slopes_are_the_stored_runs_and_their_spread_is_counted_unit_by_unit():
    lr = 0.3
    slopes = rectifiers.unit_slopes(lr)
    rows = rectifiers.rows_of("prelu", lr)
    for k, layer in enumerate(slopes):  # the retrained runs are the sweep's: same medians
        assert np.median(layer, axis=1) == pytest.approx([r["slopes"][k] for r in rows], rel=1e-12)
    for layer, spread in zip(slopes, rectifiers.slope_spread(lr)):
        units = [a for run_ in layer for a in run_]
        moved = sum(1 for a in units if a > 0.35 or a < 0.15) / len(units)
        assert spread["moved"] == pytest.approx(moved)
        assert spread["negative"] == sum(a < 0 for a in units) / len(units)
        assert (spread["min"], spread["max"]) == (min(units), max(units))


def test_leaky_units_are_never_dead():
    X, y = rectifiers.dataset()
    nets, _ = rectifiers.train("leaky_relu", 1.0, (0, 1))
    assert not rectifiers.dead(nets, X, y).any()


@pytest.mark.parametrize(
    "kind, lr", [("relu", 2.0), ("leaky_relu", 2.0), ("prelu", 0.3), ("relu", 0.01)]
)
def test_the_stored_sweep_is_what_the_code_computes(kind, lr):
    seeds = rectifiers.SEEDS[:3]
    fresh = rectifiers.run_config(kind, lr, seeds)
    stored = [r for r in rectifiers.rows_of(kind, lr) if r["seed"] in seeds]
    assert len(stored) == len(fresh)
    for a, b in zip(stored, fresh):
        for key, value in a.items():
            if isinstance(value, float):
                assert b[key] == pytest.approx(value, rel=1e-9, abs=1e-12), key
            elif isinstance(value, list):
                assert b[key] == pytest.approx(value, rel=1e-9), key
            else:
                assert b[key] == value, key


def test_the_sweep_covers_every_configuration_with_enough_seeds():
    rows = rectifiers.stored_sweep()
    for lr in rectifiers.LEARNING_RATES:
        for kind in rectifiers.KINDS:
            assert len(rectifiers.rows_of(kind, lr)) == len(rectifiers.SEEDS) >= 10
    assert len(rows) == len(rectifiers.LEARNING_RATES) * len(rectifiers.KINDS) * 10


# ---------------------------------------------------------------- linear regions


def test_regions_counted_two_ways_agree():
    pieces = regions.exact_regions()
    exact = {p.pattern for p in pieces}
    assert len(exact) == len(pieces) == regions.count()  # one convex piece per pattern
    x0, x1, y0, y1 = regions.BOX
    assert sum(regions.area(p.polygon) for p in pieces) == pytest.approx((x1 - x0) * (y1 - y0))
    coarse, fine = regions.grid_patterns(0.02), regions.grid_patterns(0.005)
    assert coarse <= fine <= exact  # a grid only finds regions that exist...
    assert fine == exact  # ...and a fine one finds them all


def test_regions_over_seeds_counted_two_ways_agree():
    """The spread over seeds: every seed's network cut exactly, and again by a fine grid."""
    nets = regions.networks()
    counts = regions.counts_over_seeds()
    assert list(counts) == list(regions.SEEDS) and len(counts) >= 10
    x0, x1, y0, y1 = regions.BOX
    for i, seed in enumerate(regions.SEEDS):
        one = regions.one_of(nets, i)
        pieces = regions.exact_regions(one)
        exact = [p.pattern for p in pieces]
        # The pieces tile the box, one per pattern, each where the network has its pattern...
        assert len(set(exact)) == len(exact) == counts[seed]
        assert sum(regions.area(p.polygon) for p in pieces) == pytest.approx((x1 - x0) * (y1 - y0))
        centres = np.array([p.polygon.mean(axis=0) for p in pieces])
        assert [tuple(p) for p in regions.patterns(centres, one)] == exact
        # ...and the grid finds no region the cutting missed (only slivers thinner than it).
        assert regions.grid_patterns(regions.FINE_STEP, one) <= set(exact)
    i = regions.SEEDS.index(regions.SEED)
    single = regions.network()
    assert all(np.array_equal(W[i], w[0]) for W, w in zip(nets.W, single.W))


def test_the_boundary_has_one_straight_piece_per_region_it_crosses():
    """Counted again on the fine grid: the regions where the output logit takes both signs."""
    nets = regions.network()
    points = regions.grid(regions.FINE_STEP)
    keys = [tuple(p) for p in regions.patterns(points, nets)]
    logit = rectifiers.forward(nets, points)[0][-1][0, :, 0]
    signs: dict[tuple, set] = {}
    for key, positive in zip(keys, logit > 0):
        signs.setdefault(key, set()).add(bool(positive))
    crossed = sum(len(s) == 2 for s in signs.values())
    assert crossed == regions.boundary_pieces()


def test_the_first_layer_alone_matches_the_line_arrangement_formula():
    n1 = regions.HIDDEN[0]
    first = {p.pattern[:n1] for p in regions.exact_regions()}
    assert len(first) == regions.first_layer_count()


def test_inside_a_region_the_network_is_one_affine_map():
    nets = regions.network()
    for piece in regions.exact_regions()[::10]:
        centre = piece.polygon.mean(axis=0)
        pts = centre + 0.25 * (piece.polygon - centre)  # points well inside the piece
        (W, b) = regions.layers(nets)[-1]
        affine = pts @ (W @ piece.A).T + W @ piece.c + b
        real = rectifiers.forward(nets, pts)[0][-1][0]
        assert np.allclose(affine, real, atol=1e-9)
