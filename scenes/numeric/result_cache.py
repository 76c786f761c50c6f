"""Experiments computed once, kept by content: a result is stored as JSON under a key that
covers the numeric core's source, the experiment's name and the numpy version, so that any
change to the code that computes it (or to numpy) computes it afresh, and nothing else does.

Figures, pages' tests and scenes all read the same file: they cannot disagree, and the build
pays for an experiment once. Entries appear by an atomic rename (the cache folder is shared by
parallel processes). BLAS runs on one thread while computing: the same bits on every run,
and less CPU than two threads contending for two cores.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

NUMERIC = Path(__file__).resolve().parent
ROOT = NUMERIC.parent.parent
CACHE = Path(os.environ.get("MEASURED_CACHE", ROOT / ".cache" / "measured"))

_memory: dict[str, dict] = {}


def source_key(name: str) -> str:
    """What the result of experiment `name` depends on: every module of the numeric core."""
    h = hashlib.sha256(name.encode())
    for path in sorted(NUMERIC.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    h.update(np.__version__.encode())
    return h.hexdigest()[:20]


def encode(result: dict) -> bytes:
    """Canonical JSON: sorted keys, floats as Python's shortest round-trip repr."""
    return json.dumps(result, sort_keys=True, separators=(",", ":")).encode()


def compute_quietly(compute: Callable[[], dict]) -> dict:
    """Run an experiment on one BLAS thread and return its result as JSON would give it back."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        return json.loads(encode(compute()))


def cached(name: str, compute: Callable[[], dict]) -> dict:
    """The result of `compute()` for experiment `name`, from the cache when the code is unchanged."""
    key = f"{name}-{source_key(name)}"
    if key in _memory:
        return _memory[key]
    path = CACHE / f"{key}.json"
    if path.is_file():
        result = json.loads(path.read_bytes())
    else:
        result = compute_quietly(compute)
        CACHE.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=CACHE, prefix=f".{key}-", suffix=".part")
        with os.fdopen(fd, "wb") as out:
            out.write(encode(result))
        os.replace(tmp, path)
    _memory[key] = result
    return result
