// indexed_slices.py / ops.py: _IndexedSlicesToTensor; math_ops.py: _as_indexed_slices(_list);
// gradients_util.py: _AggregateIndexedSlicesGradients.
import { ValueError } from "../errors";
import { int32, int64 } from "../framework/dtypes";
import { IndexedSlices, setIndexedSlicesDensifier } from "../framework/indexed-slices";
import type { Tensor } from "../framework/tensor";
import { shape } from "./array-ops";
import { cast, range } from "./math-ops";
import { constantValue } from "./shape-inference";
import { concat, unsortedSegmentSum } from "./slicing-ops";
import { indexTensor } from "./tensor-index";

/** ops.py: _LARGE_SPARSE_NUM_ELEMENTS */
const LARGE_SPARSE_NUM_ELEMENTS = 100000000;

/**
 * ops.py: _IndexedSlicesToTensor: `unsorted_segment_sum(values, indices, dense_shape[0], name=name)`, with TF's
 * warnings when the dense tensor is large or of unknown size.
 */
export function indexedSlicesToTensor(value: IndexedSlices, name?: string): Tensor {
  if (value.denseShape === null) {
    // ops.py: _IndexedSlicesToTensor
    throw new ValueError(`Tensor conversion requested for IndexedSlices without dense_shape: ${value}`);
  }
  const known = constantValue(value.denseShape);
  if (known !== null) {
    const numElements = known.reduce((a, b) => a * b, 1);
    if (numElements >= LARGE_SPARSE_NUM_ELEMENTS) {
      console.warn(
        `Converting sparse IndexedSlices to a dense Tensor with ${numElements} elements. This may consume a large amount of memory.`,
      );
    }
  } else {
    console.warn(
      "Converting sparse IndexedSlices to a dense Tensor of unknown shape. This may consume a large amount of memory.",
    );
  }
  const dense = unsortedSegmentSum(value.values, value.indices, indexTensor(value.denseShape, 0), name);
  // TF's shape refiner evaluates the small constant dense_shape[0] subgraph; so does this.
  if (known !== null) dense.setShape(known);
  return dense;
}

setIndexedSlicesDensifier(indexedSlicesToTensor);

/** A Tensor as is; an IndexedSlices densified (what TF's implicit conversion does where an op takes it). */
export function denseOf(value: Tensor | IndexedSlices, name?: string): Tensor {
  return value instanceof IndexedSlices ? indexedSlicesToTensor(value, name) : value;
}

/** math_ops.py: _as_indexed_slices: a dense tensor as IndexedSlices over all its rows (`Shape`, `range`). */
function asIndexedSlices(x: Tensor | IndexedSlices): IndexedSlices {
  if (x instanceof IndexedSlices) return x;
  const xShape = shape(x);
  return new IndexedSlices(x, range(0, indexTensor(xShape, 0)), xShape);
}

/** math_ops.py: _as_indexed_slices_list: int32 indices are cast to int64 when the list mixes the two. */
export function asIndexedSlicesList(inputs: readonly (Tensor | IndexedSlices)[]): IndexedSlices[] {
  const outputs = inputs.map(asIndexedSlices);
  const withInt32 = outputs.filter((o) => o.indices.dtype === int32).length;
  if (withInt32 === 0 || withInt32 === outputs.length) return outputs;
  return outputs.map((o) =>
    o.indices.dtype === int32 ? new IndexedSlices(o.values, cast(o.indices, int64), o.denseShape) : o,
  );
}

/**
 * gradients_util.py: _AggregateIndexedSlicesGradients: several gradients (one at least IndexedSlices) become one
 * IndexedSlices of the concatenated values and indices (`concat`, `concat_1`), dense_shape the first one's.
 */
export function aggregateIndexedSlicesGradients(grads: readonly (Tensor | IndexedSlices)[]): Tensor | IndexedSlices {
  if (grads.length === 1) return grads[0];
  const slices = asIndexedSlicesList(grads);
  return new IndexedSlices(
    concat(
      slices.map((x) => x.values),
      0,
    ),
    concat(
      slices.map((x) => x.indices),
      0,
    ),
    slices[0].denseShape,
  );
}
