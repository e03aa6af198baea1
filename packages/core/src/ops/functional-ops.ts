// functional_ops.py and map_fn.py (TF 1.15 graph mode): map_fn, foldl and scan as a tf.whileLoop over TensorArrays:
// the elements unstacked into one TensorArray each, results written to accumulators and stacked after the loop,
// `maximum_iterations` set to the number of elements as TF sets it.
import { ValueError } from "../errors";
import { asDType, type DType, type DTypeLike } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { shape as shapeOf } from "./array-ops";
import { less } from "./math-ops";
import { assertSameStructure, flatten, isSequence, packSequenceAs, type Structure } from "./nest";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { add } from "./operators";
import { TensorArray } from "./tensor-array";
import { indexTensor } from "./tensor-index";
import { whileLoop } from "./while-loop";

export interface MapFnOptions {
  /** The output structure's dtypes when it differs from the elements'. */
  dtype?: Structure<DTypeLike>;
  parallelIterations?: number;
  backProp?: boolean;
  swapMemory?: boolean;
  inferShape?: boolean;
  name?: string;
}

export interface FoldOptions {
  initializer?: unknown;
  parallelIterations?: number;
  backProp?: boolean;
  swapMemory?: boolean;
  name?: string;
}

export interface ScanOptions extends FoldOptions {
  inferShape?: boolean;
}

type ElemFn = (...args: any[]) => any;

/** The number of elements: the static first dimension, or `shape(elem)[0]`. */
function numElements(first: Tensor): number | Tensor {
  const d = first.shape?.[0];
  return d !== null && d !== undefined && d !== 0 ? d : indexTensor(shapeOf(first), 0);
}

function checkCallable(fn: unknown): void {
  // functional_ops.py: map_fn / foldl / scan
  if (typeof fn !== "function") throw new TypeError("fn must be callable.");
}

/** The results' static first dimension (n_static) set on the stacked results. */
function setLeadingDim(results: Tensor[], elems: Tensor[]): void {
  const n = elems[0].shape?.[0] ?? null;
  for (const r of results) if (r.shape !== null) r.setShape([n, ...r.shape.slice(1)]);
}

/**
 * map_fn.py: map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True, swap_memory=False,
 * infer_shape=True, name=None): `fn` applied to each element of `elems` (unpacked along axis 0), stacked.
 */
export function mapFn(fn: ElemFn, elems: unknown, options: MapFnOptions = {}): any {
  checkCallable(fn);
  const inputIsSequence = isSequence(elems);
  const inputFlatten = (x: unknown): unknown[] => (inputIsSequence ? flatten(x as Structure<unknown>) : [x]);
  const inputPack = (x: unknown[]) => (inputIsSequence ? packSequenceAs(elems as Structure<unknown>, x) : x[0]);
  const dtype = options.dtype;
  const outputIsSequence = dtype === undefined ? inputIsSequence : isSequence(dtype);
  const outputFlatten = (x: unknown): unknown[] => (outputIsSequence ? flatten(x as Structure<unknown>) : [x]);
  const outputPack = (x: unknown[]) =>
    outputIsSequence ? packSequenceAs((dtype ?? elems) as Structure<unknown>, x) : x[0];
  return opScope(options.name, "map", inputFlatten(elems), () => {
    const elemsFlat = inputFlatten(elems).map((e) => convertToTensor(e as TensorLike, { name: "elem" }));
    const dtypeFlat: DType[] =
      dtype === undefined ? elemsFlat.map((e) => e.dtype) : outputFlatten(dtype).map((d) => asDType(d as DTypeLike));
    const staticShape = elemsFlat[0].shape;
    if (staticShape !== null && staticShape.length < 1) {
      // map_fn.py: map_fn
      throw new ValueError(
        elemsFlat.length === 1
          ? "elems must be a 1+ dimensional Tensor, not a scalar"
          : "elements in elems must be 1+ dimensional Tensors, not scalars",
      );
    }
    const n = numElements(elemsFlat[0]);
    const elemsTa = elemsFlat.map((e) =>
      new TensorArray(e.dtype, { size: n, dynamicSize: false, inferShape: true }).unstack(e),
    );
    const i = convertToTensor(0);
    const inferShape = options.inferShape ?? true;
    const accsTa = dtypeFlat.map((dt) => new TensorArray(dt, { size: n, dynamicSize: false, inferShape }));
    const compute = (index: Tensor, tas: TensorArray[]) => {
      const packedValues = inputPack(elemsTa.map((ta) => ta.read(index)));
      const packedFnValues = fn(packedValues);
      assertSameStructure(dtype ?? elems, packedFnValues);
      const flatFnValues = outputFlatten(packedFnValues);
      return [add(index, 1), tas.map((ta, k) => ta.write(index, flatFnValues[k] as TensorLike))];
    };
    const [, rA] = whileLoop((index: Tensor) => less(index, n), compute, [i, accsTa], {
      parallelIterations: options.parallelIterations ?? 10,
      backProp: options.backProp,
      swapMemory: options.swapMemory,
      maximumIterations: n,
    }) as [Tensor, TensorArray[]];
    const resultsFlat = rA.map((r) => r.stack());
    setLeadingDim(resultsFlat, elemsFlat);
    return outputPack(resultsFlat);
  });
}

