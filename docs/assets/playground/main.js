// The playground: wires the controls, the address and the three views together. Every update is
// timed (data-update-ms on the root) so the browser test can hold it to the 50 ms.
import { ACTIVATIONS } from "./activations.js";
import core from "./core.js";
import { drawCurve, zAt } from "./curve-view.js";
import { propagate } from "./deep.js";
import { drawGradients, drawHistograms, fillTable } from "./deep-view.js";
import { createNetwork, lossAndAccuracy, step } from "./moons.js";
import { drawHidden, drawInput } from "./moons-view.js";
import { forgetColours, knownSize, measure } from "./plot.js";
import { format, isSettings, LIMITS, parse, WIDTHS } from "./state.js";

// Examples pushed through the deep network (numeric.deep's n_examples for the page's sizes).
export const EXAMPLES = 64;
const STEPS_PER_FRAME = 3;

function start(root) {
  root.dataset.ready = "true";
  root.dataset.examples = String(EXAMPLES);
  const $ = (id) => root.querySelector(`#pg-${id}`);
  const controls = { act: $("activation"), init: $("init"), depth: $("depth"), width: $("width"), seed: $("seed"), z: $("z") };
  controls.act.innerHTML = ACTIVATIONS.map(({ key, name }) => `<option value="${key}">${name}</option>`).join("");
  controls.init.innerHTML = core.inits.map((k) => `<option value="${k}">${k}</option>`).join("");
  controls.width.innerHTML = WIDTHS.map((w) => `<option value="${w}">${w}</option>`).join("");
  Object.assign(controls.depth, { min: LIMITS.depth[0], max: LIMITS.depth[1] });
  Object.assign(controls.seed, { min: LIMITS.seed[0], max: LIMITS.seed[1] });
  Object.assign(controls.z, { min: LIMITS.z[0], max: LIMITS.z[1] });

  // A link to a heading (#deep-network) carries no settings: keep the ones in use (Material's
  // instant navigation may even rebuild the page for it).
  let state = parse(isSettings(location.hash) ? location.hash : lastHash);
  let stats = null;
  let net = null;
  let playing = false;

  const nameOf = (key) => ACTIVATIONS.find((a) => a.key === key).name;

  function show() {
    for (const [key, input] of Object.entries(controls)) input.value = String(state[key]);
  }

  // The pointer moves z many times a second; the browser limits how often the address may change.
  let pending = 0;
  function remember() {
    clearTimeout(pending);
    const hash = format(state);
    if (location.hash !== hash) history.replaceState(null, "", hash);
    lastHash = hash;
  }

  function rememberSoon(delay) {
    clearTimeout(pending);
    pending = setTimeout(remember, delay);
  }

  // Each view draws its canvases, then returns what it writes into the page (readouts, labels,
  // the table): paint draws every view first, so no canvas waits for the page's styles.
  function paint(...views) {
    const writes = views.map((draw) => draw());
    for (const write of writes) write();
  }

  function drawCurveView() {
    const { f, fPrime } = drawCurve($("curve"), state.act, state.z);
    return () => {
      for (const [id, v] of [["z-value", state.z], ["f", f], ["f-prime", fPrime]]) {
        $(id).value = v.toPrecision(4);
        $(id).dataset.value = String(v);
      }
      const at = `at z = ${state.z.toFixed(2)}, f = ${f.toPrecision(3)} and f′ = ${fPrime.toPrecision(3)}`;
      $("curve").setAttribute("aria-label", `${nameOf(state.act)}: f and its derivative f′ for z from −4 to 4; ${at}.`);
    };
  }

  function drawDeepView() {
    const [lo, hi] = drawHistograms($("histograms"), state.act, stats);
    drawGradients($("gradients"), state.act, stats);
    return () => {
      const name = nameOf(state.act);
      const key = state.act.replaceAll("_", "-");
      root.style.setProperty("--pg-activation-colour", `var(--palette-act-${key})`);
      fillTable($("layers"), stats);
      const last = stats.aStd.length - 1;
      const [a0, a1, g0, g1] = [stats.aStd[0], stats.aStd[last], stats.gradNorm[0], stats.gradNorm[last]].map((v) => v.toPrecision(2));
      $("histograms").setAttribute("aria-label", `Histograms of the activations of layers 1 to ${last + 1} (${name}, ${state.init} initialisation), from ${lo.toPrecision(2)} to ${hi.toPrecision(2)}; the table below gives their spread.`);
      $("gradients").setAttribute("aria-label", `Spread of the activations and norm of the weight gradient, layer by layer, log scale: the spread goes from ${a0} to ${a1}, the gradient norm from ${g0} to ${g1}.`);
    };
  }

  function drawMoonsView() {
    drawInput($("input-plane"), net);
    drawHidden($("hidden-plane"), net);
    const { loss, accuracy } = lossAndAccuracy(net);
    return () => {
      const name = nameOf(state.act);
      const percent = `${Math.round(accuracy * 100)} %`;
      $("steps").value = String(net.steps);
      $("loss").value = loss.toFixed(3);
      $("loss").dataset.value = String(loss);
      $("accuracy").value = percent;
      $("input-plane").setAttribute("aria-label", `The two moons in the input plane after ${net.steps} steps, shaded by the class the ${name} network gives each place; ${percent} of the points are on their side.`);
      $("hidden-plane").setAttribute("aria-label", `The input grid and the moons after the hidden ${name} layer, with the output unit's straight dividing line.`);
    };
  }

  function newNetwork(steps) {
    net = createNetwork(state.act, state.init, state.seed);
    for (let i = 0; i < steps; i++) step(net);
  }

  // What changed decides what is recomputed; the update is timed end to end.
  function update(changed) {
    const t0 = performance.now();
    if (changed.has("deep")) stats = propagate(state.act, state.init, state.depth, state.width, EXAMPLES, state.seed);
    if (changed.has("net")) newNetwork(state.steps);
    const views = { curve: drawCurveView, deep: drawDeepView, net: drawMoonsView };
    paint(...[...changed].map((view) => views[view]));
    // The address is not what the reader waits for: it follows just after.
    rememberSoon(changed.size === 1 && changed.has("curve") ? 200 : 0);
    root.dataset.updateMs = String(performance.now() - t0);
    root.dataset.scheme = document.body.getAttribute("data-md-color-scheme");
  }

  const EVERYTHING = new Set(["curve", "deep", "net"]);
  const AFFECTS = {
    act: EVERYTHING,
    init: new Set(["deep", "net"]),
    depth: new Set(["deep"]),
    width: new Set(["deep"]),
    seed: new Set(["deep", "net"]),
    z: new Set(["curve"]),
  };

  function read(key) {
    const input = controls[key];
    if (key === "act" || key === "init") return input.value;
    const v = Number(input.value);
    if (!Number.isFinite(v)) return state[key];
    const limits = LIMITS[key] || [Math.min(...WIDTHS), Math.max(...WIDTHS)];
    return Math.min(Math.max(key === "z" ? v : Math.round(v), limits[0]), limits[1]);
  }

  for (const [key, input] of Object.entries(controls)) {
    input.addEventListener(key === "z" ? "input" : "change", () => {
      state = { ...state, [key]: read(key) };
      if (AFFECTS[key].has("net")) {
        state.steps = 0;
        pause();
      }
      update(AFFECTS[key]);
    });
  }

  $("curve").addEventListener("pointermove", (event) => {
    state.z = Math.min(Math.max(+zAt($("curve"), event).toFixed(2), LIMITS.z[0]), LIMITS.z[1]);
    controls.z.value = String(state.z);
    update(new Set(["curve"]));
  });

  // Training: play runs a few steps a frame; pause and step keep the count in the address.
  function frame() {
    if (!playing || !root.isConnected) return;
    for (let i = 0; i < STEPS_PER_FRAME && net.steps < LIMITS.steps[1]; i++) step(net);
    paint(drawMoonsView);
    if (net.steps >= LIMITS.steps[1]) pause();
    else requestAnimationFrame(frame);
  }

  function pause() {
    playing = false;
    $("play").textContent = "Play";
    $("play").setAttribute("aria-pressed", "false");
    if (net) {
      state.steps = net.steps;
      remember();
    }
  }

  $("play").addEventListener("click", () => {
    if (playing) return pause();
    playing = true;
    $("play").textContent = "Pause";
    $("play").setAttribute("aria-pressed", "true");
    requestAnimationFrame(frame);
  });
  $("step").addEventListener("click", () => {
    pause();
    step(net);
    state.steps = net.steps;
    paint(drawMoonsView);
    remember();
  });
  $("reset").addEventListener("click", () => {
    pause();
    state.steps = 0;
    update(new Set(["net"]));
  });

  // A link on the page that carries settings (the page's "where to start") sets them here and
  // brings the controls into view; Material's instant navigation never sees the click.
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest && event.target.closest("a[href*='#']");
      if (!root.isConnected || !link || link.pathname !== location.pathname || !isSettings(link.hash)) return;
      event.preventDefault();
      event.stopPropagation();
      pause();
      state = parse(link.hash);
      show();
      update(EVERYTHING);
      root.scrollIntoView({ block: "start" });
    },
    true,
  );

  window.addEventListener("hashchange", () => {
    if (!root.isConnected || location.hash === format(state) || !isSettings(location.hash)) return;
    pause();
    state = parse(location.hash);
    show();
    update(EVERYTHING);
  });

  // Material's palette toggle changes the body's scheme: draw again in the new colours.
  function redraw() {
    paint(drawCurveView, drawDeepView, drawMoonsView);
    root.dataset.scheme = document.body.getAttribute("data-md-color-scheme");
  }
  new MutationObserver(() => {
    forgetColours();
    if (root.isConnected) redraw();
  }).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  });

  // Canvases are measured when their layout changes, never in the middle of an update.
  const canvases = [...root.querySelectorAll("canvas")];
  measure(...canvases);
  const resized = new ResizeObserver((entries) => {
    let changed = false;
    for (const { target, contentRect } of entries) {
      changed = knownSize(target, contentRect.width, contentRect.height) || changed;
    }
    if (changed && root.isConnected) redraw();
  });
  for (const canvas of canvases) resized.observe(canvas);

  show();
  update(EVERYTHING);
}

let lastHash = "";

function boot() {
  const root = document.getElementById("playground-app");
  if (root && !root.dataset.ready) start(root);
}

// Material's instant navigation swaps pages without reloading: it announces each in document$.
if (window.document$) window.document$.subscribe(boot);
else boot();
