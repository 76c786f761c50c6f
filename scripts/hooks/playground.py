"""MkDocs hook: the numeric core's constants and data for the playground, as an ES module.

The playground (docs/playground.md, scripts in docs/assets/playground/) computes in the reader's
browser, but it types no constant of its own: SELU's lambda and alpha, the leaky slope, ELU's
alpha, the list of activations and initialisations, the article's two moons and its training
settings all come from scenes/numeric/ through assets/playground/core.js, written here at build
time. The page and the core cannot disagree; tests/test_playground.py checks that they do not.
Nothing generated is committed under docs/.
"""

from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

PATH = "assets/playground/core.js"
SCENES = Path(__file__).resolve().parents[2] / "scenes"


def core_data() -> dict:
    """What the page needs from the core, as plain JSON (floats keep every digit: repr)."""
    if str(SCENES) not in sys.path:
        sys.path.insert(0, str(SCENES))
    try:
        from numeric import activations, deep, training
    except ImportError as err:
        raise PluginError(
            f"the playground hook cannot import the numeric core from {SCENES}: {err}. "
            "Build with `make` (it sets up .venv), not a bare mkdocs."
        ) from err

    X, y = training.make_dataset(**training.DATASET)
    elu_alpha = inspect.signature(activations.elu).parameters["alpha"].default
    return {
        "activations": [{"key": a.key, "name": a.name} for a in activations.ZOO.values()],
        "constants": {
            "seluLambda": activations.SELU_LAMBDA,
            "seluAlpha": activations.SELU_ALPHA,
            "leakySlope": activations.LEAKY_SLOPE,
            "eluAlpha": float(elu_alpha),
        },
        "inits": list(deep.INITS),
        "moons": {
            "x": [[float(a), float(b)] for a, b in X],
            "y": [int(v) for v in y],
            "box": list(training.INPUT_BOX),
            "gridStep": training.GRID_STEP,
        },
        "training": {
            "hidden": list(training.NETWORK["hidden"]),
            "lr": training.NETWORK["lr"],
            "momentum": training.NETWORK["momentum"],
        },
    }


def core_module() -> str:
    body = json.dumps(core_data(), separators=(",", ":"))
    return (
        "// Generated from scenes/numeric at build time (scripts/hooks/playground.py): edit there.\n"
        f"export default {body};\n"
    )


def on_files(files, config):
    files.append(File.generated(config, PATH, content=core_module()))
    return files
