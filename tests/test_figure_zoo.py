"""The zoo's small multiples draw each derivative as it is: where f' jumps (ReLU's corner, hard
swish's ends) the dashed line stops and starts again, with no vertical segment that f' does not
have."""

from __future__ import annotations

import figures_smooth
import matplotlib.pyplot as plt
import numpy as np

from numeric import zoo_table
from numeric.activations import hard_swish_prime


def slope_lines(fig, name: str):
    """The dashed lines (f') of the panel titled `name`."""
    (ax,) = [a for a in fig.axes if a.get_title() == name]
    return [line for line in ax.get_lines() if line.get_linestyle() == "--"]


def test_hard_swish_slope_jumps_where_it_does():
    # Its one-sided limits at -3 (0 and -1/2) and at 3 (3/2 and 1) differ: found by the core.
    assert zoo_table.slope_jumps(hard_swish_prime) == [-3.0, 3.0]


def test_no_panel_draws_a_vertical_slope():
    fig = figures_smooth.zoo_small_multiples()
    try:
        for entry in zoo_table.ENTRIES:
            lines = slope_lines(fig, entry.name)
            jumps = zoo_table.slope_jumps(entry.f_prime, -4, 4)
            assert len(lines) == len(jumps) + 1, entry.name
            for line in lines:
                x, y = (np.asarray(v, dtype=float) for v in line.get_data())
                steepest = np.max(np.abs(np.diff(y) / np.diff(x)))
                # Far steeper than any f' of the zoo changes (hard swish's f'' is 1/3).
                assert steepest < 5, f"{entry.name}: a near-vertical segment in f'"
    finally:
        plt.close(fig)
