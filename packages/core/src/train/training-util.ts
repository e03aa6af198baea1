// training_util.py: get_global_step, create_global_step, get_or_create_global_step, assert_global_step.

import { ValueError } from "../errors";
import { int64 } from "../framework/dtypes";
import { type Graph, getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { isFullyDefined, shapeToString } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { getVariable } from "../scopes/get-variable";
import { initializers } from "../variables/initializers";
import { Variable } from "../variables/variable";
import { messages } from "./messages";

export type GlobalStep = Variable | Tensor;

/** training_util.py: assert_global_step: a Variable or Tensor, of integer type, scalar. */
export function assertGlobalStep(globalStep: unknown): asserts globalStep is GlobalStep {
  if (!(globalStep instanceof Variable) && !(globalStep instanceof Tensor)) {
    // training_util.py: assert_global_step
    throw new TypeError(messages.globalStepNotVariable(String(globalStep)));
  }
  if (!globalStep.dtype.isInteger) {
    // training_util.py: assert_global_step
    throw new TypeError(messages.globalStepNotInteger(String(globalStep.dtype)));
  }
  const shape = globalStep.shape;
  if (shape !== null && shape.length !== 0 && isFullyDefined(shape)) {
    // training_util.py: assert_global_step
    throw new TypeError(messages.globalStepNotScalar(shapeToString(shape)));
  }
}

/**
 * training_util.py: get_global_step(graph=None): the one entry of the GLOBAL_STEP collection, else the tensor
 * `global_step:0`, else null.
 */
export function getGlobalStep(graph: Graph = getDefaultGraph()): GlobalStep | null {
  const collected = graph.getCollection<GlobalStep>(GraphKeys.GLOBAL_STEP);
  let globalStep: GlobalStep;
  if (collected.length === 1) globalStep = collected[0];
  else if (collected.length === 0) {
    const op = graph.findOperation("global_step");
    if (!op || op.outputs.length === 0) return null;
    globalStep = op.outputs[0];
  } else {
    // training_util.py: get_global_step logs 'Multiple tensors in global_step collection.' and returns None.
    return null;
  }
  assertGlobalStep(globalStep);
  return globalStep;
}

/**
 * training_util.py: create_global_step(graph=None): the int64 scalar `global_step`, zero-initialized, not trainable,
 * in GLOBAL_VARIABLES and GLOBAL_STEP, created at the root name scope.
 */
export function createGlobalStep(graph: Graph = getDefaultGraph()): Variable {
  if (getGlobalStep(graph) !== null) {
    // training_util.py: create_global_step
    throw new ValueError(messages.globalStepExists());
  }
  return graph.asDefault(() =>
    graph.nameScope(null, () =>
      getVariable(GraphKeys.GLOBAL_STEP, {
        shape: [],
        dtype: int64,
        initializer: initializers.zeros(),
        trainable: false,
        collections: [GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP],
      }),
    ),
  );
}

/** training_util.py: get_or_create_global_step(graph=None) */
export function getOrCreateGlobalStep(graph: Graph = getDefaultGraph()): GlobalStep {
  return getGlobalStep(graph) ?? createGlobalStep(graph);
}
