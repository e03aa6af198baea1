// What every kernel builder shares: memory, the raw exports, NDArray construction, copies in and out, errors.
import type { Attrs, Backend, BoundKernel, dtypes, Kernel, KernelContext, NDArray } from "@scopeflow/core/kernels";
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

export type TfErrorKind = "InvalidArgumentError" | "UnimplementedError" | "FailedPreconditionError";

/**
 * An error of tf.errors' class `kind` without importing core at runtime: `name` set, and core's global
 * `Symbol.for("scopeflow.error")` brand, so `tf.errors.<kind>.isInstance(err)` holds for it as for core's own.
 */
export function tfError(kind: TfErrorKind, message: string): Error {
  const err = new Error(message);
  err.name = kind;
  Object.defineProperty(err, Symbol.for("scopeflow.error"), { value: kind });
  return err;
}

/** An error shaped like TF's, named after the op at fault (`name` is the tf.errors class name). */
export function kernelError(
  ctx: KernelContext,
  kind: "InvalidArgumentError" | "UnimplementedError",
  message: string,
): Error {
  return tfError(kind, `${message}\n\t [[node ${ctx.opName} (op ${ctx.opType}, wasm kernel)]]`);
}

/** core's Device: memory a backend keeps tensors in (here, the module's linear memory). */
export type Device = NonNullable<Backend["device"]>;

/**
 * What a kernel builder uses to reach linear memory. Two runtimes share one memory: a *copying* one, whose kernels
 * take and return host arrays (the standalone `kernels` table), and a *resident* one bound to the wasm Device, whose
 * kernels take device arrays without copying and return their outputs as device arrays (the Session's backend).
 * Kernels follow one discipline for both: read inputs through `input`, write only to `output` (or, for ref inputs
 * of optimizer updates, to `inPlace`), use `scratch` for temporaries, and wrap outputs with `result`.
 */
export class Runtime {
  /** 64 i32 of descriptor space for shapes and strides handed to kernels. */
  readonly desc: number;
  /** Packing scratch of matMulF32, allocated once. */
  readonly matMulScratch: number;
  private readonly scratchBlocks: number[] = [];
  private readonly outputBlocks: number[] = [];

  constructor(
    readonly mem: LinearMemory,
    readonly fn: KernelExports,
    readonly NDArray: NDArrayClass,
    /** The device outputs stay on; undefined for the copying runtime. */
    readonly device: Device | undefined,
    shared?: Runtime,
  ) {
    this.desc = shared?.desc ?? mem.bump(256);
    this.matMulScratch = shared?.matMulScratch ?? mem.bump(fn.matMulScratchF32() * 4);
  }

  /** Runs `body`, then frees its scratch blocks; if it throws, its output blocks too. */
  scoped<T>(body: () => T): T {
    const scratchStart = this.scratchBlocks.length;
    const outputStart = this.outputBlocks.length;
    let ok = false;
    try {
      const value = body();
      ok = true;
      return value;
    } finally {
      while (this.scratchBlocks.length > scratchStart) this.mem.free(this.scratchBlocks.pop() as number);
      if (ok) this.outputBlocks.length = outputStart;
      else while (this.outputBlocks.length > outputStart) this.mem.free(this.outputBlocks.pop() as number);
    }
  }

  /** A temporary block, freed when the enclosing `scoped` ends. */
  scratch(bytes: number): number {
    const ptr = this.mem.alloc(bytes);
    this.scratchBlocks.push(ptr);
    return ptr;
  }

  /** Pointer to an input's elements: the array itself when it lives on this runtime's device, else a scratch copy. */
  input(array: NDArray): number {
    if (this.device !== undefined && array.device === this.device) return array.byteOffset;
    const ptr = this.scratch(array.size * bytesOf(array.dtype));
    this.write(ptr, array);
    return ptr;
  }

