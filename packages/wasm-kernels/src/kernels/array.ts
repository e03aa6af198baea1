// Transpose, ConcatV2, Slice, StridedSlice (basic masks), GatherV2, Cast, Fill, BiasAdd, BiasAddGrad.
import type { PreparedKernel } from "@scopeflow/core/kernels";
import {
  bytesOf,
  canonicalAxis,
  checkNHWC,
  type DType,
  eager,
  intsOf,
  kernelError,
  type NativeKernel,
  native,
  nhwc,
  pointerCall,
  type Runtime,
  sizeOf,
  suffixOf,
  variantOf,
} from "../runtime";
import { broadcast, runBinary } from "./elementwise";

const BOTH = ["F32", "I32"] as const;

function contiguousStrides(shape: readonly number[]): number[] {
  const s: number[] = [];
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/**
 * The strided gather export as a prepared call: out (row-major over outShape) = x[offset + sum(index_d * stride_d)],
 * its descriptor [rank, offset, outShape..., strides...] worked out once.
 */
function stridedCall(
  rt: Runtime,
  name: string,
  dtype: DType,
  outShape: number[],
  strides: number[],
  offset: number,
): PreparedKernel {
  const fn = rt.fn[name];
  return pointerCall(
    rt,
    [{ dtype, shape: outShape }],
    [outShape.length, offset, ...outShape, ...strides],
    (p, desc) => {
      const [px, out] = [p[0], p[p.length - 1]];
      return () => fn(px, out, desc);
    },
  );
}

function transpose(rt: Runtime): NativeKernel {
  return native(
    ([x, permArg], ctx) => {
      const suffix = variantOf(ctx, x.dtype, BOTH);
      const perm = intsOf(permArg);
      const seen = new Set(perm);
      const rank = x.shape.length;
      if (perm.length !== rank || seen.size !== rank || perm.some((p) => p < 0 || p >= rank)) {
        // transpose_op.cc: TransposeOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `transpose expects a vector of size ${rank}. But input(1) is a vector of size ${perm.length}, or ${perm.join(",")} is not a permutation`,
        );
      }
      const inStrides = contiguousStrides(x.shape);
      return stridedCall(
        rt,
        `transpose${suffix}`,
        x.dtype,
        perm.map((p) => x.shape[p]),
        perm.map((p) => inStrides[p]),
        0,
      );
    },
    BOTH,
    { valueInputs: [1] },
  );
}

function slice(rt: Runtime): NativeKernel {
  return native(
    ([x, beginArg, sizeArg], ctx) => {
      const suffix = variantOf(ctx, x.dtype, BOTH);
      const begin = intsOf(beginArg);
      const size = intsOf(sizeArg).map((s, i) => (s === -1 ? x.shape[i] - begin[i] : s));
      for (let i = 0; i < x.shape.length; i++) {
        if (begin[i] < 0 || size[i] < 0 || begin[i] + size[i] > x.shape[i]) {
          // slice_op.cc: SharedSliceValidation
          throw kernelError(
            ctx,
            "InvalidArgumentError",
            `Expected begin[${i}] in [0, ${x.shape[i]}] and size[${i}] in [0, ${x.shape[i] - begin[i]}], but got ${begin[i]} and ${size[i]}`,
          );
        }
      }
      const strides = contiguousStrides(x.shape);
      const offset = begin.reduce((acc, b, i) => acc + b * strides[i], 0);
      return stridedCall(rt, `stridedSlice${suffix}`, x.dtype, size, strides, offset);
    },
    BOTH,
    { valueInputs: [1, 2] },
  );
}

