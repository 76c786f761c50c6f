"""Chapter 4's claims in words and integers, against the core: the setups the pages describe,
the comparisons they draw, and the tables cell by cell. (test_article.py checks every decimal and
percentage on the pages against tests/article_values_ch4.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from numeric import born_dead, gains, layer_speed, measured
from numeric.over_seeds import SEEDS

CHAPTER = Path(__file__).resolve().parent.parent / "docs" / "chapters" / "measured"
WORDS = {"three": 3, "ten": 10}


def page(name: str) -> str:
    return (CHAPTER / name).read_text(encoding="utf-8")


def one(pattern: str, text: str) -> re.Match:
    m = re.search(pattern, text)
    assert m, f"the page no longer says {pattern!r}"
    return m


def test_every_page_says_how_many_seeds():
    for name in ("index.md", "forward.md", "backward.md", "layer-speed.md", "born-dead.md"):
        counts = {int(n) for n in re.findall(r"(\d+) seeds", page(name))}
        assert counts == {len(SEEDS)}, (name, counts)


def test_forward_setup_is_the_lectures():
    m = one(
        r"Take (\d+) examples\s+of (\d+) inputs.*?through (\d+) layers of (\d+) tanh units",
        page("forward.md").replace("\n", " "),
    )
    assert [int(v) for v in m.groups()] == [
        measured.CS231N["n_examples"],
        measured.CS231N["width"],
        measured.CS231N["depth"],
        measured.CS231N["width"],
    ]


def test_forward_claims():
    text = page("forward.md")
    f = measured.forward()
    # "in no layer and no seed fewer than 90%": the lowest seed's lowest layer.
    assert min(f["tanh-unit"]["saturated"]["low"]) >= 0.9
    # "under 1% of the values saturate in the first layer, fewer than 1 in 10 000 after it":
    # in every seed (not "only in the first layer": a few do in layers 2 and 3).
    sat = f["tanh-lecun"]["saturated"]["high"]
    m = one(r"fewer than 1 in ([\d ]+) after it", text.replace("\n", " "))
    assert sat[0] < 0.01 and max(sat[1:]) < 1 / int(m[1].replace(" ", ""))
    assert "only in the first layer" not in text.replace("\n", " ")
    # "1/n lets tanh's spread decay only slowly": it decays, layer after layer.
    lecun = np.asarray(f["tanh-lecun"]["a_std"]["median"])
    assert np.all(np.diff(lecun) < 0) and lecun[-1] < lecun[0] / 2
    assert "$1/n$ keeps tanh's spread" not in text
    m = one(r"decay only slowly \(([\d.]+) to\s+([\d.]+) over ten layers\)", text)
    assert [float(v) for v in m.groups()] == [round(lecun[0], 2), round(lecun[-1], 2)]
    # "each layer multiplies the spread by about 0.224" (the linear factor, tanh ~ identity).
    std = np.asarray(f["tanh-small"]["a_std"]["median"])
    assert np.all(np.abs(std[1:] / std[:-1] / (0.01 * np.sqrt(500)) - 1) < 0.05)
    assert "sqrt{500} \\approx 22" in text and round(np.sqrt(500)) == 22


def test_forward_anchors_stand_where_the_page_says():
    f = measured.forward()
    printed = measured.CS231N_PRINTED_STD
    small, he = f["tanh-small"]["a_std"], f["relu-he"]["a_std"]
    # "they print six decimals, so layer 10 shows as 0": so would ours.
    assert printed["tanh-small"][10] == 0.0 and f"{small['median'][9]:.6f}" == "0.000000"
    # "their layer 1 lies a hair below our lowest seed ... their inputs had a spread of 0.998":
    # layer 1 passes the inputs' spread on, so ours, scaled by theirs, meets theirs.
    assert printed["tanh-small"][1] < small["low"][0]
    scaled = small["median"][0] * printed["tanh-small"][0]
    assert abs(scaled / printed["tanh-small"][1] - 1) < 1e-3
    # Layer 2 and the He rows: theirs inside our band over seeds.
    assert small["low"][1] <= printed["tanh-small"][2] <= small["high"][1]
    for layer in (1, 10):
        assert he["low"][layer - 1] <= printed["relu-he"][layer] <= he["high"][layer - 1]
    assert "and their 0.844523 lies inside" in page("forward.md")


def test_backward_table_matches_the_core():
    text = page("backward.md")
    header = "| activation | standard | Xavier | He |"
    rows = text.split(header, 1)[1].splitlines()[2:]
    b = measured.backward()
    names = {"sigmoid": "sigmoid", "tanh": "tanh", "ReLU": "relu", "SELU": "selu", "GELU": "gelu"}
    seen = []
    for row in rows:
        if not row.startswith("|"):
            break
        cells = [c.strip() for c in row.strip("|").split("|")]
        activation = names[cells[0]]
        seen.append(activation)
        for init, cell in zip(measured.BACKWARD_INITS, cells[1:]):
            value = b[f"{activation}-{init}"]["delta_first_over_last"]["median"]
            m = re.fullmatch(r"\$(\d\.\d) \\times 10\^\{(-\d+)\}\$|(\d+\.\d+)", cell)
            assert m, cell
            if m[3]:
                digits = len(m[3].split(".")[1])
                assert abs(float(m[3]) - value) <= 0.5 * 10**-digits, (activation, init, cell)
            else:
                stated = float(m[1]) * 10.0 ** int(m[2])
                assert abs(stated - value) <= 0.05 * 10.0 ** int(m[2]), (activation, init, cell)
    assert seen == list(measured.BACKWARD_ACTIVATIONS)


def test_backward_setup_and_stories():
    text = page("backward.md").replace("\n", " ")
    m = one(r"(\w+) layers of (\d+) units, (\d+) examples", text)
    assert (WORDS[m[1].lower()], int(m[2]), int(m[3])) == (
        measured.BACKWARD["depth"],
        measured.BACKWARD["width"],
        measured.BACKWARD["n_examples"],
    )
    b = measured.backward()
    # "The sigmoid loses the gradient under all three initialisations": in every seed.
    assert all(
        b[f"sigmoid-{i}"]["delta_first_over_last"]["high"] < 1e-4 for i in measured.BACKWARD_INITS
    )
    # "the standard one shrinks the gradient, He's keeps it" for tanh, ReLU and GELU.
    for a in ("tanh", "relu", "gelu"):
        assert b[f"{a}-standard"]["delta_first_over_last"]["high"] < 0.01
        assert 0.7 < b[f"{a}-he"]["delta_first_over_last"]["median"] < 1.3
    # SELU with He grows on the way down.
    assert b["selu-he"]["delta_first_over_last"]["low"] > 1
    # Our singular values sit below the quarter-circle law and the published ones, as explained.
    for init in ("standard", "xavier"):
        ours = b[f"tanh-{init}"]["jacobian_sv_mean"]["median"]
        law = measured.quarter_circle_mean(measured.INIT_SCALE[init])
        assert ours < law and ours < measured.GLOROT_JACOBIAN[init]
    assert "one example per layer" in text and measured.JACOBIAN_EXAMPLES == 1


def test_larger_weights_keep_the_sigmoids_gradient_by_saturating_it():
    """backward.md: the gain at which the sigmoid keeps its gradient, against He's, and the
    saturated share there; the page's "whatever the weights" would be false."""
    text = page("backward.md").replace("\n", " ")
    kept = measured.sigmoid_gain_that_keeps_the_gradient()
    m = one(r"only at \$g = (\d+)\$, ([\d.]+) times He's \$\\sqrt\{2\}\$", text)
    assert int(m[1]) == kept["gain"] and float(m[2]) == round(kept["over_he"], 1)
    assert f"in all {len(SEEDS)} seeds" in text and kept["delta_first_over_last"]["low"] >= 1
    m = one(r"by then (\d+)% of the sigmoid's outputs", text)
    assert int(m[1]) == round(100 * kept["saturated"]["median"])
    # The takeaway: "about eight times He's", "more than half of the outputs".
    assert "only weights about eight times He's" in re.sub(r"\s+", " ", text)
    assert round(kept["over_he"]) == 8 and kept["saturated"]["low"] > 0.5
    assert "whatever the weights" not in text and "whatever the initialisation" not in text