  /** A block for `n` elements of `dtype` that `result` turns into an output. */
  output(dtype: DType, n: number): number {
    const ptr = this.mem.alloc(n * bytesOf(dtype));
    (this.device === undefined ? this.scratchBlocks : this.outputBlocks).push(ptr);
    return ptr;
  }

  /**
   * For ref inputs that an optimizer updates in place: the variable's own block when the variable store is its only
   * holder; else (an Identity read still alive, a host array) an output copy, so earlier reads keep their values.
   */
  inPlace(array: NDArray): number {
    if (this.device !== undefined && array.device === this.device && this.mem.refs(array.byteOffset, 0) <= 1) {
      return array.byteOffset;
    }
    const ptr = this.output(array.dtype, array.size);
    this.write(ptr, array);
    return ptr;
  }

  /** For ops that relabel their input (Reshape): the input's block on the device (shared), else an output copy. */
  view(array: NDArray): number {
    if (this.device !== undefined && array.device === this.device) return array.byteOffset;
    const ptr = this.output(array.dtype, array.size);
    this.write(ptr, array);
    return ptr;
  }

  /** An output array over `ptr` (from `output`, `inPlace` or a device input): a device view, or a host copy. */
  result(dtype: DType, shape: readonly number[], ptr: number): NDArray {
    if (this.device !== undefined) return this.NDArray.onDevice(this.device, dtype, shape, ptr);
    const bytes = sizeOf(shape) * bytesOf(dtype);
    const copy = this.mem.u8.slice(ptr, ptr + bytes).buffer;
    switch (dtype.name) {
      case "float32":
        return new this.NDArray(dtype, shape, new Float32Array(copy));
      case "int32":
        return new this.NDArray(dtype, shape, new Int32Array(copy));
      case "bool":
      case "uint8":
        return new this.NDArray(dtype, shape, new Uint8Array(copy));
      case "int64":
        return new this.NDArray(dtype, shape, new BigInt64Array(copy));
      default:
        throw new TypeError(`@scopeflow/wasm-kernels: cannot copy ${dtype.name} data out of wasm memory`);
    }
  }

  /** Copies `bytes` bytes inside linear memory (memmove). */
  copyWithin(dst: number, src: number, bytes: number): void {
    if (dst !== src && bytes > 0) this.mem.u8.copyWithin(dst, src, src + bytes);
  }

  /** Writes a host array's bytes at `ptr`. */
  write(ptr: number, array: NDArray): void {
    const data = array.data;
    if (Array.isArray(data))
      throw new TypeError(`@scopeflow/wasm-kernels: cannot copy ${array.dtype.name} data into wasm memory`);
    this.mem.u8.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), ptr);
  }

  /** Writes i32 values into the descriptor block and returns its pointer. */
  writeDesc(values: readonly number[]): number {
    this.mem.i32.set(values, this.desc >> 2);
    return this.desc;
  }
}

const NOOP = () => {};

/**
 * A planned call (core's `Kernel.planCall`): `arrays` (inputs, then outputs) must live on this runtime's device and keep
 * their place; `desc`, if any, is written once into a block of its own. `make` builds the per-run call from the
 * export and the fixed pointers, so a run is one JS closure call and one wasm call. Empty tensors bind to nothing.
 */
export function bindCall(
  rt: Runtime,
  arrays: readonly NDArray[],
  desc: readonly number[] | null,
  make: (fn: KernelExports[string], pointers: number[], desc: number) => () => void,
  exportName: string,
): BoundKernel | undefined {
  const device = rt.device;
  if (device === undefined || arrays.some((a) => a.device !== device)) return undefined;
  if (arrays.some((a) => a.size === 0)) return { run: NOOP, release: NOOP };
  const block = desc === null ? 0 : rt.mem.alloc(desc.length * 4);
  if (desc !== null) rt.mem.i32.set(desc, block >> 2);
  const run = make(
    rt.fn[exportName],
    arrays.map((a) => a.byteOffset),
    block,
  );
  return { run, release: desc === null ? NOOP : () => rt.mem.free(block) };
}

