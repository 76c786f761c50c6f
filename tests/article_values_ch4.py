"""Every number chapter 4's pages state (tests/test_article.py checks each decimal and
percentage on them against these), computed by the numeric core, and the published numbers the
core records beside them.

Only what the pages use is listed, by name: test_article pools every chapter's values, so a
value exported without need could hide a mistyped number on another page.
"""

from __future__ import annotations

import numpy as np

from numeric import born_dead, gains, layer_speed, measured
from numeric.deep import SATURATED, SMALL_SCALE


def forward_values() -> dict[str, float]:
    f = measured.forward()

    def std(name, stat, layer):
        return f[name]["a_std"][stat][layer - 1]

    return {
        "small_scale": SMALL_SCALE,
        "linear_factor": SMALL_SCALE * np.sqrt(measured.CS231N["width"]),
        "linear_factor_inverse": 1.0 / (SMALL_SCALE * np.sqrt(measured.CS231N["width"])),
        "small.std1": std("tanh-small", "median", 1),
        "small.std1.low": std("tanh-small", "low", 1),
        "small.std2": std("tanh-small", "median", 2),
        "small.std10": std("tanh-small", "median", 10),
        "unit.saturated1": f["tanh-unit"]["saturated"]["median"][0],
        "unit.saturated.min": min(f["tanh-unit"]["saturated"]["low"]),
        "threshold": SATURATED,
        "tanh_prime_at_threshold": 1.0 - SATURATED**2,
        "lecun.std1": std("tanh-lecun", "median", 1),
        "lecun.std10": std("tanh-lecun", "median", 10),
        "lecun.saturated1": f["tanh-lecun"]["saturated"]["median"][0],
        "relu_halving_per_layer": np.sqrt(0.5),
        "relu_halving_nine_layers": 2.0**-4.5,
        "relu-lecun.std1": std("relu-lecun", "median", 1),
        "relu-lecun.std10": std("relu-lecun", "median", 10),
        "relu-he.std1": std("relu-he", "median", 1),
        "relu-he.std10": std("relu-he", "median", 10),
        "relu-he.std10.low": std("relu-he", "low", 10),
        "relu-he.std10.high": std("relu-he", "high", 10),
    } | {
        f"cs231n.{run}.{layer}": printed
        for run, by_layer in measured.CS231N_PRINTED_STD.items()
        for layer, printed in by_layer.items()
    }


def backward_values() -> dict[str, float]:
    b = measured.backward()
    out = {}
    for name, run in b.items():
        out[f"{name}.delta_ratio"] = run["delta_first_over_last"]["median"]
        if "jacobian_sv_mean" in run:
            out[f"{name}.jacobian"] = run["jacobian_sv_mean"]["median"]
    for init, scale in measured.INIT_SCALE.items():
        out[f"quarter_circle.{init}"] = measured.quarter_circle_mean(scale)
        out[f"glorot.{init}"] = measured.GLOROT_JACOBIAN[init]
        out[f"scale.{init}"] = float(scale)
    out["tanh-standard.grad_w_ratio"] = b["tanh-standard"]["grad_w_first_over_last"]["median"]
    out["relu-he.delta_ratio.low"] = b["relu-he"]["delta_first_over_last"]["low"]
    out["relu-he.delta_ratio.high"] = b["relu-he"]["delta_first_over_last"]["high"]
    # The sigmoid with weights large enough to keep its gradient, and what they cost.
    kept = measured.sigmoid_gain_that_keeps_the_gradient()
    out["sigmoid_kept.over_he"] = kept["over_he"]
    out["sigmoid_kept.saturated"] = kept["saturated"]["median"]
    out["sigmoid_saturation_margin"] = 1.0 - SATURATED
    return out


def speed_values() -> dict[str, float]:
    r = layer_speed.results()
    sig, relu = r["sigmoid"], r["relu"]
    out = {f"nielsen.{i}": v for i, v in enumerate(layer_speed.NIELSEN_AT_INIT)}
    out["nielsen.ratio"] = layer_speed.NIELSEN_AT_INIT[-1] / layer_speed.NIELSEN_AT_INIT[0]
    out["eta"] = layer_speed.ETA
    for i in range(3):
        out[f"sigmoid.init.{i}"] = sig["at_init"]["median"][i]
        out[f"relu.init.{i}"] = relu["at_init"]["median"][i]
    out["sigmoid.init.0.low"] = sig["at_init"]["low"][0]
    out["sigmoid.init.0.high"] = sig["at_init"]["high"][0]
    out["relu.ratio.init"] = relu["last_over_first"]["median"][0]
    out["relu.ratio.end"] = relu["last_over_first"]["median"][-1]
    out["sigmoid.ratio.end"] = sig["last_over_first"]["median"][-1]
    out["sigmoid.ratio.end.low"] = sig["last_over_first"]["low"][-1]
    out["sigmoid.ratio.end.high"] = sig["last_over_first"]["high"][-1]
    out["relu.ratio.init.low"] = relu["last_over_first"]["low"][0]
    out["relu.ratio.init.high"] = relu["last_over_first"]["high"][0]
    # The sigmoid network after training: chance accuracy and the cost of answering 1/10.
    out["sigmoid.accuracy"] = sig["accuracy"]["median"]
    out["sigmoid.accuracy.high"] = sig["accuracy"]["high"]
    out["sigmoid.cost"] = sig["cost"]["median"]
    out["chance_output"] = 1.0 / layer_speed.SIZES[-1]
    out["chance_cost"] = layer_speed.chance_cost(layer_speed.SIZES[-1])
    return out


def gain_values() -> dict[str, float]:
    results = measured.gains_results()
    out = {}
    for key, row in results["table"].items():
        out[f"{key}.forward"] = row["forward"]
        out[f"{key}.backward"] = row["backward"]
        out[f"{key}.second_moment"] = gains.second_moment(key)
        if row["pytorch"] is not None:
            out[f"{key}.pytorch"] = row["pytorch"]
    for which, story in results["tanh"].items():
        for k, v in story.items():
            out[f"tanh.{which}.{k}"] = v
    out["issue_24991"] = gains.ISSUE_24991_TANH
    out["forum_output_std"] = gains.FORUM_TANH_OUTPUT_STD
    return out


def born_dead_values() -> dict[str, float]:
    out = {}
    for width, run in born_dead.results().items():
        for i, depth in enumerate(run["depths"]):
            for stat in ("median", "low", "high"):
                out[f"{width}.{depth}.{stat}"] = run["dead_on_set"][stat][i]
            out[f"{width}.{depth}.closed_form"] = run["closed_form"][i]
            out[f"{width}.{depth}.one_point"] = run["dead_at_one_input_pooled"][i]
    return out


# The chapter whose pages state these values (test_article.chapter_values).
PAGES = "chapters/measured"


def values() -> dict[str, float]:
    out: dict[str, float] = {}
    for prefix, part in (
        ("forward", forward_values),
        ("backward", backward_values),
        ("speed", speed_values),
        ("gains", gain_values),
        ("born_dead", born_dead_values),
    ):
        out.update({f"{prefix}.{name}": float(v) for name, v in part().items()})
    return out
