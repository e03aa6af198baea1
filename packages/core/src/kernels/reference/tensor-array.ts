// tensor_array_ops.cc and tensor_array.h: the TensorArrayV3 kernels. A TensorArray lives as long as the run that
// made it: its state is keyed by the handle value the TensorArrayV3 kernel returns (a fresh one per run), which the
// frame ops and Identity forward unchanged into loops. On a backend with a device the Session passes device values
// as they are: elements stay in device memory (retained while stored, released when read with clear_after_read,
// on close and when the run ends), and scatter, split, gather and concat copy inside that memory.
import { InvalidArgumentError } from "../../errors";
import { asDType, type DType } from "../../framework/dtypes";
import { NDArray } from "../../framework/ndarray";
import { shapeDebugString } from "../../framework/shape";
import type { Kernel, KernelContext } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { deviceOf, gatherInto, hold, release, rowsOf } from "./held-values";

interface TensorArrayState {
  readonly name: string;
  readonly dtype: string;
  readonly dynamicSize: boolean;
  readonly clearAfterRead: boolean;
  /**
   * The element shape: the attr's, null dims unknown (null: unknown rank); with identical element shapes, the first
   * written value's once the attr's is not fully defined (tensor_array.h: element_shape_).
   */
  elementShape: (number | null)[] | null;
  /** The identical_element_shapes attr (TF's infer_shape). */
  readonly identicalElementShapes: boolean;
  elements: (NDArray | undefined)[];
  cleared: boolean[];
  closed: boolean;
  /** The shape of each element written (kept after a read clears it), which a gradient array's zeros take. */
  shapes: (readonly number[] | undefined)[];
  /** A gradient array: writes to one index add up, and an unwritten element reads as zeros. */
  readonly isGrad: boolean;
  /** The gradient arrays made of this one, by source. */
  readonly grads: Map<string, NDArray>;
  /**
   * The flow value its ops return (a dummy scalar that orders them): one array per TensorArray, so that a loop
   * carrying it copies it to a device once, not once per iteration.
   */
  readonly flow: NDArray;
}

const states = new WeakMap<NDArray, TensorArrayState>();
let counter = 0;

function stateOf(handle: NDArray, ctx: KernelContext): TensorArrayState {
  const state = states.get(handle);
  if (state === undefined) {
    throw new InvalidArgumentError(`Container does not contain a TensorArray\n\t [[{{node ${ctx.opName}}}]]`);
  }
  if (state.closed) {
    // tensor_array.h: TensorArray::LockedReturnIfClosed
    throw new InvalidArgumentError(`TensorArray ${state.name} has already been closed.`);
  }
  return state;
}

/** A value a clearing read gives away: released by the Session once it holds the output (a plain drop outside one). */
function handOver(value: NDArray, ctx: KernelContext): void {
  if (ctx.step !== undefined) ctx.step.handOver(value);
  else release(value);
}

/** Drops the holds of the elements still stored (close, the end of the run). */
function releaseElements(state: TensorArrayState): void {
  for (let i = 0; i < state.elements.length; i++) {
    const value = state.elements[i];
    if (value !== undefined) release(value);
    state.elements[i] = undefined;
  }
}

/** Keeps `state` for the run: its elements are released when the run ends. */
function register(handle: NDArray, state: TensorArrayState, ctx: KernelContext): void {
  states.set(handle, state);
  ctx.step?.onEnd(() => releaseElements(state));
}