def test_layer_speed_setup_and_ratios():
    text = page("layer-speed.md").replace("\n", " ")
    m = one(r"takes (\d+) inputs instead of (\d+).*?(\w+) hidden layers of (\d+)", text)
    assert int(m[1]) == layer_speed.SIZES[0] and int(m[2]) == 28 * 28
    assert WORDS[m[3]] == len(layer_speed.SIZES) - 2 and int(m[4]) == layer_speed.SIZES[1]
    assert f"averaged over {layer_speed.N_TRAIN} training images" in text
    assert f"mini-batches of {layer_speed.BATCH}" in text
    assert re.search(rf"after {layer_speed.EPOCHS} epochs", text)
    r = layer_speed.results()
    # "The third hidden layer learns 24 times faster than the first".
    m = one(r"learns (\d+) times faster than the first; in his\s+numbers", text)
    assert int(m[1]) == round(r["sigmoid"]["last_over_first"]["median"][0])
    m = one(r"the last layer is\s+only ([\d.]+) times faster", text)
    assert m[1] == f"{r['relu']['last_over_first']['median'][0]:.1f}"
    # "between 1.6 and 4.6 times across the seeds", and the takeaway's "(1.6 to 4.6 ...)".
    relu = r["relu"]["last_over_first"]
    band = [f"{relu['low'][0]:.1f}", f"{relu['high'][0]:.1f}"]
    assert (
        list(one(r"between ([\d.]+) and ([\d.]+) times across the\s+seeds", text).groups()) == band
    )
    assert list(one(r"\(([\d.]+) to\s+([\d.]+) across seeds\)", text).groups()) == band
    # "With ReLU the order even turns round": the first layer's is the largest at the end.
    last = np.asarray(r["relu"]["speeds"]["median"])[-1]
    assert last[0] == last.max()
    assert "more than 20 times slower" in text
    nielsen = layer_speed.NIELSEN_AT_INIT
    assert nielsen[-1] / nielsen[0] > 20 and r["sigmoid"]["last_over_first"]["median"][0] > 20
    stated = one(r"his\s+\$\[([\d.]+), ([\d.]+), ([\d.]+)\]\$", text)
    assert tuple(float(v) for v in stated.groups()) == nielsen


