// The "hand-written limit" peer: small AssemblyScript kernels (tools/bench/limits/index.ts, built by this
// package's build into dist/limits/) and two plain JS copies, timed in the same rounds as the other peers. Each
// case that has a limit names one of the runs below. The build is the one @scopeflow/wasm-kernels picks for this
// runtime (bestInstructionSet: relaxed SIMD where WebAssembly.validate accepts it), so the limit GEMM fuses its
// multiply-adds exactly when scopeflow's does.
import { bestInstructionSet, type InstructionSet } from "@scopeflow/wasm-kernels";
import { randomData } from "../random";

/** The limits module's exports (addresses are byte offsets into its imported memory). */
interface LimitExports {
  relaxedSimd(): number;
  sgemmScratch(k: number, n: number): number;
  sgemm(m: number, k: number, n: number, a: number, b: number, c: number, scratch: number): void;
  reduceSum(x: number, n: number): number;
  add(x: number, y: number, z: number, n: number): void;
  copyV128(dst: number, src: number, bytes: number): void;
  copyBulk(dst: number, src: number, bytes: number): void;
}

/** What a limit run is timed as; `scale` multiplies each sample (a FLOP floor scaled from a measured GEMM). */
export interface LimitRun {
  run(): unknown;
  dispose(): void;
  scale?: number;
}

/** The instantiated limits module and a bump allocator over its memory, reset by each run's setup. */
export class Limits {
  private top = 0;

  constructor(
    readonly exports: LimitExports,
    readonly memory: WebAssembly.Memory,
    readonly instructionSet: InstructionSet,
  ) {}

  /** Byte addresses of `floats` floats each, 64-byte aligned, after forgetting earlier allocations. */
  allocate(...floats: number[]): number[] {
    this.top = 64;
    const addresses = floats.map((count) => {
      const at = this.top;
      this.top += Math.ceil((count * 4) / 64) * 64;
      return at;
    });
    const pages = Math.ceil(this.top / 65536) - this.memory.buffer.byteLength / 65536;
    if (pages > 0) this.memory.grow(pages);
    return addresses;
  }

  floats(address: number, count: number): Float32Array {
    return new Float32Array(this.memory.buffer, address, count);
  }

  /** `count` floats of randomData at a fresh address. */
  fill(address: number, count: number, seed: number): void {
    this.floats(address, count).set(randomData(count, seed));
  }
}

/** The file of the build for `set`, under dist/limits/ (Node) or /limits/ (the bench page's server). */
export function limitsFile(set: InstructionSet): string {
  return set === "relaxed-simd" ? "limits-relaxed.wasm" : "limits.wasm";
}

/** Instantiates the limits build this runtime picks (or `set`), from bytes the platform loads by file name. */
export async function loadLimits(
  bytesOf: (file: string) => Promise<BufferSource>,
  set: InstructionSet = bestInstructionSet(),
): Promise<Limits> {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
  const { instance } = await WebAssembly.instantiate(await bytesOf(limitsFile(set)), { env: { memory } });
  const exports = instance.exports as unknown as LimitExports;
  const built: InstructionSet = exports.relaxedSimd() === 1 ? "relaxed-simd" : "simd128";
  if (built !== set) throw new Error(`${limitsFile(set)} reports the ${built} build`);
  return new Limits(exports, memory, set);
}

const nothing = () => {};

/** C[m,n] = A[m,k] B[k,n] with the limit GEMM (packing B included, as every call of a GEMM packs). */
export function gemmLimit(lib: Limits, m: number, k: number, n: number, scale?: number): LimitRun {
  const [a, b, c, scratch] = lib.allocate(m * k, k * n, m * n, lib.exports.sgemmScratch(k, n));
  lib.fill(a!, m * k, 1);
  lib.fill(b!, k * n, 2);
  return { run: () => lib.exports.sgemm(m, k, n, a!, b!, c!, scratch!), dispose: nothing, scale };
}

export function reduceSumLimit(lib: Limits, n: number): LimitRun {
  const [x] = lib.allocate(n);
  lib.fill(x!, n, 1);
  return { run: () => lib.exports.reduceSum(x!, n), dispose: nothing };
}

export function addLimit(lib: Limits, n: number): LimitRun {
  const [x, y, z] = lib.allocate(n, n, n);
  lib.fill(x!, n, 1);
  lib.fill(y!, n, 2);
  return { run: () => lib.exports.add(x!, y!, z!, n), dispose: nothing };
}

/** The faster of a v128 loop and memory.copy, copying `floats` floats inside wasm memory (best of 3 each). */
export function wasmCopyLimit(lib: Limits, floats: number): LimitRun {
  const [src, dst] = lib.allocate(floats, floats);
  lib.fill(src!, floats, 1);
  const bytes = floats * 4;
  const best = (copy: (d: number, s: number, b: number) => void) => {
    let ms = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      copy(dst!, src!, bytes);
      ms = Math.min(ms, performance.now() - t);
    }
    return ms;
  };
  const { copyV128, copyBulk } = lib.exports;
  const copy = best(copyV128) <= best(copyBulk) ? copyV128 : copyBulk;
  return { run: () => copy(dst!, src!, bytes), dispose: nothing };
}

/**
 * The floor of a readback that returns a fresh array: `new Float32Array(floats)` and `.set()` from a view over
 * wasm memory. The fresh array's pages are first touched by the copy, so its page faults are part of the time.
 */
export function freshReadbackLimit(lib: Limits, floats: number): LimitRun {
  const [src] = lib.allocate(floats);
  lib.fill(src!, floats, 1);
  const view = lib.floats(src!, floats);
  return {
    run: () => {
      const copy = new Float32Array(floats);
      copy.set(view);
      return copy;
    },
    dispose: nothing,
  };
}

/** The same copy into one Float32Array allocated and touched once: a readback without page faults. */
export function touchedReadbackLimit(lib: Limits, floats: number): LimitRun {
  const [src] = lib.allocate(floats);
  lib.fill(src!, floats, 1);
  const view = lib.floats(src!, floats);
  const target = new Float32Array(floats).fill(1);
  return {
    run: () => {
      target.set(view);
      return target;
    },
    dispose: nothing,
  };
}
