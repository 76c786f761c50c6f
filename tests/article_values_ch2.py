"""Chapter 2's numbers (tanh and the ReLU family), computed by the numeric core: every decimal
and percentage its pages state must be one of these (tests/test_article.py reads them)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from numeric import (
    centring,
    depth_by_activation,
    rectifier_sources,
    rectifiers,
    regions,
    weight_updates,
)
from numeric.activations import (
    LEAKY_SLOPE,
    PRELU_INIT,
    SIGMOID_PRIME_PEAK,
    sigmoid_prime,
    tanh_prime,
)
from numeric.chain import (
    EXAMPLE,
    SATURATED,
    TANH_EXAMPLE,
    TANH_SATURATED,
    bound_for,
    run,
)

SOURCES = ("tanh", "relu")


# The chapter whose pages state these values (test_article.chapter_values).
PAGES = "chapters/relu-family"


@lru_cache(maxsize=1)
def above_chance(lr: float) -> list[float]:
    """The accuracies of the ReLU runs at `lr` that do better than a coin toss."""
    return [r["accuracy"] for r in rectifiers.rows_of("relu", lr) if r["accuracy"] > 0.5]


def all_dead(lr: float) -> list[dict]:
    """The ReLU runs at `lr` that ended with every hidden unit dead."""
    return [r for r in rectifiers.rows_of("relu", lr) if r["dead"] == 1.0]


def values() -> dict[str, float]:
    v = {
        "sigmoid_peak": SIGMOID_PRIME_PEAK,
        "tanh_peak": tanh_prime(0.0),
        "tanh'(5)": tanh_prime(5.0),
        "sigma'(5)": sigmoid_prime(5.0),
        "tanh'(2)": tanh_prime(2.0),
        "bound.tanh": bound_for(TANH_EXAMPLE),
        "bound.sigmoid": bound_for(EXAMPLE),
        "sigmoid.share1": run(EXAMPLE).shrink()[0],
        "sigmoid.sat.share1": run(SATURATED).shrink()[0],
        "leak": LEAKY_SLOPE,
        "prelu_init": PRELU_INIT,
        "cs231n": rectifier_sources.CS231N_DEAD,
        "he.prelu_top1_error": rectifier_sources.HE_PRELU_TOP1_ERROR,
        "he.top1_gain": rectifier_sources.HE_TOP1_GAIN,
        "he.conv1.shared": rectifier_sources.HE_CONV1_SLOPES[0],
        "he.conv1.channelwise": rectifier_sources.HE_CONV1_SLOPES[1],
    }
    for framework, (slope, _) in rectifier_sources.LEAKY_DEFAULTS.items():
        v[f"leak.default.{framework}"] = slope
    for prefix, chain in (("tanh.", TANH_EXAMPLE), ("tanh.sat.", TANH_SATURATED)):
        p = run(chain)
        v[f"{prefix}y_hat"], v[f"{prefix}loss"], v[f"{prefix}dL/dy_hat"] = (
            p.y_hat,
            p.loss,
            p.dL_dyhat,
        )
        for k in range(chain.depth):
            n = k + 1
            v.update(
                {
                    f"{prefix}z{n}": p.z[k],
                    f"{prefix}a{n}": p.a[k],
                    f"{prefix}f'(z{n})": p.sigma_prime[k],
                    f"{prefix}dL/dz{n}": p.dL_dz[k],
                    f"{prefix}share{n}": p.shrink()[k],
                }
            )
    for source in SOURCES:
        for kind in weight_updates.KINDS:
            r = centring.result(kind, source=source)
            v[f"zigzag.{source}.{kind}.median"] = r.median
            v[f"zigzag.{source}.{kind}.lr"] = r.lr
        v[f"zigzag.{source}.ratio"] = centring.median_ratio(source)
        v[f"zigzag.{source}.mean"] = weight_updates.SOURCES[source][2]
    for lr in rectifiers.LEARNING_RATES:
        v[f"lr.{lr}"] = lr
        for kind in rectifiers.KINDS:
            for field in ("dead", "silent", "accuracy"):
                med, lo, hi, _ = rectifiers.summary(kind, lr, field)
                v[f"{kind}.{lr}.{field}.median"] = med
                v[f"{kind}.{lr}.{field}.min"] = lo
                v[f"{kind}.{lr}.{field}.max"] = hi
    for lr in rectifiers.LEARNING_RATES:  # the runs a too-large step left above a coin toss
        better = above_chance(lr)
        if better and len(better) < len(rectifiers.SEEDS):
            v[f"relu.{lr}.above_chance.min"], v[f"relu.{lr}.above_chance.max"] = (
                min(better),
                max(better),
            )
    for row in all_dead(2.0):  # runs that lost every unit, counted as CS231n does
        v[f"relu.2.0.all_dead.seed{row['seed']}.silent"] = row["silent"]
    for lr in (1.5, 2.0):  # leaky networks beside their ReLU twins, seed by seed
        asleep, dead_twin = np.median(rectifiers.paired(lr), axis=0)
        v[f"paired.{lr}.leaky_relu.silent.median"] = asleep
        v[f"paired.{lr}.relu.dead.median"] = dead_twin
    v["relu.dead_at_start"] = rectifiers.summary("relu", 0.1, "dead_at_start")[0]
    for k, slope in enumerate(rectifiers.learned_slopes(PRELU_LR)):
        v[f"prelu.slope{k + 1}"] = slope
    for k, spread in enumerate(rectifiers.slope_spread(PRELU_LR)):
        v.update({f"prelu.slope{k + 1}.{name}": value for name, value in spread.items()})
    v["prelu.slope_moved"] = rectifiers.SLOPE_MOVED
    v["sparsity.start"], v["sparsity.end"] = rectifiers.zero_outputs()
    v.update(depth_values())
    x0, x1, y0, y1 = regions.BOX
    v.update({"box.x0": x0, "box.x1": x1, "box.y0": y0, "box.y1": y1})
    v["grid.coarse"], v["grid.fine"] = regions.COARSE_STEP, regions.FINE_STEP
    # A configuration where every run diverged has no median: it states nothing.
    return {k: float(val) for k, val in v.items() if val == val}


def depth_values() -> dict[str, float]:
    """The ReLU page's ten-layer network with the sigmoid, tanh and ReLU."""
    d = depth_by_activation
    v = {"depth.bound1": d.bound("sigmoid")[0], "depth.below_bound": d.below_bound()}
    v["depth.relu.active"] = d.typical_slope("relu") ** 2
    for a in d.ACTIVATIONS:
        s = d.shares(a)
        v[f"depth.{a}.share1"] = d.first_layer_share(a)
        v[f"depth.{a}.share1.low"], v[f"depth.{a}.share1.high"] = s["low"][0], s["high"][0]
        v[f"depth.{a}.per_layer"] = d.per_layer_factor(a)
    return v


# The largest learning rate of the sweep at which no PReLU run diverged: where its slopes are read.
PRELU_LR = max(
    lr
    for lr in rectifiers.LEARNING_RATES
    if not any(r["diverged"] for r in rectifiers.rows_of("prelu", lr))
)
