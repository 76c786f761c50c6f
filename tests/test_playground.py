"""The playground (docs/playground.md, docs/assets/playground/) in a real browser: the numbers it
shows are the numeric core's, it answers fast, and a reader with a keyboard, a phone or a link
gets the same view.

Measurements (update times, script size) go to test-output/playground.json; screenshots in both
palettes and at phone width to test-output/screenshots/playground-*.png, for people to look at.
"""

from __future__ import annotations

import importlib.util
import inspect
import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import DESKTOP, PHONE, PageRecorder
from numeric import training
from numeric.activations import LEAKY_SLOPE, SELU_ALPHA, SELU_LAMBDA, ZOO, elu
from numeric.deep import INITS, propagate

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"
PAGE = "playground/"
SCRIPT_BUDGET_KIB = 150  # the limit on the page's own script, uncompressed
UPDATE_BUDGET_MS = 50  # and on one update after a control changes
RECORD: dict = {}


@pytest.fixture(scope="module", autouse=True)
def record():
    yield
    if RECORD:
        OUTPUT.mkdir(exist_ok=True)
        (OUTPUT / "playground.json").write_text(json.dumps(RECORD, indent=1))


def open_playground(browser, served, hash_="", scheme="light", viewport=DESKTOP):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    recorder = PageRecorder(page, served.rstrip("/"))
    page.goto(served + PAGE + hash_, wait_until="networkidle")
    page.wait_for_function("document.getElementById('playground-app').dataset.updateMs")
    return context, page, recorder


def module(page, name: str) -> str:
    """JS that imports one of the page's own modules, as the page does."""
    return f"await import(new URL('../assets/playground/{name}', location.href).href)"


# ---------------------------------------------------------------- the same numbers


def load_hook():
    spec = importlib.util.spec_from_file_location(
        "playground_hook", ROOT / "scripts" / "hooks" / "playground.py"
    )
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook


