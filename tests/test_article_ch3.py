"""Chapter 3's claims in words and integers against the core, and its generated table: every row
passes the independent check, a wrong cell fails the build, its figures are each embedded once."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import article_values_ch3 as values_ch3
import numpy as np
import pytest

from numeric import activations as act
from numeric import smooth, softmax, zoo_table

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT / "docs" / "chapters" / "smooth"
PAGES = sorted(CHAPTER.glob("*.md"))
WORDS = {"five": 5, "fourteen": 14, "twelve": 12}


def text(name: str) -> str:
    return (CHAPTER / name).read_text(encoding="utf-8")


def one(pattern: str, page: str) -> re.Match:
    m = re.search(pattern, text(page))
    assert m, f"{page} no longer says {pattern!r}"
    return m


def load_hook():
    spec = importlib.util.spec_from_file_location("zoo_hook", ROOT / "scripts/hooks/zoo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- claims in words


def test_elu_mean_is_less_than_half_of_relus():
    one(r"less\s+than half as far from 0, but not at 0", "elu-selu.md")
    assert 0 < smooth.elu_mean_normal() < smooth.relu_mean_normal() / 2


def test_selu_orbit_starts_where_the_page_says():
    m = one(r"say at mean (\d+) and variance (\d+)", "elu-selu.md")
    assert (float(m[1]), float(m[2])) == values_ch3.ORBIT_START


def test_deep_network_as_described():
    m = one(
        r"(\d+) layers of (\d+) units, weights drawn with variance \$1/n\$, (\d+) standard normal\s+"
        r"inputs, (\w+) different seeds",
        "elu-selu.md",
    )
    assert (int(m[1]), int(m[2]), int(m[3])) == (
        smooth.DEEP["depth"],
        smooth.DEEP["width"],
        smooth.DEEP["n_examples"],
    )
    assert WORDS[m[4]] == len(smooth.DEEP_SEEDS)
    assert re.search(rf"After {m[1]} SELU layers", text("elu-selu.md"))


def test_relu_halves_the_variance_at_every_layer():
    one(r"ReLU halves the variance at every layer", "elu-selu.md")
    spreads = smooth.deep_spreads("relu")
    ratios = (spreads[:, 1:] / spreads[:, :-1]) ** 2
    assert np.median(ratios) == pytest.approx(0.5, abs=0.03)


def test_gelu_steepest_point_is_root_two():
    one(r"which is 0 at \$x = \\pm\\sqrt\{2\}\$", "gelu.md")
    row = next(r for r in zoo_table.rows() if r.entry.key == "gelu")
    assert row.steepest_at == pytest.approx(np.sqrt(2.0), abs=1e-6)
    assert row.steepest > 1


def test_gelu_flattest_point_is_minus_root_two_and_the_slopes_add_to_one():
    one(r"At\s+\$-\\sqrt 2\$ it bottoms out", "gelu.md")
    one(r"the two\s+slopes add up to 1", "gelu.md")
    xs = np.linspace(-6.0, 6.0, 240001)
    slopes = act.gelu_prime(xs)
    assert xs[np.argmin(slopes)] == pytest.approx(-np.sqrt(2.0), abs=1e-3)
    assert act.gelu_prime(np.sqrt(2.0)) + act.gelu_prime(-np.sqrt(2.0)) == pytest.approx(1.0)
    assert act.gelu_prime(-np.sqrt(2.0)) < 0


def test_sigmoid_form_is_so_many_times_worse():
    m = one(r"about (\d+) times as\s+much", "gelu.md")
    ratio = smooth.gelu_sigmoid_error().error / smooth.gelu_tanh_error().error
    assert int(m[1]) == round(abs(ratio))


def test_the_minima_as_rounded_in_the_text():
    m = one(r"minimum is about \$(-0\.\d+)\$ near\s+\$x = (-0\.\d+)\$", "gelu.md")
    assert float(m[1]) == round(smooth.gelu_minimum().value, 2)
    assert float(m[2]) == round(smooth.gelu_minimum().x, 2)
    m = one(r"about \$(-0\.\d+)\$ near \$x = (-1\.\d+)\$", "silu-mish-softplus.md")
    assert float(m[1]) == round(smooth.silu_minimum().value, 3)
    assert float(m[2]) == round(smooth.silu_minimum().x, 3)


def test_mish_dips_deepest():
    one(r"the deepest dip of the three", "silu-mish-softplus.md")
    assert smooth.mish_minimum().value < smooth.silu_minimum().value < smooth.gelu_minimum().value


def test_swish_beta_example():
    m = one(
        r"At \$\\beta = (\d+)\$ the two curves are\s+never more than about", "silu-mish-softplus.md"
    )
    assert float(m[1]) == values_ch3.SWISH_BETA
    assert smooth.swish_distance_to_relu(values_ch3.SWISH_BETA) == pytest.approx(
        smooth.swish_distance_to_relu_exact(values_ch3.SWISH_BETA), rel=1e-6
    )


def test_hard_sigmoids_disagree_at_two():
    m = one(
        r"At \$x = (\d+)\$, for example, the\s+first gives \$\\tfrac\{(\d)\}\{(\d)\}\$",
        "hard-variants.md",
    )
    x = float(m[1])
    assert act.hard_sigmoid_torch(x) == pytest.approx(int(m[2]) / int(m[3]))
    assert act.hard_sigmoid_torch(x) != act.hard_sigmoid_keras2(x)
    one(r"the\s+Keras 2 ramp is closer to it", "hard-variants.md")
    assert abs(act.KERAS2_HARD_SIGMOID_SLOPE - 0.25) < abs(1 / 6 - 0.25)


def test_float32_overflow_example():
    m = one(
        r"Give a 32-bit softmax a score of (\d+) and \$e\^\{(\d+)\}\$ is infinite", "softmax.md"
    )
    assert m[1] == m[2]
    with np.errstate(over="ignore"):
        assert np.isinf(np.exp(np.float32(m[1])))
    assert softmax.largest_safe_exp_input(np.float32) < float(m[1])


def test_an_overflowing_score_makes_only_its_own_entry_nan():
    """The naive softmax of (89, 0, 0) in 32-bit floats: NaN where e^z overflowed, 0 elsewhere."""
    m = one(r"a score of (\d+) and", "softmax.md")
    one(r"So that entry becomes NaN, every other entry\s+becomes 0", "softmax.md")
    one(r"the output no longer sums to 1", "softmax.md")
    p = softmax.softmax_naive([float(m[1]), 0.0, 0.0], np.float32)
    assert np.isnan(p[0]) and np.all(p[1:] == 0)
    assert np.allclose(softmax.softmax([float(m[1]), 0.0, 0.0]).sum(), 1.0)


def test_softmax_example_and_largest_jacobian_entry():
    m = one(r"scores \$z = \((\d), (\d), (\d)\)\$", "softmax.md")
    assert tuple(float(v) for v in m.groups()) == softmax.EXAMPLE_LOGITS
    one(r"the largest entry\s+is \$0\.665 \\cdot 0\.335", "softmax.md")
    J = softmax.softmax_jacobian(softmax.EXAMPLE_LOGITS)
    assert np.argmax(J) == 0


def test_zoo_counts():
    n = len(zoo_table.ENTRIES)
    assert n >= 12
    m = one(r"Three chapters, (\w+) functions", "zoo.md")
    assert WORDS[m[1]] == n
    m = one(r"!\[(\w+) small panels", "zoo.md")
    assert WORDS[m[1].lower()] == n


def test_no_page_mentions_the_draft():
    for page in PAGES:
        assert not re.search(r"\bdraft\b", page.read_text(), re.I), page.name


# ---------------------------------------------------------------- the generated table


@pytest.mark.parametrize("row", zoo_table.rows(), ids=lambda r: r.entry.key)
def test_every_row_passes_the_independent_check(row):
    assert zoo_table.check_row(row, zoo_table.cells(row)) == []


def test_known_rows():
    rows = {r.entry.key: zoo_table.cells(r) for r in zoo_table.rows()}
    assert rows["sigmoid"]["range"] == "(0, 1)" and rows["sigmoid"]["saturates"] == "both"
    assert rows["relu"]["slope0"].startswith("corner") and rows["relu"]["smooth"] == "no"
    assert rows["elu"]["smooth"] == "yes"  # alpha = 1: the slopes meet at 0
    assert rows["selu"]["zero_centred"] == rows["tanh"]["zero_centred"] == "yes"
    assert rows["relu"]["zero_centred"] == "no" and rows["elu"]["mean"] == "0.161"
    assert rows["softplus"]["steepest"].endswith("(not reached)")
    assert rows["gelu"]["monotonic"] == "no" and rows["hard_swish"]["minimum"] != "none"
    assert all(r["cost"] != "\u2014" for r in rows.values()), "zoo_cost.json lacks a row"


@pytest.mark.parametrize(
    "column, edit",
    [
        ("minimum", lambda s: s.replace("0.17", "0.18", 1)),
        ("slope0", lambda s: "0.6"),
        ("steepest", lambda s: s.replace("1.1289", "1.1298", 1)),
        ("range", lambda s: s.replace("\u221e", "1.0", 1)),
        ("mean", lambda s: "0.292"),
        ("zero_centred", lambda s: "yes"),
    ],
)
def test_a_wrong_cell_is_caught(column, edit):
    row = next(r for r in zoo_table.rows() if r.entry.key == "gelu")
    shown = zoo_table.cells(row)
    shown[column] = edit(shown[column])
    assert zoo_table.check_row(row, shown), (column, shown[column])


def test_the_hook_fails_the_build_on_a_wrong_row(monkeypatch):
    from mkdocs.exceptions import PluginError

    hook = load_hook()
    tables = hook.zoo_tables()
    assert set(tables) == set(zoo_table.TABLES)
    for table in tables.values():
        assert table.count("\n|") == len(zoo_table.ENTRIES) + 1
    original = zoo_table.cells

    def wrong(row):
        c = original(row)
        if row.entry.key == "silu":
            c["minimum"] = c["minimum"].replace("0.2785", "0.2758")
        return c

    monkeypatch.setattr(zoo_table, "cells", wrong)
    hook.zoo_tables.cache_clear()
    with pytest.raises(PluginError, match="SiLU / Swish, minimum"):
        hook.zoo_tables()


def test_the_zoo_page_holds_each_table_once():
    for name in zoo_table.TABLES:
        assert text("zoo.md").count(f"<!-- zoo-table {name} -->") == 1, name


# ---------------------------------------------------------------- the figures


def test_every_chapter_figure_is_embedded_once_and_exists():
    """test_article checks chapter 1's registry; this chapter's figures live in their own, which
    test_figures draws (both palettes, byte-stable) with every other figure."""
    import figures_smooth

    import figures

    embedded = re.findall(r"\]\(figure:([\w-]+)[ )]", "\n".join(p.read_text() for p in PAGES))
    assert sorted(embedded) == sorted(figures_smooth.FIGURES)
    assert not set(figures_smooth.FIGURES) & set(figures.FIGURES)
    assert not any("](chart:" in p.read_text() for p in PAGES), "the chart embed is gone"


sys.modules.setdefault("zoo_hook", load_hook())


def test_random_weights_turn_the_input_mean_into_variance():
    """The map's premise is omega = 0; weights drawn with variance 1/n have sums of variance 1, so
    an input mean mu adds mu^2 to the pre-activations' variance. One real random SELU layer (plain
    numpy, three seeds) lands near the map from (0, mu^2 + nu), not from (mu, nu)."""
    m = one(
        r"inputs of mean (\d+) and variance (\d+) look to\s+the layer like mean (\d+) and "
        r"variance (\d+)",
        "elu-selu.md",
    )
    mu, nu = values_ch3.ORBIT_START
    assert (float(m[1]), float(m[2])) == (mu, nu)
    assert (float(m[3]), float(m[4])) == (0.0, mu * mu + nu)
    seen = smooth.selu_map(float(m[3]), float(m[4]))
    premise = smooth.selu_map(mu, nu)
    n = smooth.DEEP["width"]
    for seed in range(3):
        rng = np.random.default_rng(seed)
        w = rng.normal(0.0, np.sqrt(1.0 / n), (n, n))
        a = rng.normal(mu, np.sqrt(nu), (2000, n))
        y = act.selu(a @ w.T)
        measured = np.array([y.mean(), y.var()])
        assert np.linalg.norm(measured - seen) < np.linalg.norm(measured - premise) / 3
        assert w.sum(axis=1).var() == pytest.approx(1.0, abs=0.2)


def test_selu_has_a_corner_and_elu_does_not():
    one(r"Unlike ELU with \$\\alpha = 1\$, SELU has a corner at 0", "elu-selu.md")
    one(r"with \$\\alpha = 1\$ both sides meet: ELU has no corner", "elu-selu.md")
    eps = 1e-12
    assert act.selu_prime(-eps) == pytest.approx(act.SELU_LAMBDA * act.SELU_ALPHA)
    assert act.selu_prime(eps) == pytest.approx(act.SELU_LAMBDA)
    assert act.elu_prime(-eps) == pytest.approx(act.elu_prime(eps))


def test_costs_are_described_as_measured():
    """The page says how the ns per element were measured: as the cost file records it."""
    m = one(r"the best of (\d+) repeats", "zoo.md")
    what = zoo_table.cost_measurement()["what"]
    assert what.endswith(f"best of {m[1]}"), what
