"""Chapter 2's claims in words and integers, against the numeric core (its decimals and
percentages are checked by test_article through tests/article_values_ch2.py)."""

from __future__ import annotations

import re

import dying_relu
import numpy as np
import pytest
from article_values_ch2 import PRELU_LR, above_chance, all_dead
from test_article import (
    DOCS,
    Claim,
    _number,
    known_values,
    pct,
    stated_numbers,
    text_of,
    unexplained_numbers,
    worked_table,
)

import figures
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
    relu,
    relu_prime,
    sigmoid,
    sigmoid_prime,
    tanh_prime,
)
from numeric.chain import (
    EXAMPLE,
    SATURATED,
    TANH_EXAMPLE,
    TANH_SATURATED,
    bound_for,
    premise_holds,
    run,
)

CHAPTER = DOCS / "chapters" / "relu-family"
PAGES = ["index.md", "tanh.md", "relu.md", "dying-relu.md", "leaky-relu.md", "space.md"]


def text(name: str | None = None) -> str:
    """The chapter's pages joined in reading order, or one of them."""
    return text_of([CHAPTER / n for n in (PAGES if name is None else [name])])


def dead(kind: str, lr: float, field: str = "dead", which: int = 0) -> float:
    return rectifiers.summary(kind, lr, field)[which]


def diverged(kind: str, lr: float) -> int:
    return sum(r["diverged"] for r in rectifiers.rows_of(kind, lr))


def accuracies(lr: float) -> list[float]:
    return [r["accuracy"] for r in rectifiers.rows_of("relu", lr)]


def coin_tosses(lr: float) -> int:
    """ReLU runs at `lr` that answer no better than chance (the moons are half and half)."""
    return sum(a == 0.5 for a in accuracies(lr))


def all_right(lr: float) -> int:
    return sum(a == 1.0 for a in accuracies(lr))


def sweep_lr(m: str) -> float:
    lr = float(m)
    assert lr in rectifiers.LEARNING_RATES, lr
    return lr


def shown_run_comebacks() -> list[int]:
    """The numbers the dying-ReLU page states about the animated run, in the order it states
    them: second-layer units that came back, of how many, how many within the epochs the
    animation shows step by step, those epochs, the last step one did, first-layer units that
    came back, the step the dead set settles, its size, the steps left after it."""
    (first, second), last_back, settled = rectifiers.comebacks()
    shown_epochs = dying_relu.FIRST_STEPS * rectifiers.BATCH // len(rectifiers.dataset()[0])
    (_, shown), _, _ = rectifiers.comebacks(until=dying_relu.FIRST_STEPS)
    steps, dead, _ = rectifiers.timeline("relu")
    return [
        second,
        rectifiers.HIDDEN[1],
        shown,
        shown_epochs,
        last_back,
        first,
        settled,
        int(dead[-1].sum()),
        int(steps[-1]) - settled,
    ]


def spread(counts) -> list[float]:
    """[lowest, highest, median] of some counts."""
    counts = list(counts)
    return [min(counts), max(counts), float(np.median(counts))]


def folds(b: float, sigmoid_constant: float) -> bool:
    """The space page's folds, two units x - b and -x - b and their sum: the sigmoid's sum is the
    constant `sigmoid_constant` at b = 0 and else even and curved everywhere (a smooth bowl, lowest
    at 0); ReLU's is max(|x| - b, 0), straight on each side."""
    x = np.linspace(-6, 6, 241)
    s = sigmoid(x - b) + sigmoid(-x - b)
    if b == 0:
        return bool(np.allclose(s, sigmoid_constant))
    bends = np.abs(np.diff(s, 2)) > 1e-9  # no straight piece anywhere
    return bool(
        np.allclose(s, s[::-1])
        and bends.all()
        and np.argmin(s) == len(x) // 2
        and np.allclose(relu(x - b) + relu(-x - b), np.maximum(np.abs(x) - b, 0))
        and np.allclose(relu(x) + relu(-x), np.abs(x))
    )


def layers_with_an_invertible_w() -> bool:
    """A sigmoid layer with an invertible W sends no two points to one place (z = logit(a) and
    x = W^-1 (z - b) give each point back); a ReLU layer with the same W sends a whole region,
    where both z < 0, to the origin."""
    rng = np.random.default_rng(0)
    W, b = rng.normal(size=(2, 2)), rng.normal(size=2)
    x = rng.normal(size=(1000, 2)) * 3
    a = sigmoid(x @ W.T + b)
    back = np.linalg.solve(W, (np.log(a / (1 - a)) - b).T).T
    below = x[np.all(x @ W.T + b < 0, axis=1)]
    return bool(
        abs(np.linalg.det(W)) > 1e-3
        and np.allclose(back, x, atol=1e-6)
        and len(below) > 10
        and np.all(relu(below @ W.T + b) == 0)
    )


