"""Checks every scene's tests share: no hand-typed numbers, a full caption track, a final frame
that holds what it should and matches the stored control data."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import webvtt

from framecheck import assert_matches_control, has_colour, last_frame, seconds


def assert_no_number_typed(module: Path, scene: str) -> None:
    """Decimal numbers in the scene class's strings come only through the module's formatters."""
    tree = ast.parse(Path(module).read_text())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == scene)
    for node in ast.walk(cls):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            assert not re.search(r"\d\.\d", node.value), f"a number typed by hand: {node.value!r}"


def assert_captions_cover(site_build, scene: str, min_cues: int) -> list:
    """20 to 90 s long; enough non-empty, non-overlapping cues, the last lasting to the end."""
    e = site_build.scene(scene)
    assert 20 <= e["duration_s"] <= 90
    cues = webvtt.read(str(site_build.root / e["captions"]))
    assert len(cues) >= min_cues
    assert all(c.text.strip() for c in cues)
    assert all(seconds(a.end) <= seconds(b.start) for a, b in zip(cues, cues[1:]))
    assert seconds(cues[-1].end) >= e["duration_s"] - 0.5
    return cues


def assert_final_frame(site_build, scene: str, colours) -> None:
    """Not blank, holds the scene's key colours, matches the control data."""
    frame = last_frame(site_build.root / site_build.scene(scene)["video"])
    img = np.asarray(frame)
    assert img.std() > 10, "the final frame is (nearly) blank"
    for colour in colours:
        assert has_colour(img, colour), f"no {colour} in the final frame"
    assert_matches_control(scene, frame)


STYLE_SIZES = {"LABEL_SIZE", "BODY_SIZE", "TITLE_SIZE"}


def assert_sizes_from_style(module: Path) -> None:
    """Every font size in the module is one of style's sizes: as a keyword, as a helper's `size`
    default, or as the second argument of a `words(text, size)` helper."""
    for node in ast.walk(ast.parse(Path(module).read_text())):
        if isinstance(node, ast.keyword) and node.arg in ("font_size", "size"):
            passed_on = isinstance(node.value, ast.Name) and node.value.id == "size"  # a helper's parameter
            assert passed_on or (isinstance(node.value, ast.Attribute) and node.value.attr in STYLE_SIZES), \
                ast.dump(node)
        if isinstance(node, ast.FunctionDef):
            for arg, default in zip(node.args.args[::-1], node.args.defaults[::-1]):
                if arg.arg == "size":
                    assert isinstance(default, ast.Attribute) and default.attr in STYLE_SIZES
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "words" and len(node.args) > 1:
            assert isinstance(node.args[1], ast.Attribute) and node.args[1].attr in STYLE_SIZES