def test_the_hook_writes_the_cores_constants_as_an_es_module():
    """core.js is a module Node can import, holding the core's values to the last digit."""
    source = load_hook().core_module()
    proc = subprocess.run(
        [
            "node",
            "--input-type=module",
            "-e",
            source.replace("export default", "const core =")
            + "process.stdout.write(JSON.stringify(core));",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    core = json.loads(proc.stdout)
    assert core["constants"] == {
        "seluLambda": SELU_LAMBDA,
        "seluAlpha": SELU_ALPHA,
        "leakySlope": LEAKY_SLOPE,
        "eluAlpha": inspect.signature(elu).parameters["alpha"].default,
    }
    assert [a["key"] for a in core["activations"]] == list(ZOO)
    assert core["training"]["lr"] == training.NETWORK["lr"]


POINTS = [-7.5, -3.0, -1.2, -0.3, 0.0, 0.4, 1.0, 2.2, 6.0]


def test_the_page_has_every_activation_of_the_zoo_with_the_cores_constants(
    browser, served, site_build
):
    context, page, rec = open_playground(browser, served)
    options = page.eval_on_selector_all(
        "#pg-activation option", "os => os.map(o => [o.value, o.textContent])"
    )
    assert options == [[a.key, a.name] for a in ZOO.values()]
    inits = page.eval_on_selector_all("#pg-init option", "os => os.map(o => o.value)")
    assert inits == list(INITS)
    core = page.evaluate(f"async () => ({module(page, 'core.js')}).default")
    assert core["constants"]["seluLambda"] == SELU_LAMBDA
    assert core["constants"]["seluAlpha"] == SELU_ALPHA
    X, y = training.make_dataset(**training.DATASET)
    assert np.array_equal(np.array(core["moons"]["x"]), X)
    assert core["moons"]["y"] == [int(v) for v in y]
    assert rec.console_errors == [] and rec.failed == [] and rec.foreign() == []
    context.close()


def test_f_and_f_prime_in_the_page_equal_the_cores_to_1e_6(browser, served):
    context, page, _ = open_playground(browser, served)
    values = page.evaluate(
        f"""async (points) => {{
            const {{ ZOO }} = {module(page, "activations.js")};
            return Object.fromEntries(Object.entries(ZOO).map(([key, [f, fp]]) =>
                [key, points.map((x) => [f(x), fp(x)])]));
        }}""",
        POINTS,
    )
    assert set(values) == set(ZOO)
    for key, act in ZOO.items():
        for x, (f, fp) in zip(POINTS, values[key]):
            assert f == pytest.approx(float(act.f(x)), rel=1e-6, abs=1e-300), (key, x, "f")
            assert fp == pytest.approx(float(act.f_prime(x)), rel=1e-6, abs=1e-300), (
                key,
                x,
                "f'",
            )
    # What the reader sees: the readout under the plot, for a point set with the slider.
    for key in ("gelu", "selu", "mish"):
        page.select_option("#pg-activation", key)
        page.fill("#pg-z", "-1.2")
        page.dispatch_event("#pg-z", "input")
        shown = page.evaluate(
            "['pg-f', 'pg-f-prime'].map(id => +document.getElementById(id).dataset.value)"
        )
        assert shown == pytest.approx([ZOO[key].f(-1.2), ZOO[key].f_prime(-1.2)], rel=1e-6)
    context.close()


# The deep network: the page draws its own random numbers, so its statistics are compared with
# the spread of the core's over many seeds, not digit for digit.
SETTINGS = [
    ("tanh", "xavier"),
    ("tanh", "small"),
    ("relu", "he"),
    ("sigmoid", "standard"),
    ("selu", "lecun"),
]
REFERENCE_SEEDS = 40
BAND_SDS = 5.0
# Spreads and norms scale multiplicatively layer after layer: compare their logarithms.
LOG_STATS = {"zStd": "z_std", "aStd": "a_std", "deltaStd": "delta_std", "gradNorm": "grad_w_norm"}
LINEAR_STATS = {"aMean": "a_mean", "dead": "dead"}


def reference(activation, init, depth, width, n_examples):
    """The core's statistics over REFERENCE_SEEDS seeds: (mean, sd) per statistic and layer."""
    runs = [
        propagate(activation, init, depth, width, n_examples, seed)
        for seed in range(REFERENCE_SEEDS)
    ]
    out = {}
    for page_name, core_name in {**LOG_STATS, **LINEAR_STATS}.items():
        values = np.array([getattr(r, core_name) for r in runs])
        if page_name in LOG_STATS:
            values = np.log(values)
        out[page_name] = (values.mean(axis=0), values.std(axis=0, ddof=1))
    return out


def outside_band(stats: dict, ref: dict, width: int) -> list[str]:
    """Every (statistic, layer) of one network outside mean +- BAND_SDS sd of the core's seeds.

    Why this band: the page's network is one more draw from the distribution the core's seeds
    sample (same definition, another generator). For a roughly normal statistic a draw lands
    beyond 5 sd with probability 6e-7; with the sd itself estimated from 40 seeds (about 11 %
    uncertain) it is still under 1e-5, so over the 300 comparisons below a false alarm has a
    chance under 0.5 %. The band is also narrow: test_the_band_tells_initialisations_apart shows
    it rejects a network whose only fault is He's weights for LeCun's. A dead fraction moves in
    steps of one unit in `width`, so its band is one unit wider.
    """
    misses = []
    for name in (*LOG_STATS, *LINEAR_STATS):
        mean, sd = ref[name]
        values = np.array(stats[name], dtype=float)
        if name in LOG_STATS:
            values = np.log(values)
        slack = BAND_SDS * sd + (1.0 / width if name == "dead" else 0.0)
        for k in np.flatnonzero(np.abs(values - mean) > slack):
            misses.append(
                f"{name} layer {k + 1}: {values[k]:.4g} vs {mean[k]:.4g} +- {slack[k]:.2g}"
            )
    return misses


def page_statistics(page) -> dict:
    rows = page.evaluate(
        """[...document.querySelectorAll('#pg-layers tbody tr')].map(tr => Object.fromEntries(
            [...tr.querySelectorAll('td')].map(td => [td.dataset.stat, +td.dataset.value])))"""
    )
    return {name: [row[name] for row in rows] for name in rows[0]}


def page_sizes(page) -> tuple[int, int, int]:
    return page.evaluate(
        """[+document.getElementById('pg-depth').value, +document.getElementById('pg-width').value,
            +document.getElementById('playground-app').dataset.examples]"""
    )


@pytest.mark.parametrize("activation,init", SETTINGS)
def test_layer_statistics_agree_with_numeric_deep(browser, served, activation, init):
    context, page, _ = open_playground(browser, served, f"#act={activation}&init={init}&seed=7")
    depth, width, n_examples = page_sizes(page)
    stats = page_statistics(page)
    assert len(stats["aStd"]) == depth
    ref = reference(activation, init, depth, width, n_examples)
    assert outside_band(stats, ref, width) == []
    context.close()


def test_the_band_tells_initialisations_apart():
    """The tolerance has teeth: He's weights (variance 2/n) judged against LeCun's (1/n) fail."""
    depth, width, n_examples = 10, 32, 100
    ref = reference("relu", "lecun", depth, width, n_examples)
    wrong = propagate("relu", "he", depth, width, n_examples, seed=1000)
    stats = {page: getattr(wrong, core) for page, core in {**LOG_STATS, **LINEAR_STATS}.items()}
    assert len(outside_band(stats, ref, width)) >= depth


def test_the_moons_network_trains_as_the_cores_trainer_does(browser, served):
    """Same start, same steps: the page's trainer follows numeric.training.train's loss curve."""
    context, page, _ = open_playground(browser, served, "#act=sigmoid")
    steps = 200
    X, y = training.make_dataset(**training.DATASET)
    start = training.init_network((2, *training.NETWORK["hidden"], 1), seed=3)
    core = training.train(
        X,
        y,
        hidden=training.NETWORK["hidden"],
        seed=3,
        lr=training.NETWORK["lr"],
        momentum=training.NETWORK["momentum"],
        epochs=steps,
    )
    losses = page.evaluate(
        f"""async ([layers, steps]) => {{
            const m = {module(page, "moons.js")};
            const net = m.createNetwork('sigmoid', 'unit', 0);
            net.layers = layers.map(([W, b]) => ({{ W, b }}));
            const out = [];
            for (let i = 0; i < steps; i++) {{ out.push(m.lossAndAccuracy(net).loss); m.step(net); }}
            return out;
        }}""",
        [[[layer.W.tolist(), layer.b.tolist()] for layer in start.layers], steps],
    )
    assert losses == pytest.approx(list(core.loss_history), rel=1e-9)
    context.close()


# ---------------------------------------------------------------- fast, small, offline

CHANGES = [
    ("#pg-activation", "relu"),
    ("#pg-activation", "gelu"),
    ("#pg-init", "he"),
    ("#pg-init", "lecun"),
    ("#pg-depth", "12"),
    ("#pg-depth", "10"),
    ("#pg-seed", "3"),
    ("#pg-activation", "sigmoid"),
    ("#pg-width", "32"),
    ("#pg-z", "-2"),
]
REPEATS = 5

MEASURE = """async ([selector, value]) => {
    const input = document.querySelector(selector);
    const root = document.getElementById('playground-app');
    const t0 = performance.now();
    input.value = value;
    input.dispatchEvent(new Event(input.type === 'range' ? 'input' : 'change'));
    const inHandler = performance.now() - t0;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    return { update: +root.dataset.updateMs, handler: inHandler, painted: performance.now() - t0 };
}"""


def test_an_update_takes_at_most_50_ms_at_the_default_sizes(browser, served):
    """Each control change is timed three ways: the wall clock in the page from the event to the
    views drawn (performance.now), the wall clock to the next frame, and the main thread's CPU
    time to the next frame (Chromium's ThreadTime: computing, drawing, styles, layout and paint).
    The budget holds the CPU time, the median of five runs of each change: it is what the update
    itself costs, and what a reader's idle machine of this speed waits. The wall clock on the
    shared test machine also counts other processes' turns (at a load average of 20 on 2 cores
    its fastest run of a change once came to 54 ms when its CPU time was 27 ms): it is recorded
    in test-output/playground.json, not held to the budget."""
    context, page, rec = open_playground(browser, served)
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})

    def thread_time():
        metrics = cdp.send("Performance.getMetrics")["metrics"]
        return next(m["value"] for m in metrics if m["name"] == "ThreadTime") * 1000

    page.evaluate(MEASURE, ["#pg-activation", "tanh"])  # one warm-up: the JIT compiles
    costs, runs = {}, []
    for selector, value in CHANGES:
        timed = []
        for _ in range(REPEATS):
            page.evaluate(MEASURE, [selector, "7" if selector == "#pg-seed" else value])
            before = thread_time()
            run = page.evaluate(MEASURE, [selector, value])
            run["cpu"] = thread_time() - before
            timed.append(run)
        runs += timed
        costs[f"{selector}={value}"] = {
            "fastest": min(t["handler"] for t in timed),
            "median": float(np.median([t["handler"] for t in timed])),
            "median_cpu_to_next_frame": float(np.median([t["cpu"] for t in timed])),
        }
    RECORD["update_ms"] = {
        "per_change": costs,
        "median_all_runs": float(np.median([t["handler"] for t in runs])),
        "median_to_next_frame": float(np.median([t["painted"] for t in runs])),
        "max_all_runs": float(max(t["handler"] for t in runs)),
    }
    slow = {
        c: ms["median_cpu_to_next_frame"]
        for c, ms in costs.items()
        if ms["median_cpu_to_next_frame"] > UPDATE_BUDGET_MS
    }
    assert slow == {}, f"updates over {UPDATE_BUDGET_MS} ms: {slow}"
    assert rec.console_errors == []
    context.close()


