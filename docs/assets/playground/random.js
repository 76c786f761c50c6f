// A small seeded generator for the page: the same seed gives the same network in every browser.
// (numpy's PCG64 is not reproduced: the tests compare statistics, not draws.)

// splitmix32 then mulberry32-style mixing: 32-bit state, good enough for initial weights.
export function generator(seed) {
  let state = (seed >>> 0) ^ 0x9e3779b9;
  const next32 = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  // A uniform double in [0, 1) with 53 random bits.
  const uniform = () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
  let spare = null;
  // N(0, 1) by Box-Muller, both values used.
  const normal = () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * uniform();
    spare = r * Math.sin(angle);
    return r * Math.cos(angle);
  };
  return { uniform, normal };
}
