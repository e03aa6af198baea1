// state_grad.py: the ref-updating ops TF registers NotDifferentiable (so a gradient walk through them stops).
import type { GradTable } from "../gradients/grad-types";

export const stateGrads: GradTable = {
  Assign: null,
  AssignAdd: null,
  AssignSub: null,
  ScatterAdd: null,
  ScatterSub: null,
};
