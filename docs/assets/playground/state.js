// The playground's settings and the address: a link reproduces a view (#act=relu&init=he&...).
import core from "./core.js";

export const LIMITS = { depth: [1, 20], seed: [0, 9999], z: [-4, 4], steps: [0, 3000] };
export const WIDTHS = [16, 32, 64, 128];
export const DEFAULTS = { act: "tanh", init: "xavier", depth: 10, width: 32, seed: 0, z: 1, steps: 0 };

const clamp = (v, [lo, hi]) => Math.min(Math.max(v, lo), hi);

// The settings a hash asks for; whatever is missing or not understood keeps its default.
export function parse(hash) {
  const asked = new URLSearchParams(hash.replace(/^#/, ""));
  const state = { ...DEFAULTS };
  const keys = core.activations.map((a) => a.key);
  if (keys.includes(asked.get("act"))) state.act = asked.get("act");
  if (core.inits.includes(asked.get("init"))) state.init = asked.get("init");
  if (WIDTHS.includes(Number(asked.get("width")))) state.width = Number(asked.get("width"));
  for (const key of ["depth", "seed", "steps"]) {
    const v = Number.parseInt(asked.get(key), 10);
    if (Number.isFinite(v)) state[key] = clamp(v, LIMITS[key]);
  }
  const z = Number.parseFloat(asked.get("z"));
  if (Number.isFinite(z)) state.z = clamp(z, LIMITS.z);
  return state;
}

export const isSettings = (hash) => hash.includes("=");

export function format(state) {
  const { act, init, depth, width, seed, z, steps } = state;
  return "#" + new URLSearchParams({ act, init, depth, width, seed, z: +z.toFixed(2), steps }).toString();
}