def test_the_script_is_small_and_asks_no_other_host(browser, served, site_build):
    """The page loads every module of assets/playground/ and nothing from another host; together
    they stay under the issue's 150 KiB (uncompressed, as served)."""
    context, page, rec = open_playground(browser, served)
    on_disk = sorted((site_build.root / "assets" / "playground").glob("*.js"))
    loaded = {
        Path(u).name for u in rec.requests if "/assets/playground/" in u and u.endswith(".js")
    }
    assert loaded == {p.name for p in on_disk}
    kib = sum(p.stat().st_size for p in on_disk) / 1024
    RECORD["script_kib"] = round(kib, 1)
    RECORD["first_load_kib"] = round(sum(rec.bytes_by_url.values()) / 1024, 1)
    assert kib <= SCRIPT_BUDGET_KIB
    assert rec.foreign() == [] and rec.failed == [] and rec.console_errors == []
    context.close()


# ---------------------------------------------------------------- every reader


def test_a_link_reproduces_the_view(browser, served):
    context, page, _ = open_playground(browser, served)
    page.select_option("#pg-activation", "elu")
    page.select_option("#pg-init", "he")
    page.fill("#pg-depth", "7")
    page.dispatch_event("#pg-depth", "change")
    page.select_option("#pg-width", "16")
    page.fill("#pg-seed", "42")
    page.dispatch_event("#pg-seed", "change")
    page.fill("#pg-z", "-0.75")
    page.dispatch_event("#pg-z", "input")
    for _ in range(5):
        page.click("#pg-step")
    page.wait_for_function("location.hash.includes('steps=5') && location.hash.includes('z=-0.75')")
    url = page.url
    assert "act=elu" in url and "steps=5" in url
    seen = view(page)
    context.close()

    context, page, _ = open_playground(browser, served, "#" + url.split("#", 1)[1])
    assert view(page) == seen
    context.close()


