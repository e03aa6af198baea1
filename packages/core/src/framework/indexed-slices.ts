// indexed_slices.py (ops.IndexedSlices in TF 1.15): a sparse slice of a dense tensor, as gradients of gathers are.
import { ValueError } from "../errors";
import type { DType } from "./dtypes";
import type { Graph, TensorConvertible } from "./graph";
import type { Operation } from "./operation";
import type { Tensor } from "./tensor";

/** Builds the dense tensor of an IndexedSlices (set by ops/indexed-slices-ops.ts: the ops live a floor above). */
type Densifier = (slices: IndexedSlices, name: string | undefined) => Tensor;
let densifier: Densifier | null = null;

/** Installs the `_IndexedSlicesToTensor` conversion (called once by ops/indexed-slices-ops.ts). */
export function setIndexedSlicesDensifier(fn: Densifier): void {
  densifier = fn;
}

/**
 * ops.IndexedSlices(values, indices, dense_shape=None): the rows `indices` of a tensor shaped `denseShape`, with
 * `values[i]` the row `indices[i]` holds. Converting one to a Tensor (any op input) densifies it with an
 * `UnsortedSegmentSum`, as TF's registered conversion function does.
 */
export class IndexedSlices implements TensorConvertible {
  constructor(
    readonly values: Tensor,
    readonly indices: Tensor,
    readonly denseShape: Tensor | null = null,
  ) {}

  /** The name of `values`. */
  get name(): string {
    return this.values.name;
  }
  get dtype(): DType {
    return this.values.dtype;
  }
  get graph(): Graph {
    return this.values.graph;
  }
  /** The op producing `values`. */
  get op(): Operation {
    return this.values.op;
  }
  asTensor(name?: string): Tensor {
    if (densifier === null) throw new Error("IndexedSlices conversion is not installed");
    return densifier(this, name);
  }
  /** TF's conversion ignores as_ref: the dense tensor too. */
  asGraphElement(): Tensor {
    return this.asTensor();
  }
  /** ops.py: _IndexedSlicesToTensor: a conversion to another dtype is an error. */
  checkConversionDtype(dtype: DType): void {
    if (dtype !== this.dtype) {
      throw new ValueError(
        `Tensor conversion requested dtype ${dtype.name} for IndexedSlices with dtype ${this.dtype.name}`,
      );
    }
  }

  /** ops.py: IndexedSlices.__str__ */
  toString(): string {
    const shape = this.denseShape === null ? "" : `, dense_shape=${this.denseShape.repr()}`;
    return `IndexedSlices(indices=${this.indices.repr()}, values=${this.values.repr()}${shape})`;
  }
}

/** True for an IndexedSlices. */
export function isIndexedSlices(value: unknown): value is IndexedSlices {
  return value instanceof IndexedSlices;
}
