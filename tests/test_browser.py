"""The built site in a real browser (headless Chromium): what a reader and a lecturer meet.

Every page is visited in light and dark mode; requests, console, formulas, videos, captions,
accessibility (axe-core), keyboard reach and page weight are checked; screenshots of every page
in both palettes at desktop and phone widths go to test-output/screenshots/ for people to look at.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import DESKTOP, PHONE, PageRecorder

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"
RAW_TEX = re.compile(
    r"\\(frac|sigma|partial|begin|left|right|cdot|mathbf|hat|eta)\b|\$\$|\\\(|\\\["
)
FIRST_LOAD_LIMIT_KIB = 600


def site_pages(site: Path) -> list[str]:
    """Every page's URL path, from the site's own sitemap-free listing of index.html files."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel.startswith(("assets", "search")):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


# A video the page shows (the other palette's variant of each scene is display: none).
SHOWN = "v => getComputedStyle(v).display !== 'none'"


def open_page(browser, url: str, scheme: str = "light", viewport=DESKTOP, reduced_motion=False):
    context = browser.new_context(
        viewport=viewport,
        color_scheme=scheme,
        reduced_motion="reduce" if reduced_motion else "no-preference",
    )
    page = context.new_page()
    recorder = PageRecorder(page, url.split("/", 3)[0] + "//" + url.split("/", 3)[2])
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    return context, page, recorder


def visible_text(page) -> str:
    return page.evaluate("document.body.innerText")


def assert_math_rendered(page, where: str):
    leftover = page.evaluate("document.querySelectorAll('.arithmatex').length")
    assert leftover == 0, f"{where}: {leftover} formulas were not typeset"
    raw = RAW_TEX.findall(visible_text(page))
    assert not raw, f"{where}: raw TeX visible to the reader: {raw[:5]}"
    # The formulas are drawn in KaTeX's own fonts, served by the site itself.
    if page.evaluate("document.querySelectorAll('.katex').length"):
        assert page.evaluate("document.fonts.check('16px KaTeX_Main')"), (
            f"{where}: KaTeX_Main not loaded"
        )


def test_every_page_stays_on_the_site_and_renders_its_math(site_build, served, browser):
    pages = site_pages(site_build.root)
    assert len(pages) >= 4
    formulas = 0
    for path in pages:
        for scheme in ("light", "dark"):
            context, page, rec = open_page(browser, served + path, scheme)
            where = f"/{path} ({scheme})"
            assert rec.foreign() == [], f"{where}: requests to other hosts: {rec.foreign()}"
            assert rec.failed == [], f"{where}: failed requests: {rec.failed}"
            assert rec.console_errors == [], f"{where}: console errors: {rec.console_errors}"
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
            assert_math_rendered(page, where)
            if scheme == "light":
                formulas += page.evaluate("document.querySelectorAll('.katex').length")
            context.close()
    assert formulas >= 20, f"only {formulas} formulas in the whole site"


# Each display formula's extent: its container's box and the union of KaTeX's line boxes (the
# .base spans, an equation number's .tag). A display formula never wraps: what does not fit is cut.
FORMULA_EXTENTS = """() => [...document.querySelectorAll('.math-display')].map(d => {
    const box = d.getBoundingClientRect();
    const lines = [...d.querySelectorAll('.katex-html > .base, .katex-html > .tag')]
        .map(e => e.getBoundingClientRect());
    return {tex: d.querySelector('annotation').textContent.replace(/\\s+/g, ' ').trim(),
            left: box.left, right: box.right, scroll: d.scrollWidth, client: d.clientWidth,
            inkLeft: Math.min(...lines.map(r => r.left)), inkRight: Math.max(...lines.map(r => r.right))};
})"""


def test_every_display_formula_fits_a_phone_column(site_build, served, browser):
    """At 390 px no display formula is wider than its column: none is cut at the edge or needs
    sideways scrolling. A long one breaks into lines (aligned) and side remarks go to the text."""
    wide, seen = [], 0
    for path in site_pages(site_build.root):
        context, page, _ = open_page(browser, served + path, viewport=PHONE)
        for f in page.evaluate(FORMULA_EXTENTS):
            seen += 1
            ink = f["inkRight"] - f["inkLeft"]
            if (
                f["scroll"] > f["client"]
                or f["inkLeft"] < f["left"] - 0.5
                or f["inkRight"] > f["right"] + 0.5
            ):
                wide.append(f"/{path}: {ink:.0f} px in a {f['client']} px column: {f['tex'][:100]}")
        context.close()
    assert seen >= 15, f"only {seen} display formulas found"
    assert not wide, "display formulas wider than a 390 px phone's column:\n" + "\n".join(wide)