/** StridedSlice with begin_mask, end_mask and shrink_axis_mask (strided_slice_op.cc: ValidateStridedSliceOp). */
function stridedSlice(rt: Runtime): NativeKernel {
  return native(
    ([x, beginArg, endArg, stridesArg], ctx) => {
      const suffix = variantOf(ctx, x.dtype, BOTH);
      const mask = (name: string) => Number(ctx.attrs[name] ?? 0);
      if (mask("ellipsis_mask") !== 0 || mask("new_axis_mask") !== 0) {
        throw kernelError(
          ctx,
          "UnimplementedError",
          "StridedSlice with ellipsis_mask or new_axis_mask has no wasm kernel; run it on the reference backend",
        );
      }
      const begin = intsOf(beginArg);
      const end = intsOf(endArg);
      const step = intsOf(stridesArg);
      const inStrides = contiguousStrides(x.shape);
      const outShape: number[] = [];
      const outStrides: number[] = [];
      let offset = 0;
      for (let i = 0; i < x.shape.length; i++) {
        const dim = x.shape[i];
        if (i >= begin.length) {
          outShape.push(dim);
          outStrides.push(inStrides[i]);
          continue;
        }
        const s = step[i];
        if (s === 0) {
          // strided_slice_op.cc: ValidateStridedSliceOp
          throw kernelError(ctx, "InvalidArgumentError", `strides[${i}] must be non-zero`);
        }
        const shrink = (mask("shrink_axis_mask") >> i) & 1;
        if (shrink) {
          const b = begin[i] < 0 ? begin[i] + dim : begin[i];
          if (b < 0 || b >= dim) {
            // strided_slice_op.cc: ValidateStridedSliceOp
            throw kernelError(ctx, "InvalidArgumentError", `slice index ${begin[i]} of dimension ${i} out of bounds.`);
          }
          offset += b * inStrides[i];
          continue;
        }
        const [lo, hi] = s > 0 ? [0, dim] : [-1, dim - 1];
        const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + dim : v, lo), hi);
        const b = (mask("begin_mask") >> i) & 1 ? (s > 0 ? lo : hi) : clamp(begin[i]);
        const e = (mask("end_mask") >> i) & 1 ? (s > 0 ? hi : lo) : clamp(end[i]);
        const n = s > 0 ? Math.max(Math.ceil((e - b) / s), 0) : Math.max(Math.ceil((b - e) / -s), 0);
        outShape.push(n);
        outStrides.push(inStrides[i] * s);
        if (n > 0) offset += b * inStrides[i];
      }
      return stridedCall(rt, `stridedSlice${suffix}`, x.dtype, outShape, outStrides, offset);
    },
    BOTH,
    {
      valueInputs: [1, 2, 3],
      accepts: (attrs) => Number(attrs.ellipsis_mask ?? 0) === 0 && Number(attrs.new_axis_mask ?? 0) === 0,
    },
  );
}

/** ConcatV2(values..., axis): one strided copy per non-empty value into its column range of the output rows. */
function concatV2(rt: Runtime): NativeKernel {
  return native(
    (inputs, ctx) => {
      const values = inputs.slice(0, -1);
      const first = values[0];
      const rank = first.shape.length;
      const suffix = variantOf(ctx, first.dtype, BOTH);
      const requested = intsOf(inputs[inputs.length - 1])[0];
      const axis = canonicalAxis(requested, rank);
      if (axis === undefined) {
        // concat_op.cc: ConcatBaseOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `ConcatOp : Expected concatenating dimensions in the range [${-rank}, ${rank}), but got ${requested}`,
        );
      }
      for (const [i, v] of values.entries()) {
        if (v.shape.length !== rank || v.shape.some((d, j) => j !== axis && d !== first.shape[j])) {
          // concat_op.cc: ConcatBaseOp::Compute
          throw kernelError(
            ctx,
            "InvalidArgumentError",
            `ConcatOp : Dimensions of inputs should match: shape[0] = [${first.shape.join(",")}] vs. shape[${i}] = [${v.shape.join(",")}]`,
          );
        }
      }
      const outShape = [...first.shape];
      outShape[axis] = values.reduce((acc, v) => acc + v.shape[axis], 0);
      const outer = sizeOf(first.shape.slice(0, axis));
      const outRow = sizeOf(outShape.slice(axis));
      const chunks = values.map((v) => sizeOf(v.shape.slice(axis)));
      const concat = rt.fn[`concat${suffix}`];
      return pointerCall(rt, [{ dtype: first.dtype, shape: outShape }], null, (pointers) => {
        const out = pointers[inputs.length];
        return () => {
          let at = 0;
          for (let i = 0; i < chunks.length; i++) {
            if (chunks[i] > 0) concat(pointers[i], out, outer, chunks[i], outRow, at);
            at += chunks[i];
          }
        };
      });
    },
    BOTH,
    { valueInputs: [-1] },
  );
}

