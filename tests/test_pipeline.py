"""The build pipeline, on the tiny fixture project in tests/fixture (two scenes, two pages).

Each test works on its own copy, with a `scripts` link to the real build, so what is tested is
exactly what `make` runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import av
import pytest

from scripts.finish_video import is_faststart

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixture"


def make_project(dest: Path) -> Path:
    shutil.copytree(FIXTURE, dest)
    (dest / "scripts").symlink_to(ROOT / "scripts")
    return dest


def build(project: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "scripts.build",
            "--project",
            str(project),
            "--quality",
            "preview",
            "--jobs",
            "2",
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "FORCE": "0", **(env or {})},
    )
    proc.log = proc.stdout + proc.stderr
    return proc


def rendered(proc) -> list[str]:
    """The scenes a build rendered, from its progress display: `Name` for the dark variant,
    `Name (light)` for the light one."""
    return sorted(re.findall(r"\[render\] (\w+(?: \(\w+\))?): started", proc.log))


def both(*names: str) -> list[str]:
    """The renders of these scenes in both palettes, as `rendered` lists them."""
    return sorted([*names, *(f"{n} (light)" for n in names)])


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file under folder: (mtime_ns, sha256)."""
    return {
        p.relative_to(folder).as_posix(): (
            p.stat().st_mtime_ns,
            hashlib.sha256(p.read_bytes()).hexdigest(),
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A fixture project built once; tests that change it work on their own copy."""
    project = make_project(tmp_path_factory.mktemp("tiny") / "project")
    proc = build(project)
    assert proc.returncode == 0, proc.log
    assert rendered(proc) == both("GrowingSquare", "MovingDot")
    return project


@pytest.fixture
def project(built, tmp_path) -> Path:
    """A private copy of the built project: its cache, media and site included."""
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def test_noop_rebuild_renders_nothing_and_rewrites_nothing(project):
    before = snapshot(project / "site") | {
        f"media/{k}": v for k, v in snapshot(project / "build").items()
    }
    started = time.perf_counter()
    proc = build(project)
    elapsed = time.perf_counter() - started
    assert proc.returncode == 0, proc.log
    assert rendered(proc) == []
    after = snapshot(project / "site") | {
        f"media/{k}": v for k, v in snapshot(project / "build").items()
    }
    assert after == before, "a no-op build rewrote files"
    assert elapsed < 3.0, f"a no-op build took {elapsed:.2f} s"


def test_editing_one_scene_module_rerenders_only_its_scenes(project):
    square = project / "scenes" / "square.py"
    square.write_text(square.read_text().replace("run_time=1", "run_time=1.2"))
    proc = build(project)
    assert proc.returncode == 0, proc.log
    assert rendered(proc) == both("GrowingSquare")
    manifest = json.loads((project / "site" / "videos" / "manifest.json").read_text())
    durations = {s["name"]: s["duration_s"] for s in manifest["scenes"]}
    assert durations["GrowingSquare"] == pytest.approx(1.7, abs=0.08)
    assert durations["MovingDot"] == pytest.approx(1.5, abs=0.08)


def test_editing_an_imported_helper_rerenders_the_scenes_that_import_it(project):
    helper = project / "scenes" / "helper.py"
    helper.write_text(helper.read_text().replace("SHIFT = 2.0", "SHIFT = 3.0"))
    proc = build(project)
    assert proc.returncode == 0, proc.log
    assert rendered(proc) == both("MovingDot")


def test_a_light_palette_change_rerenders_only_the_light_variants(project):
    style = project / "scenes" / "style.py"
    media = project / "build" / "media-preview"  # placed media keep their mtime unless rewritten
    before = snapshot(media)
    style.write_text(style.read_text().replace('"#1F77B4"', '"#0B5A8F"'))  # light SHAPE only
    proc = build(project)
    assert proc.returncode == 0, proc.log
    assert rendered(proc) == ["GrowingSquare (light)", "MovingDot (light)"]
    after = snapshot(media)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert "videos/light/GrowingSquare.mp4" in changed
    dark = {k for k in changed if k.startswith("videos/") and not k.startswith("videos/light/")}
    assert not dark, f"a light-only change rewrote dark media: {sorted(dark)}"
    # A comment is no colour: it re-renders nothing.
    style.write_text(style.read_text() + "# The fixture's colours are arbitrary.\n")
    proc = build(project)
    assert proc.returncode == 0, proc.log
    assert rendered(proc) == []


def test_the_light_variants_are_drawn_on_white_and_listed_beside_the_dark(built):
    site = built / "site"
    manifest = json.loads((site / "videos" / "manifest.json").read_text())
    for s in manifest["scenes"]:
        light = s["variants"]["light"]
        assert light["video"] == f"videos/light/{s['name']}.mp4"
        assert light["poster"] == f"videos/light/{s['name']}.webp"
        assert light["captions"] == s["captions"]  # the same scene code, the same cues
        video = site / light["video"]
        assert video.stat().st_size == light["bytes"] and is_faststart(video)
        assert hashlib.sha256(video.read_bytes()).hexdigest() == light["sha256"]
        assert light["frames"] == s["frames"]
        for stills in (s["beat_stills"], light["beat_stills"]):
            assert all((site / p).is_file() for p in stills) and len(stills) == 1
        assert (site / light["still"]).is_file() and (site / light["poster"]).is_file()
        corners = []
        for path in (s["video"], light["video"]):
            with av.open(str(site / path)) as c:
                frame = next(c.decode(video=0)).to_ndarray(format="rgb24")
                corners.append(frame[:8, :8].mean())
        assert corners[0] < 40 and corners[1] > 240, f"{s['name']}: corner brightness {corners}"


def test_editing_only_a_page_renders_nothing(project):
    page = project / "docs" / "other.md"
    page.write_text(page.read_text() + "\nA sentence added by the author.\n")
    proc = build(project)
    assert proc.returncode == 0, proc.log
    assert rendered(proc) == []
    assert (
        "A sentence added by the author." in (project / "site" / "other" / "index.html").read_text()
    )


def test_a_broken_scene_fails_loudly_and_leaves_the_last_good_site(project):
    before = snapshot(project / "site")
    square = project / "scenes" / "square.py"
    lines = square.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if "def construct" in line) + 1
    lines.insert(at, "        ratio = 1 / 0")
    square.write_text("\n".join(lines) + "\n")
    helper = project / "scenes" / "helper.py"  # make the healthy scene stale as well
    helper.write_text(helper.read_text().replace("SHIFT = 2.0", "SHIFT = 2.5"))

    proc = build(project)
    assert proc.returncode != 0
    assert "scenes/square.py" in proc.log and "GrowingSquare" in proc.log
    assert "ZeroDivisionError: division by zero" in proc.log
    assert f"square.py:{at + 1}" in proc.log, "the message names the failing line"
    assert snapshot(project / "site") == before, "the last good site changed"
    # The healthy scene still rendered into the cache; nothing partial is left anywhere.
    assert "[render 1/2] MovingDot: 1.5 s of video" in proc.log or "MovingDot: 1.5 s" in proc.log
    leftovers = [
        p for p in project.rglob("*") if ".tmp" in p.name or (p.is_dir() and p.parent.name == "tmp")
    ]
    assert leftovers == []

    square.write_text(square.read_text().replace("        ratio = 1 / 0\n", ""))
    proc = build(project)
    assert proc.returncode == 0, proc.log
    assert rendered(proc) == []  # every render came from the cache


def test_an_unknown_scene_name_fails_with_page_and_line(project):
    before = snapshot(project / "site")
    page = project / "docs" / "other.md"
    lines = page.read_text().splitlines() + ["", "![A missing video](scene:NoSuchScene)"]
    page.write_text("\n".join(lines) + "\n")
    proc = build(project)
    assert proc.returncode != 0
    assert f"other.md:{len(lines)}: unknown scene 'NoSuchScene'" in proc.log
    assert snapshot(project / "site") == before


def test_an_unknown_figure_name_fails_with_page_and_line(project):
    before = snapshot(project / "site")
    page = project / "docs" / "index.md"
    lines = page.read_text().splitlines()
    lines.insert(2, "![A plot that was never drawn](figure:no-such-figure)")
    page.write_text("\n".join(lines) + "\n")
    proc = build(project)
    assert proc.returncode != 0
    assert "index.md:3: unknown figure 'no-such-figure'" in proc.log
    assert snapshot(project / "site") == before


def test_the_manifest_matches_the_files(built):
    site = built / "site"
    manifest = json.loads((site / "videos" / "manifest.json").read_text())
    assert {s["name"] for s in manifest["scenes"]} == {"MovingDot", "GrowingSquare"}
    for s in manifest["scenes"]:
        video = site / s["video"]
        assert video.stat().st_size == s["bytes"]
        assert hashlib.sha256(video.read_bytes()).hexdigest() == s["sha256"]
        assert is_faststart(video)
        with av.open(str(video)) as c:
            stream = c.streams.video[0]
            frames = sum(1 for _ in c.decode(stream))
            assert (stream.codec_context.name, stream.codec_context.pix_fmt) == ("h264", "yuv420p")
            assert (stream.codec_context.width, stream.codec_context.height) == (
                s["width"],
                s["height"],
            )
        assert frames == s["frames"]
        assert s["duration_s"] == pytest.approx(frames / s["fps"], abs=1e-3)
        assert (site / s["poster"]).stat().st_size > 500
        assert (site / s["captions"]).read_text().startswith("WEBVTT")
        assert s["module"].startswith("scenes/") and (built / s["module"]).is_file()
    pages = {s["name"]: s["pages"] for s in manifest["scenes"]}
    assert pages == {"MovingDot": [""], "GrowingSquare": ["other/"]}


class MediaRefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for attr in {
            "video": ["poster", "data-poster"],
            "source": ["src"],
            "track": ["src"],
            "img": ["src"],
            "a": ["href"],
            "link": ["href"],
            "script": ["src"],
        }.get(tag, []):
            if a.get(attr):
                self.refs.append((tag, a[attr]))


def test_every_media_path_in_every_page_resolves(built):
    site = built / "site"
    checked = 0
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # served at any depth, so it links by absolute site_url paths
            continue
        parser = MediaRefs()
        parser.feed(page.read_text())
        for tag, ref in parser.refs:
            if re.match(r"^[a-z]+:|^#|^//", ref):
                continue
            target = (page.parent / ref.split("#")[0].split("?")[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(site)}: <{tag}> points at missing {ref}"
            checked += tag in ("video", "source", "track")
    assert checked >= 12  # two scenes in two palettes: poster, source, track each


def test_two_clean_builds_are_byte_identical(tmp_path):
    trees = []
    for name in ("one", "two"):
        project = make_project(tmp_path / name)
        proc = build(project)
        assert proc.returncode == 0, proc.log
        trees.append({k: v[1] for k, v in snapshot(project / "site").items()})
    differing = sorted(
        k for k in trees[0].keys() | trees[1].keys() if trees[0].get(k) != trees[1].get(k)
    )
    assert differing == []


def test_a_build_killed_mid_render_recovers(project):
    command = [sys.executable, "-m", "scripts.build", "--project", str(project)]
    proc = subprocess.Popen(
        [*command, "--quality", "preview", "--force"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until renders are under way
        if list((project / "build" / "tmp").glob("*-render/*")):
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    after = build(project)
    assert after.returncode == 0, after.log
    assert not list((project / "build" / "tmp").glob("*")), "the killed build's work folders remain"
    manifest = json.loads((project / "site" / "videos" / "manifest.json").read_text())
    for s in manifest["scenes"]:
        assert (
            hashlib.sha256((project / "site" / s["video"]).read_bytes()).hexdigest() == s["sha256"]
        )


TINY_FIGURES = """import matplotlib.pyplot as plt

FIGURES = {}


def a_line():
    fig, ax = plt.subplots(figsize=(2, 1))
    ax.plot([0, 1], [0, 1])
    return fig


FIGURES["a-line"] = a_line
"""


def test_a_broken_figure_fails_loudly_and_leaves_the_last_good_site(project):
    scenes = project / "scenes"  # the fixture's style.py holds the MATPLOTLIB_RC figures use
    (scenes / "figures.py").write_text(TINY_FIGURES)
    page = project / "docs" / "other.md"
    page.write_text(page.read_text() + "\n![A straight line](figure:a-line)\n")
    proc = build(project)
    assert proc.returncode == 0, proc.log
    assert (project / "site" / "figures" / "a-line.svg").is_file()
    before = snapshot(project / "site")
    media_before = snapshot(project / "build" / "media-preview")

    broken = TINY_FIGURES.replace("[0, 1], [0, 1]", "[0, 1], [0, 1 / 0]")
    (scenes / "figures.py").write_text(broken)
    line = broken.splitlines().index("    ax.plot([0, 1], [0, 1 / 0])") + 1
    proc = build(project)
    assert proc.returncode != 0
    assert "scenes/figures.py :: figure 'a-line': ZeroDivisionError: division by zero" in proc.log
    assert f"figures.py:{line} in a_line" in proc.log, "the message names the failing line"
    assert "BUILD FAILED" in proc.log and "RuntimeError" not in proc.log
    assert snapshot(project / "site") == before, "the last good site changed"
    assert snapshot(project / "build" / "media-preview") == media_before
    leftovers = [
        p for p in project.rglob("*") if ".tmp" in p.name or (p.is_dir() and p.parent.name == "tmp")
    ]
    assert leftovers == []


def fetch_json(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.loads(response.read())
    except (OSError, ValueError):
        return None


def wait_for(condition, seconds: float, log: Path):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(
        f"timed out after {seconds} s; make serve said:\n{log.read_text()[-3000:]}"
    )


def test_serve_rerenders_a_saved_scene_and_survives_a_broken_one(project, tmp_path):
    """`make serve`: saving a scene re-renders it and the served page follows; a scene that
    raises is reported and the last good video stays."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # mkdocs serve mounts the site at its site_url's path (the fixture's is fixed, not SITE_URL).
    mount = urllib.parse.urlsplit(
        re.search(r"^site_url: (\S+)", (project / "mkdocs.yml").read_text(), re.M)[1]
    ).path
    manifest_url = f"http://127.0.0.1:{port}{mount}videos/manifest.json"
    log = tmp_path / "serve.log"

    def dot_sha():
        m = fetch_json(manifest_url)
        return m and next(s["sha256"] for s in m["scenes"] if s["name"] == "MovingDot")

    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "scripts.serve", "--project", str(project)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "SERVE_ADDR": f"127.0.0.1:{port}"},
        )
        try:
            first = wait_for(dot_sha, 120, log)
            dot = project / "scenes" / "dot.py"
            dot.write_text(dot.read_text().replace("self.wait(0.5)", "self.wait(1.0)"))
            second = wait_for(lambda: (sha := dot_sha()) != first and sha, 180, log)
            assert "[render] MovingDot: started" in log.read_text()
            assert "GrowingSquare: started" not in log.read_text()

            dot.write_text(dot.read_text().replace("self.wait(1.0)", "self.wait(1 / 0)"))
            wait_for(lambda: "RENDER FAILED" in log.read_text(), 180, log)
            assert "ZeroDivisionError" in log.read_text()
            assert server.poll() is None, "the preview stopped"
            assert dot_sha() == second, "the last good video was replaced"
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
