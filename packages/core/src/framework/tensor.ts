// ops.py: Tensor, one output of an Operation, with TF1's Python operators as methods.

import { ValueError } from "../errors";
import * as operators from "../ops/operators";
import { type DefaultSession, evalUsingDefaultSession } from "./default-session";
import type { DType } from "./dtypes";
import type { Graph } from "./graph";
import type { Operation } from "./operation";
import { mergeShapes, type Shape, shapeToString } from "./shape";

export class Tensor {
  /**
   * ops.py: Tensor.eval(feed_dict=None, session=None): this tensor's value in `session`, else the default session
   * (Session.asDefault, InteractiveSession). Returns what Session.run returns for it (an NDArray).
   */
  eval<R = unknown>(feedDict?: unknown, session?: DefaultSession | null): R {
    return evalUsingDefaultSession(this, feedDict, this.graph, session) as R;
  }

  /** Ops that read this tensor (TF's `consumers()`), in creation order. */
  readonly consumerOps: Operation[] = [];

  constructor(
    readonly op: Operation,
    readonly valueIndex: number,
    readonly dtype: DType,
    private staticShape: Shape,
  ) {}

  get name(): string {
    return `${this.op.name}:${this.valueIndex}`;
  }
  get graph(): Graph {
    return this.op.graph;
  }
  /** Static shape: dims with `null` where unknown, or `null` for unknown rank. */
  get shape(): Shape {
    return this.staticShape === null ? null : [...this.staticShape];
  }
  getShape(): Shape {
    return this.shape;
  }
  consumers(): Operation[] {
    return [...this.consumerOps];
  }

  /** ops.py: Tensor.set_shape: merges what is known; an incompatible shape is a ValueError. */
  setShape(shape: Shape): void {
    const merged = mergeShapes(this.staticShape, shape);
    if (merged === undefined) {
      // tensor_shape.py: TensorShape.merge_with
      throw new ValueError(`Shapes ${shapeToString(this.staticShape)} and ${shapeToString(shape)} are not compatible`);
    }
    this.staticShape = merged;
  }

  // Python operators, as math_ops.py's binary_op_wrapper builds them (op names add, sub, mul, truediv, ...).
  add(other: operators.Operand, name?: string): Tensor {
    return operators.add(this, other, name);
  }
  sub(other: operators.Operand, name?: string): Tensor {
    return operators.sub(this, other, name);
  }
  mul(other: operators.Operand, name?: string): Tensor {
    return operators.mul(this, other, name);
  }
  div(other: operators.Operand, name?: string): Tensor {
    return operators.truediv(this, other, name);
  }
  matmul(other: operators.Operand, name?: string): Tensor {
    return operators.matmul(this, other, name);
  }
  neg(name?: string): Tensor {
    return operators.neg(this, name);
  }

  /** Whether this output is a reference (a variable's storage), shown as `float32_ref` in messages. */
  get isRef(): boolean {
    return this.op.def.refOutputs.includes(this.valueIndex);
  }

  private get dtypeText(): string {
    return this.isRef ? `${this.dtype.name}_ref` : this.dtype.name;
  }

  /** Python's str(tensor): Tensor("a:0", shape=(1,), dtype=float32). */
  toString(): string {
    return `Tensor("${this.name}", shape=${shapeToString(this.staticShape)}, dtype=${this.dtypeText})`;
  }

  /** Python's repr(tensor): <tf.Tensor 'a:0' shape=(1,) dtype=float32>. */
  repr(): string {
    return `<tf.Tensor '${this.name}' shape=${shapeToString(this.staticShape)} dtype=${this.dtypeText}>`;
  }
}