def shown_run_sleepers() -> list[int]:
    """The numbers the leaky page states about the animated run's leaky twin, in its order:
    units ever asleep, how many woke at least once, the epochs they did it in, the last step one
    did, the step the sleeping set settles, its size, the steps left, the ReLU twin's
    second-layer comebacks."""
    (first, second), last_wake, settled = rectifiers.comebacks("leaky_relu", which="silent")
    steps, _, silent = rectifiers.timeline("leaky_relu")
    per_epoch = len(rectifiers.dataset()[0]) // rectifiers.BATCH
    assert first == 0  # the page says every one that woke is in the second layer
    return [
        int(silent.any(axis=0).sum()),
        second,
        -(-last_wake // per_epoch),
        last_wake,
        settled,
        int(silent[-1].sum()),
        int(steps[-1]) - settled,
        rectifiers.comebacks("relu")[0][1],
    ]


T = centring.result

CLAIMS = [
    # ---------------------------------------------------------------- tanh
    Claim(
        r"The sigmoid's peak was 0\.25\. The\s+chain rule",
        lambda m: tanh_prime(0.0) == 4 * SIGMOID_PRIME_PEAK == 1.0,
        "tanh's peak is four times the sigmoid's",
    ),
    Claim(
        r"we tried (\d+) step sizes from (\d+) to (\d+) on (\d+) data sets",
        lambda m: (
            [int(v) for v in m.groups()]
            == [
                len(centring.step_sizes("tanh")),
                round(centring.step_sizes("tanh")[0]),
                round(centring.step_sizes("tanh")[-1]),
                len(centring.TUNING_SEEDS),
            ]
        ),
        "the tanh sweep",
    ),
    Claim(
        r"about (\d+) for the positive inputs and (\d+) for the centred ones\. On (\d+) other data sets, the\s+"
        r"positive inputs needed a median of (\d+) steps, the centred ones ([\d.]+): the positive inputs took\s+"
        r"([\d.]+) times as many steps \(the median of the (\d+) paired ratios\)",
        lambda m: (
            [int(m[1]), int(m[2]), int(m[3]), int(m[4]), m[5], m[6], int(m[7])]
            == [
                round(centring.best_step_size("positive", "tanh")),
                round(centring.best_step_size("zero_centred", "tanh")),
                len(centring.REPORT_SEEDS),
                round(T("positive", source="tanh").median),
                f"{T('zero_centred', source='tanh').median:g}",
                f"{centring.median_ratio('tanh'):.2f}",
                len(centring.REPORT_SEEDS),
            ]
        ),
        "the tanh zig-zag, best against best",
    ),
    Claim(
        r"Same input \$x = (\S+)\$, target \$y = (\S+)\$, weights\s+\$w_1 = (\S+)\$, \$w_2 = (\S+)\$, \$w_3 = (\S+)\$ "
        r"and biases \$b_1 = (\S+)\$, \$b_2 = (\S+)\$, \$b_3 = (\S+)\$",
        lambda m: (
            tuple(float(v) for v in m.groups())
            == (TANH_EXAMPLE.x, TANH_EXAMPLE.y, *TANH_EXAMPLE.weights, *TANH_EXAMPLE.biases)
            and TANH_EXAMPLE.weights == EXAMPLE.weights
            and TANH_EXAMPLE.biases == EXAMPLE.biases
        ),
        "the tanh chain is chapter 1's with tanh",
    ),
    Claim(
        r"The first layer now receives (\d+\.\d)% of the output's gradient, where the sigmoid chain passed on\s+"
        r"(\d\.\d)%",
        lambda m: (
            m[1] == f"{100 * run(TANH_EXAMPLE).shrink()[0]:.1f}"
            and m[2] == f"{100 * run(EXAMPLE).shrink()[0]:.1f}"
        ),
        "the first layer's share, tanh against sigmoid",
    ),
    Claim(
        r"Every weight is still at most 1 in size, and every \$\\tanh'\$ is\s+at most 1, so the bound is "
        r"\$1 \\cdot 1 \\cdot 1 = 1\$",
        lambda m: premise_holds(TANH_EXAMPLE) and bound_for(TANH_EXAMPLE) == 1.0,
        "the tanh bound and its premise",
    ),
    Claim(
        r"Give the first layer \$z_1 = (\d+)\$, as chapter 1 did",
        lambda m: float(m[1]) == run(TANH_SATURATED).z[0] == run(SATURATED).z[0],
        "the saturated variant's z1",
    ),
    Claim(
        r"to (\d\.\d+)%, less than the sigmoid's (\d\.\d+)% in the same spot",
        lambda m: (
            m[1] == f"{100 * run(TANH_SATURATED).shrink()[0]:.4f}".rstrip("0")
            and m[2] == f"{100 * run(SATURATED).shrink()[0]:.3f}"
            and run(TANH_SATURATED).shrink()[0] < run(SATURATED).shrink()[0]
        ),
        "saturated tanh passes on less than saturated sigmoid",
    ),
    Claim(
        r"At the same pre-activation\s+\$z\$, a saturated tanh is no better than a saturated sigmoid, and worse\. "
        r"Isn't tanh (\w+) times\s+steeper\? At the same point of the S it is, "
        r"\$\\tanh'\(z\) = (\d)\\,\\sigma'\((\d)z\)\$",
        lambda m: (
            run(TANH_SATURATED).z[0] == run(SATURATED).z[0]
            and tanh_prime(run(TANH_SATURATED).z[0]) < sigmoid_prime(run(SATURATED).z[0])
            and {"four": 4}.get(m[1]) == int(m[2])
            and np.allclose(
                tanh_prime(Z := np.linspace(-8, 8, 161)), int(m[2]) * sigmoid_prime(int(m[3]) * Z)
            )
        ),
        "tanh is flatter at the same z, four times steeper at the same point of the S",
    ),
    # ---------------------------------------------------------------- ReLU
    Claim(
        r"\| (PyTorch|TensorFlow|JAX) \| (\d) \| \[[^\]]+\]\((https://[^)]+)\)",
        lambda m: (
            float(m[2]) == rectifier_sources.RELU_AT_ZERO[m[1]][0] == relu_prime(0.0)
            and m[3] == rectifier_sources.RELU_AT_ZERO[m[1]][1].where
        ),
        "each framework's ReLU'(0), with its source",
    ),
    Claim(
        r"only ([\d.]+) times below that\s+bound, the most that could get through",
        lambda m: (
            m[1] == f"{depth_by_activation.below_bound():.2f}"
            and depth_by_activation.below_bound() > 1  # the bound is an upper bound
        ),
        "the sigmoid's ten layers against their bound",
    ),
    Claim(
        r"The positive inputs needed a median of ([\d.]+) steps, the centred ones ([\d.]+): ([\d.]+) times as many\s+"
        r"\(the median of the (\d+) paired ratios\)",
        lambda m: (
            [m[1], m[2], m[3], int(m[4])]
            == [
                f"{T('positive', source='relu').median:g}",
                f"{T('zero_centred', source='relu').median:g}",
                f"{centring.median_ratio('relu'):.2f}",
                len(centring.REPORT_SEEDS),
            ]
        ),
        "the ReLU zig-zag",
    ),
    Claim(
        r"\(two hidden layers of (\d+) units, trained on two\s+moons\), (\d+)% of the hidden outputs are exactly 0 on a "
        r"typical example at the start, and\s+(\d+)% after training \(medians over (\d+) seeds\)",
        lambda m: (
            rectifiers.HIDDEN == (int(m[1]),) * 2
            and [f"{m[2]}%", f"{m[3]}%"] == [pct(v) for v in rectifiers.zero_outputs()]
            and int(m[4]) == len(rectifiers.SEEDS)
        ),
        "sparsity",
    ),
    # ---------------------------------------------------------------- dying ReLU
    Claim(
        r"Two interleaved moons like chapter 1's, here (\d+) points",
        lambda m: int(m[1]) == len(rectifiers.dataset()[0]),
        "the data set's size",
    ),
    Claim(
        r"(\d+) of its (\d+) units died and came back at least\s+once, (\d+) of them within the "
        r"(\d+) epochs the video shows step by step, the last at step (\d+)\. "
        r"In the first layer (\d+) unit did.*?From step (\d+) on nothing changes: the same "
        r"(\d+) units stay\s+dead for the remaining (\d+) steps",
        lambda m: [int(v) for v in m.groups()] == shown_run_comebacks(),
        "the shown run's units that came back, and when the dead set settles",
    ),
    Claim(
        r"Two hidden layers of (\d+) ReLU units and one sigmoid output",
        lambda m: rectifiers.HIDDEN == (int(m[1]),) * 2,
        "the network",
    ),
    Claim(
        r"mini-batches of (\d+), (\d+) epochs, at each of (\d+) learning rates\.",
        lambda m: (
            (int(m[1]), int(m[2]), int(m[3]))
            == (rectifiers.BATCH, rectifiers.EPOCHS, len(rectifiers.LEARNING_RATES))
        ),
        "the training",
    ),
    Claim(
        r"(\d+) seeds per learning rate",
        lambda m: int(m[1]) == len(rectifiers.SEEDS) >= 10,
        "the seeds",
    ),
    Claim(
        r"\n\| ([\d.]+) \| (\d+)% \| (\d+)% to (\d+)% \| (\d+)% \|",
        lambda m: (
            [f"{v}%" for v in m.groups()[1:]]
            == [
                pct(dead("relu", sweep_lr(m[1]))),
                pct(dead("relu", sweep_lr(m[1]), which=1)),
                pct(dead("relu", sweep_lr(m[1]), which=2)),
                pct(dead("relu", sweep_lr(m[1]), "accuracy")),
            ]
        ),
        "a row of the dead-units table",
    ),
    Claim(
        r"dead before training starts: (\d+)% \(median\)",
        lambda m: f"{m[1]}%" == pct(rectifiers.summary("relu", 0.1, "dead_at_start")[0]),
        "dead at the start",
    ),
    Claim(
        r"at \$\\eta = ([\d.]+)\$ the median run lost (\d+)% of its units and (\d+) of the (\d+) lost all of\s+them",
        lambda m: (
            f"{m[2]}%" == pct(dead("relu", sweep_lr(m[1])))
            and int(m[3]) == len(all_dead(sweep_lr(m[1]))) > 0
            and int(m[4]) == len(rectifiers.SEEDS)
        ),
        "the worst runs beside CS231n",
    ),
    Claim(
        r"In the (\d+) runs that\s+lost every unit, every unit of the second layer went silent.*?"
        r"Counted CS231n's way, those (\d+)\s+runs lost (\d+)% and (\d+)% of their units, no run at "
        r"\$\\eta = ([\d.]+)\$ lost more than (\d+)%, and the median at\s+\$\\eta = ([\d.]+)\$ is (\d+)%, not (\d+)%",
        lambda m: (
            int(m[1]) == int(m[2]) == len(all_dead(sweep_lr(m[5])))
            and [f"{m[3]}%", f"{m[4]}%"]
            == [
                pct(r["silent"])
                for r in sorted(all_dead(sweep_lr(m[5])), key=lambda r: -r["silent"])
            ]
            and f"{m[6]}%" == pct(dead("relu", sweep_lr(m[5]), "silent", which=2))
            and f"{m[8]}%" == pct(dead("relu", sweep_lr(m[7]), "silent"))
            and f"{m[9]}%" == pct(dead("relu", sweep_lr(m[7])))
        ),
        "dead units counted as CS231n counts them, never active",
    ),
    Claim(
        r"\"as much as (\d+)%\"",
        lambda m: float(m[1]) / 100 == rectifier_sources.CS231N_DEAD,
        "CS231n's number",
    ),
    Claim(
        r"between \$\\eta = ([\d.]+)\$ and \$\\eta = ([\d.]+)\$ the median goes from (\d+)% to (\d+)%",
        lambda m: (
            [f"{m[3]}%", f"{m[4]}%"]
            == [pct(dead("relu", sweep_lr(m[1]))), pct(dead("relu", sweep_lr(m[2])))]
        ),
        "how sharp the edge is",
    ),
    Claim(
        r"at \$\\eta = ([\d.]+)\$ nearly every unit is dead: (\d+) of the (\d+) networks answer\s+the same for "
        r"every point, (\d+)% accuracy, a coin toss, and the other (\d+) get (\d+)% to (\d+)% right",
        lambda m: (
            [int(m[2]), int(m[3]), int(m[4]), int(m[5])]
            == [
                coin_tosses(sweep_lr(m[1])),
                len(rectifiers.SEEDS),
                50,
                len(rectifiers.SEEDS) - int(m[2]),
            ]
            and [f"{m[6]}%", f"{m[7]}%"]
            == [pct(f(above_chance(sweep_lr(m[1])))) for f in (min, max)]
        ),
        "how many networks a too-large step leaves at a coin toss",
    ),
    Claim(
        r"\(all (\d+) runs at \$\\eta = ([\d.]+)\$, (\d+) of the (\d+) at \$([\d.]+)\$, where the other "
        r"(\d+) answer\s+(\d+)%\)",
        lambda m: (
            all_right(sweep_lr(m[2])) == int(m[1]) == len(rectifiers.SEEDS) == int(m[4])
            and all_right(sweep_lr(m[5])) == int(m[3])
            and coin_tosses(sweep_lr(m[5])) == int(m[6]) == len(rectifiers.SEEDS) - int(m[3])
            and int(m[7]) == 50
        ),
        "how many runs classify every point right with many units dead",
    ),
    Claim(
        r"the median runs at \$\\eta = ([\d.]+)\$ and \$([\d.]+)\$ still classify every point right",
        lambda m: all(dead("relu", sweep_lr(v), "accuracy") == 1.0 for v in m.groups()),
        "accuracy with many dead units",
    ),
    # ---------------------------------------------------------------- leaky ReLU and PReLU
    Claim(
        r"\| (PyTorch|JAX|TensorFlow|Keras) \| (\d\.\d+) \| \[[^\]]+\]\((https://[^)]+)\)",
        lambda m: (
            float(m[2]) == rectifier_sources.LEAKY_DEFAULTS[m[1]][0]
            and m[3] == rectifier_sources.LEAKY_DEFAULTS[m[1]][1].where
        ),
        "each framework's default leak, with its source",
    ),
    Claim(
        r"We take \$\\alpha = ([\d.]+)\$, PyTorch's and JAX's",
        lambda m: (
            float(m[1])
            == LEAKY_SLOPE
            == rectifier_sources.LEAKY_DEFAULTS["PyTorch"][0]
            == rectifier_sources.LEAKY_DEFAULTS["JAX"][0]
        ),
        "the leak",
    ),
    Claim(
        r"No unit is dead, at any learning rate: 0% in every run that did not blow up\s+\((\d+) of the (\d+) did "
        r"at \$\\eta = ([\d.]+)\$, (\d+) at \$([\d.]+)\$ and (\d+) at \$([\d.]+)\$",
        lambda m: (
            all(
                r["dead"] == 0.0
                for r in rectifiers.stored_sweep()
                if r["kind"] == "leaky_relu" and not r["diverged"]
            )
            and int(m[2]) == len(rectifiers.SEEDS)
            and {
                lr: diverged("leaky_relu", lr)
                for lr in rectifiers.LEARNING_RATES
                if diverged("leaky_relu", lr)
            }
            == {sweep_lr(m[3]): int(m[1]), sweep_lr(m[5]): int(m[4]), sweep_lr(m[7]): int(m[6])}
        ),
        "no leaky unit dies, in the runs that did not blow up",
    ),
    Claim(
        r"at \$\\eta = ([\d.]+)\$, (\d+)% of the leaky\s+units sleep against (\d+)% of the twins' units dead "
        r"\(medians over the (\d+) pairs where neither blew\s+up\); at \$\\eta = ([\d.]+)\$, (\d+)% against (\d+)%\. "
        r"Pair by pair, though, it goes both ways: the leaky\s+network had more units asleep than its twin had dead "
        r"in (\d+) of the (\d+) pairs at \$\\eta = ([\d.]+)\$ and\s+in (\d+) of the (\d+) at \$\\eta = ([\d.]+)\$",
        lambda m: (
            [f"{m[i]}%" for i in (2, 3, 6, 7)]
            == [
                pct(v)
                for lr in (sweep_lr(m[1]), sweep_lr(m[5]))
                for v in np.median(rectifiers.paired(lr), axis=0)
            ]
            and int(m[4])
            == len(rectifiers.paired(sweep_lr(m[1])))
            == len(rectifiers.paired(sweep_lr(m[5])))
            and m[1] == m[10]
            and m[5] == m[13]
            and [int(m[8]), int(m[9]), int(m[11]), int(m[12])]
            == [
                n
                for lr in (sweep_lr(m[10]), sweep_lr(m[13]))
                for n in (
                    int(np.sum(np.diff(rectifiers.paired(lr), axis=1) < 0)),
                    len(rectifiers.paired(lr)),
                )
            ]
        ),
        "sleeping leaky units against dead ReLU units, seed by seed",
    ),
    Claim(
        r"In the run the\s+\[animation\]\(dying-relu\.md\) shows, (\d+) leaky units fell asleep at some point and "
        r"(\d+) of them woke\s+at least once, all in the second layer and all within the first (\d+) epochs, the "
        r"last at step (\d+)\.\s+From step (\d+) on nothing changes: the same (\d+) units sleep for the remaining "
        r"(\d+) steps\. Its\s+ReLU twin had as many comebacks, (\d+) in its second layer",
        lambda m: [int(v) for v in m.groups()] == shown_run_sleepers() and m[2] == m[8],
        "the shown run's sleeping leaky units that woke, and when",
    ),
    Claim(
        r"At \$\\eta = ([\d.]+)\$ the ReLU networks died; (\d+) of the (\d+) leaky networks",
        lambda m: (
            diverged("leaky_relu", sweep_lr(m[1])) == int(m[2])
            and int(m[3]) == len(rectifiers.SEEDS)
            and dead("relu", sweep_lr(m[1])) == 1.0
        ),
        "leaky networks blow up where ReLU ones die",
    ),
    Claim(
        r"(\d+) of (\d+) runs blew up already at\s+\$\\eta = ([\d.]+)\$, and all (\d+) at \$\\eta = ([\d.]+)\$ and beyond",
        lambda m: (
            diverged("prelu", sweep_lr(m[3])) == int(m[1])
            and int(m[2]) == int(m[4]) == len(rectifiers.SEEDS)
            and all(
                diverged("prelu", lr) == len(rectifiers.SEEDS)
                for lr in rectifiers.LEARNING_RATES
                if lr >= float(m[5])
            )
        ),
        "PReLU's divergence",
    ),
    Claim(
        r"start every slope at \$a_j = ([\d.]+)\$",
        lambda m: float(m[1]) == PRELU_INIT == rectifier_sources.HE_INIT,
        "PReLU's start",
    ),
    Claim(
        r"At \$\\eta = ([\d.]+)\$, the largest learning rate at\s+which no PReLU run blew up, the median slope ended at "
        r"([\d.]+) in the first hidden layer and ([\d.]+)\s+in the second",
        lambda m: (
            float(m[1]) == max(lr for lr in rectifiers.LEARNING_RATES if diverged("prelu", lr) == 0)
            and [m[2], m[3]] == [f"{s:.3f}" for s in rectifiers.learned_slopes(float(m[1]))]
        ),
        "PReLU's learned slopes",
    ),
    Claim(
        r"over the (\d+) runs, their slopes\s+ended between (\S+) and ([\d.]+) in the first layer and between "
        r"(\S+) and ([\d.]+) in the second; (\d+)%\s+and (\d+)% of them moved more than ([\d.]+) away from "
        r"([\d.]+), and (\d+)% and (\d+)% ended negative",
        lambda m: (
            int(m[1]) == len(rectifiers.SEEDS)
            and [m[2], m[3], m[4], m[5]]
            == [
                f"{v:.2f}".replace("-", "\u2212")
                for layer in rectifiers.slope_spread(PRELU_LR)
                for v in (layer["min"], layer["max"])
            ]
            and [f"{m[6]}%", f"{m[7]}%", f"{m[10]}%", f"{m[11]}%"]
            == [
                pct(layer[f])
                for f in ("moved", "negative")
                for layer in rectifiers.slope_spread(PRELU_LR)
            ]
            and float(m[8]) == rectifiers.SLOPE_MOVED
            and float(m[9]) == PRELU_INIT
        ),
        "how far PReLU's learned slopes spread",
    ),
    Claim(
        r"They trained a (\d+)-layer convolutional network on ImageNet.*?Their first layer ended at\s+([\d.]+) and "
        r"([\d.]+) in the two variants \(for one slope per channel, the table gives their average\),\s+far above "
        r"the ([\d.]+) it started from.*?the slopes rarely grew beyond (\d+) in size\. Ours stayed near ([\d.]+) in both layers, "
        r"([\d.]+) and ([\d.]+),\s+and one unit reached (\S+)\.",
        lambda m: (
            int(m[1]) == rectifier_sources.HE_LAYERS
            and (float(m[2]), float(m[3])) == rectifier_sources.HE_CONV1_SLOPES
            and float(m[4]) == float(m[6]) == rectifier_sources.HE_INIT == PRELU_INIT
            and float(m[5]) == rectifier_sources.HE_SLOPES_RARELY_ABOVE
            and [m[7], m[8]] == [f"{s:.3f}" for s in rectifiers.learned_slopes(PRELU_LR)]
            and m[9]
            == f"{min(layer['min'] for layer in rectifiers.slope_spread(PRELU_LR)):.2f}".replace(
                "-", "\u2212"
            )
            and max(
                abs(layer[e]) for layer in rectifiers.slope_spread(PRELU_LR) for e in ("min", "max")
            )
            > rectifier_sources.HE_SLOPES_RARELY_ABOVE
        ),
        "He et al.'s learned slopes beside ours",
    ),
    Claim(
        r"the top-1 error fell to ([\d.]+)%, ([\d.]+)% of the images\s+fewer than with ReLU",
        lambda m: (
            np.isclose(float(m[1]) / 100, rectifier_sources.HE_PRELU_TOP1_ERROR)
            and np.isclose(float(m[2]) / 100, rectifier_sources.HE_TOP1_GAIN)
        ),
        "He et al.'s top-1 error with PReLU",
    ),
    # ---------------------------------------------------------------- space
    Claim(
        r"A sigmoid layer with an invertible \$W\$ squashes\s+smoothly and never sends two points to the same "
        r"place; a ReLU layer flattens whole regions, even\s+with an invertible \$W\$",
        lambda m: layers_with_an_invertible_w(),
        "a sigmoid layer with an invertible W never merges points, a ReLU layer does",
    ),
    Claim(
        r"\$\\sigma\(x\) \+ \\sigma\(-x\) = (\d)\$ for every \$x\$.*?Give both units a\s+bias of .(\d) instead, and "
        r"\$\\sigma\(x - (\d)\) \+ \\sigma\(-x - (\d)\)\$ folds the line at (\d) just as \$\|x\|\$ does.*?"
        r"with\s+the same biases of .(\d) it gives \$\\max\(\|x\| - (\d), 0\)\$, straight pieces still\), "
        r"where the sigmoid's is\s+a smooth bowl",
        lambda m: (
            len({m[2], m[3], m[4], m[6], m[7]}) == 1
            and m[5] == "0"
            and folds(0.0, float(m[1]))
            and folds(float(m[2]), float(m[1]))
        ),
        "with the same units and sum, both fold; only ReLU's fold is straight",
    ),
    Claim(
        r"two hidden layers of (\d+) ReLU units, the training of the\s+\[dying-ReLU page\]\(dying-relu\.md\) at "
        r"\$\\eta = ([\d.]+)\$, one seed\. It classifies all the points right",
        lambda m: (
            regions.HIDDEN == (int(m[1]),) * 2
            and float(m[2]) == regions.LEARNING_RATE
            and rectifiers.accuracy(regions.network(), *rectifiers.dataset())[0] == 1.0
        ),
        "the regions network",
    ),
    Claim(
        r"in the box from .(\d+) to (\d+) across and .(\d+) to (\d+) up",
        lambda m: (-float(m[1]), float(m[2]), -float(m[3]), float(m[4])) == regions.BOX,
        "the box",
    ),
    Claim(
        r"Its (\d+) creases are straight lines\. (\d+) lines can cut the whole plane into at\s+most "
        r"\$1 \+ (\d+) \+ (\d+) = (\d+)\$ pieces.*?in our box they make (\d+)",
        lambda m: (
            int(m[1]) == int(m[2]) == int(m[3]) == regions.HIDDEN[0]
            and int(m[4]) == regions.HIDDEN[0] * (regions.HIDDEN[0] - 1) // 2
            and int(m[5]) == regions.most_regions(regions.HIDDEN[0])
            and int(m[6]) == regions.first_layer_count()
        ),
        "the first layer's regions",
    ),
    Claim(
        r"All together:\*\* (\d+) linear regions",
        lambda m: int(m[1]) == regions.count(),
        "the number of regions",
    ),
    Claim(
        r"pattern of the (\d+) units at every point of a grid with spacing\s+([\d.]+) \(([\d,]+) points\) gives the "
        r"same (\d+) patterns\. A coarser grid, spacing ([\d.]+), finds only\s+(\d+)",
        lambda m: (
            int(m[1]) == sum(regions.HIDDEN)
            and float(m[2]) == regions.FINE_STEP
            and int(m[3].replace(",", "")) == len(regions.grid(regions.FINE_STEP))
            and int(m[4]) == len(regions.grid_patterns(regions.FINE_STEP)) == regions.count()
            and float(m[5]) == regions.COARSE_STEP
            and int(m[6]) == len(regions.grid_patterns(regions.COARSE_STEP))
        ),
        "the grid cross-check",
    ),
    Claim(
        r"We trained the same network with (\d+) seeds: each classifies all the\s+points right, and they cut "
        r"the box into (\d+) to (\d+) regions \(median (\d+)\)\. Ours ties for the most\.",
        lambda m: (
            int(m[1]) == len(regions.SEEDS)
            and all(rectifiers.accuracy(regions.networks(), *rectifiers.dataset()) == 1.0)
            and [int(m[2]), int(m[3]), float(m[4])] == spread(regions.counts_over_seeds().values())
            and regions.counts_over_seeds()[regions.SEED]
            == max(regions.counts_over_seeds().values())
            and sorted(regions.counts_over_seeds().values()).count(int(m[3])) > 1
        ),
        "the regions over seeds",
    ),
    Claim(
        r"straight pieces, one in each linear region\s+it crosses: (\d+) of them here, across (\d+) regions "
        r"in this small box, for (\d+) units",
        lambda m: (
            int(m[1]) == regions.boundary_pieces()
            and int(m[2]) == regions.count()
            and int(m[3]) == sum(regions.HIDDEN)
        ),
        "the boundary's straight pieces",
    ),
]


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.why for c in CLAIMS])
def test_claim(claim: Claim):
    matches = list(re.finditer(claim.pattern, text(), flags=re.S))
    assert matches, f"chapter 2 no longer states {claim.why!r} (pattern {claim.pattern!r})"
    for m in matches:
        assert claim.check(m), f"{m[0]!r} disagrees with the core ({claim.why})"


