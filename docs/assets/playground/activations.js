// The zoo of scenes/numeric/activations.py in the browser: f and f' for every key of ZOO, with
// the constants the build wrote from the Python core (core.js), never typed here.
import core from "./core.js";

const { seluLambda, seluAlpha, leakySlope, eluAlpha } = core.constants;
const SQRT2 = Math.SQRT2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

// erfc(x) for x >= 0 to about 1e-15 relative. Below 2.5: erf from its series of positive terms
// (no cancellation), erfc = 1 - erf loses at most 4 digits there. Above: the continued fraction,
// which keeps erfc's relative precision deep in the tail (where x Phi(x) lives for x << 0).
function erfcPositive(x) {
  if (x < 2.5) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  // erfc(x) = e^{-x^2} / sqrt(pi) * 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...)))),
  // evaluated from a fixed depth upwards (60 levels are plenty for x >= 2.5).
  let f = x;
  for (let n = 60; n >= 1; n--) f = x + n / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

// Phi(x), the standard normal CDF, keeping its relative precision in the left tail.
export function normalCdf(x) {
  const t = Math.abs(x) / SQRT2;
  const tail = 0.5 * erfcPositive(t);
  return x < 0 ? tail : 1 - tail;
}

export function normalPdf(x) {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

export function sigmoid(x) {
  const e = Math.exp(-Math.abs(x));
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

function sigmoidPrime(x) {
  const e = Math.exp(-Math.abs(x));
  return e / ((1 + e) * (1 + e));
}

function softplus(x) {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

function elu(x, alpha) {
  return x > 0 ? x : alpha * Math.expm1(Math.min(x, 0));
}

function eluPrime(x, alpha) {
  return x > 0 ? 1 : alpha * Math.exp(Math.min(x, 0));
}

// key -> [f, f'], the same formulas as the Python core (same branches, same stable forms).
export const ZOO = {
  identity: [(x) => x, () => 1],
  sigmoid: [sigmoid, sigmoidPrime],
  tanh: [Math.tanh, (x) => 1 - Math.tanh(x) ** 2],
  relu: [(x) => Math.max(x, 0), (x) => (x > 0 ? 1 : 0)],
  leaky_relu: [(x) => (x > 0 ? x : leakySlope * x), (x) => (x > 0 ? 1 : leakySlope)],
  elu: [(x) => elu(x, eluAlpha), (x) => eluPrime(x, eluAlpha)],
  selu: [(x) => seluLambda * elu(x, seluAlpha), (x) => seluLambda * eluPrime(x, seluAlpha)],
  gelu: [(x) => x * normalCdf(x), (x) => normalCdf(x) + x * normalPdf(x)],
  silu: [(x) => x * sigmoid(x), (x) => sigmoid(x) * (1 + x * (1 - sigmoid(x)))],
  mish: [
    (x) => x * Math.tanh(softplus(x)),
    (x) => {
      const t = Math.tanh(softplus(x));
      return t + x * (1 - t * t) * sigmoid(x);
    },
  ],
  softplus: [softplus, sigmoid],
};

// Every activation of the core, in its order, with the name the pages use.
export const ACTIVATIONS = core.activations;

for (const { key } of ACTIVATIONS) {
  if (!(key in ZOO)) throw new Error(`playground: no formula for the core's activation ${key}`);
}
