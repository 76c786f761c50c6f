"""Search in a real browser: it works, and a reader who never searches never downloads its index
(the index grows with every page; it would eat into every page's first-load budget)."""

from __future__ import annotations

import pytest

from browser import DESKTOP, PageRecorder


@pytest.fixture(scope="module")
def page_and_recorder(served, browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    recorder = PageRecorder(page, served)
    page.goto(served + "chapters/sigmoid/", wait_until="load")
    page.wait_for_timeout(500)
    yield page, recorder
    context.close()


def _index_requests(recorder) -> list[str]:
    return [u for u in recorder.requests if u.endswith("search/search_index.json")]


def test_search_index_waits_for_the_reader_then_finds_pages(page_and_recorder):
    page, recorder = page_and_recorder
    assert _index_requests(recorder) == [], "the search index loaded before anyone searched"
    # The keyboard shortcut opens search, as a reader without a mouse would.
    page.keyboard.press("/")
    page.keyboard.type("vanishing")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert len(_index_requests(recorder)) == 1
    titles = " ".join(results.all_inner_texts()).lower()
    assert "vanishing" in titles
    assert not recorder.console_errors, recorder.console_errors
