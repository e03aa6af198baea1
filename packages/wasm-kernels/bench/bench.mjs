// Quick micro-benchmark of the raw kernels (not a test): matmul 512 (all transposes), reduce-sum 1M, add 1M.
// Run after `asbuild:release`: node bench/bench.mjs
import { readFileSync } from "node:fs";

const bytes = readFileSync(new URL("../build/kernels.wasm", import.meta.url));
const memory = new WebAssembly.Memory({ initial: 1024, maximum: 65536 });
const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
const k = instance.exports;
let top = Math.ceil(k.heapBase() / 16) * 16;
const alloc = (n) => {
  const p = top;
  top += Math.ceil(n / 16) * 16;
  if (top > memory.buffer.byteLength) memory.grow(Math.ceil((top - memory.buffer.byteLength) / 65536));
  return p;
};
const fill = (p, n) => {
  const f = new Float32Array(memory.buffer, p, n);
  for (let i = 0; i < n; i++) f[i] = Math.random();
};
const time = (fn, reps) => {
  for (let i = 0; i < 3; i++) fn();
  const t = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t) / reps;
};

const n = 512;
const scratch = alloc(k.matMulScratchF32() * 4);
const a = alloc(n * n * 4),
  b = alloc(n * n * 4),
  c = alloc(n * n * 4);
fill(a, n * n);
fill(b, n * n);
for (const [ta, tb] of [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
]) {
  const ms = time(() => k.matMulF32(a, b, c, n, n, n, ta, tb, scratch), 20);
  console.log(
    `matmul ${n} transpose_a=${ta} transpose_b=${tb}: ${ms.toFixed(2)} ms, ${((2 * n ** 3) / ms / 1e6).toFixed(1)} GFLOP/s`,
  );
}
const m = 1 << 20;
const x = alloc(m * 4),
  y = alloc(m * 4),
  out = alloc(m * 4),
  s = alloc(16),
  desc = alloc(48);
fill(x, m);
fill(y, m);
new Int32Array(memory.buffer, desc, 12).set([1, 1, 1, m, 0, 0, 0, 1, 0, 0, 0, 1]);
console.log(`reduce-sum 1M: ${(time(() => k.sumF32(x, s, 1, m, 1), 200) * 1000).toFixed(1)} µs`);
console.log(`add 1M: ${(time(() => k.addF32(x, y, out, desc), 200) * 1000).toFixed(1)} µs`);
