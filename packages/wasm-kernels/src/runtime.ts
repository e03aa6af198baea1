// What every kernel builder shares: memory, the raw exports, NDArray construction, copies in and out, errors.
import type { Attrs, KernelContext, NDArray, dtypes } from "@scopeflow/core/kernels";
import type { LinearMemory } from "./memory";
import type { KernelExports } from "./module";

export type DType = dtypes.DType;
/** The NDArray class, passed in by the caller so that this package imports nothing of scopeflow at runtime. */
export type NDArrayClass = typeof NDArray;

/** Suffix of the `<op><Dtype>` export that runs a dtype, or undefined when no kernel variant exists. */
export function suffixOf(dtype: DType): "F32" | "I32" | undefined {
  return dtype.name === "float32" ? "F32" : dtype.name === "int32" ? "I32" : undefined;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** An error shaped like TF's, named after the op at fault (`name` is the tf.errors class name). */
export function kernelError(ctx: KernelContext, kind: "InvalidArgumentError" | "UnimplementedError", message: string): Error {
  const err = new Error(`${message}\n\t [[node ${ctx.opName} (op ${ctx.opType}, wasm kernel)]]`);
  err.name = kind;
  return err;
}

export class Runtime {
  /** Where the per-call copies start; everything above is released after each kernel. */
  private readonly base: number;
  /** 64 i32 of descriptor space for shapes and strides handed to kernels. */
  readonly desc: number;
  /** Packing scratch of matMulF32, allocated once. */
  readonly matMulScratch: number;

  constructor(
    readonly mem: LinearMemory,
    readonly fn: KernelExports,
    readonly NDArray: NDArrayClass,
  ) {
    this.desc = mem.alloc(256);
    this.matMulScratch = mem.alloc(fn.matMulScratchF32() * 4);
    this.base = mem.mark();
  }

  /** Runs `body` with per-call allocations released afterwards, also when it throws. */
  scoped<T>(body: () => T): T {
    const mark = this.mem.mark();
    try {
      return body();
    } finally {
      this.mem.release(mark < this.base ? this.base : mark);
    }
  }

  /** Copies an array's elements into fresh linear memory (one TypedArray.set) and returns the pointer. */
  copyIn(array: NDArray): number {
    const data = array.data;
    if (data instanceof Float32Array) {
      const ptr = this.mem.alloc(data.length * 4);
      this.mem.f32.set(data, ptr >> 2);
      return ptr;
    }
    if (data instanceof Int32Array) {
      const ptr = this.mem.alloc(data.length * 4);
      this.mem.i32.set(data, ptr >> 2);
      return ptr;
    }
    if (data instanceof Uint8Array) {
      const ptr = this.mem.alloc(data.length);
      this.mem.u8.set(data, ptr);
      return ptr;
    }
    throw new TypeError(`@scopeflow/wasm-kernels: cannot copy ${array.dtype.name} data into wasm memory`);
  }

  /** Allocates room for `n` elements of `dtype`. */
  allocFor(dtype: DType, n: number): number {
    return this.mem.alloc(n * bytesOf(dtype));
  }

  /** Copies `n` elements at `ptr` out into a new NDArray of `dtype` and `shape`. */
  copyOut(dtype: DType, shape: readonly number[], ptr: number): NDArray {
    const n = sizeOf(shape);
    switch (dtype.name) {
      case "float32":
        return new this.NDArray(dtype, shape, this.mem.f32.slice(ptr >> 2, (ptr >> 2) + n));
      case "int32":
        return new this.NDArray(dtype, shape, this.mem.i32.slice(ptr >> 2, (ptr >> 2) + n));
      case "bool":
      case "uint8":
        return new this.NDArray(dtype, shape, this.mem.u8.slice(ptr, ptr + n));
      case "int64":
        return new this.NDArray(dtype, shape, new BigInt64Array(this.mem.u8.buffer.slice(ptr, ptr + n * 8)));
      default:
        throw new TypeError(`@scopeflow/wasm-kernels: cannot copy ${dtype.name} data out of wasm memory`);
    }
  }

  /** Writes i32 values into the descriptor block and returns its pointer. */
  writeDesc(values: readonly number[]): number {
    this.mem.i32.set(values, this.desc >> 2);
    return this.desc;
  }
}

export function bytesOf(dtype: DType): number {
  return dtype.name === "bool" || dtype.name === "uint8" ? 1 : dtype.name === "int64" ? 8 : 4;
}

/** The kernel variant suffix for the op's `T`, or an error naming the op and dtype. */
export function variantOf(ctx: KernelContext, dtype: DType, allowed: readonly ("F32" | "I32")[]): "F32" | "I32" {
  const s = suffixOf(dtype);
  if (s === undefined || !allowed.includes(s)) {
    throw kernelError(
      ctx,
      "UnimplementedError",
      `${ctx.opType} has no wasm kernel for ${dtype.name} (it has ${allowed.map((a) => (a === "F32" ? "float32" : "int32")).join(", ")}); run it on the reference backend`,
    );
  }
  return s;
}

/** Reads an int list from a 1-D or scalar integer NDArray (int32 or int64). */
export function intsOf(array: NDArray): number[] {
  return Array.from(array.data as ArrayLike<number | bigint>, (v) => Number(v));
}

export function attrNumbers(attrs: Attrs, name: string, fallback: number[]): number[] {
  const v = attrs[name];
  return Array.isArray(v) ? (v as number[]) : fallback;
}

export function attrBool(attrs: Attrs, name: string): boolean {
  return attrs[name] === true;
}

export function scalarOf(array: NDArray): number {
  return Number(array.data[0] as number);
}
