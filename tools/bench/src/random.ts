// Deterministic input data, the same on every peer (the hand-written limits included).

/** Deterministic values in [-scale/2, scale/2), the same on every peer. */
export function randomData(size: number, seed = 1, scale = 1): Float32Array {
  const data = new Float32Array(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = (s / 2 ** 32 - 0.5) * scale;
  }
  return data;
}
