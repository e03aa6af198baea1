// contrib/seq2seq/python/ops/basic_decoder.py (TF 1.15): BasicDecoderOutput and BasicDecoder (a cell, a Helper that
// samples and picks the next inputs, and an optional output layer applied to the cell's outputs).
import type { DType } from "../../framework/dtypes";
import type { Shape } from "../../framework/shape";
import type { Tensor } from "../../framework/tensor";
import { Layer } from "../../layers/base";
import { assertLikeRnnCell, type RNNCell, type RnnState } from "../../layers/rnn-cell-base";
import { flatten, type Structure } from "../../ops/nest";
import { nameScope } from "../../scopes/name-scope";
import { Decoder, flattenSizes, packSizesAs } from "./decoder";
import { Helper } from "./helper";

/**
 * basic_decoder.py: BasicDecoderOutput(rnn_output, sample_id), a namedtuple: an array `[rnnOutput, sampleId]` with
 * those fields (nest, destructuring and tf.whileLoop see a two-element tuple; nest keeps the class).
 */
export class BasicDecoderOutput<R = Tensor, S = Tensor> extends Array<R | S> {
  constructor(...items: (R | S)[]) {
    // Array's species constructor calls `new BasicDecoderOutput(length)`; nest then fills the entries.
    super();
    if (items.length === 2) this.push(items[0] as R, items[1] as S);
  }
  get rnnOutput(): R {
    return this[0] as R;
  }
  get sampleId(): S {
    return this[1] as S;
  }
}

/** basic_decoder.py: BasicDecoder: `cell`, then `outputLayer`, then the helper's sample and next inputs. */
export class BasicDecoder extends Decoder {
  readonly cell: RNNCell;
  readonly helper: Helper;
  readonly initialState: RnnState;
  readonly outputLayer: Layer | null;

  constructor(cell: RNNCell, helper: Helper, initialState: RnnState, outputLayer: Layer | null = null) {
    super();
    assertLikeRnnCell("cell", cell);
    // basic_decoder.py: BasicDecoder.__init__
    if (!(helper instanceof Helper)) throw new TypeError(`helper must be a Helper, received: ${typeof helper}`);
    if (outputLayer !== null && !(outputLayer instanceof Layer))
      throw new TypeError(`output_layer must be a Layer, received: ${typeof outputLayer}`);
    this.cell = cell;
    this.helper = helper;
    this.initialState = initialState;
    this.outputLayer = outputLayer;
  }
  get batchSize(): Tensor {
    return this.helper.batchSize;
  }
  /** The cell's output size, or (with an output layer) its compute_output_shape without the batch dimension. */
  private rnnOutputSize(): unknown {
    const size = this.cell.outputSize;
    const layer = this.outputLayer;
    if (layer === null) return size;
    const sizes = flattenSizes(size).map((s) => {
      const withBatch = [null, ...(typeof s === "number" ? [s] : (s as (number | null)[]))];
      return (layer.computeOutputShape(withBatch) as (number | null)[]).slice(1);
    });
    return packSizesAs(size, sizes);
  }
  get outputSize(): BasicDecoderOutput<unknown, Shape> {
    return new BasicDecoderOutput<unknown, Shape>(this.rnnOutputSize(), this.helper.sampleIdsShape);
  }
  /** The initial state's first leaf's dtype for every rnn output, and the helper's sample ids dtype. */
  get outputDtype(): BasicDecoderOutput<unknown, DType> {
    const dtype = (flatten(this.initialState as never)[0] as Tensor).dtype;
    const size = this.rnnOutputSize();
    return new BasicDecoderOutput<unknown, DType>(
      packSizesAs(
        size,
        flattenSizes(size).map(() => dtype),
      ),
      this.helper.sampleIdsDtype,
    );
  }
  initialize(_name: string | null = null): [Tensor, Structure<Tensor>, RnnState] {
    const [finished, inputs] = this.helper.initialize();
    return [finished, inputs, this.initialState];
  }
  step(
    time: Tensor,
    inputs: Structure<Tensor>,
    state: RnnState,
    name: string | null = null,
  ): [BasicDecoderOutput, RnnState, Structure<Tensor>, Tensor] {
    const values = [time, ...(flatten(inputs as never) as Tensor[]), ...(flatten(state as never) as Tensor[])];
    const [cellOutputs, sampleIds, finished, nextInputs, nextState] = nameScope(
      name,
      "BasicDecoderStep",
      values,
      () => {
        let [out, cellState] = this.cell.apply(inputs, state) as [Tensor, RnnState];
        if (this.outputLayer !== null) out = this.outputLayer.apply(out) as Tensor;
        const ids = this.helper.sample(time, out, cellState);
        const [fin, next, nextSt] = this.helper.nextInputs(time, out, cellState, ids);
        return [out, ids, fin, next, nextSt] as const;
      },
    );
    return [new BasicDecoderOutput(cellOutputs, sampleIds), nextState, nextInputs, finished];
  }
}
