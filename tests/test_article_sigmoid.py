"""Chapter 1's sentences about the readable bend (the moons, the penalty), against the core."""

import re

from article_values_sigmoid import unpenalised_on_edge
from test_article import ARTICLE, text_of

from numeric import training
from numeric.activations import sigmoid
from numeric.formatting import percent

TEXT = re.sub(r"\s+", " ", text_of(ARTICLE))


def pct(ratio: float) -> str:
    return percent(ratio, sep="")


def test_the_page_says_the_moons_are_moved_apart_exactly_when_they_are():
    moved = "the lower one is moved down until their tips only just overlap" in TEXT
    assert moved == (training.DATASET["gap"] > 0)
    if moved:  # "only just overlap": the lower moon's top still reaches above the upper's bottom
        X, y = training.make_dataset(**training.DATASET)
        assert X[y == 1, 1].max() > X[y == 0, 1].min()


def test_the_penalty_and_its_threshold_are_the_trainer_s():
    m = re.search(
        r"a small cost for every \$z\$ beyond \$\\pm (\d+)\$, where \$\\sigma\((\d+)\)\$ is already (\d\.\d+)",
        TEXT,
    )
    assert m, "the page no longer says where the penalty starts"
    assert float(m[1]) == float(m[2]) == training.Z_LIMIT
    assert f"{sigmoid(training.Z_LIMIT):.2f}" == m[3]
    assert training.NETWORK["penalty"] > 0


def test_without_the_penalty_the_separating_runs_pile_points_on_the_edge():
    m = re.search(
        r"Without it, the (\d+) runs that separate these moons put (\d+)% to (\d+)% of the points there",
        TEXT,
    )
    assert m, "the page no longer says what training does without the penalty"
    rows = training.setting(training.stored_sweep(), training.CHOSEN["gap"], 0.0)
    separating = [r for r in rows if r["accuracy"] == 1.0]
    low, high = unpenalised_on_edge()
    assert int(m[1]) == len(separating)
    assert (f"{m[2]}%", f"{m[3]}%") == (pct(low), pct(high))
    # Far more than the article's network, and more than the readability target allows.
    assert low > training.MAX_ON_EDGE and low > 2 * training.readability(*_example()).on_edge


def _example():
    X, y, net = training.example()
    return net, X, y
