"""What a lecturer takes away, and what no reader may meet.

- Nothing a reader or a lecturer gets (pages, captions, transcripts, the manifest, the sitemap,
  the kit) says "draft" (readers never met one) or holds a placeholder address.
- The lecture kit, unpacked: every video with its captions and a full-resolution PNG of its last
  frame, every figure as SVG, PDF and a 1920 px wide PNG, a README with the credit line, a BibTeX
  entry and a CITATION.cff that says what the root one says, with this build's version.
- The credit line and the version: no address unless the build was given one; the version
  changes when the content does.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import yaml
from PIL import Image

from scripts.figure_worker import registry

ROOT = Path(__file__).resolve().parent.parent


def _load_hook(name: str):
    """A hook module by its path (scripts/hooks is not put on sys.path: its math.py would shadow
    the standard library's). Registered under its own name, as MkDocs does, so that hooks can
    import each other (lecture_extras uses embeds)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_load_hook("embeds")


citation = _load_hook("citation")

DRAFT = re.compile(r"\bdraft", re.IGNORECASE)
# Addresses that stand for a real one: example domains (RFC 2606) and "your-..." fill-ins.
PLACEHOLDER = re.compile(
    r"\bexample\.(?:github\.io|com|org|net)\b|https?://your[-.]|<your[-_ ]", re.IGNORECASE
)
READER_SUFFIXES = {".html", ".vtt", ".srt", ".json", ".xml", ".txt"}


def unpack_kit(root: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(root / "downloads" / "lecture-kit.zip") as kit:
        return {name.removeprefix("lecture-kit/"): kit.read(name) for name in kit.namelist()}


@pytest.fixture(scope="module")
def kit(site_build) -> dict[str, bytes]:
    return unpack_kit(site_build.root)


def reader_texts(root: Path, kit: dict[str, bytes]):
    """(where, text) for every page, caption file, index and text file of the site and the kit."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in READER_SUFFIXES:
            yield str(path.relative_to(root)), path.read_text(encoding="utf-8", errors="replace")
    for name, data in kit.items():
        if Path(name).suffix in READER_SUFFIXES | {".bib", ".cff"}:
            yield f"lecture-kit.zip:{name}", data.decode("utf-8")


def test_no_reader_meets_a_draft_or_a_placeholder_address(site_build, kit):
    problems = []
    for where, text in reader_texts(site_build.root, kit):
        for pattern, what in (
            (DRAFT, "mentions a draft"),
            (PLACEHOLDER, "holds a placeholder address"),
        ):
            for m in pattern.finditer(text):
                context = text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " ")
                problems.append(f"{where} {what}: …{context}…")
    assert not problems, "\n".join(problems[:20])


def test_the_checks_catch_what_they_look_for():
    assert DRAFT.search("The draft's network") and DRAFT.search("as the DRAFT says")
    assert PLACEHOLDER.search("https://example.github.io/activation-functions/")
    assert PLACEHOLDER.search("see http://example.org/x") and PLACEHOLDER.search(
        "https://your-site/"
    )
    assert not PLACEHOLDER.search("for example, the sigmoid") and not PLACEHOLDER.search(
        "examples.md"
    )


def test_kit_holds_every_video_with_captions_and_a_full_resolution_still(site_build, kit):
    for scene in site_build.manifest["scenes"]:
        name = scene["name"]
        for suffix in (".mp4", ".vtt", ".srt"):
            assert f"{name}{suffix}" in kit, f"{name}{suffix} is not in the kit"
        # The same still sits at a stable address on the site, listed by the manifest.
        assert (site_build.root / scene["still"]).read_bytes() == kit[f"{name}-last-frame.png"]
        still = Image.open(io.BytesIO(kit[f"{name}-last-frame.png"]))
        assert still.format == "PNG" and still.size == (scene["width"], scene["height"]), name
        # The still is the poster's frame at full size: the same picture, not a blank one.
        poster = Image.open(site_build.root / scene["poster"]).convert("RGB").resize((96, 54))
        small = still.convert("RGB").resize((96, 54))
        diff = sum(
            abs(a - b)
            for pa, pb in zip(poster.get_flattened_data(), small.get_flattened_data())
            for a, b in zip(pa, pb)
        ) / (96 * 54 * 3)
        assert diff < 6, (name, diff)
        assert len(set(small.get_flattened_data())) > 20, f"{name}'s still looks blank"


def test_kit_holds_each_beats_last_frame(site_build, kit):
    """One PNG per captioned beat: the frame numbered ceil(end x fps) - 1, the last one shown
    before the cue ends, decoded here frame by frame with PyAV."""
    import math

    import av
    import webvtt

    from framecheck import seconds

    for scene in site_build.manifest["scenes"]:
        name = scene["name"]
        ends = [seconds(c.end) for c in webvtt.read(str(site_build.root / scene["captions"]))]
        assert len(scene["beat_stills"]) == len(ends), name
        wanted = {
            min(math.ceil(end * scene["fps"] - 1e-6) - 1, scene["frames"] - 1) for end in ends
        }
        with av.open(str(site_build.root / scene["video"])) as container:
            frames = {
                i: f.to_ndarray(format="rgb24")
                for i, f in enumerate(container.decode(video=0))
                if i in wanted
            }
        stills = []
        for end, path in zip(ends, scene["beat_stills"]):
            data = (site_build.root / path).read_bytes()
            assert kit[path.removeprefix("videos/")] == data, path
            image = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=float)
            assert image.shape == (scene["height"], scene["width"], 3), path
            index = min(math.ceil(end * scene["fps"] - 1e-6) - 1, scene["frames"] - 1)
            assert np.abs(image - frames[index]).mean() < 1.0, (path, index)
            stills.append(image)
        # Beats show different things, and the last beat ends on the video's last frame.
        assert len({s.tobytes() for s in stills}) >= len(stills) // 2, name
        last = np.asarray(Image.open(site_build.root / scene["still"]).convert("RGB"), dtype=float)
        assert np.abs(stills[-1] - last).mean() < 1.0, name


@pytest.mark.parametrize("name", sorted(registry(ROOT / "scenes")))  # every chapter's
def test_kit_holds_every_figure_as_svg_pdf_and_a_1920_px_png(kit, name):
    assert kit[f"figures/{name}.svg"].lstrip().startswith(b"<?xml")
    assert kit[f"figures/{name}.pdf"].startswith(b"%PDF-")
    png = Image.open(io.BytesIO(kit[f"figures/{name}.png"]))
    assert png.format == "PNG" and png.width == 1920, png.size


def test_kit_credits_and_cites_the_work(site_build, kit):
    readme = kit["README.txt"].decode()
    bib = kit["CITATION.bib"].decode()
    cff = yaml.safe_load(kit["CITATION.cff"])
    root_cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    # The kit's CITATION.cff is the root one plus this build's version.
    assert {
        k: v for k, v in cff.items() if k not in ("version", "url", "repository-code")
    } == root_cff
    version = cff["version"]
    assert re.fullmatch(r"[0-9a-f]{10}", version)
    author = root_cff["authors"][0]["name"]
    for text in (readme, bib):
        assert root_cff["title"] in text and author in text and version in text
    assert re.match(r"@misc\{\w+,\n", bib) and bib.rstrip().endswith("}")
    assert "silent" in readme.lower()
    # The lecturers' page gives the same credit line and BibTeX entry, and the same version.
    page = (site_build.root / "videos" / "index.html").read_text()
    credit = next(
        line.strip() for line in readme.splitlines() if author in line and root_cff["title"] in line
    )
    assert _html_text(credit) in _html_text(page)
    assert f"version = {{{version}}}" in bib and version in page


def _html_text(s: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", s))


def test_lecturers_page_links_each_video_to_its_section(site_build):
    page = (site_build.root / "videos" / "index.html").read_text()
    for scene in site_build.manifest["scenes"]:
        block = page.split(f'id="lecture-{scene["name"]}"', 1)[1].split('class="lecture-video"', 1)[
            0
        ]
        for section in scene["pages"]:
            target = section.rstrip("/").split("/")[-1]
            assert re.search(rf'href="[^"]*{re.escape(target)}/#scene-{scene["name"]}"', block), (
                scene["name"],
                section,
            )


def _citation_with(env: dict, project: Path = ROOT) -> dict:
    keep = {k: os.environ.get(k) for k in ("SITE_URL", "SOURCE_URL")}
    try:
        for k in keep:
            os.environ.pop(k, None)
        os.environ.update(env)
        return citation.citation(project)
    finally:
        for k, v in keep.items():
            os.environ.pop(k, None)
            if v is not None:
                os.environ[k] = v


def test_without_addresses_the_credit_names_none():
    info = _citation_with({})
    assert info["url"] is None and info["source"] is None
    assert "http" not in info["credit"] and "http" not in info["bibtex"]
    assert citation.source_link(info) == ""
    info = _citation_with({"SITE_URL": "https://site.test/a/", "SOURCE_URL": "https://code.test/r"})
    assert (
        "https://site.test/a/" in info["credit"] and r"\url{https://site.test/a/}" in info["bibtex"]
    )
    assert "https://code.test/r" in citation.source_link(info)


def test_mkdocs_config_has_no_site_address_of_its_own():
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from mkdocs.config import load_config;print(load_config('mkdocs.yml').site_url)",
        ],
        cwd=ROOT,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "None"


def test_the_version_changes_with_the_content_and_only_with_it(tmp_path):
    for folder in ("docs", "scenes"):
        (tmp_path / folder).mkdir()
    (tmp_path / "docs" / "page.md").write_text("# A page\n")
    (tmp_path / "scenes" / "scene.py").write_text("X = 1\n")
    (tmp_path / "CITATION.cff").write_text((ROOT / "CITATION.cff").read_text())
    first = _citation_with({}, tmp_path)["version"]
    assert _citation_with({}, tmp_path)["version"] == first
    (tmp_path / "tests.py").write_text("# not content\n")
    assert _citation_with({}, tmp_path)["version"] == first
    (tmp_path / "scenes" / "scene.py").write_text("X = 2\n")
    second = _citation_with({}, tmp_path)["version"]
    assert second != first
    (tmp_path / "docs" / "page.md").write_text("# A page, edited\n")
    assert _citation_with({}, tmp_path)["version"] not in (first, second)


lecture_extras = _load_hook("lecture_extras")


def test_pause_points_take_their_times_from_the_captions(site_build):
    """Every pause on the teaching page sits where a caption of its video ends."""
    page = (site_build.root / "teaching" / "index.html").read_text()
    items = re.findall(
        r"<li><strong>(\d+:\d\d)</strong> in <a href=\"([^\"]+)\">[^<]+</a>, after “([^”]+)”", page
    )
    source = (ROOT / "docs" / "teaching.md").read_text()
    assert len(items) == source.count("<!-- pause: ") >= 5
    for time, href, caption in items:
        name = href.split("#scene-")[1]
        cues = lecture_extras.read_cues(site_build.root / "videos" / f"{name}.vtt")
        import html

        cue = next(c for c in cues if c.text == html.unescape(caption))
        assert time == lecture_extras.clock(cue.end), (name, caption)
        assert cue.end <= site_build.scene(name)["duration_s"] + 0.05


def test_a_pause_point_that_matches_no_caption_fails_with_its_line():
    scenes = {"S": {"title": "A scene"}}

    def cues(name):
        return [
            lecture_extras.Cue(0.0, 2.0, "First caption."),
            lecture_extras.Cue(2.1, 5.5, "Second caption, longer."),
        ]

    line = "<!-- pause: S | Second caption --> Ask: why?"
    item = lecture_extras.pause_point(
        line, "teaching.md:3", scenes, cues, lambda n: "page/#scene-S"
    )
    assert (
        item == "- **0:06** in [A scene](page/#scene-S), after “Second caption, longer.” Ask: why?"
    )
    assert lecture_extras.pause_point("plain text", "x", scenes, cues, str) is None
    with pytest.raises(ValueError, match=r"teaching.md:4: 'Third' matches no caption of S"):
        lecture_extras.pause_point("<!-- pause: S | Third -->", "teaching.md:4", scenes, cues, str)
    with pytest.raises(ValueError, match="caption"):
        lecture_extras.pause_point(
            "<!-- pause: S | caption -->", "teaching.md:5", scenes, cues, str
        )
    with pytest.raises(ValueError, match="unknown scene 'T'"):
        lecture_extras.pause_point("<!-- pause: T | First -->", "teaching.md:6", scenes, cues, str)


def test_every_figure_shows_a_visible_caption(site_build):
    for path in site_build.root.rglob("*.html"):
        for figure in re.findall(r'<figure class="plot".*?</figure>', path.read_text(), re.S):
            caption = re.search(r"<figcaption>([^<]{10,})</figcaption>", figure)
            assert caption, (
                f"{path.relative_to(site_build.root)}: a figure without a visible caption"
            )


def test_kit_and_lecturers_page_say_how_to_use_the_videos_in_slides(site_build, kit):
    """The same guidance for PowerPoint, Keynote, Google Slides and Beamer in both places, each
    entry with its source or an honest "none found"."""
    readme = kit["README.txt"].decode()
    page = (site_build.root / "videos" / "index.html").read_text()
    for program in ("PowerPoint", "Keynote", "Google Slides", "LaTeX Beamer"):
        assert program in readme and program in page, program
    assert "Lecture mode" in readme and "PageDown" in readme
    assert "https://www.ctan.org/pkg/pdfpc-movie" in readme
    assert 'href="https://www.ctan.org/pkg/pdfpc-movie"' in page
