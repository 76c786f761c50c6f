"""Shared fixtures: the real site built at preview quality, once per test session.

`make test` builds into build/test/site, never into site/: a publish-quality site that `make`
built stays what it was.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_SITE = ROOT / "build" / "test" / "site"


@dataclass
class SiteBuild:
    root: Path
    manifest: dict
    log: str
    port: int = 0  # the loopback port the site was built for (its site_url)

    def scene(self, name: str) -> dict:
        for entry in self.manifest["scenes"]:
            if entry["name"] == name:
                return entry
        raise AssertionError(
            f"scene {name} is not in the manifest: {[e['name'] for e in self.manifest['scenes']]}"
        )


def run_build(
    *args: str, env: dict | None = None, timeout: float = 3000
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scripts.build", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def site_build() -> SiteBuild:
    # SITE_UNDER_TEST=site runs the same tests against an already built site (e.g. `make`'s).
    if os.environ.get("SITE_UNDER_TEST"):
        root = Path(os.environ["SITE_UNDER_TEST"]).resolve()
        manifest = json.loads((root / "videos" / "manifest.json").read_text())
        return SiteBuild(root, manifest, "")
    # Material's instant navigation works for pages under site_url: build for the test server.
    port = free_port()
    proc = run_build(
        "--quality",
        "preview",
        "--site-dir",
        str(TEST_SITE),
        env={"SITE_URL": f"http://127.0.0.1:{port}/"},
    )
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        pytest.fail(f"the preview build of the site failed:\n{log}", pytrace=False)
    manifest = json.loads((TEST_SITE / "videos" / "manifest.json").read_text())
    return SiteBuild(TEST_SITE, manifest, log, port)


# ---------------------------------------------------------------- the browser tests' shared pieces


@pytest.fixture(scope="module")
def served(site_build):
    """The test site on its loopback port, for one test module."""
    from browser import serve

    with serve(site_build.root, site_build.port) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, for one test module."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