def test_the_dead_units_table_has_a_row_per_learning_rate():
    rows = re.findall(r"\n\| ([\d.]+) \| \d+% \| \d+% to \d+% \| \d+% \|", text("dying-relu.md"))
    assert [float(r) for r in rows] == list(rectifiers.LEARNING_RATES)


TANH_COLUMNS = {
    "$z_k$": "z",
    "$a_k$": "a",
    "$\\tanh'(z_k)$": "sigma_prime",
    "$\\partial L / \\partial z_k$": "dL_dz",
    "share of $\\partial L / \\partial a_3$": "share",
}


def test_the_tanh_table_matches_the_core():
    header, body = worked_table(text("tanh.md"), "tanh, layer $k$")
    assert set(header[1:]) == set(TANH_COLUMNS), header
    p = run(TANH_EXAMPLE)
    series = {
        "z": p.z,
        "a": p.a,
        "sigma_prime": p.sigma_prime,
        "dL_dz": p.dL_dz,
        "share": p.shrink(),
    }
    assert sorted(int(r[0]) for r in body) == [1, 2, 3]
    for row in body:
        k = int(row[0])
        for name, cell in zip(header[1:], row[1:]):
            value, decimals, is_pct = _number(cell)
            expected = series[TANH_COLUMNS[name]][k - 1] * (100 if is_pct else 1)
            assert abs(value - expected) <= 0.5 * 10**-decimals + 1e-12, (k, name, cell)