def test_layer_speed_says_how_nielsen_trains():
    """His training is not ours (fig/generate_gradient.py): the page says both, and the steps."""
    text = page("layer-speed.md").replace("\n", " ")
    his = layer_speed.NIELSEN_TRAINING
    m = one(
        r"one full-batch step per epoch \(a mini-batch of all (\d+) images\) with L2 "
        r"regularisation \$\\lambda = (\d+)\$ for (\d+) epochs",
        text,
    )
    assert (int(m[1]), int(m[2]), int(m[3])) == (his["batch"], his["lmbda"], his["epochs"])
    assert his["batch"] == layer_speed.N_TRAIN and his["eta"] == layer_speed.ETA
    assert "everything else is his" not in text
    m = one(
        r"his (\d+) full-batch steps .*? against our (\d+) steps with mini-batches of (\d+)", text
    )
    assert (int(m[1]), int(m[2]), int(m[3])) == (
        layer_speed.nielsen_steps(),
        layer_speed.our_steps(),
        layer_speed.BATCH,
    )
    # "we take more steps than he does", so "he trains for many more steps" would be false.
    assert layer_speed.our_steps() > layer_speed.nielsen_steps()


def test_the_sigmoid_network_is_still_on_its_plateau():
    """The 13.5 is measured on a network that has not started to learn: chance accuracy in
    every seed but a few, and the cost of answering 1/10 for every class."""
    text = page("layer-speed.md").replace("\n", " ")
    assert "still on its plateau" in text
    sig, relu = layer_speed.results()["sigmoid"], layer_speed.results()["relu"]
    m = one(r"its accuracy is (\d+)%, chance \(median over \d+ seeds; at most (\d+)%\)", text)
    assert [int(v) for v in m.groups()] == [
        round(100 * sig["accuracy"]["median"]),
        round(100 * sig["accuracy"]["high"]),
    ]
    chance = 1.0 / layer_speed.SIZES[-1]
    assert abs(sig["accuracy"]["median"] - chance) < 0.01 and sig["accuracy"]["high"] < 2 * chance
    assert abs(sig["cost"]["median"] - layer_speed.chance_cost()) < 0.01
    # A network that learns gets far from both: ReLU's, at the same step size.
    assert relu["accuracy"]["low"] > 0.9 and relu["cost"]["high"] < layer_speed.chance_cost() / 10


