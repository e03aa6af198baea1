// variables.py (TF 1.15): PartitionedVariable and Variable.SaveSliceInfo; partitioned_variables.py:
// fixed_size_partitioner and min_max_variable_partitioner.
import { ValueError } from "../errors";
import type { DType } from "../framework/dtypes";
import { getDefaultGraph, type TensorConvertible } from "../framework/graph";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { identity } from "../ops/array-ops";
import { concat } from "../ops/slicing-ops";
import type { Variable } from "./variable";

/** variables.py: Variable.SaveSliceInfo: where a partition lies in the full variable. */
export interface SaveSliceInfo {
  fullName: string;
  fullShape: number[];
  varOffset: number[];
  varShape: number[];
}

/** A partitioner: the number of partitions along each axis of a variable of `shape` and `dtype`. */
export type Partitioner = (shape: readonly number[], dtype: DType) => number[];

/**
 * variables.py: PartitionedVariable: the `name/part_i` Variables get_variable made for one partitioned variable.
 * Iterable over them (embedding_lookup takes it as a list of shards); as a tensor, their concat along the
 * partitioned axis (`name/ConcatPartitions/concat`, then the Identity `name`), built at each conversion as in TF.
 */
export class PartitionedVariable implements TensorConvertible, Iterable<Variable> {
  constructor(
    readonly name: string,
    readonly shape: Shape,
    readonly dtype: DType,
    private readonly variableList: readonly Variable[],
    private readonly partitions: readonly number[],
  ) {
    if (variableList.length === 0) {
      // variables.py: PartitionedVariable.__init__
      throw new ValueError(`variable_list may not be empty`);
    }
  }

  [Symbol.iterator](): Iterator<Variable> {
    return this.variableList[Symbol.iterator]();
  }

  get length(): number {
    return this.variableList.length;
  }

  /** variables.py: PartitionedVariable._get_variable_list */
  getVariableList(): Variable[] {
    return [...this.variableList];
  }

  /** variables.py: PartitionedVariable._get_partitions */
  getPartitions(): number[] {
    return [...this.partitions];
  }

  /** variables.py: PartitionedVariable._partition_axes */
  private partitionAxes(): number[] {
    const axes = this.partitions.flatMap((p, i) => (p > 1 ? [i] : []));
    return axes.length === 0 ? [0] : axes;
  }

  /** variables.py: PartitionedVariable._concat: built at each call, outside the caller's name scope. */
  concatParts(): Tensor {
    const graph = getDefaultGraph();
    return graph.nameScope(null, () => {
      if (this.variableList.length === 1) return identity(this.variableList[0], this.name);
      const axis = this.partitionAxes()[0];
      const joined = graph.nameScope(`${this.name}/ConcatPartitions/`, () => concat([...this.variableList], axis));
      return identity(joined, this.name);
    });
  }

  /** variables.py: PartitionedVariable.as_tensor: the concat, free of the caller's control dependencies. */
  asTensor(): Tensor {
    return getDefaultGraph().controlDependencies(null, () => this.concatParts());
  }

  asGraphElement(): Tensor {
    return this.asTensor();
  }
}

/**
 * partitioned_variables.py: fixed_size_partitioner(num_shards, axis=0): `num_shards` partitions along `axis`
 * (fewer when the axis is shorter).
 */
export function fixedSizePartitioner(numShards: number, axis = 0): Partitioner {
  return (shape) => {
    const partitions = new Array<number>(shape.length).fill(1);
    partitions[axis] = Math.min(numShards, shape[axis]);
    return partitions;
  };
}

export interface MinMaxPartitionerOptions {
  maxPartitions?: number;
  axis?: number;
  minSliceSize?: number;
  bytesPerStringElement?: number;
}

/**
 * partitioned_variables.py: min_max_variable_partitioner(max_partitions=1, axis=0, min_slice_size=256 << 10,
 * bytes_per_string_element=16): as many partitions as keep each at least `min_slice_size` bytes, at most
 * `max_partitions` and the axis' length.
 */
export function minMaxVariablePartitioner(options: MinMaxPartitionerOptions = {}): Partitioner {
  const maxPartitions = options.maxPartitions ?? 1;
  const axis = options.axis ?? 0;
  const minSliceSize = options.minSliceSize ?? 256 << 10;
  const bytesPerString = options.bytesPerStringElement ?? 16;
  return (shape, dtype) => {
    if (axis >= shape.length) {
      // partitioned_variables.py: min_max_variable_partitioner
      throw new ValueError(`Can not partition variable along axis ${axis} when shape is only ${shape.length}`);
    }
    const bytesPerElement = dtype.name === "string" ? bytesPerString : dtype.size;
    const totalBytes = shape.reduce((a, b) => a * b, 1) * bytesPerElement;
    const partitions = new Array<number>(shape.length).fill(1);
    partitions[axis] = Math.max(1, Math.min(shape[axis], maxPartitions, Math.ceil(totalBytes / minSliceSize)));
    return partitions;
  };
}
