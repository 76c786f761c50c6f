// The playground: wires the controls, the address and the three views together. Every update is
// timed (data-update-ms on the root) so the browser test can hold it to the 50 ms.
import { ACTIVATIONS } from "./activations.js";
import core from "./core.js";
import { drawCurve, zAt } from "./curve-view.js";
import { propagate } from "./deep.js";
import { drawGradients, drawHistograms, fillTable } from "./deep-view.js";
import { createNetwork, lossAndAccuracy, step } from "./moons.js";
import { drawHidden, drawInput } from "./moons-view.js";
import { format, LIMITS, parse, WIDTHS } from "./state.js";

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

  let state = parse(location.hash);
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
    if (location.hash !== hash) history.replaceState(history.state, "", hash);
  }

  function rememberSoon() {
    clearTimeout(pending);
    pending = setTimeout(remember, 200);
  }

  function drawCurveView() {
    const { f, fPrime } = drawCurve($("curve"), state.act, state.z);
    const name = nameOf(state.act);
    for (const [id, v] of [["z-value", state.z], ["f", f], ["f-prime", fPrime]]) {
      $(id).value = v.toPrecision(4);
      $(id).dataset.value = String(v);
    }
    $("curve").setAttribute("aria-label", `${name}: f and its derivative f′ for z from −4 to 4; at z = ${state.z.toFixed(2)}, f = ${f.toPrecision(3)} and f′ = ${fPrime.toPrecision(3)}.`);
  }

  function drawDeepView() {
    const name = nameOf(state.act);
    root.style.setProperty("--pg-activation-colour", `var(--palette-act-${state.act.replaceAll("_", "-")})`);
    const [lo, hi] = drawHistograms($("histograms"), state.act, stats);
    drawGradients($("gradients"), state.act, stats);
    fillTable($("layers"), stats);
    const last = stats.aStd.length - 1;
    $("histograms").setAttribute("aria-label", `Histograms of the activations of layers 1 to ${last + 1} (${name}, ${state.init} initialisation), from ${lo.toPrecision(2)} to ${hi.toPrecision(2)}; the table below gives their spread.`);
    $("gradients").setAttribute("aria-label", `Spread of the activations and norm of the weight gradient, layer by layer, log scale: the spread goes from ${stats.aStd[0].toPrecision(2)} to ${stats.aStd[last].toPrecision(2)}, the gradient norm from ${stats.gradNorm[0].toPrecision(2)} to ${stats.gradNorm[last].toPrecision(2)}.`);
  }

  function drawMoonsView() {
    drawInput($("input-plane"), net);
    drawHidden($("hidden-plane"), net);
    const { loss, accuracy } = lossAndAccuracy(net);
    $("steps").value = String(net.steps);
    $("loss").value = loss.toFixed(3);
    $("accuracy").value = `${Math.round(accuracy * 100)} %`;
    $("loss").dataset.value = String(loss);
    const name = nameOf(state.act);
    $("input-plane").setAttribute("aria-label", `The two moons in the input plane after ${net.steps} steps, shaded by the class the ${name} network gives each place; ${Math.round(accuracy * 100)} % of the points are on their side.`);
    $("hidden-plane").setAttribute("aria-label", `The input grid and the moons after the hidden ${name} layer, with the output unit's straight dividing line.`);
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
    if (changed.has("curve")) drawCurveView();
    if (changed.has("deep")) drawDeepView();
    if (changed.has("net")) drawMoonsView();
    if (changed.size === 1 && changed.has("curve")) rememberSoon();
    else remember();
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
    drawMoonsView();
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
    drawMoonsView();
    remember();
  });
  $("reset").addEventListener("click", () => {
    pause();
    state.steps = 0;
    update(new Set(["net"]));
  });

  window.addEventListener("hashchange", () => {
    if (!root.isConnected || location.hash === format(state)) return;
    pause();
    state = parse(location.hash);
    show();
    update(EVERYTHING);
  });

  // Material's palette toggle changes the body's scheme: draw again in the new colours.
  function redraw() {
    drawCurveView();
    drawDeepView();
    drawMoonsView();
    root.dataset.scheme = document.body.getAttribute("data-md-color-scheme");
  }
  new MutationObserver(() => root.isConnected && redraw()).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  });

  let width = root.clientWidth;
  new ResizeObserver(() => {
    if (root.clientWidth === width) return;
    width = root.clientWidth;
    redraw();
  }).observe(root);

  show();
  update(EVERYTHING);
}

function boot() {
  const root = document.getElementById("playground-app");
  if (root && !root.dataset.ready) start(root);
}

// Material's instant navigation swaps pages without reloading: it announces each in document$.
if (window.document$) window.document$.subscribe(boot);
else boot();
