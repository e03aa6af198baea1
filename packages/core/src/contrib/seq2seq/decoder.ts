// contrib/seq2seq/python/ops/decoder.py (TF 1.15): the Decoder interface and dynamic_decode, a tf.while_loop over
// `decoder.step` that writes each step's outputs to TensorArrays (dynamic size), tracks which batch entries have
// finished and their lengths, and optionally zeroes outputs / copies states through past the finish.
import { ValueError } from "../../errors";
import { type DType, int32 } from "../../framework/dtypes";
import type { Shape } from "../../framework/shape";
import { Tensor } from "../../framework/tensor";
import type { RnnState } from "../../layers/rnn-cell-base";
import { transposeBatchTime } from "../../layers/rnn-dynamic";
import { constant, expandDims, fill, shape, zeros, zerosLike } from "../../ops/array-ops";
import { lessEqual, logicalNot, logicalOr, where } from "../../ops/math-ops";
import { assertSameStructure, flatten, isSequence, packSequenceAs, type Structure } from "../../ops/nest";
import { convertToTensor, type TensorLike } from "../../ops/op-builder";
import { add } from "../../ops/operators";
import { reduceAll } from "../../ops/reduction-ops";
import { constantValue } from "../../ops/shape-inference";
import { concat } from "../../ops/slicing-ops";
import { TensorArray } from "../../ops/tensor-array";
import { whileLoop } from "../../ops/while-loop";
import { type VariableScope, variableScope } from "../../scopes/variable-scope";

/**
 * A decoder's output size: a number (an int size), a shape array (TF's TensorShape: `[]` for a scalar per batch
 * entry), or a structure of them (a namedtuple such as BasicDecoderOutput, a plain object, or an array holding them).
 */
export type OutputSize = number | Shape | Structure<number | Shape>;

/** Whether `x` is one size: a number, or a plain array of dimensions (a shape). */
const isSizeLeaf = (x: unknown): boolean =>
  typeof x === "number" ||
  (Array.isArray(x) &&
    Object.getPrototypeOf(x) === Array.prototype &&
    x.every((d) => typeof d === "number" || d === null));

/** The leaves of an output size (numbers and shapes), in nest order. */
export function flattenSizes(sizes: unknown): (number | Shape)[] {
  if (isSizeLeaf(sizes) || !isSequence(sizes)) return [sizes as number | Shape];
  return childrenOf(sizes).flatMap(flattenSizes);
}

function childrenOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return [...value];
  const dict = value as Record<string, unknown>;
  return Object.keys(dict)
    .sort()
    .map((k) => dict[k]);
}

/** nest.pack_sequence_as over an output size structure (shape leaves kept whole). */
export function packSizesAs<T>(sizes: unknown, flat: readonly T[]): unknown {
  let next = 0;
  const pack = (node: unknown): unknown => {
    if (isSizeLeaf(node) || !isSequence(node)) return flat[next++];
    if (Array.isArray(node)) return node.map(pack);
    const dict = node as Record<string, unknown>;
    const packed = new Map(
      Object.keys(dict)
        .sort()
        .map((k) => [k, pack(dict[k])] as const),
    );
    return Object.fromEntries(Object.keys(dict).map((k) => [k, packed.get(k)]));
  };
  return pack(sizes);
}

/** decoder.py: Decoder, the interface dynamic_decode runs. */
export abstract class Decoder {
  /** The batch size of the input values. */
  abstract get batchSize(): Tensor | number;
  /** A (structure of) sizes: numbers or shapes. */
  abstract get outputSize(): unknown;
  /** A structure of dtypes matching outputSize. */
  abstract get outputDtype(): unknown;
  /** Returns `[finished, initialInputs, initialState]`. */
  abstract initialize(name?: string | null): [Tensor, Structure<Tensor>, RnnState];
  /** Returns `[outputs, nextState, nextInputs, finished]`. */
  abstract step(
    time: Tensor,
    inputs: Structure<Tensor>,
    state: RnnState,
    name?: string | null,
  ): [Structure<Tensor>, RnnState, Structure<Tensor>, Tensor];
  /** Returns `[finalOutputs, finalState]`; null when the decoder has no finalize (TF's NotImplementedError). */
  finalize(_outputs: unknown, _finalState: RnnState, _sequenceLengths: Tensor): [unknown, RnnState] | null {
    return null;
  }
  /** Whether the decoder keeps track of its own finished states (a beam search reorders the batch). */
  get tracksOwnFinished(): boolean {
    return false;
  }
}

