// View 1: f and f' on [-4, 4], with the point the cursor (or the z slider) is on.
import { ZOO } from "./activations.js";
import { activationColour, colour, Plot, ticks } from "./plot.js";

const X_RANGE = [-4, 4];
const Y_RANGE = [-1.5, 4];
const SAMPLES = 321;

export function drawCurve(canvas, key, z) {
  const [f, fPrime] = ZOO[key];
  const plot = new Plot(canvas, X_RANGE, Y_RANGE);
  plot.axes(ticks(...X_RANGE, 8), ticks(...Y_RANGE, 5));
  const xs = Array.from({ length: SAMPLES }, (_, i) => X_RANGE[0] + ((X_RANGE[1] - X_RANGE[0]) * i) / (SAMPLES - 1));
  const fColour = activationColour(key);
  const gColour = colour("--palette-gradient");
  plot.line(xs.map((x) => [x, fPrime(x)]), gColour, 2, [6, 4]);
  plot.curve(xs.map((x) => [x, f(x)]), fColour, 3);
  plot.segment([z, Y_RANGE[0]], [z, Y_RANGE[1]]);
  plot.dot([z, fPrime(z)], gColour, 5, plot.ink);
  plot.dot([z, f(z)], fColour, 5, plot.ink);
  return { f: f(z), fPrime: fPrime(z) };
}

// The z under a pointer event, in the plot's coordinates.
export function zAt(canvas, event) {
  const box = canvas.getBoundingClientRect();
  const plot = { left: 34, right: 8 };
  const t = (event.clientX - box.left - plot.left) / (box.width - plot.left - plot.right);
  return X_RANGE[0] + t * (X_RANGE[1] - X_RANGE[0]);
}