def test_the_pages_own_links_set_the_view_and_headings_keep_it(browser, served):
    context, page, rec = open_playground(browser, served)
    page.get_by_role("link", name="with He's").first.click()
    page.wait_for_function("location.hash.startsWith('#act=relu&init=he')")
    assert settings(page) == ["relu", "he"]
    # The table of contents links to a heading: the settings in use stay.
    page.locator(".md-sidebar--secondary a[href$='#deep-network']").first.click()
    page.wait_for_timeout(300)
    assert settings(page) == ["relu", "he"]
    assert rec.console_errors == []
    context.close()


def settings(page) -> list[str]:
    return page.evaluate(
        "['activation', 'init'].map(id => document.getElementById('pg-' + id).value)"
    )


def view(page) -> dict:
    return page.evaluate(
        """() => ({
        controls: ['activation', 'init', 'depth', 'width', 'seed', 'z'].map(
            id => document.getElementById('pg-' + id).value),
        readout: ['f', 'f-prime', 'steps', 'loss', 'accuracy'].map(
            id => document.getElementById('pg-' + id).dataset.value || document.getElementById('pg-' + id).value),
        table: [...document.querySelectorAll('#pg-layers td')].map(td => td.dataset.value),
    })"""
    )


def test_keyboard_alone_drives_every_control(browser, served):
    context, page, _ = open_playground(browser, served)
    wanted = ["pg-activation", "pg-init", "pg-depth", "pg-width", "pg-seed", "pg-z"]
    wanted += ["pg-play", "pg-step", "pg-reset"]
    reached = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused in wanted and focused not in reached:
            reached.append(focused)
        if len(reached) == len(wanted):
            break
    assert sorted(reached) == sorted(wanted)
    # A select changes with the arrow keys, the slider too, and each change redraws the views.
    page.focus("#pg-activation")
    before = page.evaluate("document.getElementById('pg-f').dataset.value")
    page.keyboard.press("ArrowDown")
    page.wait_for_function("location.hash.startsWith('#act=relu')")
    assert page.evaluate("document.getElementById('pg-f').dataset.value") != before
    page.focus("#pg-z")
    z = page.input_value("#pg-z")
    page.keyboard.press("ArrowLeft")
    assert float(page.input_value("#pg-z")) < float(z)
    page.focus("#pg-depth")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.querySelectorAll('#pg-layers tbody tr').length") == 11
    # Play and pause with the space bar, a single step with Enter.
    page.focus("#pg-play")
    page.keyboard.press("Space")
    page.wait_for_function("+document.getElementById('pg-steps').value > 10")
    page.keyboard.press("Space")
    assert page.get_attribute("#pg-play", "aria-pressed") == "false"
    steps = steps_shown(page)
    page.wait_for_timeout(200)
    assert steps_shown(page) == steps
    page.focus("#pg-step")
    page.keyboard.press("Enter")
    assert steps_shown(page) == steps + 1
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations_after_use(browser, served, scheme):
    context, page, _ = open_playground(browser, served, "#act=leaky_relu&init=he", scheme)
    page.click("#pg-step")
    results = Axe().run(page)
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    labels = page.eval_on_selector_all("canvas", "cs => cs.map(c => c.getAttribute('aria-label'))")
    assert all(label and len(label) > 30 for label in labels), labels
    context.close()