/**
 * A planned call that needs more than one export call or fixed scratch (GEMM batches, multi-pass reductions, a
 * composed kernel): `scratch` blocks of these byte sizes are allocated once here and freed by `release`; `make`
 * gets the arrays' pointers and the scratch pointers and builds the per-run call.
 */
export function bindRun(
  rt: Runtime,
  arrays: readonly NDArray[],
  scratch: readonly number[],
  make: (pointers: number[], scratch: number[]) => () => void,
): BoundKernel | undefined {
  const device = rt.device;
  if (device === undefined || arrays.some((a) => a.device !== device)) return undefined;
  if (arrays.some((a) => a.size === 0)) return { run: NOOP, release: NOOP };
  const blocks = scratch.map((bytes) => rt.mem.alloc(Math.max(bytes, 4)));
  const run = make(
    arrays.map((a) => a.byteOffset),
    blocks,
  );
  return { run, release: blocks.length === 0 ? NOOP : () => blocks.forEach((b) => rt.mem.free(b)) };
}

export function bytesOf(dtype: DType): number {
  return dtype.name === "bool" || dtype.name === "uint8"
    ? 1
    : dtype.name === "int64" || dtype.name === "float64"
      ? 8
      : 4;
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

export type Variant = "F32" | "I32";

/** Which inputs a native kernel takes: the dtypes of its `T` input, and any attr it cannot run (data_format, ...). */
export interface NativeSpec {
  /** dtype names the kernel runs for its typed input. */
  readonly dtypes: readonly string[];
  /** Index of the input whose dtype is the op's `T` (0 for most; Fill's value is 1). */
  readonly typedInput: number;
  /** Attr conditions beyond the dtype; false means the reference kernel runs instead. */
  readonly accepts?: (attrs: Attrs) => boolean;
}

export type NativeKernel = Kernel & { readonly spec: NativeSpec };

const VARIANT_DTYPES: Record<Variant, string> = { F32: "float32", I32: "int32" };

/** A kernel with its spec attached: the kernel table is the one list `supports` reads. */
export function native(
  kernel: Kernel,
  variants: readonly Variant[],
  options: { typedInput?: number; accepts?: (attrs: Attrs) => boolean; dtypes?: readonly string[] } = {},
): NativeKernel {
  const spec: NativeSpec = {
    dtypes: options.dtypes ?? variants.map((v) => VARIANT_DTYPES[v]),
    typedInput: options.typedInput ?? 0,
    accepts: options.accepts,
  };
  return Object.assign(kernel, { spec });
}

/** Whether a native kernel takes these input dtypes and attrs. */
export function specAccepts(spec: NativeSpec, inputDtypes: readonly DType[], attrs: Attrs | undefined): boolean {
  const dtype = inputDtypes[spec.typedInput];
  if (dtype !== undefined && !spec.dtypes.includes(dtype.name)) return false;
  return spec.accepts === undefined || attrs === undefined || spec.accepts(attrs);
}

/** The NHWC-only condition of conv, pool and bias kernels. */
export function nhwc(attrs: Attrs): boolean {
  const format = attrs.data_format;
  return format === undefined || format === "NHWC";
}

/** Throws when a kernel behind `nhwc` is run with another data_format anyway (no wasm kernel for it). */
export function checkNHWC(ctx: KernelContext): void {
  if (!nhwc(ctx.attrs)) {
    throw kernelError(
      ctx,
      "UnimplementedError",
      `${ctx.opType} data_format ${String(ctx.attrs.data_format)} has no wasm kernel (NHWC does)`,
    );
  }
}

/** `axis` in [-rank, rank) made non-negative; undefined when out of range (the caller throws its op's message). */
export function canonicalAxis(axis: number, rank: number): number | undefined {
  if (axis < -rank || axis >= rank) return undefined;
  return axis < 0 ? axis + rank : axis;
}
