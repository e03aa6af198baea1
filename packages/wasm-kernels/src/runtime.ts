// What every kernel builder shares: memory, the raw exports, NDArray construction, copies in and out, errors.
import type {
  Attrs,
  Backend,
  BoundKernel,
  dtypes,
  InputSpec,
  Kernel,
  KernelContext,
  NDArray,
  OpKernel,
  PreparedKernel,
  TensorSpec,
} from "@scopeflow/core/kernels";
import type { LinearMemory } from "./memory";
import type { KernelExports } from "./module";
import type { ThreadCall, ThreadPool } from "./threads";

/**
 * Work below which a kernel runs on one thread: about 20 µs of GEMM at this machine's rate, several times what
 * waking a worker and joining it costs.
 */
const SPLIT_WORK = 1 << 19;
/** Work units per element of a memory-bound pass (a copy, an elementwise op), against one per GEMM multiply-add. */
export const COPY_WORK = 8;

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
 * What a kernel builder uses to reach linear memory, bound to the wasm Device: kernels take device arrays without
 * copying (a host input is copied into scratch) and return their outputs as device arrays. Kernels read inputs
 * through `input`, write only to `output` (or, for ref inputs of optimizer updates, to `inPlace`), use `scratch` for
 * temporaries, and wrap outputs with `result`. The standalone copying table is an adapter over the same kernels
 * (create-kernels.ts: hostKernel).
 */
export class Runtime {
  /** 64 i32 of descriptor space for shapes and strides handed to kernels. */
  readonly desc: number;
  /** Packing scratch of matMulF32 for the calling thread, allocated once. */
  readonly matMulScratch: number;
  /** Packing scratch per chunk of a split GEMM ([0] is matMulScratch), grown with the pool. */
  private readonly matMulScratches: number[];
  /** Descriptor blocks of chunks 1.. of a split call. */
  private readonly threadDescs: number[] = [];
  /** The worker threads kernels split across, or undefined on one thread. */
  private pool: ThreadPool | undefined;
  /** Work (multiply-adds; 8 per element of a memory-bound pass) below which a kernel stays on one thread. */
  splitWork = SPLIT_WORK;
  /** Calls that ran split across threads, for tests and diagnostics. */
  splitCalls = 0;
  private readonly scratchBlocks: number[] = [];
  private readonly outputBlocks: number[] = [];

  constructor(
    readonly mem: LinearMemory,
    readonly fn: KernelExports,
    readonly NDArray: NDArrayClass,
    /** The device outputs stay on. */
    readonly device: Device,
  ) {
    this.desc = mem.bump(256);
    this.matMulScratch = mem.bump(fn.matMulScratchF32() * 4);
    this.matMulScratches = [this.matMulScratch];
  }

  /** Sets the pool kernels split across (undefined: one thread), with a GEMM packing scratch per thread. */
  setPool(pool: ThreadPool | undefined): void {
    this.pool = pool;
    const threads = pool?.threads ?? 1;
    while (this.matMulScratches.length < threads)
      this.matMulScratches.push(this.mem.bump(this.fn.matMulScratchF32() * 4));
    while (this.threadDescs.length < threads - 1) this.threadDescs.push(this.mem.bump(256));
  }

  /** Threads a kernel splits `rows` rows (in chunks of `align`) across: 1 without a pool or below `splitWork`. */
  threadsFor(work: number, rows: number, align = 1): number {
    const pool = this.pool;
    if (pool === undefined || this.neverSplits(work, rows, align)) return 1;
    return Math.min(pool.threads, Math.ceil(rows / align));
  }

  /** Whether `threadsFor` gives 1 with any pool: a call this small can be bound as the export call alone. */
  neverSplits(work: number, rows: number, align = 1): boolean {
    return work < this.splitWork || rows <= align;
  }

  /** The descriptor block of chunk `t` of a split call (64 i32), for calls whose descriptor differs per range. */
  descOf(t: number): number {
    return t === 0 ? this.desc : this.threadDescs[t - 1];
  }

