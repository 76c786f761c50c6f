"""Axes for a quantity measured at every layer of a deep network, on a logarithmic scale: layer k
along the bottom, powers of ten up the side. The gradient-by-depth scenes of chapters 2 and 4
draw on them.

The y axis counts powers of ten above 10^y_min, so that the layer axis runs along the bottom.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, Axes, VGroup

import style
from toolkit import polyline, tex, words


class LayerAxes(Axes):
    """Layers 1..depth across, 10^y_min..10^y_max up."""

    def __init__(self, depth: int, y_min: int, y_max: int, x_length: float, y_length: float):
        super().__init__(
            x_range=(1, depth, 1),
            y_range=(0, y_max - y_min, 1),
            x_length=x_length,
            y_length=y_length,
            axis_config={"color": style.MUTED, "stroke_width": 3, "include_ticks": True},
            tips=False,
        )
        # Not self.depth: a Mobject's depth is its extent along z.
        self.layers, self.y_min, self.y_max = depth, y_min, y_max

    def point(self, k: float, value: float) -> np.ndarray:
        """Where layer k's value sits."""
        return self.c2p(k, np.log10(value) - self.y_min)

    def curve(self, values, color: str, width: float = 6):
        """The values of layers 1..depth, joined by straight segments."""
        return polyline([self.point(k, v) for k, v in enumerate(values, start=1)], color, width)

    def labels(self, every: int = 2) -> VGroup:
        """Powers of ten up the side (every `every`-th), the first and last layer, and 'layer k'."""
        powers = VGroup(
            *(
                tex(f"10^{{{p}}}").next_to(self.point(1, 10.0**p), LEFT, buff=0.2)
                for p in range(self.y_min + 1, self.y_max + 1, every)
            )
        )
        ends = VGroup(
            *(tex(str(k)).next_to(self.c2p(k, 0), DOWN, buff=0.2) for k in (1, self.layers))
        )
        name = words("layer k", style.LABEL_SIZE).next_to(
            self.c2p((1 + self.layers) / 2, 0), DOWN, buff=0.3
        )
        return VGroup(powers, ends, name)
