// ApplyGradientDescent, ApplyMomentum (with and without use_nesterov) and ApplyAdam at step 3 (training_ops.cc):
// the updated variable and slots, which the backends write back through the variable store.
import { caseRandom, type KernelCase, size } from "./case-tensor";

export function trainingCases(): KernelCase[] {
  const { values, f32 } = caseRandom(107);
  const cases: KernelCase[] = [];
  for (const shape of [[], [3], [5], [17], [4, 250], [0]]) {
    const n = size(shape);
    const v = f32(shape);
    const g = f32(shape);
    const acc = f32(shape);
    cases.push({
      op: "ApplyGradientDescent",
      title: `[${shape}]`,
      inputs: [v, f32([], [0.1]), g],
      refs: { 0: "w" },
      expected: [
        f32(
          shape,
          v.data.map((x, i) => x - 0.1 * g.data[i]),
        ),
      ],
      tol: 1e-6,
    });
    for (const nesterov of [false, true]) {
      const a2 = acc.data.map((a, i) => a * 0.9 + g.data[i]);
      const w2 = v.data.map((x, i) => x - (nesterov ? g.data[i] * 0.01 + a2[i] * 0.9 * 0.01 : 0.01 * a2[i]));
      cases.push({
        op: "ApplyMomentum",
        title: `[${shape}]${nesterov ? " use_nesterov" : ""}`,
        inputs: [v, acc, f32([], [0.01]), g, f32([], [0.9])],
        attrs: { use_nesterov: nesterov },
        refs: { 0: "w", 1: "w/Momentum" },
        expected: [f32(shape, w2), f32(shape, a2)],
        tol: 1e-6,
      });
    }
    const m = f32(shape, values(n, -0.1, 0.1));
    const vv = f32(shape, values(n, 0, 0.1));
    const [b1, b2, lr, eps, b1p, b2p] = [0.9, 0.999, 0.001, 1e-8, 0.9 ** 3, 0.999 ** 3];
    const lrT = (lr * Math.sqrt(1 - b2p)) / (1 - b1p);
    const m2 = m.data.map((x, i) => x + (g.data[i] - x) * (1 - b1));
    const v2 = vv.data.map((x, i) => x + (g.data[i] * g.data[i] - x) * (1 - b2));
    const w2 = v.data.map((x, i) => x - (lrT * m2[i]) / (Math.sqrt(v2[i]) + eps));
    cases.push({
      op: "ApplyAdam",
      title: `[${shape}] step 3`,
      inputs: [
        v,
        m,
        vv,
        f32([], [b1p]),
        f32([], [b2p]),
        f32([], [lr]),
        f32([], [b1]),
        f32([], [b2]),
        f32([], [eps]),
        g,
      ],
      refs: { 0: "w", 1: "w/Adam", 2: "w/Adam_1" },
      expected: [f32(shape, w2), f32(shape, m2), f32(shape, v2)],
      tol: 1e-5,
    });
  }
  return cases;
}