const flow = () => new NDArray("float32", [], new Float32Array([0]));

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function write(state: TensorArrayState, index: number, value: NDArray): void {
  if (index < 0)
    throw new InvalidArgumentError(`Tried to write to index ${index} but array size is: ${state.elements.length}`);
  if (index >= state.elements.length) {
    if (!state.dynamicSize) {
      // tensor_array.h: TensorArray::LockedWriteOrAggregate
      throw new InvalidArgumentError(
        `TensorArray ${state.name}: Tried to write to index ${index} but array is not resizeable and size is: ${state.elements.length}`,
      );
    }
    while (state.elements.length <= index) {
      state.elements.push(undefined);
      state.cleared.push(false);
    }
  }
  const shape = state.elementShape;
  if (
    shape !== null &&
    (shape.length !== value.shape.length || shape.some((d, i) => d !== null && d !== value.shape[i]))
  ) {
    throw new InvalidArgumentError(
      `TensorArray ${state.name}: Could not write to TensorArray index ${index} because the value shape is [${value.shape.join(",")}] which is incompatible with the TensorArray's inferred element shape: ${shapeDebugString(shape)} (consider setting infer_shape=False).`,
    );
  }
  if (state.identicalElementShapes && !fullyDefined(shape)) state.elementShape = [...value.shape];
  const stored = state.elements[index];
  if (state.isGrad && stored !== undefined) {
    // tensor_array.h: TensorArray::LockedWriteOrAggregate (multiple_writes_aggregate)
    if (!sameShape(stored.shape, value.shape)) {
      throw new InvalidArgumentError(
        `TensorArray ${state.name}: Could not aggregate to TensorArray index ${index} because the existing shape is [${stored.shape.join(",")}] but the new input shape is [${value.shape.join(",")}]`,
      );
    }
    const device = deviceOf([stored, value]);
    const sum =
      device === undefined ? new NDArray(stored.dtype, stored.shape) : device.alloc(stored.dtype, stored.shape);
    // Views are taken after the allocation (a device's memory may have grown).
    const a = stored.data as unknown as number[];
    const b = value.data as unknown as number[];
    const out = sum.data as unknown as number[];
    for (let j = 0; j < out.length; j++) out[j] = a[j] + b[j];
    hold(sum);
    release(stored);
    state.elements[index] = sum;
    return;
  }
  if (stored !== undefined || state.cleared[index]) {
    throw new InvalidArgumentError(
      `TensorArray ${state.name}: Could not write to TensorArray index ${index} because it has already been written to.`,
    );
  }
  hold(value);
  state.elements[index] = value;
  state.shapes[index] = value.shape;
}

const fullyDefined = (shape: readonly (number | null)[] | null | undefined): shape is number[] =>
  shape !== null && shape !== undefined && shape.every((d) => d !== null);

function read(state: TensorArrayState, index: number, ctx: KernelContext): NDArray {
  const unwrittenInRange = index >= 0 && index < state.elements.length && !state.cleared[index];
  if (state.elements[index] === undefined && index >= 0 && (state.isGrad || unwrittenInRange)) {
    // tensor_array.h: TensorArray::LockedRead: an element nothing was written to reads as zeros of the element
    // shape (a gradient's: the shape its forward element had), if that shape is fully defined.
    const shape = (state.isGrad ? state.shapes[index] : undefined) ?? state.elementShape;
    if (!fullyDefined(shape)) {
      throw new InvalidArgumentError(
        `TensorArray ${state.name}: Could not read from TensorArray index ${index}.  Furthermore, the element shape is not fully defined: ${shape === null || shape === undefined ? "<unknown>" : `[${shape.map((d) => d ?? "?").join(",")}]`}.  It is possible you are working with a resizeable TensorArray and stop_gradients is not allowing the gradients to be written.  If you set the full element_shape property on the forward TensorArray, the proper all-zeros tensor will be returned instead of incurring this error.`,
      );
    }
    return new NDArray(asDType(state.dtype), shape as number[]);
  }
  if (index < 0 || index >= state.elements.length) {
    throw new InvalidArgumentError(
      `TensorArray ${state.name}: Tried to read from index ${index} but array size is: ${state.elements.length}`,
    );
  }
  const value = state.elements[index];
  if (value === undefined) {
    // Only a cleared element is missing here (an unwritten one read as zeros above).
    throw new InvalidArgumentError(
      `TensorArray ${state.name}: Could not read index ${index} twice because it was cleared after a previous read (perhaps try setting clear_after_read = false?).`,
    );
  }
  if (state.clearAfterRead) {
    state.elements[index] = undefined;
    state.cleared[index] = true;
    handOver(value, ctx);
  }
  return value;
}