function gatherV2(rt: Runtime): NativeKernel {
  return eager(
    ([params, indices, axisArg], ctx) => {
      const suffix = variantOf(ctx, params.dtype, BOTH);
      if (Number(ctx.attrs.batch_dims ?? 0) !== 0) {
        throw kernelError(
          ctx,
          "UnimplementedError",
          "GatherV2 with batch_dims has no wasm kernel; run it on the reference backend",
        );
      }
      const requested = intsOf(axisArg)[0];
      const axis = canonicalAxis(requested, params.rank);
      if (axis === undefined) {
        // gather_op.cc: GatherOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `Expected axis in the range [${-params.rank}, ${params.rank}), but got ${requested}`,
        );
      }
      const outShape = [...params.shape.slice(0, axis), ...indices.shape, ...params.shape.slice(axis + 1)];
      if (sizeOf(outShape) === 0) return [new rt.NDArray(params.dtype, outShape)];
      const axisDim = params.shape[axis];
      return rt.scoped(() => {
        const pp = rt.input(params);
        const indexValues = indices.data instanceof Int32Array ? indices.data : intsOf(indices);
        const pi = rt.scratch(indices.size * 4);
        rt.mem.i32.set(indexValues, pi >> 2);
        const out = rt.output(params.dtype, sizeOf(outShape));
        const inner = sizeOf(params.shape.slice(axis + 1));
        const bad = rt.fn[`gatherV2${suffix}`](
          pp,
          pi,
          out,
          sizeOf(params.shape.slice(0, axis)),
          axisDim,
          indices.size,
          inner,
        );
        if (bad >= 0) {
          // gather_functor.h: HandleCopies
          throw kernelError(
            ctx,
            "InvalidArgumentError",
            `indices[${bad}] = ${intsOf(indices)[bad]} is not in [0, ${axisDim})`,
          );
        }
        return [rt.result(params.dtype, outShape, out)];
      });
    },
    BOTH,
    { accepts: (attrs) => Number(attrs.batch_dims ?? 0) === 0 },
  );
}

function cast(rt: Runtime): NativeKernel {
  return native(
    ([x], ctx) => {
      const to: DType = ctx.outputDtypes[0];
      const from = x.dtype;
      const name = castExport(from, to);
      if (name === undefined) {
        throw kernelError(
          ctx,
          "UnimplementedError",
          `Cast from ${from.name} to ${to.name} has no wasm kernel; run it on the reference backend`,
        );
      }
      const n = sizeOf(x.shape);
      const fn = rt.fn[name];
      return pointerCall(rt, [{ dtype: to, shape: x.shape }], null, ([px, out]) =>
        name === "" ? () => rt.copyWithin(out, px, n * bytesOf(to)) : () => fn(px, out, n),
      );
    },
    [],
    { dtypes: CAST_DTYPES, accepts: (attrs) => CAST_DTYPES.includes(dtypeName(attrs.DstT)) },
  );
}

const CAST_DTYPES: readonly string[] = ["float32", "int32", "bool"];

function dtypeName(value: unknown): string {
  return typeof value === "string"
    ? value
    : typeof value === "object" && value !== null && "name" in value
      ? String(value.name)
      : "";
}

/** The export casting `from` to `to`, "" for a plain copy, undefined when there is none. */
function castExport(from: DType, to: DType): string | undefined {
  const tag = (d: DType) => (d.name === "bool" ? "Bool" : suffixOf(d));
  const f = tag(from);
  const t = tag(to);
  if (!f || !t) return undefined;
  return f === t ? "" : `cast${f}To${t}`;
}