  /**
   * Calls export `name` over elements [0, n) of a memory-bound pass (`args(lo, hi, t)` gives a range's arguments):
   * one call below the split threshold, else split in ranges of multiples of 16 elements (whole vectors, and whole
   * v128 stores of bool outputs). Each element is computed alone, so any split gives the same bits.
   */
  forElements(name: string, n: number, args: (lo: number, hi: number, t: number) => number[]): void {
    const parts = this.threadsFor(n * COPY_WORK, n, 16);
    if (parts === 1) this.fn[name](...args(0, n, 0));
    else this.splitRows(name, n, 16, parts, args);
  }

  /** The GEMM packing scratch of chunk `t` of a split call. */
  matMulScratchOf(t: number): number {
    return this.matMulScratches[t];
  }

  /**
   * Runs export `name` over rows [0, rows) cut into `parts` (from threadsFor) chunks aligned to `align`, which the
   * calling thread and the workers claim; `args(lo, hi, t)` gives chunk t's arguments (its own scratch and
   * descriptor blocks: `matMulScratchOf(t)`, `descOf(t)`). Chunks are of output rows, so no sum is split: the
   * result is the same bits for any thread count.
   */
  splitRows(
    name: string,
    rows: number,
    align: number,
    parts: number,
    args: (lo: number, hi: number, t: number) => number[],
  ): void {
    const pool = this.pool as ThreadPool;
    const fn = pool.fn(name);
    this.splitCalls++;
    const per = Math.ceil(rows / parts / align) * align;
    const calls: ThreadCall[] = [];
    for (let lo = 0; lo < rows; lo += per) calls.push([fn, args(lo, Math.min(rows, lo + per), calls.length)]);
    pool.run(calls);
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
    if (array.device === this.device) return array.byteOffset;
    const ptr = this.scratch(array.size * bytesOf(array.dtype));
    this.write(ptr, array);
    return ptr;
  }

  /** A block for `n` elements of `dtype` that `result` turns into an output. */
  output(dtype: DType, n: number): number {
    const ptr = this.mem.alloc(n * bytesOf(dtype));
    this.outputBlocks.push(ptr);
    return ptr;
  }

  /**
   * For ref inputs that an optimizer updates in place: the variable's own block when the variable store is its only
   * holder; else (an Identity read still alive, a host array) an output copy, so earlier reads keep their values.
   */
  inPlace(array: NDArray): number {
    if (array.device === this.device && this.mem.refs(array.byteOffset, 0) <= 1) {
      return array.byteOffset;
    }
    const ptr = this.output(array.dtype, array.size);
    this.write(ptr, array);
    return ptr;
  }

  /** For ops that relabel their input (Reshape): the input's block on the device (shared), else an output copy. */
  view(array: NDArray): number {
    if (array.device === this.device) return array.byteOffset;
    const ptr = this.output(array.dtype, array.size);
    this.write(ptr, array);
    return ptr;
  }