def test_math_survives_instant_navigation(site_build, served, browser):
    if not site_build.port:
        pytest.skip("SITE_UNDER_TEST: instant navigation needs a site built for this server's URL")
    context, page, rec = open_page(browser, served + "chapters/sigmoid/")
    page.evaluate("window.__sameDocument = true")
    page.locator("article a[href*='vanishing-gradient-example']").first.click()
    page.wait_for_url(re.compile(r"vanishing-gradient-example/"))
    page.wait_for_load_state("networkidle")
    # Instant navigation swapped the content without a full page load: the window is the same.
    assert page.evaluate("window.__sameDocument === true")
    assert page.evaluate("document.querySelectorAll('.katex').length") > 10
    assert_math_rendered(page, "chapter page after instant navigation")
    assert rec.foreign() == [] and rec.console_errors == []
    context.close()


def article_url(site_build, served) -> str:
    pages = {p for e in site_build.manifest["scenes"] for p in e["pages"]}
    assert pages, "no page embeds a scene"
    return served + sorted(pages)[0]


def test_videos_load_nothing_until_played_then_play_with_captions(site_build, served, browser):
    context, page, rec = open_page(browser, article_url(site_build, served))
    # Each scene is there in both palettes; the page shows the one of its scheme (light here).
    videos = page.locator("video:visible")
    count = videos.count()
    assert count == page.locator(".scene").count()
    assert count >= 1
    assert not [u for u in rec.requests if u.endswith(".mp4")], "video bytes fetched before play"
    for i in range(count):
        v = videos.nth(i)
        facts = v.evaluate("""v => ({
            preload: v.getAttribute('preload'), autoplay: v.autoplay, poster: v.poster,
            playable: v.canPlayType(v.querySelector('source').type + '; codecs="avc1.640028"'),
            trackMode: v.textTracks[0] && v.textTracks[0].mode,
            trackKind: v.querySelector('track').kind,
            trackState: v.querySelector('track').readyState,
            cues: v.textTracks[0] && v.textTracks[0].cues ? v.textTracks[0].cues.length : 0})""")
        assert facts["preload"] == "none" and not facts["autoplay"]
        assert facts["playable"] == "probably"
        assert facts["trackKind"] == "captions" and facts["trackMode"] == "showing"
        assert facts["poster"] in rec.bytes_by_url and rec.bytes_by_url[facts["poster"]] > 1000
    # The captions are real WebVTT, loaded by the browser.
    page.wait_for_function(
        f"[...document.querySelectorAll('video')].filter({SHOWN}).every("
        "v => v.querySelector('track').readyState === 2)"
    )
    cues = page.evaluate(
        f"[...document.querySelectorAll('video')].filter({SHOWN}).map("
        "v => v.textTracks[0].cues.length)"
    )
    assert all(c >= 3 for c in cues), f"too few captions: {cues}"
    # Pressing play advances the playhead.
    first = videos.first
    first.scroll_into_view_if_needed()
    first.evaluate("v => v.play()")
    page.wait_for_function("v => v.currentTime > 0.5", arg=first.element_handle(), timeout=20000)
    assert [u for u in rec.requests if u.endswith(".mp4")]
    assert rec.failed == [] and rec.console_errors == []
    context.close()


def test_nothing_moves_by_itself_with_reduced_motion(site_build, served, browser):
    context, page, _ = open_page(browser, article_url(site_build, served), reduced_motion=True)
    page.wait_for_timeout(1500)
    states = page.evaluate(
        "[...document.querySelectorAll('video')].map(v => [v.paused, v.currentTime])"
    )
    assert states and all(paused and t == 0 for paused, t in states)
    running = page.evaluate(
        "document.getAnimations().filter(a => a.playState === 'running').length"
    )
    assert running == 0
    context.close()