/** rnn_cell_impl.py: _concat(batch_size, size) for a number or shape suffix, as a tensor and statically. */
function batchShape(batchSize: Tensor | number, size: number | Shape): { dynamic: Tensor; static: Shape } {
  const dims = typeof size === "number" ? [size] : (size as (number | null)[]);
  let p: Tensor;
  let pStatic: number | null;
  if (batchSize instanceof Tensor) {
    p = batchSize;
    const v = constantValue(p);
    pStatic = v !== null && v.length === 1 ? (v[0] as number) : null;
    if (p.shape !== null && p.shape.length === 0) p = expandDims(p, 0);
  } else {
    pStatic = batchSize;
    p = constant([batchSize], int32);
  }
  return { dynamic: concat([p, constant(dims as number[], int32)], 0), static: [pStatic, ...dims] };
}

/** decoder.py: _create_zero_outputs: `_zero_state_tensors(size, batch_size, dtype)` per output leaf. */
function createZeroOutputs(sizes: unknown, dtypes: unknown, batchSize: Tensor | number): unknown {
  const flatDtypes = flatten(dtypes as never) as DType[];
  const zerosOut = flattenSizes(sizes).map((s, i) => {
    const { dynamic, static: st } = batchShape(batchSize, s);
    const z = zeros(dynamic, flatDtypes[i] as DType);
    z.setShape(st);
    return z;
  });
  return packSizesAs(sizes, zerosOut);
}

export interface DynamicDecodeOptions {
  outputTimeMajor?: boolean;
  imputeFinished?: boolean;
  maximumIterations?: TensorLike | null;
  parallelIterations?: number;
  swapMemory?: boolean;
  scope?: string | VariableScope | null;
}

/**
 * decoder.py: dynamic_decode(decoder, output_time_major=False, impute_finished=False, maximum_iterations=None,
 * parallel_iterations=32, swap_memory=False, scope=None): `initialize` once, then `step` in a while loop until every
 * batch entry has finished (or `maximumIterations`). Returns `[finalOutputs, finalState, finalSequenceLengths]`,
 * the outputs batch-major unless `outputTimeMajor`.
 */
