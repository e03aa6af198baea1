// RandomUniform (random_op.cc: PhiloxRandomOp<UniformDistribution<float>>), float32: the same Philox stream as the
// reference kernel (core's kernels/reference/random.ts), so a seeded graph draws TF's numbers on either backend and a
// Session may switch backends without changing them. As there (guarded_philox_random.cc ReserveRandomOutputs), each
// run of the op continues where its previous run in the Session left off: the offset lives in the Session's state
// under the reference kernel's private key, so the two kernels share it.
import type { KernelContext } from "@scopeflow/core/kernels";
import { eager, intsOf, kernelError, type NativeKernel, type Runtime } from "../runtime";
import { dtypeName } from "./segment";

const U32 = 0xffffffffn;

/** philox_random.h: PhiloxRandom(seed, seed2) skipped by `offset` draws: [counter (4 words), key (2 words)]. */
function philoxWords(seed: bigint, seed2: bigint, offset: number): number[] {
  let counter = (seed2 << 64n) + BigInt(offset);
  counter &= (1n << 128n) - 1n;
  const words = [0, 1, 2, 3].map((i) => Number((counter >> BigInt(32 * i)) & U32));
  return [...words, Number(seed & U32), Number((seed >> 32n) & U32)];
}

/** The reference kernel's `reserve`: the stream's words for this run, and the offset after it stored. */
function reserve(rt: Runtime, ctx: KernelContext, count: number): number[] {
  let seed = BigInt(Number(ctx.attrs.seed ?? 0));
  let seed2 = BigInt(Number(ctx.attrs.seed2 ?? 0));
  // seed = seed2 = 0 means "random" in TF: fresh seeds, as the reference kernel draws them.
  if (seed === 0n && seed2 === 0n) {
    seed = BigInt(Math.floor(Math.random() * 2 ** 32));
    seed2 = BigInt(Math.floor(Math.random() * 2 ** 32));
  }
  const stateKey = `\u0000philox:${ctx.opName}`;
  const used = ctx.variables.get(stateKey);
  const offset = used ? Number((used.data as Float64Array)[0]) : 0;
  ctx.variables.set(stateKey, new rt.NDArray("float64", [1], new Float64Array([offset + count * 256])));
  return philoxWords(seed & ((1n << 64n) - 1n), seed2 & ((1n << 64n) - 1n), offset);
}

function randomUniform(rt: Runtime): NativeKernel {
  return eager(
    ([shapeArg], ctx) => {
      if (shapeArg.rank !== 1) {
        // op_kernel.cc: OpKernel::MakeShape
        throw kernelError(
          ctx,
          "InvalidArgumentError",
          `shape must be a vector of {int32,int64}, got shape [${shapeArg.shape.join(",")}]`,
        );
      }
      const shape = intsOf(shapeArg);
      for (const d of shape) {
        // tensor_shape.cc: MakeShapeHelper
        if (d < 0) throw kernelError(ctx, "InvalidArgumentError", `Dimension ${d} must be >= 0`);
      }
      const dtype = ctx.outputDtypes[0];
      const n = shape.reduce((a, b) => a * b, 1);
      const words = reserve(rt, ctx, n);
      if (n === 0) return [new rt.NDArray(dtype, shape)];
      return rt.scoped(() => {
        const out = rt.output(dtype, n);
        rt.fn.philoxUniformF32(out, n, ...words);
        return [rt.result(dtype, shape, out)];
      });
    },
    [],
    { dtypes: ["int32", "int64"], accepts: (attrs) => dtypeName(attrs.dtype, "float32") === "float32" },
  );
}

export function randomKernels(rt: Runtime) {
  return { RandomUniform: randomUniform(rt) };
}