function fill(rt: Runtime): NativeKernel {
  return native(
    ([dims, value], ctx) => {
      const suffix = variantOf(ctx, value.dtype, BOTH);
      const shape = intsOf(dims);
      if (sizeOf(value.shape) !== 1) {
        // constant_op.cc: FillOp::Compute
        throw kernelError(ctx, "InvalidArgumentError", `value must be a scalar, got shape [${value.shape.join(",")}]`);
      }
      if (shape.some((d) => d < 0)) {
        throw kernelError(ctx, "InvalidArgumentError", `dims must be non-negative, got [${shape.join(",")}]`);
      }
      const n = sizeOf(shape);
      const fn = rt.fn[`fill${suffix}`];
      // The value is read from its block at each run (it may change between runs; the dims may not).
      return pointerCall(rt, [{ dtype: value.dtype, shape }], null, ([, pv, out]) => {
        const read = suffix === "F32" ? () => rt.mem.f32[pv >> 2] : () => rt.mem.i32[pv >> 2];
        return () => fn(out, n, read());
      });
    },
    BOTH,
    { typedInput: 1, valueInputs: [0] },
  );
}

/** BiasAdd: a row broadcast of the bias over the last dim, through the Add kernel. */
function biasAdd(rt: Runtime): NativeKernel {
  return native(
    ([value, bias], ctx) => {
      const exportName = `add${variantOf(ctx, value.dtype, BOTH)}`;
      checkNHWC(ctx);
      const rank = value.shape.length;
      if (rank < 2 || bias.shape.length !== 1 || bias.shape[0] !== value.shape[rank - 1]) {
        // bias_op.cc: BiasOp::Compute
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `Must provide as many biases as the last dimension of the input tensor: [${bias.shape.join(",")}] vs. [${value.shape.join(",")}]`,
        );
      }
      const outputs = [{ dtype: value.dtype, shape: value.shape }];
      const bc = broadcast(ctx, value.shape, bias.shape);
      const pad = 4 - bc.dims.length;
      const fn = rt.fn[exportName];
      // A [rows, c] + [c] broadcast collapses to two dims: one export call over a descriptor written once.
      if (pad >= 0) {
        const zeros = Array(pad).fill(0);
        const desc = [...Array(pad).fill(1), ...bc.dims, ...zeros, ...bc.stridesA, ...zeros, ...bc.stridesB];
        return pointerCall(
          rt,
          outputs,
          desc,
          ([pv, pb, po], d) =>
            () =>
              fn(pv, pb, po, d),
        );
      }
      const call = pointerCall(
        rt,
        outputs,
        null,
        ([pv, pb, po]) =>
          () =>
            runBinary(rt, exportName, pv, pb, po, bc, 4),
      );
      return { run: call.run };
    },
    BOTH,
    { accepts: nhwc },
  );
}

/** BiasAddGrad: the sum over all dims but the last, through the column reduction. */
function biasAddGrad(rt: Runtime): NativeKernel {
  return native(
    ([dy], ctx) => {
      const fn = rt.fn[`sum${variantOf(ctx, dy.dtype, BOTH)}`];
      checkNHWC(ctx);
      const c = dy.shape[dy.shape.length - 1];
      const rows = c === 0 ? 0 : sizeOf(dy.shape) / c;
      return pointerCall(
        rt,
        [{ dtype: dy.dtype, shape: [c] }],
        null,
        ([pdy, po]) =>
          () =>
            fn(pdy, po, 1, rows, c),
      );
    },
    BOTH,
    { accepts: nhwc },
  );
}

export function arrayKernels(rt: Runtime) {
  return {
    Transpose: transpose(rt),
    Slice: slice(rt),
    StridedSlice: stridedSlice(rt),
    ConcatV2: concatV2(rt),
    GatherV2: gatherV2(rt),
    Cast: cast(rt),
    Fill: fill(rt),
    BiasAdd: biasAdd(rt),
    BiasAddGrad: biasAddGrad(rt),
  };
}
