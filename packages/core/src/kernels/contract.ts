// The kernel contract between Session and a backend (TF's OpKernel, reduced to what a graph executor needs).
// A kernel is keyed by TF op type, prepares a call from input dtypes and shapes, and runs it over input values; it
// never sees graphs or scopes. Planning buffers, aliasing and binding are the Session's (session/), not the kernel's.
import type { Attrs } from "../framework/attr-value";
import type { DType } from "../framework/dtypes";
import type { Device, NDArray } from "../framework/ndarray";
import type { FileSystem } from "../io/file-system";
import type { OpType } from "../ops/op-defs";

export type { Attrs, AttrValue } from "../framework/attr-value";
export type { Device } from "../framework/ndarray";

/** Where stateful kernels (VariableV2, Assign, Apply*) keep variable values: one store per Session. */
export interface VariableState {
  get(name: string): NDArray | undefined;
  set(name: string, value: NDArray): void;
}

/**
 * The resources of one Session.run (TF's ScopedStepContainer): TensorArrays and stacks live until the run ends, and
 * may hold device values (retained) meanwhile.
 */
export interface StepResources {
  /** Runs `cleanup` when the run ends, whether it completed or threw (releases what a run-scoped resource holds). */
  onEnd(cleanup: () => void): void;
  /**
   * A device value the kernel held and now returns as an output (a TensorArray read that clears, a stack pop): its
   * hold is released once the Session holds the outputs, so that the block is never freed in between.
   */
  handOver(value: NDArray): void;
}

export interface KernelContext {
  readonly opName: string;
  readonly opType: string;
  readonly attrs: Attrs;
  /** dtypes of the op's outputs as the graph inferred them. */
  readonly outputDtypes: readonly DType[];
  /** For a ref input (input `i` is a VariableV2 output), the variable's name; otherwise undefined. */
  refName(i: number): string | undefined;
  readonly variables: VariableState;
  /** The Session's file system, for the kernels that touch files (SaveV2, RestoreV2); absent in core alone. */
  readonly fileSystem?: FileSystem;
  /** The current run's resources; absent outside a Session (a kernel called directly keeps host values only). */
  readonly step?: StepResources;
}

/** The dtype and shape of a tensor, as a kernel prepares for it (an NDArray is one). */
export interface TensorSpec {
  readonly dtype: DType;
  readonly shape: readonly number[];
}

/**
 * An input as `prepare` sees it: its dtype and shape, and its elements (`data`) for the kernel's `valueInputs` only.
 * The Session passes the input arrays themselves; a prepared call it fixes gets graph constants for `valueInputs`.
 */
export interface InputSpec extends TensorSpec {
  readonly data?: NDArray["data"];
}

/** A prepared call fixed to arrays that keep their place (see `PreparedKernel.bind`): a run is one direct call. */
export interface BoundKernel {
  /** Runs the call over the arrays given to `bind`, writing its outputs in place. */
  readonly run: () => void;
  /** Frees what `bind` allocated (descriptors); the arrays belong to the caller. */
  readonly release: () => void;
}

/** One kernel call prepared for fixed input dtypes, shapes and attrs: validated once, then run over buffers. */
export interface PreparedKernel {
  /**
   * Output dtypes and shapes, worked out by `prepare`. Absent where they depend on input values (Where, Unique, a
   * Switch's dead output): such a call is never fixed to planned buffers.
   */
  readonly outputs?: readonly TensorSpec[];
  /** Output 0 only relabels input 0's bytes (Identity, Reshape): a value that stays put can be aliased, not copied. */
  readonly alias?: boolean;
  /**
   * The call updates its op's ref inputs (an optimizer's var and slots) in their own buffers, and output 0 is input
   * 0's buffer (TF's `out` ref): a planned run binds it over the variables' blocks, output 0 a view of var's bytes.
   */
  readonly inPlace?: boolean;
  /**
   * Maps inputs to outputs. A control-flow kernel may leave an output entry empty: that output is dead (a Switch's
   * untaken branch, executor.cc); a Merge receives its dead inputs as empty entries. Other kernels see live inputs only.
   */
  run(inputs: NDArray[]): NDArray[];
  /**
   * For a backend with a device: fixes this call to device arrays that keep their place across runs (planned buffers,
   * device constants, variables), writing into `outputs` (device arrays of the specs in `outputs`). Absent, or
   * returning undefined, when this call cannot be fixed; the Session then runs it as usual.
   */
  bind?(inputs: readonly NDArray[], outputs: readonly NDArray[]): BoundKernel | undefined;
  /** Frees what `prepare` allocated (scratch); called when the call is no longer used. */
  release?(): void;
}

