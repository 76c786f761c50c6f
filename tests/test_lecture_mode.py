"""Lecture mode in a real browser: a lecturer presents a chapter's videos from the site, each
stopping on the last frame of every captioned beat, moved on and back with the keys a presenter
clicker sends. The beats' end times are read here from the WebVTT files with webvtt-py, not
from the page's own script."""

from __future__ import annotations

from pathlib import Path

import pytest
import webvtt

from browser import DESKTOP, PageRecorder
from framecheck import seconds

PAGE = "chapters/sigmoid/"
SHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"


@pytest.fixture()
def page(served, browser):
    """A fresh page per test: nothing one lecture leaves behind reaches the next."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.recorder = PageRecorder(page, served)
    yield page
    context.close()


def beat_ends(site_build, name: str) -> list[float]:
    vtt = site_build.root / site_build.scene(name)["captions"]
    return [seconds(c.end) for c in webvtt.read(str(vtt))]


def stage(page) -> dict:
    return page.evaluate("""() => { const s = document.querySelector('.lecture-stage');
        if (!s) return null; const v = s.querySelector('video');
        return {video: s.dataset.video, beat: Number(s.dataset.beat),
                playing: s.dataset.playing === 'true', paused: v.paused, time: v.currentTime,
                fullscreen: document.fullscreenElement === s,
                focused: s.contains(document.activeElement)}; }""")


def settle(page) -> dict:
    """Wait until the stage has stopped on a beat, then read it."""
    page.wait_for_function(
        "() => { const s = document.querySelector('.lecture-stage');"
        " return s && s.dataset.playing === 'false' && s.dataset.beat !== '-1'"
        " && !s.querySelector('video').seeking }",
        timeout=60_000,
    )
    return stage(page)


def test_a_lecturer_steps_through_the_beats(site_build, served, page):
    page.goto(served + PAGE, wait_until="networkidle")
    names = page.evaluate(
        "[...document.querySelectorAll('[data-lecture-mp4]')].map(e => e.dataset.lectureName)"
    )
    assert len(names) >= 2, names
    first, second = names[0], names[1]
    fps = site_build.scene(first)["fps"]
    ends = beat_ends(site_build, first)
    assert len(ends) >= 3

    page.locator(f"#scene-{first} button.lecture-present").click()
    s = stage(page)
    assert s["video"] == first and s["beat"] == -1 and s["fullscreen"] and s["focused"]

    # Space, the right arrow and PageDown each play to the end of the next beat and stop there:
    # on the beat's last frame, within one frame of the cue's end.
    for k, key in enumerate(("Space", "ArrowRight", "PageDown")):
        page.keyboard.press(key)
        s = settle(page)
        assert s["beat"] == k and s["paused"], (key, s)
        assert abs(s["time"] - ends[k]) <= 1 / fps, (key, s["time"], ends[k])
        if k == 0:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SHOTS / "lecture-mode.png")

    # Back with the left arrow and PageUp: to the previous beats' last frames.
    for k, key in ((1, "ArrowLeft"), (0, "PageUp")):
        page.keyboard.press(key)
        s = settle(page)
        assert s["beat"] == k and abs(s["time"] - ends[k]) <= 1 / fps, (key, s)

    # A second press while playing skips to the stop; past the last beat comes the next video.
    for _ in range(len(ends) - 1):
        page.keyboard.press("Space")
        page.keyboard.press("Space")
        settle(page)
    assert stage(page)["beat"] == len(ends) - 1
    page.keyboard.press("Space")
    s = settle(page)
    assert s["video"] == second and s["beat"] == 0
    ends2 = beat_ends(site_build, second)
    assert abs(s["time"] - ends2[0]) <= 1 / site_build.scene(second)["fps"]
    # Back from the first beat of a video returns to the last beat of the one before.
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    s = settle(page)
    assert s["video"] == first and s["beat"] == len(ends) - 1

    # Escape leaves, and the keyboard is back where the lecturer started.
    page.keyboard.press("Escape")
    assert stage(page) is None
    assert page.evaluate("document.activeElement.classList.contains('lecture-present')")
    assert page.recorder.foreign() == [] and page.recorder.console_errors == []


def test_the_lecturers_page_presents_a_chapter_in_article_order(site_build, served, page):
    page.goto(served + "videos/", wait_until="networkidle")
    listed = page.evaluate(
        "[...document.querySelectorAll('.lecture-video')].map(e => e.dataset.lectureName)"
    )
    button = page.locator("button.lecture-present").first
    chapter = button.get_attribute("data-lecture-chapter")
    assert chapter and chapter in page.locator("h3").first.inner_text()
    button.click()
    names = page.evaluate("window.lecture.videos.map(v => v.name)")
    in_chapter = page.evaluate(
        "c => [...document.querySelectorAll('.lecture-video')]"
        ".filter(e => e.dataset.lectureChapter === c).map(e => e.dataset.lectureName)",
        chapter,
    )
    assert names == in_chapter and names == listed[: len(names)]
    assert stage(page)["video"] == names[0]
    page.keyboard.press("Space")
    assert settle(page)["beat"] == 0
