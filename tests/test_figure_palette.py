"""Figures follow the reader's palette in a real browser: light drawings on the light page, dark
ones on the dark page, swapped by the palette toggle without a reload, only the shown one
downloaded, and the light ones in print."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PageRecorder, serve

PAGE = "chapters/sigmoid/definition/"

SHOWN = """() => [...document.querySelectorAll('figure.plot img')]
    .filter(i => getComputedStyle(i).display !== 'none')
    .map(i => new URL(i.src).pathname)"""


@pytest.fixture()
def browser_and_base(site_build):
    with serve(site_build.root, site_build.port) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser, base
        browser.close()


def figure_requests(recorder) -> list[str]:
    return [u for u in recorder.requests if "/figures/" in u]


def wait_loaded(page):
    page.wait_for_function(
        """() => [...document.querySelectorAll('figure.plot img')]
            .filter(i => getComputedStyle(i).display !== 'none')
            .every(i => i.complete && i.naturalWidth > 0)"""
    )


def test_figures_follow_the_palette_and_only_the_shown_one_loads(browser_and_base):
    browser, base = browser_and_base
    context = browser.new_context(viewport={**DESKTOP, "height": 4000}, color_scheme="light")
    page = context.new_page()
    recorder = PageRecorder(page, base)
    page.goto(base + PAGE, wait_until="networkidle")
    wait_loaded(page)
    shown = page.evaluate(SHOWN)
    assert shown and all("/figures/light/" in s for s in shown), shown
    requested = figure_requests(recorder)
    assert requested and all("/figures/light/" in u for u in requested), requested

    # The reader switches to dark: the dark drawings appear, with no reload of the page.
    page.evaluate("window.notReloaded = true")
    page.locator("label[for='__palette_1']").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    wait_loaded(page)
    assert page.evaluate("window.notReloaded === true")
    shown = page.evaluate(SHOWN)
    assert shown and not any("/light/" in s for s in shown), shown

    # Printing from the dark page gives the light drawings.
    page.emulate_media(media="print")
    shown = page.evaluate(SHOWN)
    assert shown and all("/figures/light/" in s for s in shown), shown
    context.close()


def test_a_dark_reader_downloads_no_light_figure(browser_and_base):
    browser, base = browser_and_base
    context = browser.new_context(viewport={**DESKTOP, "height": 4000}, color_scheme="dark")
    page = context.new_page()
    recorder = PageRecorder(page, base)
    page.goto(base + PAGE, wait_until="networkidle")
    wait_loaded(page)
    requested = figure_requests(recorder)
    assert requested and not any("/light/" in u for u in requested), requested
    context.close()
