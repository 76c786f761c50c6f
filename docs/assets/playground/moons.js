// The article's small network on its two moons (scenes/numeric/training.py), with any activation
// in the 2-wide hidden layers: x -> z_k = W_k a_{k-1} + b_k, a_k = f(z_k) -> p = sigma(w . a + b).
// Full-batch gradient descent with momentum on the mean binary cross-entropy, one step at a time.
import core from "./core.js";
import { sigmoid, ZOO } from "./activations.js";
import { INITS } from "./deep.js";
import { generator } from "./random.js";

export const MOONS = core.moons;
const { hidden, lr, momentum } = core.training;

export function createNetwork(activation, init, seed) {
  const sizes = [2, ...hidden, 1];
  const rng = generator(seed);
  const layers = [];
  for (let k = 1; k < sizes.length; k++) {
    const [nIn, nOut] = [sizes[k - 1], sizes[k]];
    const W = Array.from({ length: nOut }, () =>
      Array.from({ length: nIn }, () => INITS[init](rng, nIn, nOut)),
    );
    layers.push({ W, b: new Array(nOut).fill(0) });
  }
  const velocity = layers.map(({ W, b }) => ({
    W: W.map((row) => row.map(() => 0)),
    b: b.map(() => 0),
  }));
  return { activation, layers, velocity, steps: 0 };
}

// Every layer's (z, a) for one point; the last a is [p]. Plain loops: the views call this a few
// thousand times an update.
export function forward(net, point) {
  const f = ZOO[net.activation][0];
  const states = [];
  const last = net.layers.length - 1;
  let a = point;
  for (let k = 0; k <= last; k++) {
    const { W, b } = net.layers[k];
    const z = new Array(W.length);
    const out = new Array(W.length);
    for (let i = 0; i < W.length; i++) {
      let s = b[i];
      for (let j = 0; j < a.length; j++) s += W[i][j] * a[j];
      z[i] = s;
      out[i] = k === last ? sigmoid(s) : f(s);
    }
    states.push({ z, a: out });
    a = out;
  }
  return states;
}

export function lastHidden(net, point) {
  const states = forward(net, point);
  return states.length > 1 ? states[states.length - 2].a : point;
}

export const probability = (net, point) => forward(net, point)[net.layers.length - 1].a[0];

export function lossAndAccuracy(net) {
  let loss = 0;
  let right = 0;
  MOONS.x.forEach((point, i) => {
    const p = Math.min(Math.max(probability(net, point), 1e-12), 1 - 1e-12);
    const y = MOONS.y[i];
    loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
    right += (p > 0.5) === (y === 1) ? 1 : 0;
  });
  return { loss: loss / MOONS.y.length, accuracy: right / MOONS.y.length };
}

// One step of gradient descent with momentum on the whole data set (training.train's update).
export function step(net) {
  const [, fPrime] = ZOO[net.activation];
  const n = MOONS.y.length;
  const grads = net.layers.map(({ W, b }) => ({
    W: W.map((row) => row.map(() => 0)),
    b: b.map(() => 0),
  }));
  MOONS.x.forEach((point, e) => {
    const states = forward(net, point);
    // For a sigmoid output and cross-entropy, dL/dz_L = (p - y) / n.
    let delta = [(states.at(-1).a[0] - MOONS.y[e]) / n];
    for (let k = net.layers.length - 1; k >= 0; k--) {
      const input = k > 0 ? states[k - 1].a : point;
      delta.forEach((d, i) => {
        grads[k].b[i] += d;
        input.forEach((a, j) => (grads[k].W[i][j] += d * a));
      });
      if (k > 0) {
        const { W } = net.layers[k];
        const z = states[k - 1].z;
        delta = z.map((zj, j) => delta.reduce((s, d, i) => s + d * W[i][j], 0) * fPrime(zj));
      }
    }
  });
  net.layers.forEach((layer, k) => {
    const v = net.velocity[k];
    layer.W.forEach((row, i) =>
      row.forEach((_, j) => {
        v.W[i][j] = momentum * v.W[i][j] + grads[k].W[i][j];
        row[j] -= lr * v.W[i][j];
      }),
    );
    layer.b.forEach((_, i) => {
      v.b[i] = momentum * v.b[i] + grads[k].b[i];
      layer.b[i] -= lr * v.b[i];
    });
  });
  net.steps += 1;
}

// The input grid's lines (training.grid_lines): vertical lines, then horizontal ones.
export function gridLines(samples = 60) {
  const [xmin, xmax, ymin, ymax] = MOONS.box;
  const stepSize = MOONS.gridStep;
  const lines = [];
  const ticks = (lo, hi) => {
    const out = [];
    for (let v = lo; v <= hi + 1e-9; v += stepSize) out.push(v);
    return out;
  };
  const along = (lo, hi) => Array.from({ length: samples }, (_, i) => lo + ((hi - lo) * i) / (samples - 1));
  for (const x of ticks(xmin, xmax)) lines.push(along(ymin, ymax).map((y) => [x, y]));
  for (const y of ticks(ymin, ymax)) lines.push(along(xmin, xmax).map((x) => [x, y]));
  return lines;
}