/**
 * A kernel as a Session runs it (TF's OpKernel): keyed by TF op type, it prepares a call from input dtypes and shapes
 * (and the context's attrs), validating once, and the prepared call runs over buffers. An eager call is prepare + run
 * (`runEager`). `prepare` may not read variables (they change between runs): a kernel reads them in `run`.
 */
export interface OpKernel {
  /**
   * Inputs whose elements `prepare` reads (reduction axes, a target shape); the others are dtype and shape only. A
   * negative index counts from the end (ConcatV2's axis, after its N values: -1).
   */
  readonly valueInputs?: readonly number[];
  /** Its prepared calls update ref inputs in place (`PreparedKernel.inPlace`): a planned run may bind them. */
  readonly inPlace?: boolean;
  prepare(inputs: readonly InputSpec[], ctx: KernelContext): PreparedKernel;
}

/**
 * A kernel written as one function of its inputs: the reference backend's form (each call is eager, nothing is
 * prepared). `eagerKernel` makes it an OpKernel.
 */
export type Kernel = (inputs: NDArray[], ctx: KernelContext) => NDArray[];

/** The OpKernel whose every call runs `fn`: nothing prepared, no output specs (never fixed to planned buffers). */
export function eagerKernel(fn: Kernel): OpKernel {
  return { prepare: (_inputs, ctx) => ({ run: (inputs) => fn(inputs, ctx) }) };
}

/** A table of kernel functions as OpKernels, key for key. */
export function eagerKernels<T extends Partial<Record<string, Kernel>>>(table: T): { [K in keyof T]: OpKernel } {
  const kernels: Record<string, OpKernel> = {};
  for (const [type, fn] of Object.entries(table)) if (fn !== undefined) kernels[type] = eagerKernel(fn);
  return kernels as { [K in keyof T]: OpKernel };
}

/** One eager call: prepare for these inputs, run, release. */
export function runEager(kernel: OpKernel, inputs: NDArray[], ctx: KernelContext): NDArray[] {
  const prepared = kernel.prepare(inputs, ctx);
  try {
    return prepared.run(inputs);
  } finally {
    prepared.release?.();
  }
}

/** A complete table of kernel functions: one per op type of the op table (the reference backend's). */
export type Kernels = Record<OpType, Kernel>;

/** Kernels as a backend gives them to the Session, keyed by op type. */
export type OpKernels = Record<OpType, OpKernel>;

export interface Backend {
  readonly name: string;
  /** Kernels keyed by TF op type; a type without one here runs the reference kernel. */
  readonly kernels: Partial<OpKernels>;
  /**
   * Whether this backend's kernel for `opType` takes these input dtypes; when it says no, the Session runs the
   * reference kernel instead (a visible fallback). `attrs` lets a kernel decline attrs it has no variant for
   * (data_format NCHW, dilations). Absent: every dtype is supported.
   */
  supports?(opType: string, inputDtypes: readonly DType[], attrs?: Attrs): boolean;
  /**
   * Where this backend keeps tensors between its own kernels (WebAssembly linear memory). With a device, the Session
   * uploads host inputs of native kernels once, keeps kernel outputs on the device until their last use, and copies
   * bytes back to JS only for fetches and for fallback (reference) kernels. Absent: every value stays in JS.
   */
  readonly device?: Device;
}

/** The table's kernel for an op type named by a string (an imported or ad-hoc op), never through the prototype chain. */
export function lookupKernel(kernels: Partial<OpKernels>, type: string): OpKernel | undefined {
  return Object.hasOwn(kernels, type) ? kernels[type as OpType] : undefined;
}
