// A small seeded generator for test data, so values are the same on every run and in every runtime.

/** mulberry32: uniform floats in [0, 1) from a 32-bit seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` seeded values, uniform in [-scale, scale). */
export function uniform(count: number, seed: number, scale = 1): number[] {
  const next = seeded(seed);
  return Array.from({ length: count }, () => (2 * next() - 1) * scale);
}
