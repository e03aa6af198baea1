// SoftmaxCrossEntropyWithLogits and SparseSoftmaxCrossEntropyWithLogits (xent_op.cc, sparse_xent_op.cc): loss and
// backprop against a float64 oracle, with TF's run-time errors.
import { type CaseTensor, caseRandom, i64, type KernelCase, LENGTHS, size } from "./case-tensor";

/** xent_op.h / sparse_xent_op.h in float64: loss = sum(labels * (logsumexp - logits)), backprop = softmax - labels. */
function xentOracle(logits: number[][], labels: number[][]): [number[], number[]] {
  const loss: number[] = [];
  const backprop: number[] = [];
  logits.forEach((row, i) => {
    const m = Math.max(...row);
    const sum = row.reduce((acc, x) => acc + Math.exp(x - m), 0);
    const logSum = Math.log(sum);
    loss.push(row.reduce((acc, x, j) => acc + labels[i][j] * (logSum - (x - m)), 0));
    row.forEach((x, j) => backprop.push(Math.exp(x - m) / sum - labels[i][j]));
  });
  return [loss, backprop];
}

/** Rows of a [r, c] case tensor broadcast to [rows, cols]. */
function rows2d(t: CaseTensor, rows: number, cols: number): number[][] {
  const [r, c] = t.shape;
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => t.data[(r === 1 ? 0 : i) * c + (c === 1 ? 0 : j)]),
  );
}

/** SoftmaxCrossEntropyWithLogits (dense, with broadcasts) and SparseSoftmaxCrossEntropyWithLogits (int32, int64). */
export function xentCases(): KernelCase[] {
  const { values, f32, i32 } = caseRandom(109);
  const cases: KernelCase[] = [];
  const dense = (logitsShape: number[], labelsShape: number[], title: string) => {
    const rows = Math.max(logitsShape[0], labelsShape[0]);
    const cols = logitsShape[1] === 1 ? labelsShape[1] : logitsShape[1];
    const logits = f32(logitsShape, values(size(logitsShape), -4, 4));
    const labels = f32(labelsShape, values(size(labelsShape), 0, 1));
    const [loss, backprop] = xentOracle(rows2d(logits, rows, cols), rows2d(labels, rows, cols));
    cases.push({
      op: "SoftmaxCrossEntropyWithLogits",
      title,
      inputs: [logits, labels],
      expected: [f32([rows], loss), f32([rows, cols], backprop)],
      tol: 1e-5,
    });
  };
  for (const n of LENGTHS) dense([3, n], [3, n], `[3, ${n}]`);
  dense([1, 1], [1, 1], "[1, 1] (a scalar row)");
  dense([4, 17], [1, 17], "labels row broadcast");
  dense([1, 5], [3, 5], "logits row broadcast");
  dense([3, 6], [3, 1], "labels column broadcast");
  dense([0, 5], [0, 5], "empty batch");
  dense([2, 0], [2, 0], "no classes");
  cases.push({
    op: "SoftmaxCrossEntropyWithLogits",
    title: "not broadcastable",
    inputs: [f32([2, 3]), f32([2, 4])],
    expected: [],
    throws: "logits and labels must be broadcastable: logits_size=[2,3] labels_size=[2,4]",
  });
  for (const n of [...LENGTHS, 0]) {
    const rows = n === 0 ? 0 : 3;
    const cols = n === 0 ? 5 : n;
    const logits = f32([rows, cols], values(rows * cols, -4, 4));
    const ids = values(rows, 0, cols, true);
    const onehot = ids.map((k) => Array.from({ length: cols }, (_, j) => (j === k ? 1 : 0)));
    const [loss, backprop] = xentOracle(rows2d(logits, rows, cols), onehot);
    for (const make of [i32, i64]) {
      const labels = make([rows], ids);
      cases.push({
        op: "SparseSoftmaxCrossEntropyWithLogits",
        title: `[${rows}, ${cols}] ${labels.dtype} labels`,
        inputs: [logits, labels],
        expected: [f32([rows], loss), f32([rows, cols], backprop)],
        tol: 1e-5,
      });
    }
  }
  for (const make of [i32, i64]) {
    cases.push({
      op: "SparseSoftmaxCrossEntropyWithLogits",
      title: `label out of range, ${make === i32 ? "int32" : "int64"}`,
      inputs: [f32([3, 4]), make([3], [0, 5, 1])],
      expected: [],
      throws: "Received a label value of 5 which is outside the valid range of [0, 4).  Label values: 0 5 1",
    });
  }
  cases.push({
    op: "SparseSoftmaxCrossEntropyWithLogits",
    title: "negative label",
    inputs: [f32([2, 4]), i32([2], [-1, 2])],
    expected: [],
    throws: "Received a label value of -1 which is outside the valid range of [0, 4).  Label values: -1 2",
  });
  return cases;
}