def test_no_serious_accessibility_violations_and_every_image_described(site_build, served, browser):
    axe = Axe()
    for path in site_pages(site_build.root):
        for scheme in ("light", "dark"):
            context, page, _ = open_page(browser, served + path, scheme)
            results = axe.run(page)
            serious = [
                (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                for v in results.response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            assert serious == [], f"/{path} ({scheme}): {serious}"
            no_alt = page.evaluate(
                "[...document.images].filter(i => !i.alt && i.getAttribute('role') !== 'presentation').map(i => i.src)"
            )
            assert no_alt == [], f"/{path}: images without alt text: {no_alt}"
            context.close()


def test_video_controls_and_transcripts_are_reachable_by_keyboard(site_build, served, browser):
    context, page, _ = open_page(browser, article_url(site_build, served))
    wanted = page.evaluate(f"[...document.querySelectorAll('video')].filter({SHOWN}).length")
    reached = {"VIDEO": set(), "SUMMARY": set()}
    for _ in range(400):
        page.keyboard.press("Tab")
        tag, key = page.evaluate("""() => { const e = document.activeElement;
            const s = e.closest('.scene'); return [e.tagName, s ? s.id : null]; }""")
        if tag in reached and key:
            reached[tag].add(key)
        if all(len(v) == wanted for v in reached.values()):
            break
    assert len(reached["VIDEO"]) == wanted, reached
    assert len(reached["SUMMARY"]) == wanted, reached
    # The transcript opens from the keyboard.
    summary = page.locator("details.transcript summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.transcript").first.evaluate("d => d.open")
    context.close()


def test_every_page_first_load_is_light(site_build, served, browser):
    """Every page, the article's included, loads in under 600 KiB uncompressed, posters included."""
    weights = {}
    for path in site_pages(site_build.root):
        context, page, rec = open_page(browser, served + path)
        page.wait_for_timeout(300)
        weights[path or "/"] = {
            "kib": round(sum(rec.bytes_by_url.values()) / 1024, 1),
            "by_url": dict(
                sorted(
                    ((u.replace(served, "/"), b) for u, b in rec.bytes_by_url.items()),
                    key=lambda kv: -kv[1],
                )
            ),
        }
        context.close()
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "page-weight.json").write_text(json.dumps(weights, indent=1))
    heavy = {p: w["kib"] for p, w in weights.items() if w["kib"] >= FIRST_LOAD_LIMIT_KIB}
    assert heavy == {}, (
        f"first loads over {FIRST_LOAD_LIMIT_KIB} KiB: {heavy}; see test-output/page-weight.json"
    )


def test_screenshots_of_every_page_in_both_palettes_and_widths(site_build, served, browser):
    shots = OUTPUT / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    taken = 0
    for path in site_pages(site_build.root):
        name = path.strip("/").replace("/", "-") or "home"
        for scheme in ("light", "dark"):
            for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                context, page, _ = open_page(browser, served + path, scheme, viewport)
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= viewport["width"], (
                    f"/{path} scrolls sideways at {label} width: {width}px"
                )
                page.screenshot(path=shots / f"{name}-{scheme}-{label}.png", full_page=True)
                taken += 1
                context.close()
    assert taken >= 16


def test_lecturers_page_lists_every_video_with_downloads(site_build, served, browser):
    context, page, rec = open_page(browser, served + "videos/")
    for entry in site_build.manifest["scenes"]:
        block = page.locator(f"#lecture-{entry['name']}")
        assert block.count() == 1, f"{entry['name']} missing from the lecturers' page"
        text = block.inner_text()
        assert entry["title"] in text and f"{entry['width']}×{entry['height']}" in text
        hrefs = block.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        for suffix in (".mp4", ".vtt", ".srt", ".webp"):
            assert any(h.endswith(entry["name"] + suffix) for h in hrefs), (entry["name"], suffix)
    # Listed in the order a reader meets them: follow the site's navigation, page by page.
    nav = page.locator("nav.md-nav--primary a.md-nav__link[href]").evaluate_all(
        "as => as.map(a => new URL(a.getAttribute('href'), location.href).href)"
    )
    met = []
    for url in dict.fromkeys(nav):
        html_file = site_build.root / url.removeprefix(served) / "index.html"
        if html_file.is_file():
            for name in re.findall(r'<source src="[^"]*?(\w+)\.mp4"', html_file.read_text()):
                met += [name] if name not in met else []
    listed = page.locator(".lecture-video").evaluate_all("ds => ds.map(d => d.id.slice(8))")
    assert len(met) == len(site_build.manifest["scenes"]) and listed == met
    kit_link = page.locator("a[href$='lecture-kit.zip']")
    assert kit_link.count() == 1
    with page.expect_download() as download:
        kit_link.click()
    kit = zipfile.ZipFile(download.value.path())
    names = set(kit.namelist())
    readme = kit.read("lecture-kit/README.txt").decode()
    for entry in site_build.manifest["scenes"]:
        for suffix in (".mp4", ".vtt", ".srt", ".webp"):
            assert f"lecture-kit/{entry['name']}{suffix}" in names
        assert entry["title"] in readme
        assert (
            kit.read(f"lecture-kit/{entry['name']}.mp4")
            == (site_build.root / entry["video"]).read_bytes()
        )
    assert [readme.index(f"{name}.mp4") for name in met] == sorted(
        readme.index(f"{name}.mp4") for name in met
    )
    assert "CC BY 4.0" in readme
    assert rec.foreign() == []
    context.close()
