// tensor_array_ops.py: TensorArray (_GraphTensorArray, TF 1.15 graph mode): a `TensorArray` op (TensorArrayV3) whose
// handle and flow every method reads; writes return a new TensorArray on the write's flow (build_ta_with_new_flow),
// sharing the element shape the writes infer.
import { ValueError } from "../errors";
import { asDType, type DType, type DTypeLike, int32, int64 } from "../framework/dtypes";
import { asShape, mergeShapes, type Shape, type ShapeLike, shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { useTensorArrayKernels } from "../kernels/reference/tensor-array";
import { identity, shape as shapeOf } from "./array-ops";
import { cast, range } from "./math-ops";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { indexTensor } from "./tensor-index";

// The TensorArray kernels ship with the module that builds TensorArray ops (kernels/lazy-kernel-registry.ts).
useTensorArrayKernels();

export interface TensorArrayOptions {
  size?: TensorLike;
  dynamicSize?: boolean;
  clearAfterRead?: boolean;
  tensorArrayName?: string;
  /** An existing TensorArray's handle (with `flow`). */
  handle?: Tensor;
  flow?: Tensor;
  inferShape?: boolean;
  elementShape?: ShapeLike;
  colocateWithFirstWriteCall?: boolean;
  name?: string;
}

/** shape.is_compatible_with */
function compatible(a: Shape, b: Shape): boolean {
  if (a === null || b === null) return true;
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

/** tensor_array_ops.py: TensorArray */
export class TensorArray {
  readonly dtype: DType;
  readonly handle: Tensor;
  readonly flow: Tensor;
  readonly dynamicSize: boolean;
  private readonly inferShape: boolean;
  /** Shared by every TensorArray built from this one (_element_shape, a one-element list in TF). */
  private readonly elementShapeCell: { shape: Shape };

  constructor(dtype: DTypeLike, options: TensorArrayOptions = {}, shared?: { shape: Shape }) {
    this.dtype = asDType(dtype);
    this.dynamicSize = options.dynamicSize ?? false;
    this.inferShape = options.inferShape ?? true;
    this.elementShapeCell = shared ?? { shape: asShape(options.elementShape ?? null) };
    const { handle, flow } = options;
    if (handle !== undefined && (flow === undefined || flow === null)) {
      // tensor_array_ops.py: _GraphTensorArray.__init__
      throw new ValueError("flow must not be None if handle is not None.");
    }
    if (handle === undefined && (options.size === undefined || options.size === null)) {
      throw new ValueError("Size must be provided if handle is not provided");
    }
    const [h, f] = opScope(options.name, "TensorArray", [], (scope): [Tensor, Tensor] => {
      if (handle !== undefined) return [handle, flow as Tensor];
      const size = convertToTensor(options.size as TensorLike, { dtype: int32, name: "size" });
      const op = createOp(opDefs.TensorArrayV3, [size], {
        name: scope,
        attrs: {
          dtype: this.dtype,
          element_shape: { shape: this.elementShapeCell.shape },
          dynamic_size: this.dynamicSize,
          clear_after_read: options.clearAfterRead ?? true,
          identical_element_shapes: this.inferShape,
          tensor_array_name: options.tensorArrayName ?? "",
        },
        shapes: [[2], []],
      });
      return [op.outputs[0], op.outputs[1]];
    });
    this.handle = h;
    this.flow = f;
  }

  /** The elements' static shape, as the writes so far have inferred it. */
  get elementShape(): Shape {
    return this.elementShapeCell.shape;
  }

  /** build_ta_with_new_flow / control_flow_ops.py's _make_tensor_array: this array on another flow. */
  withFlow(flow: Tensor): TensorArray {
    return new TensorArray(
      this.dtype,
      { handle: this.handle, flow, inferShape: this.inferShape, dynamicSize: this.dynamicSize },
      this.elementShapeCell,
    );
  }

  /** _GraphTensorArray._check_element_shape */
  private checkElementShape(shape: Shape): void {
    if (!compatible(shape, this.elementShape)) {
      throw new ValueError(
        `Inconsistent shapes: saw ${shapeToString(shape)} but expected ${shapeToString(this.elementShape)} `,
      );
    }
    if (this.inferShape) this.elementShapeCell.shape = mergeShapes(this.elementShape, shape) ?? shape;
  }

  /** TensorArray.read: the element at `index`. */
  read(index: TensorLike, name?: string): Tensor {
    return opScope(name, opDefs.TensorArrayReadV3.type, [this.handle, index], (scope) => {
      const i = convertToTensor(index, { dtype: int32, name: "index" });
      return createOp(opDefs.TensorArrayReadV3, [this.handle, i, this.flow], {
        name: scope,
        attrs: { dtype: this.dtype },
        shapes: [this.elementShape],
      }).outputs[0];
    });
  }

  /** TensorArray.write: a TensorArray on the write's flow. */
  write(index: TensorLike, value: TensorLike, name?: string): TensorArray {
    return opScope(name, "TensorArrayWrite", [this.handle, index, value], () => {
      const v = convertToTensor(value, { dtype: this.dtype, name: "value" });
      this.checkElementShape(v.shape);
      const i = convertToTensor(index, { dtype: int32, name: "index" });
      const flow = createOp(opDefs.TensorArrayWriteV3, [this.handle, i, v, this.flow], {
        name: this.opName(opDefs.TensorArrayWriteV3.type),
        attrs: { T: this.dtype },
        shapes: [[]],
      }).outputs[0];
      return this.withFlow(flow);
    });
  }

  /** TensorArray.gather: the elements at `indices`, stacked. */
  gather(indices: TensorLike, name?: string): Tensor {
    return opScope(name, opDefs.TensorArrayGatherV3.type, [this.handle, indices], (scope) => {
      const idx = convertToTensor(indices, { dtype: int32, name: "indices" });
      const es = this.elementShape;
      return createOp(opDefs.TensorArrayGatherV3, [this.handle, idx, this.flow], {
        name: scope,
        attrs: { dtype: this.dtype, element_shape: { shape: es } },
        shapes: [es === null ? null : [null, ...es]],
      }).outputs[0];
    });
  }

  /** TensorArray.stack: all elements, stacked (a gather of `range(0, size())`). */
  stack(name?: string): Tensor {
    return opScope(name, "TensorArrayStack", [this.handle], () =>
      this.handle.graph.colocateWith(this.handle.op, () => this.gather(range(0, this.size()))),
    );
  }

  /** TensorArray.scatter: `value`'s rows written at `indices`. */
  scatter(indices: TensorLike, value: TensorLike, name?: string): TensorArray {
    return opScope(name, "TensorArrayScatter", [this.handle, value, indices], () => {
      const v = convertToTensor(value, { dtype: this.dtype, name: "value" });
      this.checkElementShape(v.shape === null ? null : v.shape.slice(1));
      const idx = convertToTensor(indices, { dtype: int32, name: "indices" });
      const flow = createOp(opDefs.TensorArrayScatterV3, [this.handle, idx, v, this.flow], {
        name: this.opName(opDefs.TensorArrayScatterV3.type),
        attrs: { T: this.dtype },
        shapes: [[]],
      }).outputs[0];
      return this.withFlow(flow);
    });
  }

  /** TensorArray.unstack: `value`'s rows as the elements. */
  unstack(value: TensorLike, name?: string): TensorArray {
    return opScope(name, "TensorArrayUnstack", [this.handle, value], () => {
      const v = convertToTensor(value, { dtype: this.dtype, name: "value" });
      const numElements = indexTensor(shapeOf(v), 0);
      return this.scatter(range(0, numElements), v);
    });
  }

  /** TensorArray.concat: the elements concatenated along their first axis. */
  concat(name?: string): Tensor {
    return opScope(name, opDefs.TensorArrayConcatV3.type, [this.handle], (scope) => {
      const es = this.elementShape;
      const rest = es === null ? null : es.slice(1);
      return createOp(opDefs.TensorArrayConcatV3, [this.handle, this.flow], {
        name: scope,
        attrs: { dtype: this.dtype, element_shape_except0: { shape: rest } },
        shapes: [rest === null ? null : [null, ...rest], [null]],
      }).outputs[0];
    });
  }

  /** TensorArray.split: `value` split along its first axis into pieces of `lengths`. */
  split(value: TensorLike, lengths: TensorLike, name?: string): TensorArray {
    return opScope(name, "TensorArraySplit", [this.handle, value, lengths], () => {
      const v = convertToTensor(value, { dtype: this.dtype, name: "value" });
      const lengths64 = cast(lengths, int64);
      const flow = createOp(opDefs.TensorArraySplitV3, [this.handle, v, lengths64, this.flow], {
        name: this.opName(opDefs.TensorArraySplitV3.type),
        attrs: { T: this.dtype },
        shapes: [[]],
      }).outputs[0];
      return this.withFlow(flow);
    });
  }

  /**
   * TensorArray.grad(source, flow=None, name=None): the gradient TensorArray of this one for the gradient
   * computation `source` (`TensorArrayGrad/TensorArrayGradV3`), on a flow (`gradient_flow`) that runs after it.
   */
  grad(source: string, flow?: Tensor, name?: string): TensorArray {
    const flowIn = flow ?? this.flow;
    return opScope(name, "TensorArrayGrad", [this.handle], (_scope, graph) =>
      graph.colocateWith(this.handle.op, () => {
        const op = createOp(opDefs.TensorArrayGradV3, [this.handle, flowIn], {
          name: this.opName(opDefs.TensorArrayGradV3.type),
          attrs: { source },
          shapes: [[2], []],
        });
        const gradHandle = op.outputs[0];
        const gradFlow = graph.controlDependencies([gradHandle], () => identity(flowIn, "gradient_flow"));
        return new TensorArray(
          this.dtype,
          { handle: gradHandle, flow: gradFlow, inferShape: this.inferShape, colocateWithFirstWriteCall: false },
          { shape: this.elementShape },
        );
      }),
    );
  }

  /** TensorArray.size */
  size(name?: string): Tensor {
    return opScope(
      name,
      opDefs.TensorArraySizeV3.type,
      [this.handle],
      (scope) => createOp(opDefs.TensorArraySizeV3, [this.handle, this.flow], { name: scope, shapes: [[]] }).outputs[0],
    );
  }

  /** TensorArray.close */
  close(name?: string) {
    return opScope(name, opDefs.TensorArrayCloseV3.type, [this.handle], (scope) =>
      createOp(opDefs.TensorArrayCloseV3, [this.handle], { name: scope, shapes: [] }),
    );
  }

  /** The op name gen_data_flow_ops gives with name=None inside the method's scope. */
  private opName(type: string): string {
    return opScope(null, type, [], (scope) => scope);
  }
}
