// Quick micro-benchmark of the raw kernels (not a test): matmul 512/1024, conv2d-sized matmul, reduce-sum 1M,
// add 1M, softmax [1024,1000] on inputs uniform in [-4, 4), and reading 16M floats out of linear memory. Each build
// this runtime validates (kernels.wasm; kernels-relaxed.wasm on Node >= 22, or Node 20 with
// --experimental-wasm-relaxed-simd) is timed in the same process, in alternating rounds (the machine is shared).
// Run after `build`: node bench/bench.mjs [other.wasm ...] (other builds, e.g. an older commit's, to compare).
import { readFileSync } from "node:fs";

const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 19, 1, 17, 0, 65, 0, 253, 15, 65, 0, 253, 15, 65,
  0, 253, 15, 253, 133, 2, 11,
]);
const own = ["kernels.wasm", ...(WebAssembly.validate(RELAXED_PROBE) ? ["kernels-relaxed.wasm"] : [])];
const files = [...own.map((f) => new URL(`../build/${f}`, import.meta.url).pathname), ...process.argv.slice(2)];

async function load(file) {
  const bytes = readFileSync(file);
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
  const fill = (p, n, scale = 1) => {
    const f = new Float32Array(memory.buffer, p, n);
    for (let i = 0; i < n; i++) f[i] = (Math.random() - 0.5) * scale;
    return p;
  };
  const scratch = alloc(k.matMulScratchF32() * 4);
  const matmul = (m, n, kk, ta = 0, tb = 0) => {
    const a = fill(alloc(m * kk * 4), m * kk);
    const b = fill(alloc(kk * n * 4), kk * n);
    const c = alloc(m * n * 4);
    return () => k.matMulF32(a, b, c, m, n, kk, ta, tb, scratch);
  };
  const M = 1 << 20;
  const x = fill(alloc(M * 4), M);
  const y = fill(alloc(M * 4), M);
  const out = alloc(M * 4);
  const s = alloc(16);
  const desc = alloc(48);
  new Int32Array(memory.buffer, desc, 12).set([1, 1, 1, M, 0, 0, 0, 1, 0, 0, 0, 1]);
  const logits = fill(alloc(1024 * 1000 * 4), 1024 * 1000, 8);
  const big = 16 * M;
  const src = fill(alloc(big * 4), big);
  const view = () => new Float32Array(memory.buffer, src, big);
  return {
    "matmul 512 (GFLOP/s)": [matmul(512, 512, 512), 2 * 512 ** 3],
    "matmul 512 transpose_b (GFLOP/s)": [matmul(512, 512, 512, 0, 1), 2 * 512 ** 3],
    "matmul 1024 (GFLOP/s)": [matmul(1024, 1024, 1024), 2 * 1024 ** 3],
    "conv2d 64x64x32->64 3x3 as im2col GEMM (GFLOP/s)": [matmul(4096, 64, 288), 2 * 4096 * 64 * 288],
    "reduce-sum 1M (µs)": [() => k.sumF32(x, s, 1, M, 1), 1e-3],
    "add 1M (µs)": [() => k.addF32(x, y, out, desc), 1e-3],
    "softmax [1024,1000] in [-4,4) (ms)": [() => k.softmaxF32(logits, out, 1024, 1000), 1],
    "readback 16M: slice() (ms)": [() => view().slice(), 1],
    "readback 16M: copyWithin inside memory (ms)": [
      () => new Uint8Array(memory.buffer).copyWithin(out, src, src + big * 4),
      1,
    ],
  };
}

/** Median of the samples of `fn` over `budgetMs` after a warm-up, in ms. */
function time(fn, budgetMs) {
  fn();
  const samples = [];
  const end = performance.now() + budgetMs;
  do {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  } while (performance.now() < end || samples.length < 3);
  return samples.sort((a, b) => a - b)[samples.length >> 1];
}

const builds = await Promise.all(files.map(load));
const names = files.map((f) => f.split("/").pop());
console.log(`Node ${process.version}; builds: ${files.join(", ")}`);
for (const name of Object.keys(builds[0])) {
  const samples = files.map(() => []);
  for (let round = 0; round < 3; round++) {
    const order = round % 2 ? [...builds.keys()].reverse() : [...builds.keys()];
    for (const b of order) samples[b].push(time(builds[b][name][0], 300));
  }
  const [, scale] = builds[0][name];
  const shown = samples.map((s) => {
    const ms = s.sort((a, b) => a - b)[1];
    return name.includes("GFLOP") ? (scale / ms / 1e6).toFixed(1) : (ms / scale).toFixed(name.includes("µs") ? 0 : 2);
  });
  console.log(`${name}: ${names.map((f, i) => `${f} ${shown[i]}`).join(", ")}`);
}
