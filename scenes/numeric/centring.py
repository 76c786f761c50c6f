"""Flaw #2, measured one factor at a time: how much does centring a neuron's inputs speed up SGD?

The two problems of `weight_updates` differ in one thing only, the mean of the inputs: from the
same draws h, x = sigma(h) (all positive, mean about 1/2) or x = sigma(h) - 1/2 (the same spread,
mean about 0). The step size matters as much as the inputs, so each side gets its own best: a
sweep over STEP_SIZES on TUNING_SEEDS picks, for each kind of input, the step size with the
fewest steps (median over the seeds), and the two are then compared on fresh REPORT_SEEDS, each
at its own best step size. A seed fixes both the draws h and the order SGD visits them in, and
the two kinds share it: every comparison is a pair that differs only in the inputs' mean.

Why the mean matters (LeCun, Bottou, Orr and Mueller, "Efficient BackProp", 1998): near its
minimum the loss is close to a quadratic with Hessian E[sigma'(z)^2 x x^T]. A mean m adds about
m m^T to E[x x^T], one large eigenvalue: the loss surface becomes a long narrow valley. The
largest step that does not overshoot across the valley is set by the large eigenvalue, and the
progress along the valley by the small one, so the number of steps grows with their ratio, the
condition number. At one small step size both kinds crawl along the same shallow direction and
take about as many steps: the gain of centring is that it allows a larger step.

Vectorised over seeds (one numpy step moves every seed's run), so the whole sweep takes seconds.
No manim or matplotlib here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from .activations import sigmoid, sigmoid_prime
from .weight_updates import (
    KINDS,
    N_EXAMPLES,
    START,
    TEACHER,
    TOLERANCE,
    Path,
    problem,
    sgd_path,
    visiting_order,
)

STEP_SIZES = 8.0 * 2.0 ** (np.arange(19) / 3)  # 8 to 512, three to a doubling
TUNING_SEEDS = tuple(range(0, 50))  # choose each side's step size on these...
REPORT_SEEDS = tuple(range(50, 150))  # ...and report on these, never seen by the sweep
ORDER_OFFSET = 1000  # seed s visits its examples in order seed 1000 + s
CAP = 3000  # a run not within TOLERANCE after CAP steps failed
ONE_STEP_SIZE = 16.0  # the single step size an earlier comparison used


def order_seed(seed: int) -> int:
    return ORDER_OFFSET + seed


def steps_to_converge(
    kind: str, seeds, lr: float, cap: int = CAP, source: str = "sigmoid"
) -> np.ndarray:
    """For each seed, the SGD steps (batch of one) from START until |w - w*| < TOLERANCE.

    inf where a run has not arrived after `cap` steps. The same runs as
    weight_updates.sgd_path(problem(kind, seed=s), lr=lr, order_seed=order_seed(s)), all at once.
    """
    seeds = tuple(seeds)
    probs = [problem(kind, seed=s, source=source) for s in seeds]
    X = np.stack([p.X for p in probs])  # (m, n, 2)
    Y = np.stack([p.Y for p in probs])  # (m, n)
    order = np.stack([visiting_order(N_EXAMPLES, cap, order_seed(s)) for s in seeds])
    rows = np.arange(len(seeds))
    w = np.tile(np.asarray(START, dtype=float), (len(seeds), 1))
    steps = np.full(len(seeds), np.inf)
    running = np.ones(len(seeds), dtype=bool)
    for k in range(cap):
        x, y = X[rows, order[:, k]], Y[rows, order[:, k]]
        z = np.sum(w * x, axis=1)
        delta = (sigmoid(z) - y) * sigmoid_prime(z)
        w = np.where(running[:, None], w - lr * delta[:, None] * x, w)
        arrived = running & (np.linalg.norm(w - TEACHER, axis=1) < TOLERANCE)
        steps[arrived] = k + 1
        running &= ~arrived
        if not running.any():
            break
    return steps


@dataclass(frozen=True)
class Sweep:
    kind: str
    step_sizes: np.ndarray  # the grid
    medians: np.ndarray  # median steps over TUNING_SEEDS at each step size (inf: most failed)

    @property
    def best(self) -> float:
        """The step size with the fewest median steps (the smaller one on a tie)."""
        return float(self.step_sizes[int(np.argmin(self.medians))])


def step_sizes(source: str = "sigmoid") -> np.ndarray:
    """The grid to sweep. tanh and ReLU outputs spread about three times as far as sigmoid
    outputs, so the gradient and the curvature grow and the useful steps shrink: their grid is
    the same 64-fold range, a factor 4 lower (2 to 128)."""
    return STEP_SIZES.copy() if source == "sigmoid" else STEP_SIZES / 4.0


@cache
def sweep(kind: str, source: str = "sigmoid") -> Sweep:
    grid = step_sizes(source)
    medians = np.array(
        [np.median(steps_to_converge(kind, TUNING_SEEDS, lr, source=source)) for lr in grid]
    )
    return Sweep(kind, grid, medians)


def best_step_size(kind: str, source: str = "sigmoid") -> float:
    return sweep(kind, source).best


@dataclass(frozen=True)
class Result:
    """One kind of input at one step size, over REPORT_SEEDS."""

    kind: str
    lr: float
    steps: np.ndarray  # per seed, in REPORT_SEEDS order

    @property
    def median(self) -> float:
        return float(np.median(self.steps))

    @property
    def quartiles(self) -> tuple[float, float]:
        """The middle half of the runs lies between these two step counts (both are real runs)."""
        lo, hi = np.percentile(self.steps, [25, 75], method="nearest")
        return float(lo), float(hi)

    @property
    def arrived(self) -> float:
        """The fraction of seeds whose run reached w* within CAP steps."""
        return float(np.mean(np.isfinite(self.steps)))


@cache
def result(kind: str, lr: float | None = None, source: str = "sigmoid") -> Result:
    """Steps over REPORT_SEEDS at `lr` (default: the kind's own best step size)."""
    lr = best_step_size(kind, source) if lr is None else float(lr)
    return Result(kind, lr, steps_to_converge(kind, REPORT_SEEDS, lr, source=source))


def best_against_best(source: str = "sigmoid") -> dict[str, Result]:
    return {kind: result(kind, source=source) for kind in KINDS}


def paired_ratios(results: dict[str, Result] | None = None) -> np.ndarray:
    """Per seed: the positive inputs' steps over the centred inputs' steps."""
    r = results or best_against_best()
    return r["positive"].steps / r["zero_centred"].steps


def median_ratio(source: str = "sigmoid") -> float:
    """The median over REPORT_SEEDS of the paired ratios, each side at its own best step size."""
    return float(np.median(paired_ratios(best_against_best(source))))


def ratio_quartiles(source: str = "sigmoid") -> tuple[float, float]:
    lo, hi = np.percentile(paired_ratios(best_against_best(source)), [25, 75])
    return float(lo), float(hi)


def at_one_step_size(lr: float = ONE_STEP_SIZE) -> dict[str, Result]:
    """Both kinds at one shared step size: centring alone, without the larger step it allows."""
    return {kind: result(kind, lr) for kind in KINDS}


# ---------------------------------------------------------------- the representative pair


@lru_cache(maxsize=1)
def representative_seed() -> int:
    """The report seed whose two step counts are, together, closest to the two medians (in log
    terms): the pair the animation shows is a typical one, not the best one."""
    r = best_against_best()
    far = sum(np.abs(np.log(r[k].steps / r[k].median)) for k in KINDS)
    return REPORT_SEEDS[int(np.argmin(far))]


@lru_cache(maxsize=1)
def representative_paths() -> dict[str, Path]:
    """The two SGD paths the animation draws: the representative seed, each at its best step size."""
    s = representative_seed()
    return {
        kind: sgd_path(problem(kind, seed=s), lr=best_step_size(kind), order_seed=order_seed(s))
        for kind in KINDS
    }


# ---------------------------------------------------------------- conditioning


def input_products(kind: str, seed: int) -> np.ndarray:
    """E[x x^T] over one data set: the Hessian of a linear neuron's squared error (no bias)."""
    X = problem(kind, seed=seed).X
    return X.T @ X / len(X)


def hessian_at_minimum(kind: str, seed: int) -> np.ndarray:
    """The Hessian of the mean loss at w*: E[sigma'(w*.x)^2 x x^T] (the residuals vanish there)."""
    prob = problem(kind, seed=seed)
    s = sigmoid_prime(prob.X @ TEACHER)
    return (prob.X * (s * s)[:, None]).T @ prob.X / len(prob.X)


def condition_number(M: np.ndarray) -> float:
    eig = np.linalg.eigvalsh(M)
    return float(eig[-1] / eig[0])


def condition_numbers(kind: str, which=input_products) -> np.ndarray:
    """The condition number of `which(kind, seed)` for every report seed."""
    return np.array([condition_number(which(kind, s)) for s in REPORT_SEEDS])