export function dynamicDecode(decoder: Decoder, options: DynamicDecodeOptions = {}): [unknown, RnnState, Tensor] {
  if (!(decoder instanceof Decoder)) {
    // decoder.py: dynamic_decode
    throw new TypeError(`Expected decoder to be type Decoder, but saw: ${String(decoder)}`);
  }
  const imputeFinished = options.imputeFinished ?? false;
  return variableScope(options.scope ?? null, { defaultName: "decoder" }, () => {
    let maximumIterations: Tensor | null = null;
    if (options.maximumIterations !== undefined && options.maximumIterations !== null) {
      maximumIterations = convertToTensor(options.maximumIterations, { dtype: int32, name: "maximum_iterations" });
      // decoder.py: dynamic_decode
      if (maximumIterations.shape?.length !== 0) throw new ValueError("maximum_iterations must be a scalar");
    }
    let [initialFinished, initialInputs, initialState] = decoder.initialize();
    const zeroOutputs = createZeroOutputs(decoder.outputSize, decoder.outputDtype, decoder.batchSize);
    // `0 >= maximum_iterations` is Python's reflected `maximum_iterations <= 0`.
    if (maximumIterations !== null) initialFinished = logicalOr(initialFinished, lessEqual(maximumIterations, 0));
    const initialSequenceLengths = zerosLike(initialFinished, { dtype: int32 });
    const initialTime = constant(0, int32);

    const batchStatic = (() => {
      const b = decoder.batchSize;
      if (typeof b === "number") return b;
      const v = constantValue(b);
      return v !== null && v.length === 1 ? (v[0] as number) : null;
    })();
    // _shape: an int size or a scalar shape gives no element shape; a shape gets the batch size in front.
    const elementShape = (s: number | Shape): Shape =>
      typeof s === "number" || s === null || s.length === 0 ? null : [batchStatic, ...s];
    const flatDtypes = flatten(decoder.outputDtype as never) as DType[];
    const initialOutputsTa = packSizesAs(
      decoder.outputSize,
      flattenSizes(decoder.outputSize).map(
        (s, i) =>
          new TensorArray(flatDtypes[i] as DType, { size: 0, dynamicSize: true, elementShape: elementShape(s) }),
      ),
    );

    const condition = (_t: Tensor, _ta: unknown, _s: unknown, _i: unknown, finished: Tensor) =>
      logicalNot(reduceAll(finished));

    const body = (
      time: Tensor,
      outputsTa: unknown,
      state: RnnState,
      inputs: Structure<Tensor>,
      finished: Tensor,
      sequenceLengths: Tensor,
    ) => {
      const [nextOutputs, decoderState, nextInputs, decoderFinished] = decoder.step(time, inputs, state);
      const nextFinished = decoder.tracksOwnFinished ? decoderFinished : logicalOr(decoderFinished, finished);
      const nextSequenceLengths = where(
        logicalNot(finished),
        fill(shape(sequenceLengths), add(time, 1)),
        sequenceLengths,
      );
      assertSameStructure(state, decoderState);
      assertSameStructure(outputsTa, nextOutputs);
      assertSameStructure(inputs, nextInputs);
      const flatNext = flatten(nextOutputs as never) as Tensor[];
      // Zero out output values past finish.
      const emit = imputeFinished
        ? flatNext.map((out, i) => where(finished, (flatten(zeroOutputs as never) as Tensor[])[i] as Tensor, out))
        : flatNext;
      // Copy through states past finish (TensorArrays and scalars pass through).
      let nextState = decoderState;
      if (imputeFinished) {
        const cur = flatten(state as never) as unknown[];
        const flatNew = (flatten(decoderState as never) as unknown[]).map((n, i) => {
          const c = cur[i];
          if (c instanceof TensorArray) return n;
          const nt = n as Tensor;
          nt.setShape((c as Tensor).shape);
          return nt.shape !== null && nt.shape.length === 0 ? nt : where(finished, c as Tensor, nt);
        });
        nextState = packSequenceAs(decoderState as never, flatNew) as RnnState;
      }
      const written = (flatten(outputsTa as never) as TensorArray[]).map((ta, i) => ta.write(time, emit[i] as Tensor));
      return [
        add(time, 1),
        packSequenceAs(outputsTa as never, written),
        nextState,
        nextInputs,
        nextFinished,
        nextSequenceLengths,
      ];
    };

    const res = whileLoop(
      condition,
      body,
      [initialTime, initialOutputsTa, initialState, initialInputs, initialFinished, initialSequenceLengths],
      {
        parallelIterations: options.parallelIterations ?? 32,
        maximumIterations,
        swapMemory: options.swapMemory ?? false,
      },
    ) as unknown[];
    const finalOutputsTa = res[1];
    let finalState = res[2] as RnnState;
    const finalSequenceLengths = res[5] as Tensor;
    let finalOutputs: unknown = packSequenceAs(
      finalOutputsTa as never,
      (flatten(finalOutputsTa as never) as TensorArray[]).map((ta) => ta.stack()),
    );
    const finalized = decoder.finalize(finalOutputs, finalState, finalSequenceLengths);
    if (finalized !== null) [finalOutputs, finalState] = finalized;
    if (!(options.outputTimeMajor ?? false)) {
      finalOutputs = packSequenceAs(
        finalOutputs as never,
        (flatten(finalOutputs as never) as Tensor[]).map(transposeBatchTime),
      );
    }
    return [finalOutputs, finalState, finalSequenceLengths] as [unknown, RnnState, Tensor];
  });
}
