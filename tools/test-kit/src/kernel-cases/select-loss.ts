// Select (cwise_ops_test.py SelectOpTest / BatchSelectOpTest), DivNoNan (math_ops_test.py DivNoNanTest) and L2Loss
// (nn_test.py L2LossTest): the numeric ops tf.losses and the regularizers add around a model's loss.
import { type CaseTensor, caseRandom, type KernelCase, LENGTHS, size } from "./case-tensor";

export function selectLossCases(): KernelCase[] {
  const { values, f32, i32 } = caseRandom(116);
  const cases: KernelCase[] = [];
  const bools = (shape: number[]): CaseTensor => ({
    dtype: "bool",
    shape,
    data: values(size(shape), 0, 2, true),
  });
  const pick = (c: CaseTensor, x: CaseTensor, y: CaseTensor, inner: number): CaseTensor => ({
    ...x,
    data: x.data.map((v, k) => (c.data[Math.floor(k / inner)] ? v : y.data[k])),
  });
  // SelectOpTest.testBasic (elementwise), BatchSelectOpTest.testBasic (a vector cond over the first dim), a scalar
  // cond, and lengths that hit the v128 loop and its tail.
  for (const shape of [[1, 3, 2], [16, 2, 8], [2, 3, 5], ...LENGTHS.map((n) => [n]), [0]]) {
    for (const make of [f32, i32]) {
      const x = make(shape);
      const y = make(shape);
      const c = bools(shape);
      cases.push({
        op: "Select",
        title: `elementwise [${shape}] ${x.dtype}`,
        inputs: [c, x, y],
        expected: [pick(c, x, y, 1)],
      });
      if (shape.length > 1) {
        const cv = bools([shape[0]]);
        const inner = size(shape.slice(1));
        cases.push({
          op: "Select",
          title: `BatchSelectOpTest [${shape}] ${x.dtype}`,
          inputs: [cv, x, y],
          expected: [pick(cv, x, y, inner)],
        });
      }
    }
  }
  for (const on of [0, 1]) {
    const x = f32([4, 3]);
    const y = f32([4, 3]);
    cases.push({
      op: "Select",
      title: `scalar cond ${on}`,
      inputs: [{ dtype: "bool", shape: [], data: [on] }, x, y],
      expected: [on ? x : y],
    });
  }
  cases.push({
    op: "Select",
    title: "cond and then of other sizes",
    inputs: [bools([2, 3]), f32([3, 2]), f32([3, 2])],
    expected: [],
    throws: "'cond' and 'then' must have the same size.  but received: [2,3] vs. [3,2]",
  });
  // DivNoNanTest.testBasic: nums [80, 1] over divs [1, 24] (a 0 among them), broadcast.
  const nums = f32(
    [80, 1],
    Array.from({ length: 80 }, (_, i) => -10 + 0.25 * i),
  );
  const divs = f32(
    [1, 24],
    Array.from({ length: 24 }, (_, j) => -3 + 0.25 * j),
  );
  cases.push({
    op: "DivNoNan",
    title: "DivNoNanTest.testBasic",
    inputs: [nums, divs],
    expected: [
      f32(
        [80, 24],
        nums.data.flatMap((n) => divs.data.map((d) => (d === 0 ? 0 : Math.fround(n / d)))),
      ),
    ],
    tol: 1e-6,
  });
  for (const n of LENGTHS) {
    const x = f32([n]);
    const y = f32(
      [n],
      values(n, -2, 2).map((v, i) => (i % 3 === 0 ? 0 : v)),
    );
    cases.push({
      op: "DivNoNan",
      title: `[${n}] with zeros`,
      inputs: [x, y],
      expected: [
        f32(
          [n],
          x.data.map((v, i) => (y.data[i] === 0 ? 0 : Math.fround(v / y.data[i]))),
        ),
      ],
      tol: 1e-6,
    });
  }
  // L2LossTest.testL2Loss: [[1, 0], [3, 2]] -> 7; longer vectors for the accumulators and the tail.
  cases.push({ op: "L2Loss", title: "testL2Loss", inputs: [f32([2, 2], [1, 0, 3, 2])], expected: [f32([], [7])] });
  for (const shape of [...LENGTHS.map((n) => [n]), [4, 250], [0]]) {
    const x = f32(shape);
    const sum = x.data.reduce((a, v) => a + v * v, 0) / 2;
    cases.push({ op: "L2Loss", title: `[${shape}]`, inputs: [x], expected: [f32([], [sum])], tol: 1e-5 });
  }
  return cases;
}
