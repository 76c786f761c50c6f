"""Figures follow the reader's palette in a real browser: light drawings on the light page, dark
ones on the dark page, swapped by the palette toggle without a reload, only the shown one
downloaded, and the light ones in print."""

from __future__ import annotations

from contextlib import contextmanager

from browser import DESKTOP, PageRecorder

PAGE = "chapters/sigmoid/definition/"

SHOWN = """() => [...document.querySelectorAll('figure.plot img')]
    .filter(i => getComputedStyle(i).display !== 'none')
    .map(i => new URL(i.src).pathname)"""


def figure_requests(recorder) -> list[str]:
    return [u for u in recorder.requests if "/figures/" in u]


def wait_loaded(page):
    page.wait_for_function(
        """() => [...document.querySelectorAll('figure.plot img')]
            .filter(i => getComputedStyle(i).display !== 'none')
            .every(i => i.complete && i.naturalWidth > 0)"""
    )


@contextmanager
def reading(browser, served, scheme: str):
    """PAGE open, its figures loaded, for a reader whose system prefers `scheme`."""
    context = browser.new_context(viewport={**DESKTOP, "height": 4000}, color_scheme=scheme)
    try:
        page = context.new_page()
        recorder = PageRecorder(page, served)
        page.goto(served + PAGE, wait_until="networkidle")
        wait_loaded(page)
        yield page, recorder
    finally:
        context.close()


def test_figures_follow_the_palette_and_only_the_shown_one_loads(browser, served):
    with reading(browser, served, "light") as (page, recorder):
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


def test_a_dark_reader_downloads_no_light_figure(browser, served):
    with reading(browser, served, "dark") as (_, recorder):
        requested = figure_requests(recorder)
        assert requested and not any("/light/" in u for u in requested), requested
