// What every case table shares: the case types, a seeded generator of inputs per table, and row-major index helpers.
// Backend-agnostic (no scopeflow imports), so the reference and wasm backends run the same tables.
import { seeded } from "../random";

export type CaseDType = "float32" | "int32" | "bool" | "int64";
export interface CaseTensor {
  dtype: CaseDType;
  shape: number[];
  data: number[];
}
export interface KernelCase {
  op: string;
  title: string;
  inputs: CaseTensor[];
  attrs?: Record<string, unknown>;
  /** Outputs, in order. For Apply* ops, [updated var, updated slots...]; slots are checked in the variable store. */
  expected: CaseTensor[];
  /** Absolute + relative tolerance for floats; integers and bools compare exactly. */
  tol?: number;
  /** For ops with ref inputs: the variable names of those inputs, by input index. */
  refs?: Record<number, string>;
  /** false: the ref variables are not in the store (uninitialized); by default they hold their input's value. */
  initialized?: boolean;
  /** The kernel throws an error whose message contains this text (then `expected` is empty). */
  throws?: string;
}

/** Lengths that hit both a SIMD loop and its scalar tail. */
export const LENGTHS = [1, 3, 4, 5, 17, 1000];

export const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
export const strides = (shape: number[]) => shape.map((_, i) => size(shape.slice(i + 1)));
export const unravel = (flat: number, shape: number[]) => strides(shape).map((s, i) => Math.floor(flat / s) % shape[i]);
/** Flat offset of a multi-index. */
export const ravel = (index: number[], shape: number[]) => index.reduce((acc, v, i) => acc + v * strides(shape)[i], 0);

export const i64 = (shape: number[], data: number[]): CaseTensor => ({ dtype: "int64", shape, data });

/** A case table's own inputs: draws from `seeded(seed)` only, so its values never depend on other tables. */
export interface CaseRandom {
  /** `n` values in [lo, hi): float32-rounded, or floored when `int`. */
  values(n: number, lo?: number, hi?: number, int?: boolean): number[];
  /** A float32 tensor: `data`, or values in [-2, 2). */
  f32(shape: number[], data?: number[]): CaseTensor;
  /** An int32 tensor: `data`, or integers in [-50, 50). */
  i32(shape: number[], data?: number[]): CaseTensor;
}

export function caseRandom(seed: number): CaseRandom {
  const next = seeded(seed);
  const values = (n: number, lo = -2, hi = 2, int = false) =>
    Array.from({ length: n }, () => {
      const v = lo + next() * (hi - lo);
      return int ? Math.floor(v) : Math.fround(v);
    });
  return {
    values,
    f32: (shape, data = values(size(shape))) => ({ dtype: "float32", shape, data }),
    i32: (shape, data = values(size(shape), -50, 50, true)) => ({ dtype: "int32", shape, data }),
  };
}

/** Values of `x` gathered into `outShape`: `index` maps each output index to its source index in `x`. */
export function gatherStrided(x: CaseTensor, outShape: number[], index: (out: number[]) => number[]): number[] {
  return Array.from({ length: size(outShape) }, (_, k) => x.data[ravel(index(unravel(k, outShape)), x.shape)]);
}
