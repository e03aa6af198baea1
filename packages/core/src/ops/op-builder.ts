// op_def_library.py: _apply_op_helper's job: open the op's name scope, convert inputs, create the op atomically.
import { ValueError } from "../errors";
import { asDType, type DType, type DTypeLike } from "../framework/dtypes";
import {
  type CreateOpOptions,
  type Graph,
  getDefaultGraph,
  isTensorConvertible,
  type TensorConvertible,
} from "../framework/graph";
import { NDArray } from "../framework/ndarray";
import type { OpDef } from "../framework/op-def";
import type { Operation } from "../framework/operation";
import type { Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { markRepeatedValues } from "../framework/tensor-proto";
import { type ArrayValue, toNDArray, valueDType } from "../framework/tensor-value";
import { enterNameScope } from "../scopes/name-scope";
import { opDefs } from "./op-defs";

/** Anything an op accepts as an input: a Tensor, a Variable, or a value that becomes a `Const`. */
export type TensorLike = Tensor | TensorConvertible | ArrayValue;

/**
 * Runs `body` inside `with ops.name_scope(name, defaultName, values) as scope:` on the values' graph, atomically:
 * if it throws, the graph keeps no op, name or collection entry from it.
 */
export function opScope<T>(
  name: string | null | undefined,
  defaultName: string,
  values: readonly unknown[],
  body: (scope: string, graph: Graph) => T,
): T {
  return enterNameScope(name, defaultName, values, (scope) => {
    const graph = getDefaultGraph();
    return body(scope, graph);
  });
}

/** Creates the op `def` describes in the default graph (the scope's graph), returning the Operation. */
export function createOp(def: OpDef, inputs: Tensor[], options: CreateOpOptions): Operation {
  return getDefaultGraph().createOp(def, inputs, options);
}

export interface ConvertOptions {
  dtype?: DTypeLike | null;
  name?: string;
  /** Variables convert to their reference (the VariableV2 output) instead of their `read` snapshot. */
  asRef?: boolean;
  /** When a dtype is preferred but not required (TF's preferred_dtype). */
  preferredDtype?: DTypeLike | null;
}

/** ops.py: convert_to_tensor. Plain values become a `Const` named `name` inside the current name scope. */
export function convertToTensor(value: TensorLike, options: ConvertOptions = {}): Tensor {
  const dtype = options.dtype ? asDType(options.dtype) : undefined;
  let tensor: Tensor | undefined;
  if (value instanceof Tensor) tensor = value;
  else if (isTensorConvertible(value)) {
    if (dtype) value.checkConversionDtype?.(dtype);
    tensor = options.asRef ? value.asGraphElement() : value.asTensor();
  }
  if (tensor) {
    if (dtype && tensor.dtype !== dtype) {
      // ops.py: internal_convert_to_tensor
      throw new ValueError(
        `Tensor conversion requested dtype ${dtype.name} for Tensor with dtype ${tensor.dtype.name}: ${tensor.repr()}`,
      );
    }
    return tensor;
  }
  // ops.py: internal_convert_to_tensor tries preferred_dtype first; the JS-numbers rule says when that works.
  const preferred = options.preferredDtype ? asDType(options.preferredDtype) : undefined;
  const chosen = dtype ?? (preferred ? valueDType(value as ArrayValue, preferred) : undefined);
  return constantOp(value as ArrayValue, chosen, null, options.name ?? opDefs.Const.type);
}

/** constant_op.py: constant, the `Const` op (created by name like Graph.create_op, not through a name scope). */
export function constantOp(
  value: ArrayValue,
  dtype: DType | DTypeLike | undefined | null,
  shape: readonly number[] | null,
  name: string,
): Tensor {
  const array = toNDArray(value, dtype, shape);
  // tensor_util.py: make_tensor_proto keeps one value given with a larger shape as that one value.
  if (shape !== null && isSingleValue(value)) markRepeatedValues(array, 1);
  return getDefaultGraph().createOp(opDefs.Const, [], {
    name,
    attrs: { value: array, dtype: array.dtype },
    shapes: [array.shape as Shape],
  }).outputs[0];
}

/** Whether a JS value holds exactly one element (a scalar, or arrays nested one element deep). */
function isSingleValue(value: ArrayValue): boolean {
  if (value instanceof NDArray) return value.size === 1;
  if (ArrayBuffer.isView(value)) return (value as unknown as ArrayLike<unknown>).length === 1;
  let level: unknown = value;
  while (Array.isArray(level)) {
    if (level.length !== 1) return false;
    level = level[0];
  }
  return true;
}
