// contrib/seq2seq/python/ops/helper.py (TF 1.15): Helper (the sampling interface BasicDecoder calls), TrainingHelper
// (reads the inputs one step at a time from TensorArrays) and GreedyEmbeddingHelper (argmax, embedded, fed back).
import { ValueError } from "../../errors";
import { bool, type DType, int32 } from "../../framework/dtypes";
import type { Shape } from "../../framework/shape";
import { shapeToString } from "../../framework/shape";
import { Tensor } from "../../framework/tensor";
import type { RnnState } from "../../layers/rnn-cell-base";
import { transposeBatchTime } from "../../layers/rnn-dynamic";
import { constant, shape, size, zerosLike } from "../../ops/array-ops";
import { cond } from "../../ops/cond";
import { embeddingLookup } from "../../ops/embedding-ops";
import { cast, equal, greaterEqual } from "../../ops/math-ops";
import { flatten, packSequenceAs, type Structure } from "../../ops/nest";
import { convertToTensor, opScope, type TensorLike } from "../../ops/op-builder";
import { opDefs } from "../../ops/op-defs";
import { add } from "../../ops/operators";
import { argmax, reduceAll } from "../../ops/reduction-ops";
import { stack, stridedSlice, tile } from "../../ops/slicing-ops";
import { TensorArray } from "../../ops/tensor-array";
import { indexTensor } from "../../ops/tensor-index";
import { nameScope } from "../../scopes/name-scope";

type Inputs = Structure<Tensor>;

/** helper.py: Helper, the interface BasicDecoder samples through. */
export abstract class Helper {
  /** Batch size of the tensor `sample` returns (a scalar int32 tensor). */
  abstract get batchSize(): Tensor;
  /** Shape of `sample`'s result without the batch dimension (a shape array: TF's TensorShape). */
  abstract get sampleIdsShape(): Shape;
  /** DType of `sample`'s result. */
  abstract get sampleIdsDtype(): DType;
  /** Returns `[initialFinished, initialInputs]`. */
  abstract initialize(name?: string | null): [Tensor, Inputs];
  /** Returns `sampleIds`. */
  abstract sample(time: Tensor, outputs: Tensor, state: RnnState, name?: string | null): Tensor;
  /** Returns `[finished, nextInputs, nextState]`. */
  abstract nextInputs(
    time: Tensor,
    outputs: Tensor,
    state: RnnState,
    sampleIds: Tensor,
    name?: string | null,
  ): [Tensor, Inputs, RnnState];
}

/** helper.py: _unstack_ta: a TensorArray of `inp`'s rows (size `shape(inp)[0]`), `inp` unstacked into it. */
function unstackTa(inp: Tensor): TensorArray {
  return new TensorArray(inp.dtype, {
    size: indexTensor(shape(inp), 0),
    elementShape: inp.shape === null ? null : inp.shape.slice(1),
  }).unstack(inp);
}

/** Python's `inp[0, :]` (array_ops.py: _slice_helper): row 0, the rest whole. */
function firstRow(inp: Tensor): Tensor {
  return opScope(null, "strided_slice", [inp], (scope) =>
    stridedSlice(inp, stack([0, 0], 0, "stack"), stack([1, 0], 0, "stack_1"), stack([1, 1], 0, "stack_2"), {
      beginMask: 2,
      endMask: 2,
      shrinkAxisMask: 1,
      name: scope,
    }),
  );
}

const mapInputs = <T>(inputs: Inputs, fn: (t: Tensor) => T): Structure<T> =>
  packSequenceAs(inputs as never, (flatten(inputs as never) as Tensor[]).map(fn)) as Structure<T>;

export interface TrainingHelperOptions {
  timeMajor?: boolean;
  name?: string | null;
}

/** helper.py: TrainingHelper: reads the inputs step by step; sample ids are the argmax of the outputs. */
export class TrainingHelper extends Helper {
  readonly inputs: Inputs;
  readonly sequenceLength: Tensor;
  private readonly inputTas: Structure<TensorArray>;
  private readonly zeroInputs: Inputs;
  private readonly _batchSize: Tensor;