def test_gain_claims():
    text = page("gains.md")
    assert gains.forward_gain("relu") == pytest.approx(np.sqrt(2)) == gains.backward_gain("relu")
    assert gains.forward_gain("tanh") < gains.PYTORCH_GAINS["tanh"]
    assert gains.backward_gain("tanh") < gains.PYTORCH_GAINS["tanh"]
    story = gains.tanh_story()
    assert story["derived"]["z_std"] == pytest.approx(1.0, abs=1e-6)
    assert story["pytorch"]["a_std"] > story["derived"]["a_std"]
    assert story["pytorch"]["gradient_factor"] > story["derived"]["gradient_factor"] > 1
    assert "100 000 samples" in text
    # "PyTorch lists one for a few activations (...)": exactly those it has a gain for.
    listed = one(r"lists one for a few activations \(([^)]*)\)", text.replace("\n", " "))[1]
    names = {"identity": "linear", "leaky_relu": "leaky ReLU"}
    from numeric.activations import ZOO as zoo

    expected = [names.get(k, zoo[k].name) for k in gains.PYTORCH_GAINS]
    assert listed.split(", ") == expected
    assert "tanh was fine with" not in text
    # The table's rows: every activation of the book, PyTorch's gain where it lists one.
    for key, row in measured.gains_results()["table"].items():
        name = {"identity": "linear"}.get(key, key)
        from numeric.activations import ZOO

        label = ZOO[key].name if key != "identity" else name
        line = next(ln for ln in text.splitlines() if ln.startswith(f"| {label} |"))
        assert line.rstrip().endswith("none |") == (row["pytorch"] is None), line


def test_born_dead_table_matches_the_core():
    text = page("born-dead.md")
    results = born_dead.results()
    rows = [ln for ln in text.splitlines() if re.match(r"\| \d+ \| \d+%", ln)]
    assert [int(r.split("|")[1]) for r in rows] == list(born_dead.WIDTHS)
    header = one(r"\| width \$N\$ \|(.*)\|", text)[1]
    assert [int(d) for d in re.findall(r"depth (\d+)", header)] == list(born_dead.DEPTHS)
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        run = results[cells[0]]
        for i, cell in enumerate(cells[1:]):
            m = re.fullmatch(r"(\d+)% \((\d+)–(\d+)%\) · (\d+)%", cell)
            assert m, cell
            expected = [
                run["dead_on_set"]["median"][i],
                run["dead_on_set"]["low"][i],
                run["dead_on_set"]["high"][i],
                run["closed_form"][i],
            ]
            for stated, value in zip(m.groups(), expected):
                assert abs(int(stated) - 100 * value) <= 0.5 + 1e-9, (cells[0], i, cell)
    m = one(r"We draw (\d+) networks per seed and (\d+) seeds", text)
    assert (int(m[1]), int(m[2])) == (born_dead.NETWORKS_PER_SEED, len(SEEDS))
    assert f"same {born_dead.N_POINTS} points" in text
    assert f"over all {born_dead.NETWORKS_PER_SEED * len(SEEDS)} per cell" in text
    # "more than half of ours were": width 3, depth 10, dead on the whole set.
    assert results["3"]["dead_on_set"]["median"][1] > 0.5
    # "at most one network in 200, in any seed" at width 8, depth 10, on the whole set.
    assert "at most one network in 200, in any seed" in text.replace("\n", " ")
    assert results["8"]["dead_on_set"]["high"][1] * born_dead.NETWORKS_PER_SEED <= 1


def test_chapter_figures_type_no_number_by_hand():
    """The conformance test's rule for scenes and figures.py, on this chapter's figures module."""
    import ast

    from test_scene_conformance import TYPED_NUMBER, strings_outside_docstrings

    module = Path(__file__).resolve().parent.parent / "scenes" / "figures_measured.py"
    tree = ast.parse(module.read_text())
    for node in strings_outside_docstrings(tree):
        assert not TYPED_NUMBER.search(node.value), (module.name, node.lineno, node.value)
    assert not any(isinstance(n, ast.FormattedValue) and n.format_spec for n in ast.walk(tree))


def test_every_chapter_figure_is_embedded_once_and_exists():
    """test_article checks chapter 1's registry; this chapter's figures live in their own."""
    import figures_measured

    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CHAPTER.glob("*.md")))
    embedded = re.findall(r"\]\(figure:([\w-]+)[ )]", text)
    assert sorted(embedded) == sorted(figures_measured.FIGURES)
    import figures

    assert not set(figures_measured.FIGURES) & set(figures.FIGURES)