def test_usable_on_a_390_px_phone(browser, served):
    context, page, rec = open_playground(browser, served, viewport=PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    boxes = page.eval_on_selector_all(
        "#playground-app canvas, #playground-app select, #playground-app input, #playground-app button",
        "es => es.map(e => { const r = e.getBoundingClientRect(); return [e.id, r.left, r.right, r.height]; })",
    )
    for name, left, right, height in boxes:
        assert left >= 0 and right <= PHONE["width"] and height >= 20, (name, left, right, height)
    # Controls large enough to hit with a thumb.
    for name, *_, height in boxes:
        if not name.endswith(("curve", "histograms", "gradients", "plane")):
            assert height >= 24, (name, height)
    assert rec.console_errors == []
    context.close()


def test_follows_the_palette_toggle_and_is_screenshotted(browser, served):
    shots = OUTPUT / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    context, page, _ = open_playground(browser, served, "#act=relu&init=he&steps=150")
    assert page.evaluate("document.getElementById('playground-app').dataset.scheme") == "default"
    ink = canvas_ink(page)
    page.screenshot(path=shots / "playground-light-desktop.png", full_page=True)
    page.click("label[for='__palette_1']")  # Material's toggle: to dark
    page.wait_for_function("document.getElementById('playground-app').dataset.scheme === 'slate'")
    assert canvas_ink(page) != ink, "the plots kept the light palette's ink in the dark one"
    page.screenshot(path=shots / "playground-dark-desktop.png", full_page=True)
    context.close()
    for scheme in ("light", "dark"):
        context, page, _ = open_playground(
            browser, served, "#act=relu&init=he&steps=150", scheme, PHONE
        )
        page.screenshot(path=shots / f"playground-{scheme}-phone.png", full_page=True)
        context.close()


def steps_shown(page) -> int:
    return int(page.evaluate("document.getElementById('pg-steps').value"))


def canvas_ink(page) -> list:
    """The colour of the curve plot's axis labels, read back from its pixels."""
    return page.evaluate(
        """() => { const c = document.getElementById('pg-curve');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let dark = 0; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && d[i] < 80) dark++;
        return dark; }"""
    )


def test_instant_navigation_starts_the_playground(site_build, browser, served):
    if not site_build.port:
        pytest.skip("SITE_UNDER_TEST: instant navigation needs a site built for this server's URL")
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    rec = PageRecorder(page, served.rstrip("/"))
    page.goto(served, wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator("nav.md-nav--primary a[href*='playground']").first.click()
    page.wait_for_url(f"**/{PAGE}")
    page.wait_for_function("document.getElementById('playground-app')?.dataset.updateMs")
    assert page.evaluate("window.__sameDocument === true")
    assert page.evaluate("document.querySelectorAll('#pg-layers tbody tr').length") > 0
    assert rec.console_errors == []
    context.close()
