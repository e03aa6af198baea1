// op_def.proto `is_ref` input args of TF's stateful ops: the inputs that take a variable reference, not its value.
// One table, read by the executor (to pass the variable, not its value) and by the GraphDef importer.

export const REF_INPUTS: Readonly<Record<string, readonly number[]>> = {
  Assign: [0],
  AssignAdd: [0],
  AssignSub: [0],
  IsVariableInitialized: [0],
  ScatterUpdate: [0],
  ScatterAdd: [0],
  ScatterSub: [0],
  CountUpTo: [0],
  ApplyGradientDescent: [0],
  ApplyMomentum: [0, 1],
  ApplyAdam: [0, 1, 2],
  ApplyAdagrad: [0, 1],
  ApplyRMSProp: [0, 1, 2],
};

/** Op types whose output is a variable's storage (a reference). */
export const VARIABLE_OP_TYPES: ReadonlySet<string> = new Set(["VariableV2", "Variable", "TemporaryVariable"]);

export function isRefInput(opType: string, index: number): boolean {
  return REF_INPUTS[opType]?.includes(index) ?? false;
}
