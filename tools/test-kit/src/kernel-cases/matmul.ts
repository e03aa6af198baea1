// MatMul (matmul_op.cc) with transpose_a / transpose_b, and BatchMatMul(V2) (batch_matmul_op_impl.h).
import { caseRandom, type KernelCase } from "./case-tensor";

/** Row-major [m, k] x [k, n] (each side stored transposed when ta / tb), accumulated in float64. */
function matmul(a: number[], b: number[], m: number, n: number, k: number, ta: boolean, tb: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) acc += a[ta ? p * m + i : i * k + p] * b[tb ? j * k + p : p * n + j];
      out.push(acc);
    }
  }
  return out;
}

export function matMulCases(): KernelCase[] {
  const { f32 } = caseRandom(104);
  const cases: KernelCase[] = [];
  const dims: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 4],
    [4, 8, 17],
    [7, 9, 3],
    [17, 13, 300],
    [64, 70, 65],
    [0, 3, 4],
    [3, 4, 0],
  ];
  for (const [m, n, k] of dims) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        const a = f32(ta ? [k, m] : [m, k]);
        const b = f32(tb ? [n, k] : [k, n]);
        cases.push({
          op: "MatMul",
          title: `${m}x${k} * ${k}x${n}${ta ? " transpose_a" : ""}${tb ? " transpose_b" : ""}`,
          inputs: [a, b],
          attrs: { transpose_a: ta, transpose_b: tb },
          expected: [f32([m, n], matmul(a.data, b.data, m, n, k, ta, tb))],
          tol: 1e-4,
        });
      }
    }
  }
  // BatchMatMulV2 with a broadcast batch, and adj_x.
  const x = f32([2, 1, 3, 4]);
  const y = f32([3, 5, 4]);
  const out: number[] = [];
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 3; j++)
      out.push(...matmul(x.data.slice(i * 12, i * 12 + 12), y.data.slice(j * 20, j * 20 + 20), 3, 5, 4, false, true));
  cases.push({
    op: "BatchMatMulV2",
    title: "broadcast batch, adj_y",
    inputs: [x, y],
    attrs: { adj_x: false, adj_y: true },
    expected: [f32([2, 3, 3, 5], out)],
    tol: 1e-5,
  });
  const bx = f32([2, 4, 3]);
  const by = f32([2, 4, 6]);
  cases.push({
    op: "BatchMatMul",
    title: "adj_x",
    inputs: [bx, by],
    attrs: { adj_x: true, adj_y: false },
    expected: [
      f32(
        [2, 3, 6],
        [0, 1].flatMap((i) =>
          matmul(bx.data.slice(i * 12, i * 12 + 12), by.data.slice(i * 24, i * 24 + 24), 3, 6, 4, true, false),
        ),
      ),
    ],
    tol: 1e-5,
  });
  cases.push({
    op: "BatchMatMul",
    title: "empty batch",
    inputs: [f32([0, 2, 3], []), f32([0, 3, 2], [])],
    attrs: {},
    expected: [f32([0, 2, 2], [])],
  });
  return cases;
}
