// ApplyGradientDescent, ApplyMomentum (with and without use_nesterov), ApplyAdam at step 3, ApplyAdagrad (with and
// without update_slots), ApplyRMSProp and ApplyCenteredRMSProp (training_ops.cc): the updated variable and slots,
// which the backends write back through the variable store.
import { type CaseRandom, type CaseTensor, caseRandom, type KernelCase, size } from "./case-tensor";

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
    cases.push(...adaptiveCases(shape, v, g, values, f32));
  }
  cases.push(
    {
      op: "ApplyAdagrad",
      title: "lr not a scalar",
      inputs: [f32([2]), f32([2], [1, 1]), f32([1], [0.1]), f32([2])],
      refs: { 0: "w", 1: "w/Adagrad" },
      expected: [],
      throws: "lr is not a scalar: [1]",
    },
    {
      op: "ApplyRMSProp",
      title: "var and mom of different shapes",
      inputs: [f32([2]), f32([2], [1, 1]), f32([3]), ...[0.01, 0.9, 0, 1e-7].map((x) => f32([], [x])), f32([2])],
      refs: { 0: "w", 1: "w/RMSProp", 2: "w/RMSProp_1" },
      expected: [],
      throws: "var and mom do not have the same shape[2] [3]",
    },
  );
  return cases;
}

/** ApplyAdagrad, ApplyRMSProp and ApplyCenteredRMSProp on var `v` with gradient `g`, with positive accumulators. */
function adaptiveCases(
  shape: number[],
  v: CaseTensor,
  g: CaseTensor,
  values: CaseRandom["values"],
  f32: CaseRandom["f32"],
): KernelCase[] {
  const n = size(shape);
  const cases: KernelCase[] = [];
  const accum = f32(shape, values(n, 0.1, 1));
  for (const updateSlots of [true, false]) {
    const a2 = accum.data.map((a, i) => (updateSlots ? a + g.data[i] * g.data[i] : a));
    cases.push({
      op: "ApplyAdagrad",
      title: `[${shape}]${updateSlots ? "" : " update_slots false"}`,
      inputs: [v, accum, f32([], [0.1]), g],
      attrs: { update_slots: updateSlots },
      refs: { 0: "w", 1: "w/Adagrad" },
      expected: [
        f32(
          shape,
          v.data.map((x, i) => x - (0.1 * g.data[i]) / Math.sqrt(a2[i])),
        ),
        f32(shape, a2),
      ],
      tol: 1e-5,
    });
  }
  const [lr, rho, momentum, eps] = [0.01, 0.9, 0.5, 1e-7];
  const ms = f32(shape, values(n, 1, 2));
  const mg = f32(shape, values(n, -0.5, 0.5));
  const mom = f32(shape, values(n, -0.1, 0.1));
  for (const centered of [false, true]) {
    const ms2 = ms.data.map((s, i) => s + (g.data[i] * g.data[i] - s) * (1 - rho));
    const mg2 = mg.data.map((a, i) => a + (g.data[i] - a) * (1 - rho));
    const mom2 = mom.data.map(
      (m, i) => m * momentum + (lr * g.data[i]) / Math.sqrt(ms2[i] - (centered ? mg2[i] * mg2[i] : 0) + eps),
    );
    const w2 = v.data.map((x, i) => x - mom2[i]);
    const scalars = [lr, rho, momentum, eps].map((x) => f32([], [x]));
    cases.push({
      op: centered ? "ApplyCenteredRMSProp" : "ApplyRMSProp",
      title: `[${shape}]`,
      inputs: centered ? [v, mg, ms, mom, ...scalars, g] : [v, ms, mom, ...scalars, g],
      refs: centered ? { 0: "w", 1: "w/mg", 2: "w/ms", 3: "w/mom" } : { 0: "w", 1: "w/ms", 2: "w/mom" },
      expected: centered
        ? [f32(shape, w2), f32(shape, mg2), f32(shape, ms2), f32(shape, mom2)]
        : [f32(shape, w2), f32(shape, ms2), f32(shape, mom2)],
      tol: 1e-5,
    });
  }
  return cases;
}