def test_chapter_2_states_numbers_and_catches_a_hand_edit():
    body = text()
    known = known_values(DOCS / "chapters" / "relu-family")
    assert len(list(stated_numbers(body))) >= 40
    assert not unexplained_numbers(body, known)
    for original, edited in [
        ("0.5523", "0.5532"),
        ("17.2%", "12.7%"),
        ("0.222", "0.232"),
        ("2.72", "2.27"),
    ]:
        assert original in body, original
        problems = unexplained_numbers(body.replace(original, edited, 1), known)
        assert any(edited in p for p in problems), (original, edited)


def test_every_chapter_2_figure_is_embedded_once_with_alt_text():
    body = text()
    for name in ("tanh-and-derivative", "relu-and-derivative", "leaky-relu-and-derivative"):
        assert name in figures.FIGURES
        assert len(re.findall(rf"\]\(figure:{name}[ )]", body)) == 1, name
    for line in body.splitlines():
        if "](scene:" in line or "](figure:" in line:
            assert re.fullmatch(
                r'!\[[^\]]{20,}\]\((scene:[\w-]+|figure:[\w-]+(?: "[^"]{10,}")?)\)', line
            ), line[:60]


def test_no_page_says_draft():
    assert not re.search(r"(?i)\bdraft\b", text())


def test_the_home_page_lists_chapter_2_as_available():
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    row = next(line for line in home.splitlines() if line.startswith("| 2 |"))
    assert "chapters/relu-family/index.md" in row and row.rstrip().endswith("| available |")


def test_the_zigzag_sources_share_everything_but_the_inputs():
    for source in ("tanh", "relu"):
        a = weight_updates.problem("positive", source=source)
        b = weight_updates.problem("zero_centred", source=source)
        assert np.allclose(np.std(a.X, axis=0), np.std(b.X, axis=0))


def test_the_leak_table_lists_every_framework_once():
    rows = re.findall(r"\n\| (\w+) \| \d\.\d+ \| \[", text("leaky-relu.md"))
    assert sorted(rows) == sorted(rectifier_sources.LEAKY_DEFAULTS)
