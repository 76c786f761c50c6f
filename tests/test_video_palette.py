"""Videos follow the reader's palette in a real browser: each scene is on the page in both
palettes, the one of the page's scheme is shown, the palette toggle swaps them without a reload,
the hidden one loads no byte (no poster, no video), playing loads only the shown one, print
shows the light one, and lecture mode presents the variant of the current palette."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from PIL import Image

from browser import DESKTOP, PageRecorder

PAGE = "chapters/sigmoid/"
SHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"

# Per scene on the page: the palette of the video shown, its poster URL if it has one, and
# whether that poster has been loaded into the element.
SHOWN = """() => [...document.querySelectorAll('.scene')].map(s => {
    const shown = [...s.querySelectorAll('video')].filter(v => getComputedStyle(v).display !== 'none');
    return {scene: s.id, shown: shown.map(v => v.dataset.palette),
            poster: shown.map(v => v.poster)}; })"""


def open_palette(browser, served, scheme: str):
    context = browser.new_context(viewport={**DESKTOP, "height": 3000}, color_scheme=scheme)
    page = context.new_page()
    recorder = PageRecorder(page, served)
    page.goto(served + PAGE, wait_until="networkidle")
    return context, page, recorder


def media(recorder, light: bool) -> list[str]:
    """The video files and posters fetched, of the light variants or of the dark ones."""
    return [
        u
        for u in recorder.bytes_by_url
        if "/videos/" in u and u.endswith((".mp4", ".webp")) and ("/videos/light/" in u) == light
    ]


def assert_shown(page, palette: str):
    scenes = page.evaluate(SHOWN)
    assert len(scenes) >= 2, scenes
    for s in scenes:
        assert s["shown"] == [palette], s
        folder = "/videos/light/" if palette == "light" else "/videos/"
        assert s["poster"][0] and folder in s["poster"][0], s
        assert ("/videos/light/" in s["poster"][0]) == (palette == "light"), s


def wait_posters(page):
    page.wait_for_load_state("networkidle")


def test_the_palette_toggle_swaps_the_videos_and_the_hidden_one_loads_nothing(
    site_build, served, browser
):
    context, page, rec = open_palette(browser, served, "light")
    assert_shown(page, "light")
    assert len(media(rec, light=True)) == len(page.evaluate(SHOWN)), "a shown poster did not load"
    assert media(rec, light=False) == [], "the hidden dark variant loaded bytes"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".scene").first.screenshot(path=str(SHOTS / "video-light.png"))

    # The reader switches to dark: the dark videos show, with their posters, without a reload.
    page.evaluate("window.notReloaded = true")
    page.locator("label[for='__palette_1']").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    wait_posters(page)
    assert page.evaluate("window.notReloaded === true")
    assert_shown(page, "dark")
    page.locator(".scene").first.screenshot(path=str(SHOTS / "video-dark.png"))
    assert not [u for u in rec.bytes_by_url if u.endswith(".mp4")], "video bytes before play"

    # Playing the shown (dark) video loads it, and no byte of its light twin.
    first = page.locator(".scene").first.locator("video[data-palette='dark']")
    first.evaluate("v => v.play()")
    page.wait_for_function("v => v.currentTime > 0.5", arg=first.element_handle(), timeout=30000)
    played = [u for u in rec.bytes_by_url if u.endswith(".mp4")]
    assert played and not [u for u in played if "/light/" in u], played

    # Switching while it plays: the light twin carries on from there, the dark one stops.
    at = first.evaluate("v => v.currentTime")
    page.locator("label[for='__palette_0']").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    light = page.locator(".scene").first.locator("video[data-palette='light']")
    page.wait_for_function("v => !v.paused && v.currentTime > 0", arg=light.element_handle())
    assert first.evaluate("v => v.paused")
    assert light.evaluate("v => v.currentTime") >= at - 0.1
    assert rec.failed == [] and rec.console_errors == []
    context.close()


def test_a_dark_reader_loads_no_light_variant_and_prints_the_light_one(site_build, served, browser):
    context, page, rec = open_palette(browser, served, "dark")
    assert_shown(page, "dark")
    assert media(rec, light=False) and media(rec, light=True) == []

    # Printing gives the light videos, with their posters.
    page.emulate_media(media="print")
    page.wait_for_function(
        """() => [...document.querySelectorAll('video[data-palette=light]')]
            .every(v => v.poster)""",
        timeout=10_000,
    )
    assert_shown(page, "light")
    context.close()


def test_lecture_mode_presents_the_variant_of_the_palette(site_build, served, browser):
    for scheme, palette in (("light", "light"), ("dark", "dark")):
        context, page, rec = open_palette(browser, served, scheme)
        name = page.evaluate("document.querySelector('.scene').dataset.lectureName")
        page.locator(f"#scene-{name} button.lecture-present").click()
        page.keyboard.press("Space")
        page.wait_for_function(
            "() => { const s = document.querySelector('.lecture-stage');"
            " return s && s.dataset.beat === '0' && s.dataset.playing === 'false'; }",
            timeout=60_000,
        )
        stage = page.evaluate("""() => { const s = document.querySelector('.lecture-stage');
            return {palette: s.dataset.palette, src: s.querySelector('video').src,
                    background: getComputedStyle(s).backgroundColor}; }""")
        assert stage["palette"] == palette, stage
        assert ("/videos/light/" in stage["src"]) == (palette == "light"), stage
        assert stage["src"].endswith(f"/{name}.mp4")
        other = [u for u in rec.bytes_by_url if u.endswith(".mp4") and u != stage["src"]]
        assert other == [], f"lecture mode in {scheme} loaded the other variant: {other}"
        white = stage["background"] == "rgb(255, 255, 255)"
        assert white == (palette == "light"), stage
        page.screenshot(path=str(SHOTS / f"lecture-{palette}.png"))
        context.close()


def test_the_lecturers_page_and_the_kit_offer_both_variants(site_build):
    page = (site_build.root / "videos" / "index.html").read_text()
    with zipfile.ZipFile(site_build.root / "downloads" / "lecture-kit.zip") as kit:
        files = {n.removeprefix("lecture-kit/"): n for n in kit.namelist()}
        for scene in site_build.manifest["scenes"]:
            name, light = scene["name"], scene["variants"]["light"]
            for path in (scene["video"], light["video"], light["poster"], light["still"]):
                # The page is videos/index.html: its links are relative to videos/.
                href = path.removeprefix("videos/")
                assert f'href="{href}"' in page, f"the lecturers' page does not link {path}"
            kept = kit.read(files[f"light/{name}.mp4"])
            assert kept == (site_build.root / light["video"]).read_bytes(), name
            beats = [f for f in files if f.startswith(f"light/{name}-beats/")]
            assert len(beats) == len(light["beat_stills"]) == len(scene["beat_stills"]), name
            still = Image.open(io.BytesIO(kit.read(files[f"light/{name}-last-frame.png"])))
            assert still.size == (scene["width"], scene["height"])
            # Drawn on white: the corner of the frame is the light palette's background.
            assert min(still.convert("RGB").getpixel((2, 2))) > 240, name
        readme = kit.read(files["README.txt"]).decode()
        assert "light/" in readme