/** Stacks elements of one shape along a new first axis. */
function stack(
  state: TensorArrayState,
  values: NDArray[],
  dtype: DType,
  elementShape: (number | null)[] | null,
): NDArray {
  if (values.length === 0) {
    const shape = elementShape ?? state.elementShape;
    if (shape === null || shape.some((d) => d === null)) {
      // tensor_array_ops.cc: TensorArrayPackOrGatherOp
      throw new InvalidArgumentError(
        `TensorArray has size zero, but element shape ${shapeDebugString(shape)} is not fully defined. Currently only static shapes are supported when packing zero-size TensorArrays.`,
      );
    }
    return new NDArray(dtype, [0, ...(shape as number[])]);
  }
  const first = values[0].shape;
  values.forEach((v, i) => {
    if (!sameShape(v.shape, first)) {
      throw new InvalidArgumentError(
        `TensorArray has inconsistent shapes.  Index 0 has shape: [${first.join(",")}] but index ${i} has shape: [${v.shape.join(",")}]`,
      );
    }
  });
  return gatherInto(dtype, [values.length, ...first], values);
}

function indicesOf(x: NDArray): number[] {
  return Array.from(x.data as ArrayLike<number | bigint>, Number);
}

export const tensorArrayKernels = {
  TensorArrayV3: ([size], ctx) => {
    const n = Number(size.data[0]);
    if (n < 0) throw new InvalidArgumentError(`Size should be >= 0, but saw: ${n}`);
    const name = `${ctx.opName}_${counter++}`;
    const handle = new NDArray(
      "string",
      [2],
      [new TextEncoder().encode("_tensor_arrays"), new TextEncoder().encode(name)],
    );
    const shapeAttr = ctx.attrs.element_shape as { shape?: (number | null)[] | null } | undefined;
    register(
      handle,
      {
        name,
        dtype: String((ctx.attrs.dtype as { name?: string })?.name ?? ctx.attrs.dtype),
        dynamicSize: ctx.attrs.dynamic_size === true,
        clearAfterRead: ctx.attrs.clear_after_read !== false,
        elementShape: shapeAttr?.shape ?? null,
        identicalElementShapes: ctx.attrs.identical_element_shapes === true,
        elements: new Array(n).fill(undefined),
        cleared: new Array(n).fill(false),
        closed: false,
        shapes: new Array(n).fill(undefined),
        isGrad: false,
        grads: new Map(),
        flow: flow(),
      },
      ctx,
    );
    return [handle, (states.get(handle) as TensorArrayState).flow];
  },
  TensorArrayGradV3: ([handle], ctx) => {
    const forward = stateOf(handle, ctx);
    const source = String(ctx.attrs.source ?? "");
    let gradHandle = forward.grads.get(source);
    if (gradHandle === undefined) {
      // tensor_array_ops.cc: TensorArrayGradOp: the forward array's size and element shapes, writes aggregating.
      const name = `${forward.name}@${source}`;
      const encode = (s: string) => new TextEncoder().encode(s);
      gradHandle = new NDArray("string", [2], [encode("_tensor_array_grads"), encode(name)]);
      const n = forward.elements.length;
      register(
        gradHandle,
        {
          name,
          dtype: forward.dtype,
          dynamicSize: false,
          clearAfterRead: true,
          elementShape: forward.elementShape,
          identicalElementShapes: false,
          elements: new Array(n).fill(undefined),
          cleared: new Array(n).fill(false),
          closed: false,
          shapes: [...forward.shapes],
          isGrad: true,
          grads: new Map(),
          flow: flow(),
        },
        ctx,
      );
      forward.grads.set(source, gradHandle);
    }
    return [gradHandle, (states.get(gradHandle) as TensorArrayState).flow];
  },
  TensorArrayWriteV3: ([handle, index, value], ctx) => {
    const state = stateOf(handle, ctx);
    write(state, Number(index.data[0]), value);
    return [state.flow];
  },
  TensorArrayReadV3: ([handle, index], ctx) => [read(stateOf(handle, ctx), Number(index.data[0]), ctx)],
  TensorArrayGatherV3: ([handle, indices], ctx) => {
    const state = stateOf(handle, ctx);
    const values = indicesOf(indices).map((i) => read(state, i, ctx));
    const shapeAttr = ctx.attrs.element_shape as { shape?: (number | null)[] | null } | undefined;
    return [stack(state, values, ctx.outputDtypes[0], shapeAttr?.shape ?? null)];
  },
  TensorArrayScatterV3: ([handle, indices, value], ctx) => {
    const state = stateOf(handle, ctx);
    const idx = indicesOf(indices);
    if (value.shape.length === 0 || value.shape[0] !== idx.length) {
      throw new InvalidArgumentError(
        `Expected len(indices) == values.shape[0], but saw: ${idx.length} vs. ${value.shape[0] ?? 0}`,
      );
    }
    idx.forEach((i, k) => write(state, i, rowsOf(value, k, 1, value.shape.slice(1))));
    return [state.flow];
  },
  TensorArrayConcatV3: ([handle], ctx) => {
    const state = stateOf(handle, ctx);
    const values = state.elements.map((_, i) => read(state, i, ctx));
    const lengths = new NDArray(
      "int64",
      [values.length],
      BigInt64Array.from(values, (v) => BigInt(v.shape[0] ?? 0)),
    );
    if (values.length === 0) {
      const rest = (ctx.attrs.element_shape_except0 as { shape?: (number | null)[] | null })?.shape ?? [];
      return [new NDArray(ctx.outputDtypes[0], [0, ...(rest ?? []).map((d) => d ?? 0)]), lengths];
    }
    const total = values.reduce((a, v) => a + (v.shape[0] ?? 0), 0);
    const rest = values[0].shape.slice(1);
    for (const v of values) {
      if (v.shape.length === 0 || !sameShape(v.shape.slice(1), rest)) {
        throw new InvalidArgumentError(
          `TensorArray has inconsistent shapes.  Index 0 has (excepting dimension 0) shape: [${rest.join(",")}] but index ${values.indexOf(v)} has (excepting dimension 0) shape: [${v.shape.slice(1).join(",")}]`,
        );
      }
    }
    return [gatherInto(ctx.outputDtypes[0], [total, ...rest], values), lengths];
  },
  TensorArraySplitV3: ([handle, value, lengths], ctx) => {
    const state = stateOf(handle, ctx);
    const lens = indicesOf(lengths);
    const total = lens.reduce((a, b) => a + b, 0);
    if (value.shape.length === 0 || value.shape[0] !== total) {
      throw new InvalidArgumentError(
        `Expected sum of lengths to be equal to values.shape[0], but sum of lengths is ${total} and value's shape is: [${value.shape.join(",")}]`,
      );
    }
    let start = 0;
    lens.forEach((len, i) => {
      write(state, i, rowsOf(value, start, len, [len, ...value.shape.slice(1)]));
      start += len;
    });
    return [state.flow];
  },
  TensorArraySizeV3: ([handle], ctx) => [
    new NDArray("int32", [], new Int32Array([stateOf(handle, ctx).elements.length])),
  ],
  TensorArrayCloseV3: ([handle], ctx) => {
    const state = stateOf(handle, ctx);
    state.closed = true;
    releaseElements(state);
    return [];
  },
} satisfies Record<string, Kernel>;

/** Makes the TensorArray kernels run in every Session (idempotent): ops/tensor-array.ts calls it when loaded. */
export function useTensorArrayKernels(): void {
  registerKernels(tensorArrayKernels);
}
