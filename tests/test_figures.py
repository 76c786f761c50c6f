"""The matplotlib figures: each one draws, the renderer's SVG files are byte-stable and carry no
date or software metadata, and every number a figure prints is the core's."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import figures
import style
from numeric import weight_updates
from numeric.activations import SIGMOID_PRIME_PEAK, significant_band

ROOT = Path(__file__).resolve().parent.parent


def all_figures() -> dict:
    """figures.py's registry and every later chapter's (scenes/figures_<chapter>.py)."""
    from scripts.figure_worker import registry

    return registry(ROOT / "scenes")


def render_all(outdir: Path, *names: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scripts.figure_worker", str(outdir), *names],
        cwd=ROOT,
        env={**os.environ, "MPLBACKEND": "agg"},
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[Path, Path]:
    """Two independent runs of the renderer, in separate processes."""
    a, b = tmp_path_factory.mktemp("figures-a"), tmp_path_factory.mktemp("figures-b")
    for out in (a, b):
        proc = render_all(out)
        assert proc.returncode == 0, proc.stderr
    return a, b


def test_registry_names_are_kebab_case():
    assert len(figures.FIGURES) >= 3
    for name in figures.FIGURES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name
    with pytest.raises(ValueError):
        figures.figure("Not_Kebab")


@pytest.mark.parametrize("name", sorted(all_figures()))
def test_each_figure_draws(name):
    import matplotlib.pyplot as plt

    with plt.style.context(style.MATPLOTLIB_RC):
        fig = all_figures()[name]()
    try:
        assert fig.axes, name
        assert fig.get_facecolor()[:3] == pytest.approx(
            tuple(int(style.BACKGROUND[i : i + 2], 16) / 255 for i in (1, 3, 5))
        )
    finally:
        plt.close(fig)


def test_renderer_writes_every_figure(rendered):
    a, _ = rendered
    for suffix in ("svg", "pdf", "png"):  # the page's SVG; PDF and PNG for the lecture kit
        assert sorted(p.stem for p in a.glob(f"*.{suffix}")) == sorted(all_figures()), suffix
    assert not list(a.glob("*.part"))


def test_two_runs_give_identical_bytes(rendered):
    a, b = rendered
    for name in all_figures():
        for suffix in ("svg", "pdf", "png"):
            assert (a / f"{name}.{suffix}").read_bytes() == (b / f"{name}.{suffix}").read_bytes(), (
                name,
                suffix,
            )


def test_pdf_and_png_carry_no_date_or_software(rendered):
    a, _ = rendered
    for path in a.glob("*.pdf"):
        head = path.read_bytes()
        assert b"/CreationDate" not in head and b"matplotlib" not in head.lower(), path.name
    for path in a.glob("*.png"):
        assert b"matplotlib" not in path.read_bytes().lower(), path.name


def test_svg_has_no_date_software_or_external_reference(rendered):
    a, _ = rendered
    for path in a.glob("*.svg"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("<?xml") and "<svg" in text
        assert "<dc:date>" not in text and not re.search(r"\b20\d\d-\d\d-\d\d", text), path.name
        assert "Matplotlib v" not in text and "matplotlib.org" not in text, path.name
        # No fonts, images or styles fetched from elsewhere (the xmlns URIs are names, not requests;
        # a dense artist drawn as a bitmap is embedded as a data: URI, which fetches nothing).
        hrefs = [
            h
            for h in re.findall(r'(?:xlink:)?href="([^"#][^"]*)"', text)
            if not h.startswith("data:")
        ]
        assert not hrefs, (path.name, hrefs[:3])
        assert "<text" not in text, "text is drawn as paths, needing no font on the reader's side"


def test_subset_and_unknown_names(tmp_path):
    proc = render_all(tmp_path, "sigmoid-and-derivative")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"sigmoid-and-derivative.{suffix}" for suffix in ("pdf", "png", "svg")
    ]
    proc = render_all(tmp_path / "x", "no-such-figure")
    assert proc.returncode == 2 and "no-such-figure" in proc.stderr


# ---------------------------------------------------------------- the numbers figures print


def test_sigmoid_figure_labels_are_the_core():
    lo, hi = significant_band()
    label = figures.band_label()
    assert f"{lo:.1f}" in label and f"{hi:.1f}" in label
    assert f"{SIGMOID_PRIME_PEAK:g}" in figures.peak_label() == "peak 0.25 at $x = 0$"


def test_boundary_titles_are_the_trained_models():
    X, y, linear, network = figures.boundary_models()
    lin, net = figures.boundary_titles()
    assert f"{round(100 * np.mean(linear.predict(X) == y))}%" in lin
    assert f"{round(100 * np.mean(network.predict(X) == y))}%" in net
    assert network.accuracy(X, y) > linear.accuracy(X, y)
    # The straight model really is straight: no hidden layer.
    assert len(linear.layers) == 1


def test_quadrant_figure_updates_are_minus_lr_delta_x():
    for kind in weight_updates.KINDS:
        prob = weight_updates.problem(kind)
        U = figures.start_updates(kind)
        z = prob.X @ weight_updates.START
        from numeric.activations import sigmoid, sigmoid_prime

        delta = (sigmoid(z) - prob.Y) * sigmoid_prime(z)
        np.testing.assert_allclose(
            U, -weight_updates.LEARNING_RATE * delta[:, None] * prob.X, rtol=1e-12
        )
    assert figures.start_updates_same_sign("positive") == 1.0
    assert figures.same_sign_label("positive") == "single examples at $w_0$: 100% same sign"
    # The direction to w* lies in a forbidden quadrant for the positive inputs.
    assert not weight_updates.same_sign(weight_updates.TEACHER - weight_updates.START)


def test_light_palette_draws_the_same_figures_on_white(rendered, tmp_path):
    """The worker in the light palette: the same figures, the same size, on white, in the light
    palette's colours (the lecture kit's figures/light/ and the light pages)."""
    from PIL import Image

    from framecheck import has_colour
    from scripts.hooks.palette import load_style

    proc = subprocess.run(
        [sys.executable, "-m", "scripts.figure_worker", str(tmp_path)],
        cwd=ROOT,
        env={**os.environ, "MPLBACKEND": "agg", "ACTIVATION_PALETTE": "light"},
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    dark_dir, _ = rendered
    for name in all_figures():
        light = np.asarray(Image.open(tmp_path / f"{name}.png").convert("RGB"))
        dark = np.asarray(Image.open(dark_dir / f"{name}.png").convert("RGB"))
        assert light.shape == dark.shape, name
        assert tuple(light[2, 2]) == (255, 255, 255), name
        assert tuple(dark[2, 2]) == tuple(int(style.BACKGROUND[i : i + 2], 16) for i in (1, 3, 5))
    # The sigmoid is drawn in the light palette's green, darkened as white paper needs.
    curve = np.asarray(Image.open(tmp_path / "sigmoid-curve.png").convert("RGB"))
    light_style = load_style(ROOT / "scenes" / "style.py", "light")
    assert has_colour(curve, light_style.ACTIVATION, tol=12, min_pixels=500)
