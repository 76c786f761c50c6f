"""The bar every scene meets, checked for each scene the build discovers, the moment it exists.

Title, captions covering the video, no number typed by hand, text through the toolkit at the
style's legible sizes, a final frame that matches its control data. What a scene shows is
checked by its own test file (tests/test_scene_<module>.py).
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import numpy as np
import pytest
import webvtt

import style
from framecheck import assert_matches_control, last_frame, seconds
from scripts.discover import discover_scenes

ROOT = Path(__file__).resolve().parent.parent
SCENES = discover_scenes(ROOT / "scenes", render_settings="")
MODULES = sorted({s.module for s in SCENES})
STYLE_SIZES = {"LABEL_SIZE", "BODY_SIZE", "TITLE_SIZE"}
# What a number typed into a string looks like: a decimal, or a percentage.
TYPED_NUMBER = re.compile(r"\d\.\d|\d\s?%")
# manim's text classes: scenes make text through toolkit.words and toolkit.tex instead.
TEXT_CLASSES = {"Text", "MarkupText", "Paragraph", "MathTex", "Tex", "SingleStringMathTex"}
LONGEST_CAPTION_GAP = 0.25  # seconds without a caption between two cues (frame rounding)


def by_scene(scenes):
    return pytest.mark.parametrize("scene", scenes, ids=[s.name for s in scenes])


def by_module(modules):
    return pytest.mark.parametrize("module", modules, ids=[m.stem for m in modules])


def test_every_scene_is_checked():
    """Discovery finds the scenes the pages embed (an empty list would pass everything)."""
    assert len(SCENES) >= 4 and all(m.parent == ROOT / "scenes" for m in MODULES)


# ---- the source ----------------------------------------------------------------------------


@by_scene(SCENES)
def test_title_is_the_docstring_first_line(scene):
    cls = getattr(importlib.import_module(scene.module.stem), scene.name)
    assert cls.__doc__, f"{scene.name} has no docstring: its first line is the video's title"
    first = cls.__doc__.splitlines()[0]
    assert first == scene.title and first.strip() == first, first
    assert 10 <= len(first) <= 70 and not first.endswith("."), f"not a title: {first!r}"


def strings_outside_docstrings(tree: ast.Module):
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node


@by_module([*MODULES, ROOT / "scenes" / "figures.py"])
def test_no_number_typed_by_hand(module):
    """Numbers reach the screen through numeric.formatting: no decimal or percentage in a string,
    no format spec in an f-string."""
    tree = ast.parse(module.read_text())
    for node in strings_outside_docstrings(tree):
        assert not TYPED_NUMBER.search(node.value), (
            f"{module.name}:{node.lineno}: a number typed by hand: {node.value!r}"
        )
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue) and node.format_spec:
            raise AssertionError(
                f"{module.name}:{node.lineno}: format numbers with numeric.formatting, "
                "not a format spec"
            )


def is_style_size(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr in STYLE_SIZES


@by_module(MODULES)
def test_text_goes_through_the_toolkit_at_style_sizes(module):
    """Text and formulas come from toolkit.words/tex, with a size that is one of style's."""
    for node in ast.walk(ast.parse(module.read_text())):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        where = f"{module.name}:{node.lineno}"
        assert name not in TEXT_CLASSES, f"{where}: use toolkit.words or toolkit.tex, not {name}"
        sizes = [k.value for k in node.keywords if k.arg in ("size", "font_size")]
        if name == "words" and len(node.args) > 1:
            sizes.append(node.args[1])
        for size in sizes:
            assert is_style_size(size), f"{where}: a font size not from style: {ast.unparse(size)}"


@pytest.fixture
def own_media_dir(tmp_path):
    """Text and MathTex write their SVGs under manim's media_dir: keep them out of the repository."""
    from manim import tempconfig

    with tempconfig({"media_dir": str(tmp_path)}):
        yield


@pytest.mark.parametrize("size", sorted(STYLE_SIZES))
def test_style_sizes_are_legible(own_media_dir, size):
    """A line of text or of a formula, ascender to descender, is at least MIN_TEXT_PX at 1080p."""
    from toolkit import tex, words

    points = getattr(style, size)
    for line in (words("Ag", points), tex("Ag", size=points)):
        assert style.px(line) >= style.MIN_TEXT_PX, (size, style.px(line))


# ---- the render ----------------------------------------------------------------------------


@by_scene(SCENES)
def test_manifest_names_the_scene(site_build, scene):
    entry = site_build.scene(scene.name)
    assert entry["title"] == scene.title
    assert entry["module"] == scene.module_rel(ROOT)


@by_scene(SCENES)
def test_captions_cover_the_video(site_build, scene):
    """From the first second to the last, a caption is always on screen, and never two."""
    entry = site_build.scene(scene.name)
    assert 20 <= entry["duration_s"] <= 90, entry["duration_s"]
    cues = webvtt.read(str(site_build.root / entry["captions"]))
    assert cues and all(c.text.strip() for c in cues)
    assert seconds(cues[0].start) <= 0.5
    for a, b in zip(cues, cues[1:]):
        gap = seconds(b.start) - seconds(a.end)
        assert 0 <= gap <= LONGEST_CAPTION_GAP, (a.text, b.text, gap)
    assert seconds(cues[-1].end) >= entry["duration_s"] - 0.5


@by_scene(SCENES)
def test_final_frame_matches_its_control_data(site_build, scene):
    """Not blank, and what tests/control/<Scene>.npz holds (the poster readers see)."""
    frame = last_frame(site_build.root / site_build.scene(scene.name)["video"])
    assert np.asarray(frame).std() > 10, "the final frame is (nearly) blank"
    assert_matches_control(scene.name, frame)