  /** An output array over `ptr` (from `output`, `inPlace` or a device input): a device view. */
  result(dtype: DType, shape: readonly number[], ptr: number): NDArray {
    return this.NDArray.onDevice(this.device, dtype, shape, ptr);
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
const NOTHING: BoundKernel = { run: NOOP, release: NOOP };

/**
 * The prepared call of a kernel over pointers, once its checks have passed and its outputs are known: `make` builds
 * the call from the pointers of [inputs..., outputs..., scratch...] and the descriptor block (`desc` written there;
 * 0 when null). An eager `run` builds it over this run's arrays; `bind` builds it once over arrays that keep their
 * place, with the descriptor and scratch in blocks of their own, so a planned run is one closure call. Outputs with
 * no elements are made without a call; empty inputs of a non-empty output are not bound (the eager run fills it).
 */
export function pointerCall(
  rt: Runtime,
  outputs: readonly TensorSpec[],
  desc: readonly number[] | null,
  make: (pointers: number[], desc: number) => () => void,
  scratch: readonly number[] = [],
  /** Inputs the call never reads (value inputs: axes): an empty one does not keep the call from being bound. */
  unread: readonly number[] = [],
): PreparedKernel {
  const empty = outputs.some((o) => sizeOf(o.shape) === 0);
  return {
    outputs,
    run(inputs) {
      if (empty) return outputs.map((o) => new rt.NDArray(o.dtype, o.shape));
      return rt.scoped(() => {
        const pointers = inputs.map((x) => rt.input(x));
        const outs = outputs.map((o) => rt.output(o.dtype, sizeOf(o.shape)));
        for (const bytes of scratch) outs.push(rt.scratch(Math.max(bytes, 4)));
        make(pointers.concat(outs), desc === null ? 0 : rt.writeDesc(desc))();
        return outputs.map((o, i) => rt.result(o.dtype, o.shape, outs[i]));
      });
    },
    bind(inputs, outs) {
      const device = rt.device;
      if (inputs.some((a) => a.device !== device) || outs.some((a) => a.device !== device)) return undefined;
      if (outs.length !== outputs.length || outs.some((a, i) => !sameSpec(a, outputs[i]))) return undefined;
      if (empty) return NOTHING;
      if (inputs.some((a, i) => a.size === 0 && !unread.includes(i))) return undefined;
      const block = desc === null ? 0 : rt.mem.alloc(desc.length * 4);
      if (desc !== null) rt.mem.i32.set(desc, block >> 2);
      const blocks = scratch.map((bytes) => rt.mem.alloc(Math.max(bytes, 4)));
      const pointers = [...inputs, ...outs].map((a) => a.byteOffset).concat(blocks);
      const run = make(pointers, block);
      if (desc === null && blocks.length === 0) return { run, release: NOOP };
      return {
        run,
        release: () => {
          if (desc !== null) rt.mem.free(block);
          for (const b of blocks) rt.mem.free(b);
        },
      };
    },
  };
}

function sameSpec(a: TensorSpec, b: TensorSpec): boolean {
  if (a.dtype !== b.dtype || a.shape.length !== b.shape.length) return false;
  for (let i = 0; i < a.shape.length; i++) if (a.shape[i] !== b.shape[i]) return false;
  return true;
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

/** Reads an int list from a 1-D or scalar integer input (int32 or int64): an NDArray, or a value input of prepare. */
export function intsOf(array: InputSpec): number[] {
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

export type NativeKernel = OpKernel & { readonly spec: NativeSpec };

const VARIANT_DTYPES: Record<Variant, string> = { F32: "float32", I32: "int32" };

export interface NativeOptions {
  typedInput?: number;
  accepts?: (attrs: Attrs) => boolean;
  dtypes?: readonly string[];
  /** Inputs whose elements `prepare` reads (core's OpKernel.valueInputs): axes, a target shape. */
  valueInputs?: readonly number[];
}

/** A kernel that prepares its calls (checks, output specs, descriptors once), with its spec attached. */
export function native(
  prepare: OpKernel["prepare"],
  variants: readonly Variant[],
  options: NativeOptions = {},
): NativeKernel {
  const spec: NativeSpec = {
    dtypes: options.dtypes ?? variants.map((v) => VARIANT_DTYPES[v]),
    typedInput: options.typedInput ?? 0,
    accepts: options.accepts,
  };
  return options.valueInputs === undefined ? { prepare, spec } : { prepare, spec, valueInputs: options.valueInputs };
}

/**
 * A kernel whose every call is `body` (checks included): for calls that are never fixed to planned buffers (variable
 * updates, outputs that depend on values, composed multi-step kernels).
 */
export function eager(body: Kernel, variants: readonly Variant[], options: NativeOptions = {}): NativeKernel {
  return native((_inputs, ctx) => ({ run: (inputs) => body(inputs, ctx) }), variants, options);
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
