"""The teaching page's exercises: each answer computed here, from the chain of the article.

1. Saturate the first layer the other way (z1 = -5): what share of the output's gradient is left
   at layer 1?
2. One learning rate for every layer: how far do w1 and w3 move in one step, and what eta would
   move w1 as far as w3 moved?
3. How many layers (weights of 1, every sigma' at its peak) until less than a millionth is left?
"""

from __future__ import annotations

from dataclasses import dataclass

from .chain import EXAMPLE, Pass, layers_to_fall_below, run, update_ratio, with_first_pre_activation

NEGATIVE_Z1 = -5.0
ETA = 0.5
MILLIONTH = 1e-6


def negative_saturation() -> Pass:
    """Exercise 1: the worked example with w1 changed so that z1 = -5."""
    return run(with_first_pre_activation(EXAMPLE, NEGATIVE_Z1))


@dataclass(frozen=True)
class OneStep:
    """Exercise 2: one step w <- w - eta dL/dw on the worked example."""

    eta: float
    step_w1: float  # |change of w1|
    step_w3: float  # |change of w3|
    ratio: float  # step_w1 / step_w3, the same for every eta
    eta_to_match: float  # the eta that would move w1 as far as w3 moved at `eta`
    step_w3_then: float  # how far w3 would move at that eta


def one_step(eta: float = ETA) -> OneStep:
    p = run(EXAMPLE)
    ratio = update_ratio(p, 1)
    matching = eta / ratio
    return OneStep(
        eta,
        eta * abs(p.dL_dw[0]),
        eta * abs(p.dL_dw[-1]),
        ratio,
        matching,
        matching * abs(p.dL_dw[-1]),
    )


def layers_for_a_millionth() -> int:
    """Exercise 3: the fewest layers with weights of 1 and sigma' at 0.25 that leave < 1e-6."""
    return layers_to_fall_below(MILLIONTH, 1.0)
