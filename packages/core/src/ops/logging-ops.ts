// logging_ops.py, array_ops.py, numerics.py (TF 1.15): tf.Print, tf.check_numerics, tf.verify_tensor_all_finite,
// tf.add_check_numerics_ops.
import { ValueError } from "../errors";
import { float16, float32, float64 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { useLoggingKernels } from "../kernels/reference/logging";
import { group } from "./control-flow-ops";
import { withDependencies } from "./control-flow-switch";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

// The kernels of this family ship with the module that builds its ops (kernels/lazy-kernel-registry.ts).
useLoggingKernels();

export interface PrintOptions {
  message?: string | null;
  /** Log only the first `firstN` runs (TF's first_n; -1, the default, logs every run). */
  firstN?: number | null;
  /** Elements logged per data tensor (default 3). */
  summarize?: number | null;
  name?: string;
}

/**
 * logging_ops.py: Print(input_, data, message=None, first_n=None, summarize=None, name=None) (deprecated in TF for
 * tf.print): an Identity of `input` of type `Print` that, when run, logs `message` and `[summary]` of each data
 * tensor (to tf.tools.setPrintSink's sink, console.error by default, as TF's kernel writes to stderr).
 */
export function Print(
  input: TensorLike,
  data: readonly TensorLike[],
  message?: string | PrintOptions | null,
  options: PrintOptions = {},
): Tensor {
  const opts = typeof message === "object" && message !== null ? message : { ...options, message };
  return opScope(opts.name, opDefs.Print.type, [input, ...data], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    // A list(type) input: each element converted on its own, named data_<i>.
    const values = data.map((d, i) => convertToTensor(d, { name: `data_${i}` }));
    return createOp(opDefs.Print, [x, ...values], {
      name: scope,
      attrs: {
        T: x.dtype,
        U: values.map((t) => t.dtype),
        message: opts.message ?? "",
        first_n: opts.firstN ?? -1,
        summarize: opts.summarize ?? 3,
      },
      shapes: [x.shape],
    }).outputs[0];
  });
}

const FLOATS = [float16, float32, float64];

/** array_ops.py: check_numerics(tensor, message, name=None): a `CheckNumerics` that fails on NaN or Inf. */
export function checkNumerics(tensor: TensorLike, message: string, name?: string): Tensor {
  return opScope(name, opDefs.CheckNumerics.type, [tensor], (scope) => {
    const x = convertToTensor(tensor, { name: "tensor" });
    if (!FLOATS.includes(x.dtype)) {
      // op_def_library.py: _SatisfiesTypeConstraint
      throw new TypeError(
        `Value passed to parameter 'tensor' has DataType ${x.dtype.name} not in list of allowed values: bfloat16, float16, float32, float64`,
      );
    }
    return createOp(opDefs.CheckNumerics, [x], { name: scope, attrs: { T: x.dtype, message }, shapes: [x.shape] })
      .outputs[0];
  });
}

/**
 * numerics.py: verify_tensor_all_finite(t, msg, name=None): `VerifyFinite/CheckNumerics` colocated with `t`, and
 * `t` again as `VerifyFinite/control_dependency`, which runs after the check.
 */
export function verifyTensorAllFinite(t: TensorLike, msg: string, name?: string): Tensor {
  return opScope(name, "VerifyFinite", [t], (_scope, graph) => {
    const x = convertToTensor(t, { name: "x" });
    return graph.colocateWith(x.op, () => {
      const verifyInput = checkNumerics(x, msg);
      return withDependencies([verifyInput], x);
    });
  });
}

/**
 * numerics.py: add_check_numerics_ops(): a `CheckNumerics` (message `op:index`) on every float16/32/64 output in
 * the default graph, chained by control dependencies, and a `group_deps` NoOp after the last.
 */
export function addCheckNumericsOps(): Operation {
  const graph = getDefaultGraph();
  let checkOp: Tensor[] = [];
  for (const op of graph.getOperations()) {
    for (const output of op.outputs) {
      if (output.isRef || !FLOATS.includes(output.dtype)) continue;
      if (op.controlFlowContext !== null) {
        throw new ValueError(
          "`tf.add_check_numerics_ops() is not compatible with TensorFlow control flow operations such as `tf.cond()` or `tf.while_loop()`.",
        );
      }
      const message = `${op.name}:${output.valueIndex}`;
      checkOp = graph.controlDependencies(checkOp, () => [checkNumerics(output, message)]);
    }
  }
  return group(checkOp);
}
