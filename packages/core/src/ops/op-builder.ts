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
import { packShape } from "./shape-inference";

/**
 * Anything an op accepts as an input: a Tensor, a Variable, a value that becomes a `Const`, or a nested list mixing
 * them (packed, as TF autopacks `[tf.shape(x)[0], -1]`).
 */
export type TensorLike = Tensor | TensorConvertible | ArrayValue | readonly TensorLike[];

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
  if (Array.isArray(value)) {
    const packed = autopackedTensor(value, dtype, options.name);
    if (packed !== undefined) return packed;
  }
  // ops.py: internal_convert_to_tensor tries preferred_dtype first; the JS-numbers rule says when that works.
  const preferred = options.preferredDtype ? asDType(options.preferredDtype) : undefined;
  const chosen = dtype ?? (preferred ? valueDType(value as ArrayValue, preferred) : undefined);
  return constantOp(value as ArrayValue, chosen, null, options.name ?? opDefs.Const.type);
}

/** A Tensor or Variable leaf of a nested list (ops.is_dense_tensor_like), as its tensor. */
function denseTensorLike(value: unknown): Tensor | undefined {
  if (value instanceof Tensor) return value;
  return isTensorConvertible(value) ? value.asTensor() : undefined;
}

/** array_ops.py: _get_dtype_from_nested_lists: the dtype of the first tensor-like leaf, depth first. */
function nestedTensorDtype(list: readonly unknown[]): DType | undefined {
  for (const elem of list) {
    const tensor = denseTensorLike(elem);
    if (tensor) return tensor.dtype;
    if (Array.isArray(elem)) {
      const inner = nestedTensorDtype(elem);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * array_ops.py: _autopacking_conversion_function: a nested list holding a Tensor or Variable (`[tf.shape(x)[0], -1]`)
 * becomes a `Pack` named after the conversion (`Reshape/shape`, else `packed`), its plain elements Consts named by
 * their index inside that scope, nested lists packed under `<index>` scopes; tensors of another requested dtype are
 * cast first. Undefined when no leaf is tensor-like (an ordinary constant).
 */
function autopackedTensor(
  list: readonly unknown[],
  dtype: DType | undefined,
  name: string | undefined,
): Tensor | undefined {
  const inferred = nestedTensorDtype(list);
  if (inferred === undefined) return undefined;
  const target = dtype ?? inferred;
  const castLeaves = (elem: unknown): unknown => {
    if (Array.isArray(elem)) return elem.map(castLeaves);
    const tensor = denseTensorLike(elem);
    return tensor && tensor.dtype !== target ? castTensor(tensor, target) : elem;
  };
  const leaves = target === inferred ? list : (list.map(castLeaves) as unknown[]);
  return autopackHelper(leaves, target, name ?? "packed") as Tensor;
}

/** array_ops.py: _autopacking_helper: the packed Tensor, or the list itself when nothing in it is a tensor. */
function autopackHelper(list: readonly unknown[], dtype: DType, name: string): Tensor | unknown[] {
  return opScope(name, name, [], (scope) => {
    let mustPack = false;
    const converted = list.map((elem, i) => {
      const tensor = denseTensorLike(elem);
      if (tensor) {
        if (tensor.dtype !== dtype) {
          // array_ops.py: _autopacking_helper
          throw new TypeError(
            `Cannot convert a list containing a tensor of dtype ${String(tensor.dtype)} to ${String(dtype)} (Tensor is: ${tensor.repr()})`,
          );
        }
        mustPack = true;
        return tensor;
      }
      if (Array.isArray(elem)) {
        const inner = autopackHelper(elem, dtype, String(i));
        if (inner instanceof Tensor) mustPack = true;
        return inner;
      }
      return elem;
    });
    if (!mustPack) return converted;
    const tensors = converted.map((elem, i) =>
      elem instanceof Tensor ? elem : constantOp(elem as ArrayValue, dtype, null, String(i)),
    );
    return createOp(opDefs.Pack, tensors, {
      name: scope,
      attrs: { N: tensors.length, T: dtype, axis: 0 },
      shapes: [packShape(tensors, 0, scope.slice(0, -1))],
    }).outputs[0];
  });
}

/** gen_math_ops.cast: a `Cast` named `Cast` in the current scope. */
function castTensor(x: Tensor, dtype: DType): Tensor {
  return createOp(opDefs.Cast, [x], {
    name: opDefs.Cast.type,
    attrs: { SrcT: x.dtype, DstT: dtype, Truncate: false },
    shapes: [x.shape],
  }).outputs[0];
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
