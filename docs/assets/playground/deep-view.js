// View 2: a random deep network at initialisation, layer by layer: histograms of a_k, and the
// spread of a_k beside the gradient norm ||dL/dW_k|| on a log scale.
import { activationColour, colour, knownSize, Plot, widthOf } from "./plot.js";

const BINS = 30;

// The common x range of the histograms: from the 0.5 % to the 99.5 % quantile of every layer's
// activations together, so that a few far outliers do not squeeze the rest into one bar.
function range(activations) {
  const total = activations.reduce((n, a) => n + a.length, 0);
  const stride = Math.max(1, Math.floor(total / 4000)); // a sample of about 4000 is plenty
  const sample = [];
  for (const a of activations) for (let i = 0; i < a.length; i += stride) sample.push(a[i]);
  const sorted = Float64Array.from(sample).sort();
  let lo = sorted[Math.floor(0.005 * (sorted.length - 1))];
  let hi = sorted[Math.ceil(0.995 * (sorted.length - 1))];
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) [lo, hi] = [lo - 1e-3, hi + 1e-3];
  return [lo, hi];
}

// The bars' scale: the tallest bar, unless one bar (ReLU's exact zeros) towers over the others;
// then that bar is cut at three times the next and marked as cut.
function barScale(counts) {
  const sorted = [...counts].sort((a, b) => b - a);
  return sorted[0] > 3 * sorted[1] && sorted[1] > 0 ? 3 * sorted[1] : sorted[0];
}

export function drawHistograms(canvas, key, stats) {
  const layers = stats.activations;
  const width = widthOf(canvas);
  const columns = Math.max(2, Math.min(5, Math.floor(width / 130)));
  const rows = Math.ceil(layers.length / columns);
  const cell = { w: width / columns, h: 84 };
  if (knownSize(canvas, width, rows * cell.h)) canvas.style.height = `${rows * cell.h}px`;
  const [lo, hi] = range(layers);
  const plot = new Plot(canvas, [0, columns], [0, rows]);
  const { ctx } = plot;
  ctx.fillStyle = activationColour(key);
  layers.forEach((a, k) => {
    const counts = new Array(BINS).fill(0);
    for (let i = 0; i < a.length; i++) {
      const bin = Math.floor(((a[i] - lo) / (hi - lo)) * BINS);
      if (bin >= 0 && bin <= BINS) counts[Math.min(bin, BINS - 1)]++;
    }
    const peak = barScale(counts);
    const left = (k % columns) * cell.w + 8;
    const top = Math.floor(k / columns) * cell.h + 16;
    const inner = { w: cell.w - 16, h: cell.h - 34 };
    ctx.fillStyle = activationColour(key);
    counts.forEach((c, b) => {
      const h = Math.min(c / peak, 1) * inner.h;
      const x = left + (b * inner.w) / BINS;
      ctx.fillRect(x, top + inner.h - h, inner.w / BINS - 0.5, h);
      if (c > peak) ctx.clearRect(x - 0.5, top + 4, inner.w / BINS + 0.5, 2); // a cut bar

    });
    ctx.strokeStyle = plot.light;
    ctx.beginPath();
    ctx.moveTo(left, top + inner.h + 0.5);
    ctx.lineTo(left + inner.w, top + inner.h + 0.5);
    ctx.stroke();
    ctx.fillStyle = plot.ink;
    ctx.textBaseline = "bottom";
    ctx.textAlign = "left";
    ctx.fillText(`layer ${k + 1}`, left, top - 2);
    ctx.fillStyle = plot.light;
    ctx.textBaseline = "top";
    ctx.fillText(label(lo), left, top + inner.h + 3);
    ctx.textAlign = "right";
    ctx.fillText(label(hi), left + inner.w, top + inner.h + 3);
  });
  return [lo, hi];
}

const label = (v) => (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : v.toPrecision(2));

export function drawGradients(canvas, key, stats) {
  const depth = stats.gradNorm.length;
  const series = [
    [stats.aStd, activationColour(key), []],
    [stats.gradNorm, colour("--palette-gradient"), [6, 4]],
  ];
  const logs = series.flatMap(([values]) => values.filter((v) => v > 0).map(Math.log10));
  let lo = Math.floor(Math.min(...logs));
  let hi = Math.ceil(Math.max(...logs));
  if (hi - lo < 2) [lo, hi] = [lo - 1, hi + 1];
  const plot = new Plot(canvas, [0.5, depth + 0.5], [lo, hi], { left: 44, right: 8, top: 8, bottom: 20 });
  const every = Math.ceil((hi - lo) / 6);
  const yTicks = [];
  for (let t = lo; t <= hi; t += every) yTicks.push(t);
  const xTicks = Array.from({ length: depth }, (_, i) => i + 1).filter((k) => depth <= 12 || k % 2 === 1);
  plot.axes(xTicks, [], { labels: true });
  plot.axes([], yTicks, { labels: false });
  const { ctx } = plot;
  ctx.fillStyle = plot.light;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const t of yTicks) ctx.fillText(`1e${t}`, plot.pad.left - 4, plot.y(t));
  for (const [values, stroke, dash] of series) {
    const points = values.map((v, k) => [k + 1, v > 0 ? Math.log10(v) : lo]);
    plot.curve(points, stroke, 2.5, dash);
    for (const p of points) plot.dot(p, stroke, 3.5);
  }
}

const STATS = [
  ["zStd", "std of z"],
  ["aMean", "mean of a"],
  ["aStd", "std of a"],
  ["dead", "dead units"],
  ["deltaStd", "std of δ × n"],
  ["gradNorm", "‖∂L/∂W‖"],
];

// The table is rebuilt only when the depth changes; otherwise its cells are rewritten in place.
export function fillTable(table, stats) {
  const depth = stats.gradNorm.length;
  if (table.tBodies.length === 0 || table.tBodies[0].rows.length !== depth) {
    const head = `<thead><tr><th scope="col">layer k</th>${STATS.map(([, name]) => `<th scope="col">${name}</th>`).join("")}</tr></thead>`;
    const cells = STATS.map(([key]) => `<td data-stat="${key}"></td>`).join("");
    const rows = Array.from({ length: depth }, (_, k) => `<tr><th scope="row">${k + 1}</th>${cells}</tr>`);
    table.className = "pg-stats";
    table.innerHTML = `${head}<tbody>${rows.join("")}</tbody>`;
  }
  [...table.tBodies[0].rows].forEach((row, k) => {
    STATS.forEach(([key], i) => {
      const cell = row.cells[i + 1];
      const v = stats[key][k];
      cell.dataset.value = String(v);
      cell.textContent = key === "dead" ? `${Math.round(v * 100)} %` : v.toPrecision(3);
    });
  });
}
