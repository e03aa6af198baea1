// slot_creator.py: create_zeros_slot / create_slot_with_initializer: `v/<Optimizer>` variables next to their primary.

import { ValueError } from "../errors";
import { getDefaultGraph } from "../framework/graph";
import { isFullyDefined } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { getVariable } from "../scopes/get-variable";
import { variableScope } from "../scopes/variable-scope";
import { type Initializer, initializers } from "../variables/initializers";
import type { Variable } from "../variables/variable";
import { messages } from "./messages";

/**
 * slot_creator.py: create_zeros_slot(primary, name): a zero-initialized, non-trainable variable of primary's shape
 * and dtype, created with get_variable("") inside `variable_scope(None, default_name=primary.op.name + "/" + name)`
 * (so the second slot of one optimizer is `v/Adam_1`), colocated with the primary.
 */
export function createZerosSlot(primary: Variable, name: string): Variable {
  return createSlotWithInitializer(primary, initializers.zeros(), name);
}

/**
 * slot_creator.py: create_slot_with_initializer(primary, initializer, shape, dtype, name): as create_zeros_slot with
 * another initializer (RMSProp's ones, Adagrad's initial accumulator value).
 */
export function createSlotWithInitializer(primary: Variable, initializer: Initializer, name: string): Variable {
  const shape = primary.shape;
  if (!isFullyDefined(shape)) {
    // slot_creator.py: create_zeros_slot (scopeflow supports static slot shapes only)
    throw new ValueError(messages.slotShapeUnknown(primary.toString()));
  }
  const graph = getDefaultGraph();
  return variableScope(null, { defaultName: `${primary.op.name}/${name}` }, () =>
    graph.colocateWith(primary.op, () =>
      getVariable("", {
        shape,
        dtype: primary.dtype,
        initializer,
        trainable: false,
        validateShape: true,
      }),
    ),
  );
}

/**
 * slot_creator.py: create_slot(primary, val, name): a non-trainable variable initialized from the tensor `val`
 * (its shape and dtype), created with get_variable("", initializer=val) inside `variable_scope(None,
 * default_name=primary.op.name + "/" + name)`, colocated with the primary (Ftrl's and ProximalAdagrad's slots).
 */
export function createSlot(primary: Variable, val: Tensor, name: string): Variable {
  const graph = getDefaultGraph();
  return variableScope(null, { defaultName: `${primary.op.name}/${name}` }, () =>
    graph.colocateWith(primary.op, () =>
      getVariable("", { initializer: val, trainable: false, validateShape: isFullyDefined(val.shape) }),
    ),
  );
}
