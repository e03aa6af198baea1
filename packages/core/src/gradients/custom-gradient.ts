// custom_gradient.py (TF 1.15, graph mode): `tf.customGradient(f)` wraps `f`, which returns its result and the
// function computing its inputs' gradients; the result and the inputs pass through one IdentityN whose gradient is
// overridden (gradient_override_map) by a freshly registered gradient that calls that function.
import { getDefaultGraph } from "../framework/graph";
import type { Tensor } from "../framework/tensor";
import { identityN } from "../ops/array-ops";
import { flatten, packSequenceAs, type Structure } from "../ops/nest";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { getVariableScope } from "../scopes/variable-scope";
import type { GradFn } from "./grad-types";
import { registerOnce } from "./registry";

/** The gradients of the inputs, as custom_gradient's grad_fn returns them: one, a list, or a nested list. */
export type CustomGradResult = Structure<Tensor | null>;
export type CustomGradientFunction<R> = (...args: Tensor[]) => readonly [R, (...grads: Tensor[]) => CustomGradResult];

/** ops.uid(): TF's process-wide counter, which names each registered gradient `CustomGradient-<uid>`. */
let uid = 0;

/**
 * custom_gradient.py: custom_gradient(f). `f(...inputs)` returns `[result, gradFn]`; `gradFn(...resultGrads)` returns
 * one gradient per input. Variables made inside `f` are refused as TF refuses non-resource variables (scopeflow's
 * variables are TF1's ref variables), so gradFn never receives `variables`.
 */
export function customGradient<R extends Structure<Tensor>>(
  f: CustomGradientFunction<R>,
): (...args: TensorLike[]) => R {
  return (...rawArgs) => {
    const name = `CustomGradient-${++uid}`;
    const args = rawArgs.map((x) => convertToTensor(x));
    const scope = getVariableScope();
    const before = new Set([...scope.globalVariables(), ...scope.localVariables()]);
    const [result, gradFn] = f(...args);
    const after = [...scope.globalVariables(), ...scope.localVariables()];
    if (after.some((v) => !before.has(v))) {
      throw new TypeError(
        "All variables used by a function wrapped with @custom_gradient must be `ResourceVariable`s. Ensure that " +
          "no `variable_scope` is created with `use_resource=False`.",
      );
    }
    const flatResult = flatten<Tensor>(result).map((t) => convertToTensor(t));
    const internalGradFn: GradFn = (_op, grads) => {
      const inputGrads = flatten(gradFn(...grads.slice(0, flatResult.length)));
      return [...flatResult.map(() => null), ...inputGrads];
    };
    registerOnce(name, internalGradFn, f.name || "<anonymous>");
    const outputs = getDefaultGraph().gradientOverrideMap({ [opDefs.IdentityN.type]: name }, () =>
      identityN([...flatResult, ...args]),
    );
    return packSequenceAs(result, outputs.slice(0, flatResult.length)) as R;
  };
}
