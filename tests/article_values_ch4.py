"""Every number chapter 4's pages may state (tests/test_article.py checks each decimal and
percentage on them against these), computed by the numeric core, and the published numbers the
core records beside them."""

from __future__ import annotations

import numpy as np

from numeric import born_dead, gains, layer_speed, measured
from numeric.deep import SATURATED, SMALL_SCALE


def _summary(prefix: str, summary: dict, out: dict) -> None:
    """median/low/high of a per-layer (or per-step) summary, every entry."""
    for stat, series in summary.items():
        for i, v in enumerate(np.ravel(series)):
            out[f"{prefix}.{stat}.{i}"] = float(v)


def forward_values(out: dict) -> None:
    for name, run in measured.forward().items():
        for quantity in ("a_std", "saturated"):
            _summary(f"forward.{name}.{quantity}", run[quantity], out)
        std = np.asarray(run["a_std"]["median"])
        out[f"forward.{name}.last_over_first"] = float(std[-1] / std[0])
        out[f"forward.{name}.saturated.min"] = float(np.min(run["saturated"]["low"]))
    out["forward.small_scale"] = SMALL_SCALE
    out["forward.tanh_prime_at_threshold"] = 1.0 - SATURATED**2
    out["forward.saturated_threshold"] = SATURATED
    out["forward.relu_halving_per_layer"] = float(np.sqrt(0.5))
    out["forward.relu_halving_nine_layers"] = float(2.0**-4.5)
    out["forward.tanh_small_linear_factor"] = float(0.01 * np.sqrt(measured.CS231N["width"]))


def backward_values(out: dict) -> None:
    for name, run in measured.backward().items():
        for quantity in ("delta_first_over_last", "grad_w_first_over_last", "jacobian_sv_mean"):
            if quantity in run:
                _summary(f"backward.{name}.{quantity}", run[quantity], out)
    for init, scale in measured.INIT_SCALE.items():
        out[f"backward.quarter_circle.{init}"] = measured.quarter_circle_mean(scale)
        out[f"backward.glorot.{init}"] = measured.GLOROT_JACOBIAN[init]
        out[f"backward.scale.{init}"] = float(scale)
    out["backward.quarter_circle.factor"] = 8.0 / (3.0 * np.pi)


def speed_values(out: dict) -> None:
    for activation, run in layer_speed.results().items():
        for quantity in ("at_init", "last_over_first"):
            _summary(f"speed.{activation}.{quantity}", run[quantity], out)
    for i, v in enumerate(layer_speed.NIELSEN_AT_INIT):
        out[f"speed.nielsen.{i}"] = v
    out["speed.nielsen.last_over_first"] = (
        layer_speed.NIELSEN_AT_INIT[-1] / layer_speed.NIELSEN_AT_INIT[0]
    )
    out["speed.eta"] = layer_speed.ETA


def gain_values(out: dict) -> None:
    results = measured.gains_results()
    for key, row in results["table"].items():
        for kind, v in row.items():
            if v is not None:
                out[f"gains.{key}.{kind}"] = v
        out[f"gains.{key}.second_moment"] = gains.second_moment(key)
        out[f"gains.{key}.slope_moment"] = gains.slope_moment(key)
    for which, story in results["tanh"].items():
        for k, v in story.items():
            out[f"gains.tanh.{which}.{k}"] = v
    out["gains.issue_24991"] = gains.ISSUE_24991_TANH
    out["gains.forum_output_std"] = gains.FORUM_TANH_OUTPUT_STD


def born_dead_values(out: dict) -> None:
    for width, run in born_dead.results().items():
        for quantity in ("dead_on_set", "dead_at_one_input"):
            _summary(f"born_dead.{width}.{quantity}", run[quantity], out)
        for i, v in enumerate(run["closed_form"]):
            out[f"born_dead.{width}.closed_form.{i}"] = v
        for i, v in enumerate(run["dead_at_one_input_pooled"]):
            out[f"born_dead.{width}.pooled.{i}"] = v
        out[f"born_dead.{width}.layer_dead"] = 2.0 ** -int(width)


def values() -> dict[str, float]:
    out: dict[str, float] = {}
    for part in (forward_values, backward_values, speed_values, gain_values, born_dead_values):
        part(out)
    return out
