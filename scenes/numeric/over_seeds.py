"""Every curve of chapter 4 is run over these seeds and summarised by its median and the band
from the lowest to the highest seed: nothing rests on one lucky draw."""

from __future__ import annotations

import numpy as np

SEEDS = tuple(range(10))


def band(values) -> dict:
    """Median and the lowest-to-highest band over seeds (axis 0), per layer or per step."""
    v = np.asarray(values, dtype=float)
    return {
        "median": np.median(v, axis=0).tolist(),
        "low": np.min(v, axis=0).tolist(),
        "high": np.max(v, axis=0).tolist(),
    }
