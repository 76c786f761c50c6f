"""Chapter 1's numbers about the readable bend, computed by the core (test_article reads them)."""

from numeric import training
from numeric.activations import sigmoid


def unpenalised_on_edge() -> tuple[float, float]:
    """The lowest and highest share of points on the square's edge among the runs that separate
    the article's moons without the penalty (the sweep's rows at penalty 0)."""
    rows = training.setting(training.stored_sweep(), training.CHOSEN["gap"], 0.0)
    shares = [r["on_edge"] for r in rows if r["accuracy"] == 1.0]
    return min(shares), max(shares)


def values() -> dict[str, float]:
    low, high = unpenalised_on_edge()
    return {
        "sigma(z_limit)": sigmoid(training.Z_LIMIT),
        "unpenalised.on_edge.low": low,
        "unpenalised.on_edge.high": high,
    }
