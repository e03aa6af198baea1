// math_grad.py (TF 1.15): gradients of the math ops, building the same ops under the same names.
import { int32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import type { GradFn, GradTable } from "../gradients/grad-types";
import {
  broadcastGradientArgs,
  fill,
  invertPermutation,
  onesLike,
  rank,
  reshape,
  setdiff1d,
  shape,
  size,
  transpose,
  zeros,
  zerosLike,
} from "./array-ops";
import { binaryOp } from "./elementwise";
import { divNoNan } from "./math-div-cast";
import {
  cast,
  cos,
  cumprod,
  cumsum,
  equal,
  floordiv,
  floormod,
  greater,
  greaterEqual,
  lessEqual,
  log,
  matmul,
  maximum,
  multiply,
  pow,
  range,
  realdiv,
  reciprocal,
  reciprocalGrad,
  scalarMul,
  sign,
  sin,
  sqrtGrad,
  truediv,
  where,
} from "./math-ops";
import { constantOp, convertToTensor, opScope } from "./op-builder";
import { opDefs } from "./op-defs";
import { add as addOp, mul, neg, sub } from "./operators";
import { reduceProd, reduceSum } from "./reduction-ops";
import { constantValue } from "./shape-inference";
import { concat, dynamicStitch, gather, stack, tile } from "./slicing-ops";

/** math_grad.py: _ShapesFullySpecifiedAndEqual */
function shapesFullySpecifiedAndEqual(x: Tensor, y: Tensor, grad: Tensor): boolean {
  const [a, b, g] = [x.shape, y.shape, grad.shape];
  return (
    a !== null &&
    !a.includes(null) &&
    a.join() === b?.join() &&
    a.length === b?.length &&
    a.join() === g?.join() &&
    a.length === g?.length
  );
}

/**
 * The un-broadcasting every binary gradient shares (math_grad.py's sx, sy, rx, ry): `Shape`, `Shape_1`,
 * `BroadcastGradientArgs`; then `reduce(t, r, s)` = `reshape(reduce_sum(t, r), s)`.
 */
export function broadcastArgs(op: Operation) {
  const sx = shape(op.inputs[0]);
  const sy = shape(op.inputs[1]);
  const [rx, ry] = broadcastGradientArgs(sx, sy);
  return { sx, sy, rx, ry };
}
export const reduceTo = (t: Tensor, r: Tensor, s: Tensor) => reshape(reduceSum(t, r), s);

/** With ops.control_dependencies([grad]). */
export const after = <T>(grad: Tensor, body: () => T): T => getDefaultGraph().controlDependencies([grad], body);

/** `c + x` for a number c (Python's `1 + x`: __radd__, the constant named `add/x`). */
export function radd(c: number, x: Tensor): Tensor {
  return opScope(null, "add", [x], (scope) =>
    binaryOp(opDefs.AddV2.type, convertToTensor(c, { name: "x", dtype: x.dtype }), x, scope),
  );
}

/** math_grad.py: _safe_shape_div: `x // maximum(y, 1)`. */
const safeShapeDiv = (x: Tensor, y: Tensor) => floordiv(x, maximum(y, 1));

/** math_ops.py: reduced_shape(input_shape, axes): the input shape with the reduced dims set to 1. */
export function reducedShape(inputShape: Tensor, axesIn: Tensor): Tensor {
  const input = cast(inputShape, int32);
  let axes = cast(axesIn, int32);
  const inputRank = size(input);
  axes = binaryOp(opDefs.FloorMod.type, addOp(axes, inputRank), inputRank, null, { operatorName: "mod" });
  const axesShape = shape(axes);
  return dynamicStitch([range(inputRank), axes], [input, fill(axesShape, 1)]);
}

/** math_grad.py: _SumGrad (the reshape+tile fast path when all dims of a known-rank input are reduced). */
const sumGrad: GradFn = (op, [grad]) => {
  const x = op.inputs[0];
  const s = x.shape;
  if (s !== null) {
    const axes = constantValue(op.inputs[1]);
    const axesShape = op.inputs[1].shape;
    if (axes !== null && axesShape?.length === 1 && axes.length === s.length && axes.every((a, i) => a === i)) {
      const g = reshape(
        grad,
        s.map(() => 1),
      );
      const inputShape = s.includes(null) ? shape(x) : constantOp(s as number[], int32, [s.length], opDefs.Const.type);
      return [tile(g, inputShape), null];
    }
  }
  const inputShape = shape(x);
  const [kept, scaling] = getDefaultGraph().colocateWith(inputShape.op, () => {
    const k = reducedShape(inputShape, op.inputs[1]);
    return [k, safeShapeDiv(inputShape, k)];
  });
  return [tile(reshape(grad, kept), scaling), null];
};

/** math_grad.py: _MeanGrad */
const meanGrad: GradFn = (op, grads) => {
  const sumG = sumGrad(op, grads)[0] as Tensor;
  const inShape = op.inputs[0].shape;
  const outShape = op.outputs[0].shape;
  let factor: Tensor;
  if (inShape !== null && outShape !== null && !inShape.includes(null) && !outShape.includes(null)) {
    const inSize = (inShape as number[]).reduce((a, b) => a * b, 1);
    const outSize = (outShape as number[]).reduce((a, b) => a * b, 1);
    factor = constantOp(Math.floor(inSize / Math.max(outSize, 1)), sumG.dtype, null, opDefs.Const.type);
  } else {
    factor = safeShapeDiv(reduceProd(shape(op.inputs[0])), reduceProd(shape(op.outputs[0])));
  }
  return [truediv(sumG, cast(factor, sumG.dtype)), null];
};

/**
 * math_grad.py: _ProdGrad: the product of everything but each entry, as an exclusive cumprod from the left times one
 * from the right over the reduced dims packed into one (so zeros in the input are handled).
 */
const prodGrad: GradFn = (op, [gradIn]) => {
  const x = op.inputs[0];
  const inputShape = shape(x);
  let reductionIndices = reshape(op.inputs[1], [-1]);
  const kept = reducedShape(inputShape, op.inputs[1]);
  const tileScaling = safeShapeDiv(inputShape, kept);
  const grad = tile(reshape(gradIn, kept), tileScaling);
  // with ops.device("/cpu:0") in TF: only a placement hint.
  const r = rank(x);
  reductionIndices = floormod(addOp(reductionIndices, r), r);
  const reduced = cast(reductionIndices, int32);
  const idx = range(0, r);
  const [other] = setdiff1d(idx, reduced);
  const perm = concat([reduced, other], 0);
  const reducedNum = reduceProd(gather(inputShape, reduced));
  const otherNum = reduceProd(gather(inputShape, other));
  const permuted = transpose(x, perm);
  const permutedShape = shape(permuted);
  // ops.convert_to_tensor((reduced_num, other_num)) auto-packs into a Pack named `packed`.
  const reshaped = reshape(permuted, stack([reducedNum, otherNum], 0, "packed"));
  const left = cumprod(reshaped, 0, { exclusive: true });
  const right = cumprod(reshaped, 0, { exclusive: true, reverse: true });
  // math_ops.conj is the identity for real types (no op is built).
  const y = reshape(mul(left, right), permutedShape);
  const out = mul(grad, transpose(y, invertPermutation(perm)));
  return [reshape(out, inputShape), null];
};

/** math_grad.py: _MinOrMaxGrad: the gradient split evenly between the selected elements. */
const minOrMaxGrad: GradFn = (op, [grad]) => {
  const inputShape = shape(op.inputs[0]);
  const kept = reducedShape(inputShape, op.inputs[1]);
  const y = reshape(op.outputs[0], kept);
  const g = reshape(grad, kept);
  const indicators = cast(equal(y, op.inputs[0]), g.dtype);
  const numSelected = reshape(reduceSum(indicators, op.inputs[1]), kept);
  return [mul(truediv(indicators, numSelected), g), null];
};

/** math_grad.py: _AddGrad (Add, AddV2) */
const addGrad: GradFn = (op, [grad]) => {
  const [x, y] = op.inputs;
  if (shapesFullySpecifiedAndEqual(x, y, grad)) return [grad, grad];
  const { sx, sy, rx, ry } = broadcastArgs(op);
  return [reduceTo(grad, rx, sx), reduceTo(grad, ry, sy)];
};

/** math_grad.py: _SubGrad */
const subGrad: GradFn = (op, [grad]) => {
  const [x, y] = op.inputs;
  if (shapesFullySpecifiedAndEqual(x, y, grad)) return [grad, neg(grad)];
  const { sx, sy, rx, ry } = broadcastArgs(op);
  return [reduceTo(grad, rx, sx), reshape(neg(reduceSum(grad, ry)), sy)];
};

/** math_grad.py: _MulGrad (gen_math_ops.mul, so the ops are `Mul`, `Mul_1`) */
const mulGrad: GradFn = (op, [grad]) => {
  const [x, y] = op.inputs;
  if (shapesFullySpecifiedAndEqual(x, y, grad) && (grad.dtype === int32 || grad.dtype.name === "float32")) {
    return [multiply(grad, y), multiply(grad, x)];
  }
  const { sx, sy, rx, ry } = broadcastArgs(op);
  return [reduceTo(multiply(grad, y), rx, sx), reduceTo(multiply(x, grad), ry, sy)];
};

/** math_grad.py: _RealDivGrad */
const realDivGrad: GradFn = (op, [grad]) => {
  const [x, y] = op.inputs;
  const { sx, sy, rx, ry } = broadcastArgs(op);
  const gx = reduceTo(realdiv(grad, y), rx, sx);
  return [gx, reduceTo(mul(grad, realdiv(realdiv(neg(x), y), y)), ry, sy)];
};

/** math_grad.py: _DivNoNanGrad: _RealDivGrad with div_no_nan (conj is a no-op for real types). */
const divNoNanGrad: GradFn = (op, [grad]) => {
  const [x, y] = op.inputs;
  const { sx, sy, rx, ry } = broadcastArgs(op);
  const gx = reduceTo(divNoNan(grad, y), rx, sx);
  return [gx, reduceTo(mul(grad, divNoNan(divNoNan(neg(x), y), y)), ry, sy)];
};

/** math_grad.py: _PowGrad (log(x) masked to 0 where x <= 0) */
const powGrad: GradFn = (op, [grad]) => {
  const [x, y] = op.inputs;
  const z = op.outputs[0];
  const { sx, sy, rx, ry } = broadcastArgs(op);
  const gx = reduceTo(multiply(grad, mul(y, pow(x, sub(y, 1)))), rx, sx);
  const mask = greater(x, 0);
  const safeX = where(mask, x, onesLike(x));
  const logX = where(mask, log(safeX), zerosLike(x));
  return [gx, reduceTo(multiply(grad, mul(z, logX)), ry, sy)];
};

/** math_grad.py: _MaximumMinimumGrad */
function maximumMinimumGrad(selector: (x: Tensor, y: Tensor) => Tensor): GradFn {
  return (op, [grad]) => {
    const [x, y] = op.inputs;
    const sx = shape(x);
    const sy = shape(y);
    const gradShape = shape(grad);
    const z = zeros(gradShape, grad.dtype);
    const xmask = selector(x, y);
    const [rx, ry] = broadcastGradientArgs(sx, sy);
    const xgrad = where(xmask, grad, z);
    const ygrad = where(xmask, z, grad);
    return [reduceTo(xgrad, rx, sx), reduceTo(ygrad, ry, sy)];
  };
}

/** math_grad.py: _SquaredDifferenceGrad */
const squaredDifferenceGrad: GradFn = (op, [grad]) => {
  const [x, y] = op.inputs;
  const { sx, sy, rx, ry } = broadcastArgs(op);
  const xGrad = after(grad, () => mul(scalarMul(2.0, grad), sub(x, y)));
  return [reduceTo(xGrad, rx, sx), neg(reduceTo(xGrad, ry, sy))];
};

/** math_grad.py: _FloorModGrad */
const floorModGrad: GradFn = (op, [grad]) => {
  const [x, y] = op.inputs;
  const { sx, sy, rx, ry } = broadcastArgs(op);
  const floorXDivY = binaryOp(opDefs.FloorDiv.type, x, y, null);
  return [reduceTo(grad, rx, sx), reduceTo(mul(grad, neg(floorXDivY)), ry, sy)];
};

/** math_grad.py: _MatMulGrad */
const matMulGrad: GradFn = (op, [grad]) => {
  const ta = Boolean(op.attrs.transpose_a);
  const tb = Boolean(op.attrs.transpose_b);
  const [a, b] = op.inputs;
  if (!ta && !tb) return [matmul(grad, b, { transposeB: true }), matmul(a, grad, { transposeA: true })];
  if (!ta && tb) return [matmul(grad, b), matmul(grad, a, { transposeA: true })];
  if (ta && !tb) return [matmul(b, grad, { transposeB: true }), matmul(a, grad)];
  return [
    matmul(b, grad, { transposeA: true, transposeB: true }),
    matmul(grad, a, { transposeA: true, transposeB: true }),
  ];
};

/** math_grad.py: _CastGrad: floats only. */
const castGrad: GradFn = (op, [grad]) => {
  const src = op.inputs[0].dtype;
  return src.isFloating && grad.dtype.isFloating ? [cast(grad, src)] : [null];
};

/** math_grad.py: _SelectGrad */
const selectGrad: GradFn = (op, [grad]) => {
  const [c, x] = op.inputs;
  const z = zerosLike(x);
  return [null, where(c, grad, z), where(c, z, grad)];
};

export const mathGrads: GradTable = {
  Add: addGrad,
  AddV2: addGrad,
  Sub: subGrad,
  Mul: mulGrad,
  RealDiv: realDivGrad,
  Pow: powGrad,
  Maximum: /* @__PURE__ */ maximumMinimumGrad(greaterEqual),
  Minimum: /* @__PURE__ */ maximumMinimumGrad(lessEqual),
  SquaredDifference: squaredDifferenceGrad,
  FloorMod: floorModGrad,
  FloorDiv: (() => [null, null]) as GradFn,
  Neg: (_op, [grad]) => [neg(grad)],
  Square: (op, [grad]) =>
    after(grad, () => [multiply(grad, multiply(op.inputs[0], constantOp(2.0, grad.dtype, null, opDefs.Const.type)))]),
  Sqrt: (op, [grad]) => [sqrtGrad(op.outputs[0], grad)],
  Rsqrt: (op, [grad]) => [binaryOp(opDefs.RsqrtGrad.type, op.outputs[0], grad, null)],
  Exp: (op, [grad]) => after(grad, () => [mul(grad, op.outputs[0])]),
  Log: (op, [grad]) => after(grad, () => [mul(grad, reciprocal(op.inputs[0]))]),
  Log1p: (op, [grad]) => after(grad, () => [mul(grad, reciprocal(radd(1, op.inputs[0])))]),
  Abs: (op, [grad]) => [mul(grad, sign(op.inputs[0]))],
  Sign: (op) => [zeros(shape(op.inputs[0]), op.inputs[0].dtype)],
  Reciprocal: (op, [grad]) => [reciprocalGrad(op.outputs[0], grad)],
  Floor: (() => [null]) as GradFn,
  Ceil: (() => [null]) as GradFn,
  Round: (() => [null]) as GradFn,
  // math_grad.py: _SinGrad / _CosGrad (conj is a no-op for real types)
  Sin: (op, [grad]) => after(grad, () => [mul(grad, cos(op.inputs[0]))]),
  Cos: (op, [grad]) => after(grad, () => [mul(neg(grad), sin(op.inputs[0]))]),
  // math_grad.py: _CumsumGrad: the cumulative sum the other way round.
  Cumsum: (op, [grad]) => [
    cumsum(grad, op.inputs[1], { exclusive: Boolean(op.attrs.exclusive), reverse: !op.attrs.reverse }),
    null,
  ],
  AddN: (op, [grad]) => op.inputs.map(() => grad),
  MatMul: matMulGrad,
  Sum: sumGrad,
  Mean: meanGrad,
  Prod: prodGrad,
  Max: minOrMaxGrad,
  Min: minOrMaxGrad,
  Cast: castGrad,
  Select: selectGrad,
  ArgMax: (() => [null, null]) as GradFn,
  ArgMin: (() => [null, null]) as GradFn,
  // math_grad.py / math_ops.py: ops.NotDifferentiable
  Equal: null,
  NotEqual: null,
  Less: null,
  LessEqual: null,
  Greater: null,
  GreaterEqual: null,
  LogicalAnd: null,
  LogicalOr: null,
  LogicalNot: null,
  Range: null,
  All: null,
  Any: null,
  DivNoNan: divNoNanGrad,
};
