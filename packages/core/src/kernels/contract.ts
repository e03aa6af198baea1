// The kernel contract between Session and a backend (TF's OpKernel, reduced to what a graph executor needs).
// A kernel is keyed by TF op type and maps input values to output values; it never sees graphs or scopes.
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
}

/** A kernel call fixed at plan time (see `Kernel.planCall`): its arrays keep their place, so a run is one direct call. */
export interface BoundKernel {
  /** Runs the kernel over the arrays given to `planCall`, writing its outputs in place. */
  readonly run: () => void;
  /** Frees what `planCall` allocated (descriptors); the arrays belong to the caller. */
  readonly release: () => void;
}

export interface Kernel {
  /**
   * Maps inputs to outputs. A control-flow kernel may leave an output entry empty: that output is dead (a Switch's
   * untaken branch, executor.cc); a Merge receives its dead inputs as empty entries. Other kernels see live inputs only.
   */
  (inputs: NDArray[], ctx: KernelContext): NDArray[];
  /**
   * Optional, for a backend with a device: fixes one call of this kernel to device arrays that keep their place
   * across runs (the Session's planned buffers, device constants, variables), writing into `outputs` (device arrays
   * of the dtypes and shapes an earlier call with inputs of these shapes returned). Undefined when this call cannot
   * be fixed; the Session then calls the kernel as usual.
   */
  readonly planCall?: (
    inputs: readonly NDArray[],
    outputs: readonly NDArray[],
    ctx: KernelContext,
  ) => BoundKernel | undefined;
  /**
   * Inputs whose values fix a planned call (reduction axes, a target shape): `planCall` reads them once, so the
   * Session binds the step only when each of these inputs is a graph constant.
   */
  readonly planConstantInputs?: readonly number[];
  /**
   * The kernel only relabels input 0 (Identity, Reshape): where that input is a value no step of the plan writes
   * (a device constant, an unwritten variable), the Session binds output 0 to its bytes and calls nothing;
   * elsewhere it uses `planCall` (a copy).
   */
  readonly planAlias?: boolean;
}

/** A complete kernel table: one kernel per op type of the op table (the reference backend's). */
export type Kernels = Record<OpType, Kernel>;

export interface Backend {
  readonly name: string;
  /** Kernels keyed by TF op type; a type without one here runs the reference kernel. */
  readonly kernels: Partial<Kernels>;
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
export function lookupKernel(kernels: Partial<Kernels>, type: string): Kernel | undefined {
  return Object.hasOwn(kernels, type) ? kernels[type as OpType] : undefined;
}
