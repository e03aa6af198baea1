// Unary math (cwise_ops.h) and activations (relu_op.h, cwise_ops.h's sigmoid and tanh) with their gradients.
import { caseRandom, type KernelCase, LENGTHS, size } from "./case-tensor";

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
/** The function, the input range it is tested over, and whether it has an int32 kernel. */
const UNARY: Record<string, [(x: number) => number, [number, number], boolean]> = {
  Neg: [(x) => -x, [-3, 3], true],
  Square: [(x) => x * x, [-3, 3], true],
  Abs: [Math.abs, [-3, 3], true],
  Sqrt: [Math.sqrt, [0, 9], false],
  Rsqrt: [(x) => 1 / Math.sqrt(x), [0.1, 9], false],
  Reciprocal: [(x) => 1 / x, [0.5, 4], false],
  Exp: [Math.exp, [-20, 20], false],
  Log: [Math.log, [0.01, 100], false],
  Relu: [(x) => Math.max(x, 0), [-3, 3], false],
  Relu6: [(x) => Math.min(Math.max(x, 0), 6), [-3, 9], false],
  Sigmoid: [sigmoid, [-20, 20], false],
  Tanh: [Math.tanh, [-5, 5], false],
};

export function unaryCases(): KernelCase[] {
  const { values, f32, i32 } = caseRandom(102);
  const cases: KernelCase[] = [];
  const shapes: [number[], string][] = [
    [[], "scalar"],
    ...LENGTHS.map((n): [number[], string] => [[n], `length ${n}`]),
    [[2, 0], "empty"],
    [[3, 7], "matrix"],
  ];
  for (const [op, [f, [lo, hi], hasInt]] of Object.entries(UNARY)) {
    for (const [shape, title] of shapes) {
      const x = f32(shape, values(size(shape), lo, hi));
      cases.push({ op, title: `${title} float32`, inputs: [x], expected: [f32(shape, x.data.map(f))], tol: 2e-6 });
      if (hasInt) {
        const ix = i32(shape);
        cases.push({
          op,
          title: `${title} int32`,
          inputs: [ix],
          expected: [
            i32(
              shape,
              ix.data.map((v) => f(v) | 0),
            ),
          ],
        });
      }
    }
  }
  for (const [shape, title] of shapes) {
    const n = size(shape);
    const dy = f32(shape);
    const x = f32(shape);
    const y = f32(shape, values(n, 0, 1));
    const t = f32(shape, values(n, -1, 1));
    cases.push({
      op: "ReluGrad",
      title,
      inputs: [dy, x],
      expected: [
        f32(
          shape,
          dy.data.map((g, i) => (x.data[i] > 0 ? g : 0)),
        ),
      ],
    });
    cases.push({
      op: "SigmoidGrad",
      title,
      inputs: [y, dy],
      expected: [
        f32(
          shape,
          y.data.map((s, i) => dy.data[i] * s * (1 - s)),
        ),
      ],
      tol: 1e-6,
    });
    cases.push({
      op: "TanhGrad",
      title,
      inputs: [t, dy],
      expected: [
        f32(
          shape,
          t.data.map((s, i) => dy.data[i] * (1 - s * s)),
        ),
      ],
      tol: 1e-6,
    });
  }
  return cases;
}
