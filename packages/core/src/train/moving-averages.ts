// moving_averages.py (TF 1.15): assign_moving_average (with _zero_debias), weighted_moving_average and
// ExponentialMovingAverage, in graph mode with the default distribution strategy.
import { type DType, float32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import type { Operation } from "../framework/operation";
import { isFullyDefined } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { cond } from "../ops/cond";
import { controlDependencies, group } from "../ops/control-flow-ops";
import { cast, minimum, pow, truediv } from "../ops/math-ops";
import { convertToTensor, opScope, type TensorLike } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { assign, assignSub, isVariableInitialized } from "../ops/state-ops";
import { getVariable } from "../scopes/get-variable";
import { getVariableScope, variableScope } from "../scopes/variable-scope";
import { zerosInitializer } from "../variables/init-ops";
import { Variable } from "../variables/variable";

/** Python's `c - t` for a number (Tensor.__rsub__): a `Sub` named `sub` whose x is the constant `sub/x`. */
function rsub(c: number, t: Tensor): Tensor {
  return opScope(null, "sub", [t], (scope) => convertToTensor(c, { name: "x", dtype: t.dtype }).sub(t, scope));
}
/** Python's `c + t` (Tensor.__radd__): an `AddV2` named `add` whose x is `add/x`. */
function radd(c: number, t: Tensor): Tensor {
  return opScope(null, "add", [t], (scope) => convertToTensor(c, { name: "x", dtype: t.dtype }).add(t, scope));
}

const FLOAT_TYPES = new Set(["bfloat16", "float16", "float32", "float64"]);

/** moving_averages.py: _zero_debias: `biased` and `local_step` variables, and the debiased assign. */
function zeroDebias(unbiasedVar: Variable, value: TensorLike, decay: Tensor): Tensor {
  const [biasedVar, localStep] = variableScope(
    unbiasedVar.name.slice(0, -":0".length),
    { values: [unbiasedVar, ...(value instanceof Tensor ? [value] : []), decay] },
    (scope) => {
      const maybeGetUnique = (name: string): string => {
        if (getVariableScope().reuse) return name;
        const vsVars = new Set((scope.globalVariables() as Variable[]).map((x) => x.op.name));
        const fullName = `${getVariableScope().name}/${name}`;
        if (!vsVars.has(fullName)) return name;
        let idx = 1;
        while (vsVars.has(`${fullName}_${idx}`)) idx += 1;
        return `${name}_${idx}`;
      };
      return getDefaultGraph().colocateWith(unbiasedVar.op, () => {
        const biased = getVariable(maybeGetUnique("biased"), {
          initializer: zerosInitializer(),
          shape: unbiasedVar.shape as number[],
          dtype: unbiasedVar.dtype,
          trainable: false,
        }) as Variable;
        const step = getVariable(maybeGetUnique("local_step"), {
          shape: [],
          dtype: unbiasedVar.dtype,
          initializer: zerosInitializer(),
          trainable: false,
        }) as Variable;
        return [biased, step] as const;
      });
    },
  );
  const updateBiased = assignSub(biasedVar, biasedVar.sub(value).mul(decay));
  const updateLocalStep = localStep.assignAdd(1);
  // This function gets `1 - decay`, so use `1.0 - decay` in the exponent.
  const biasFactor = rsub(1, pow(rsub(1, decay), updateLocalStep));
  return assign(unbiasedVar, truediv(updateBiased, biasFactor), { name: `${getDefaultGraph().getNameScope()}/` });
}

/**
 * moving_averages.py: assign_moving_average(variable, value, decay, zero_debias=True, name=None):
 * `variable -= (1 - decay) * (variable - value)` (an `AssignSub` named by the `AssignMovingAvg` scope), or with
 * zero_debias the debiased update through `<variable>/biased` and `<variable>/local_step`.
 */
export function assignMovingAverage(
  variable: Variable,
  value: TensorLike,
  decay: TensorLike,
  options: { zeroDebias?: boolean; name?: string | null } | boolean = {},
): Tensor {
  const o = typeof options === "boolean" ? { zeroDebias: options } : options;
  const zeroDebiasOn = o.zeroDebias ?? true;
  return opScope(o.name ?? null, "AssignMovingAvg", [variable, value, decay], (scope) => {
    let d =
      decay instanceof Tensor
        ? convertToTensor(rsub(1, decay), { name: "decay" })
        : convertToTensor(typeof decay === "number" ? 1 - decay : rsub(1, convertToTensor(decay)), { name: "decay" });
    if (d.dtype !== variable.dtype) d = cast(d, variable.dtype);
    // `v - value` converts a number inside the `sub` scope, with v's dtype (Python's operator).
    if (zeroDebiasOn) return zeroDebias(variable, value, d);
    return assignSub(variable, variable.sub(value).mul(d), { name: scope });
  });
}

/**
 * moving_averages.py: weighted_moving_average(value, decay, weight, truediv=True, collections=None, name=None):
 * `moving_average(value * weight) / moving_average(weight)` over two non-trainable variables.
 */
export function weightedMovingAverage(
  value: Tensor,
  decay: TensorLike,
  weight: Tensor,
  options: { truediv?: boolean; collections?: string[] | null; name?: string | null } = {},
): Tensor {
  const collections = options.collections ?? [GraphKeys.GLOBAL_VARIABLES];
  return variableScope(
    options.name ?? null,
    { defaultName: "WeightedMovingAvg", values: [value, weight, decay] },
    (scope) => {
      const valueXWeightVar = getVariable("value_x_weight", {
        shape: value.shape as number[],
        dtype: value.dtype,
        initializer: zerosInitializer(),
        trainable: false,
        collections,
      }) as Variable;
      const weightVar = getVariable("weight", {
        shape: weight.shape as number[],
        dtype: weight.dtype,
        initializer: zerosInitializer(),
        trainable: false,
        collections,
      }) as Variable;
      const numerator = assignMovingAverage(valueXWeightVar, value.mul(weight), decay, { zeroDebias: false });
      const denominator = assignMovingAverage(weightVar, weight, decay, { zeroDebias: false });
      return truediv(numerator, denominator, scope.name);
    },
  );
}

/** slot_creator.py: create_slot / create_zeros_slot: `<primary>/<name>` (made unique), optionally colocated. */
function createSlot(primary: Variable | Tensor, name: string, initial: Tensor | null, colocate: boolean): Variable {
  const graph = getDefaultGraph();
  const make = () =>
    initial
      ? (getVariable("", {
          initializer: initial,
          trainable: false,
          validateShape: isFullyDefined(initial.shape),
        }) as Variable)
      : (getVariable("", {
          shape: primary.shape as number[],
          dtype: primary.dtype as DType,
          initializer: zerosInitializer(),
          trainable: false,
          validateShape: true,
        }) as Variable);
  return variableScope(null, { defaultName: `${primary.op.name}/${name}` }, () =>
    colocate ? graph.colocateWith(primary.op, make) : make(),
  );
}

export interface ExponentialMovingAverageOptions {
  numUpdates?: TensorLike | null;
  zeroDebias?: boolean;
  name?: string;
}

/** moving_averages.py: ExponentialMovingAverage: shadow variables `v/<name>` kept by `apply`'s update op. */
export class ExponentialMovingAverage {
  readonly decay: TensorLike;
  private readonly numUpdates: TensorLike | null;
  private readonly zeroDebias: boolean;
  private readonly _name: string;
  private readonly averages = new Map<Variable | Tensor, Variable>();

  /** `new ExponentialMovingAverage(decay, numUpdates?, zeroDebias?, name?)` or `(decay, { numUpdates?, ... })`. */
  constructor(
    decay: TensorLike,
    numUpdatesOrOptions?: TensorLike | ExponentialMovingAverageOptions | null,
    zeroDebias?: boolean,
    name?: string,
  ) {
    const isOptions =
      typeof numUpdatesOrOptions === "object" &&
      numUpdatesOrOptions !== null &&
      !(numUpdatesOrOptions instanceof Tensor) &&
      !(numUpdatesOrOptions instanceof Variable) &&
      !Array.isArray(numUpdatesOrOptions);
    const o: ExponentialMovingAverageOptions = isOptions
      ? (numUpdatesOrOptions as ExponentialMovingAverageOptions)
      : { numUpdates: numUpdatesOrOptions as TensorLike | null, zeroDebias, name };
    this.decay = decay;
    this.numUpdates = o.numUpdates ?? null;
    this.zeroDebias = o.zeroDebias ?? false;
    this._name = o.name ?? "ExponentialMovingAverage";
  }

  get name(): string {
    return this._name;
  }

  /**
   * moving_averages.py: ExponentialMovingAverage.apply(var_list=None): shadow variables (a Variable's starts at
   * its initialized value and joins MOVING_AVERAGE_VARIABLES; a Tensor's starts at zeros) and the grouped update.
   */
  apply(varList?: readonly (Variable | Tensor)[] | null): Operation {
    const graph = getDefaultGraph();
    return graph.atomically(() => {
      const list = varList ?? (graph.getCollection(GraphKeys.TRAINABLE_VARIABLES) as Variable[]);
      const zeroDebiasTrue = new Set<Variable>();
      for (const v of list) {
        if (!FLOAT_TYPES.has(v.dtype.name)) {
          // moving_averages.py: ExponentialMovingAverage.apply
          throw new TypeError(`The variables must be half, float, or double: ${v.name}`);
        }
      }
      for (const v of list) {
        if (this.averages.has(v)) continue;
        // ops.init_scope(): no control dependencies, no control-flow context for the shadow variables.
        const avg = controlDependencies(null, () => {
          if (v instanceof Variable) {
            const initialized = cond(
              isVariableInitialized(v),
              () => v.readValue(),
              () => v.initialValue,
            ) as Tensor;
            const slot = createSlot(v, this._name, initialized, true);
            graph.addToCollection(GraphKeys.MOVING_AVERAGE_VARIABLES, v);
            return slot;
          }
          // TF also lists the legacy `Variable` and resource `VarHandleOp`, which scopeflow does not declare.
          const colocate = v.op.type === opDefs.VariableV2.type;
          return createSlot(v, this._name, null, colocate);
        });
        if (!(v instanceof Variable) && this.zeroDebias) zeroDebiasTrue.add(avg);
        const before = new Map(this.averages);
        graph.recordUndo(() => {
          this.averages.clear();
          for (const [k, a] of before) this.averages.set(k, a);
        });
        this.averages.set(v, avg);
      }
      return graph.nameScope(this._name, (scope) => {
        let decay = convertToTensor(this.decay, { name: "decay", dtype: float32 });
        if (this.numUpdates !== null) {
          const numUpdates = cast(this.numUpdates, float32, "num_updates");
          decay = minimum(decay, truediv(radd(1.0, numUpdates), radd(10.0, numUpdates)));
        }
        const updates = list.map((v) => {
          const avg = this.averages.get(v) as Variable;
          return assignMovingAverage(avg, v, decay, { zeroDebias: zeroDebiasTrue.has(avg) });
        });
        return group(updates, scope);
      });
    });
  }

  /** moving_averages.py: ExponentialMovingAverage.average: the shadow variable of `v`, or null. */
  average(v: Variable | Tensor): Variable | null {
    return this.averages.get(v) ?? null;
  }

  /** moving_averages.py: ExponentialMovingAverage.average_name: also before apply (the name it would get). */
  averageName(v: Variable | Tensor): string {
    const avg = this.averages.get(v);
    if (avg) return avg.op.name;
    return getDefaultGraph().uniqueName(`${v.op.name}/${this._name}`, { markAsUsed: false });
  }

  /**
   * moving_averages.py: ExponentialMovingAverage.variables_to_restore(moving_avg_variables=None): a
   * `{ restoreName: variable }` object for a Saver: averaged variables under their average's name, others under
   * their own.
   */
  variablesToRestore(movingAvgVariables?: readonly (Variable | Tensor)[] | null): Record<string, Variable | Tensor> {
    const graph = getDefaultGraph();
    const nameMap: Record<string, Variable | Tensor> = {};
    const list = movingAvgVariables ?? [
      ...(graph.getCollection(GraphKeys.TRAINABLE_VARIABLES) as Variable[]),
      ...(graph.getCollection(GraphKeys.MOVING_AVERAGE_VARIABLES) as Variable[]),
    ];
    const unique = [...new Set(list)];
    for (const v of unique) nameMap[this.averageName(v)] = v;
    const names = new Set(unique.map((v) => v.name));
    for (const v of new Set(graph.getCollection(GraphKeys.GLOBAL_VARIABLES) as Variable[])) {
      if (!names.has(v.name) && !(v.op.name in nameMap)) nameMap[v.op.name] = v;
    }
    return nameMap;
  }
}