  /** `new TrainingHelper(inputs, sequenceLength, timeMajor?, { name? })` */
  constructor(
    inputs: Structure<TensorLike>,
    sequenceLength: TensorLike,
    timeMajorOrOptions: boolean | TrainingHelperOptions = false,
    options: TrainingHelperOptions = {},
  ) {
    super();
    const o =
      typeof timeMajorOrOptions === "boolean" ? { ...options, timeMajor: timeMajorOrOptions } : timeMajorOrOptions;
    const values = [...(flatten(inputs as never) as TensorLike[]), sequenceLength];
    const built = nameScope(o.name ?? null, "TrainingHelper", values, () => {
      const flat = flatten(inputs as never) as TensorLike[];
      const converted = packSequenceAs(
        inputs as never,
        flat.map((x) => convertToTensor(x, { name: "inputs" })),
      ) as Inputs;
      const timeMajorInputs = o.timeMajor ? converted : mapInputs(converted, transposeBatchTime);
      const inputTas = mapInputs(timeMajorInputs, unstackTa);
      const seq = convertToTensor(sequenceLength, { name: "sequence_length" });
      if (seq.shape === null || seq.shape.length !== 1) {
        // helper.py: TrainingHelper.__init__
        throw new ValueError(
          `Expected sequence_length to be a vector, but received shape: ${shapeToString(seq.shape)}`,
        );
      }
      const zeroInputs = mapInputs(timeMajorInputs, (inp) => zerosLike(firstRow(inp)));
      // TF takes the size of the argument as given (a list becomes its own Const).
      const batchSize = size(sequenceLength);
      return { converted, inputTas, seq, zeroInputs, batchSize };
    });
    this.inputs = built.converted;
    this.inputTas = built.inputTas;
    this.sequenceLength = built.seq;
    this.zeroInputs = built.zeroInputs;
    this._batchSize = built.batchSize;
  }
  get batchSize(): Tensor {
    return this._batchSize;
  }
  get sampleIdsShape(): Shape {
    return [];
  }
  get sampleIdsDtype(): DType {
    return int32;
  }
  private readAll(index: Tensor | number): Inputs {
    return packSequenceAs(
      this.inputTas as never,
      (flatten(this.inputTas as never) as TensorArray[]).map((ta) => ta.read(index)),
    ) as Inputs;
  }
  initialize(name: string | null = null): [Tensor, Inputs] {
    return nameScope(name, "TrainingHelperInitialize", [], () => {
      const finished = equal(0, this.sequenceLength);
      const allFinished = reduceAll(finished);
      const nextInputs = cond(
        allFinished,
        (): unknown => this.zeroInputs,
        (): unknown => this.readAll(0),
      ) as Inputs;
      return [finished, nextInputs] as [Tensor, Inputs];
    });
  }
  sample(time: Tensor, outputs: Tensor, _state?: RnnState, name: string | null = null): Tensor {
    return nameScope(name, "TrainingHelperSample", [time, outputs], () => cast(argmax(outputs, -1), int32));
  }
  nextInputs(
    time: Tensor,
    outputs: Tensor,
    state: RnnState,
    _sampleIds?: Tensor,
    name: string | null = null,
  ): [Tensor, Inputs, RnnState] {
    return nameScope(
      name,
      "TrainingHelperNextInputs",
      [time, outputs, ...(flatten(state as never) as Tensor[])],
      () => {
        const nextTime = add(time, 1);
        const finished = greaterEqual(nextTime, this.sequenceLength);
        const allFinished = reduceAll(finished);
        const nextInputs = cond(
          allFinished,
          (): unknown => this.zeroInputs,
          (): unknown => this.readAll(nextTime),
        ) as Inputs;
        return [finished, nextInputs, state] as [Tensor, Inputs, RnnState];
      },
    );
  }
}

/** `embedding`: a function of the ids, or the params of `embedding_lookup`. */
export type Embedding = ((ids: Tensor) => Tensor) | TensorLike;

/** helper.py: GreedyEmbeddingHelper: the argmax of the outputs, embedded, is the next input; stops at `endToken`. */
export class GreedyEmbeddingHelper extends Helper {
  protected readonly embeddingFn: (ids: Tensor) => Tensor;
  readonly startTokens: Tensor;
  readonly endToken: Tensor;
  private readonly _batchSize: Tensor;
  protected readonly startInputs: Tensor;

  constructor(embedding: Embedding, startTokens: TensorLike, endToken: TensorLike) {
    super();
    this.embeddingFn =
      typeof embedding === "function"
        ? (embedding as (ids: Tensor) => Tensor)
        : (ids: Tensor) => embeddingLookup(embedding as TensorLike as never, ids);
    this.startTokens = convertToTensor(startTokens, { dtype: int32, name: "start_tokens" });
    this.endToken = convertToTensor(endToken, { dtype: int32, name: "end_token" });
    // helper.py: GreedyEmbeddingHelper.__init__
    if (this.startTokens.shape === null || this.startTokens.shape.length !== 1)
      throw new ValueError("start_tokens must be a vector");
    this._batchSize = size(startTokens);
    if (this.endToken.shape === null || this.endToken.shape.length !== 0)
      throw new ValueError("end_token must be a scalar");
    this.startInputs = this.embeddingFn(this.startTokens);
  }
  get batchSize(): Tensor {
    return this._batchSize;
  }
  get sampleIdsShape(): Shape {
    return [];
  }
  get sampleIdsDtype(): DType {
    return int32;
  }
  initialize(_name: string | null = null): [Tensor, Inputs] {
    // `array_ops.tile([False], [batch_size])`: the list arguments become `Tile/input` and the Pack `Tile/multiples`.
    const finished = opScope(null, opDefs.Tile.type, [], (scope) =>
      tile(constant([false], bool, { name: "input" }), stack([this._batchSize], 0, "multiples"), scope),
    );
    return [finished, this.startInputs];
  }
  sample(_time: Tensor, outputs: Tensor, _state?: RnnState, _name: string | null = null): Tensor {
    if (!(outputs instanceof Tensor)) {
      // helper.py: GreedyEmbeddingHelper.sample
      throw new TypeError(`Expected outputs to be a single Tensor, got: ${typeof outputs}`);
    }
    return argmax(outputs, -1, { outputType: int32 });
  }
  nextInputs(
    _time: Tensor,
    _outputs: Tensor,
    state: RnnState,
    sampleIds: Tensor,
    _name: string | null = null,
  ): [Tensor, Inputs, RnnState] {
    const finished = equal(sampleIds, this.endToken);
    const allFinished = reduceAll(finished);
    // If we're finished, the next inputs do not matter.
    const nextInputs = cond(
      allFinished,
      () => this.startInputs,
      () => this.embeddingFn(sampleIds),
    ) as Tensor;
    return [finished, nextInputs, state];
  }
}