/**
 * functional_ops.py: foldl(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False,
 * name=None): `fn(accumulator, element)` over the elements from the first; the first element starts it without
 * an initializer.
 */
export function foldl(fn: ElemFn, elems: unknown, options: FoldOptions = {}): any {
  checkCallable(fn);
  return opScope(options.name, "foldl", [elems], () => {
    const elemsFlat = flatten(elems as Structure<unknown>).map((e) =>
      convertToTensor(e as TensorLike, { name: "elem" }),
    );
    const n = numElements(elemsFlat[0]);
    const tas = elemsFlat.map((e) =>
      new TensorArray(e.dtype, { size: n, dynamicSize: false, inferShape: true }).unstack(e),
    );
    const packElems = (x: unknown[]) => packSequenceAs(elems as Structure<unknown>, x);
    let a: unknown;
    let i: Tensor;
    if (options.initializer === undefined || options.initializer === null) {
      a = packElems(tas.map((ta) => ta.read(0)));
      i = convertToTensor(1);
    } else {
      a = options.initializer;
      i = convertToTensor(0);
    }
    const compute = (index: Tensor, acc: unknown) => {
      const elemI = packElems(tas.map((ta) => ta.read(index)));
      return [add(index, 1), fn(acc, elemI)];
    };
    const [, rA] = whileLoop((index: Tensor) => less(index, n), compute, [i, a], {
      parallelIterations: options.parallelIterations ?? 10,
      backProp: options.backProp,
      swapMemory: options.swapMemory,
      maximumIterations: n,
    }) as [Tensor, unknown];
    return rA;
  });
}

/**
 * functional_ops.py: scan(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False,
 * infer_shape=True, reverse=False, name=None): every accumulator `fn(accumulator, element)` makes, stacked.
 * (`reverse` is not built yet.)
 */
export function scan(fn: ElemFn, elems: unknown, options: ScanOptions = {}): any {
  checkCallable(fn);
  const inputIsSequence = isSequence(elems);
  const inputFlatten = (x: unknown): unknown[] => (inputIsSequence ? flatten(x as Structure<unknown>) : [x]);
  const inputPack = (x: unknown[]) => (inputIsSequence ? packSequenceAs(elems as Structure<unknown>, x) : x[0]);
  const initializer = options.initializer;
  const hasInit = initializer !== undefined && initializer !== null;
  const outputIsSequence = hasInit ? isSequence(initializer) : inputIsSequence;
  const outputFlatten = (x: unknown): unknown[] => (outputIsSequence ? flatten(x as Structure<unknown>) : [x]);
  const outputPack = (x: unknown[]) =>
    outputIsSequence ? packSequenceAs((hasInit ? initializer : elems) as Structure<unknown>, x) : x[0];
  return opScope(options.name, "scan", inputFlatten(elems), () => {
    const elemsFlat = inputFlatten(elems).map((e) => convertToTensor(e as TensorLike, { name: "elem" }));
    const n = numElements(elemsFlat[0]);
    const elemsTa = elemsFlat.map((e) =>
      new TensorArray(e.dtype, {
        size: n,
        dynamicSize: false,
        elementShape: e.shape === null ? null : e.shape.slice(1),
        inferShape: true,
      }).unstack(e),
    );
    let aFlat: Tensor[];
    let i: Tensor;
    if (!hasInit) {
      aFlat = elemsTa.map((ta) => ta.read(0));
      i = convertToTensor(1);
    } else {
      aFlat = outputFlatten(initializer).map((init) => convertToTensor(init as TensorLike));
      i = convertToTensor(0);
    }
    const inferShape = options.inferShape ?? true;
    let accsTa = aFlat.map(
      (init) =>
        new TensorArray(init.dtype, {
          size: n,
          elementShape: inferShape ? init.shape : null,
          dynamicSize: false,
          inferShape,
        }),
    );
    if (!hasInit) accsTa = accsTa.map((ta, k) => ta.write(0, aFlat[k]));
    const compute = (index: Tensor, a: Tensor[], tas: TensorArray[]) => {
      const packedElems = inputPack(elemsTa.map((ta) => ta.read(index)));
      const packedA = outputPack(a);
      const aOut = fn(packedA, packedElems);
      assertSameStructure(hasInit ? initializer : elems, aOut);
      const flatAOut = outputFlatten(aOut) as TensorLike[];
      return [add(index, 1), flatAOut, tas.map((ta, k) => ta.write(index, flatAOut[k]))];
    };
    const [, , rA] = whileLoop((index: Tensor) => less(index, n), compute, [i, aFlat, accsTa], {
      parallelIterations: options.parallelIterations ?? 10,
      backProp: options.backProp,
      swapMemory: options.swapMemory,
      maximumIterations: n,
    }) as [Tensor, Tensor[], TensorArray[]];
    const resultsFlat = rA.map((r) => r.stack());
    setLeadingDim(resultsFlat, elemsFlat);
    return outputPack(resultsFlat);
  });
}
