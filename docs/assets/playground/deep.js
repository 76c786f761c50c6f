// A deep fully connected network at initialisation, as scenes/numeric/deep.py defines it:
// x (n x width, N(0, 1)) -> z_k = a_{k-1} W_k, a_k = f(z_k) for k = 1..depth, biases 0; the
// gradient arriving at the top is a fixed N(0, 1) matrix G (the loss L = sum(G * a_depth) / n).
// Matrices are row-major Float64Arrays.
import { ZOO } from "./activations.js";
import { generator } from "./random.js";

const uniformIn = (rng, limit) => (2 * rng.uniform() - 1) * limit;

// The initialisations of numeric.deep.INITS: one draw of W (nIn x nOut).
export const INITS = {
  small: (rng, nIn) => 0.01 * rng.normal(),
  unit: (rng) => rng.normal(),
  standard: (rng, nIn) => uniformIn(rng, 1 / Math.sqrt(nIn)),
  xavier: (rng, nIn, nOut) => uniformIn(rng, Math.sqrt(6 / (nIn + nOut))),
  lecun: (rng, nIn) => rng.normal() / Math.sqrt(nIn),
  he: (rng, nIn) => rng.normal() * Math.sqrt(2 / nIn),
};

export function drawMatrix(rng, init, nIn, nOut) {
  const draw = INITS[init];
  const W = new Float64Array(nIn * nOut);
  for (let i = 0; i < W.length; i++) W[i] = draw(rng, nIn, nOut);
  return W;
}

// C (n x m) = A (n x k) B (k x m)
function matmul(A, B, n, k, m) {
  const C = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let p = 0; p < k; p++) {
      const a = A[i * k + p];
      if (a === 0) continue;
      const col = p * m;
      for (let j = 0; j < m; j++) C[row + j] += a * B[col + j];
    }
  }
  return C;
}

// C (n x k) = A (n x m) B^T, B (k x m)
function matmulTransposed(A, B, n, m, k) {
  const C = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let p = 0; p < m; p++) s += A[i * m + p] * B[j * m + p];
      C[i * k + j] = s;
    }
  }
  return C;
}

// ||A^T D||_F for A, D (n x w): the norm of dL/dW without keeping the matrix.
function gradientNorm(A, D, n, w) {
  const G = new Float64Array(w * w);
  for (let e = 0; e < n; e++) {
    const off = e * w;
    for (let i = 0; i < w; i++) {
      const a = A[off + i];
      if (a === 0) continue;
      const row = i * w;
      for (let j = 0; j < w; j++) G[row + j] += a * D[off + j];
    }
  }
  let s = 0;
  for (let i = 0; i < G.length; i++) s += G[i] * G[i];
  return Math.sqrt(s);
}

function meanStd(values) {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  const mean = s / values.length;
  let v = 0;
  for (let i = 0; i < values.length; i++) v += (values[i] - mean) ** 2;
  return [mean, Math.sqrt(v / values.length)];
}

// Per layer k = 1..depth: the statistics of numeric.deep.DeepStats, and a_k for the histograms.
export function propagate(activation, init, depth, width, nExamples, seed) {
  const [f, fPrime] = ZOO[activation];
  const n = nExamples;
  const w = width;
  const rng = generator(seed);
  const x = new Float64Array(n * w);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const weights = [];
  for (let k = 0; k < depth; k++) weights.push(drawMatrix(rng, init, w, w));
  const top = new Float64Array(n * w);
  for (let i = 0; i < top.length; i++) top[i] = rng.normal();

  const inputs = [];
  const slopes = [];
  const outputs = [];
  const zStd = [];
  let a = x;
  for (const W of weights) {
    inputs.push(a);
    const z = matmul(a, W, n, w, w);
    const out = new Float64Array(z.length);
    const slope = new Float64Array(z.length);
    for (let i = 0; i < z.length; i++) {
      out[i] = f(z[i]);
      slope[i] = fPrime(z[i]);
    }
    zStd.push(meanStd(z)[1]);
    slopes.push(slope);
    outputs.push(out);
    a = out;
  }

  const deltaStd = new Array(depth);
  const gradNorm = new Array(depth);
  const dead = new Array(depth);
  let upstream = top.map((g) => g / n); // dL/da_depth
  for (let k = depth - 1; k >= 0; k--) {
    const slope = slopes[k];
    const delta = new Float64Array(upstream.length);
    for (let i = 0; i < delta.length; i++) delta[i] = upstream[i] * slope[i];
    deltaStd[k] = meanStd(delta.map((d) => d * n))[1];
    gradNorm[k] = gradientNorm(inputs[k], delta, n, w);
    let deadUnits = 0;
    for (let j = 0; j < w; j++) {
      let alive = false;
      for (let e = 0; e < n && !alive; e++) alive = slope[e * w + j] !== 0;
      if (!alive) deadUnits++;
    }
    dead[k] = deadUnits / w;
    if (k > 0) upstream = matmulTransposed(delta, weights[k], n, w, w);
  }
  const moments = outputs.map(meanStd);
  return {
    zStd,
    aMean: moments.map((m) => m[0]),
    aStd: moments.map((m) => m[1]),
    dead,
    deltaStd,
    gradNorm,
    activations: outputs,
  };
}
