// Binary ops with NumPy broadcasting (cwise_ops.h, bcast.h), comparisons, and AddN (aggregate_ops.cc).
import {
  type CaseDType,
  type CaseTensor,
  caseRandom,
  type KernelCase,
  LENGTHS,
  ravel,
  size,
  unravel,
} from "./case-tensor";

function broadcastShape(a: number[], b: number[]): number[] {
  const r = Math.max(a.length, b.length);
  const pa = [...Array(r - a.length).fill(1), ...a];
  const pb = [...Array(r - b.length).fill(1), ...b];
  return pa.map((d, i) => (d === 1 ? pb[i] : d));
}

/** Element of `t` at an index of the broadcast output shape. */
function at(t: CaseTensor, index: number[]): number {
  const idx = index.slice(index.length - t.shape.length).map((v, i) => (t.shape[i] === 1 ? 0 : v));
  return t.data[ravel(idx, t.shape)];
}

function binaryOracle(
  a: CaseTensor,
  b: CaseTensor,
  f: (x: number, y: number) => number,
  outDtype: CaseDType,
): CaseTensor {
  const shape = broadcastShape(a.shape, b.shape);
  const data = Array.from({ length: size(shape) }, (_, k) => {
    const idx = unravel(k, shape);
    return f(at(a, idx), at(b, idx));
  });
  return { dtype: outDtype, shape, data: outDtype === "int32" ? data.map((v) => v | 0) : data };
}

const BINARY: Record<string, [(x: number, y: number) => number, boolean]> = {
  Add: [(x, y) => x + y, true],
  AddV2: [(x, y) => x + y, true],
  Sub: [(x, y) => x - y, true],
  Mul: [(x, y) => (Number.isInteger(x) && Number.isInteger(y) ? Math.imul(x, y) : x * y), true],
  RealDiv: [(x, y) => x / y, false],
  Maximum: [Math.max, true],
  Minimum: [Math.min, true],
  Pow: [(x, y) => x ** y, false],
  SquaredDifference: [(x, y) => (x - y) * (x - y), true],
};
const COMPARE: Record<string, (x: number, y: number) => boolean> = {
  Equal: (x, y) => x === y,
  NotEqual: (x, y) => x !== y,
  Less: (x, y) => x < y,
  LessEqual: (x, y) => x <= y,
  Greater: (x, y) => x > y,
  GreaterEqual: (x, y) => x >= y,
};

/** Shape pairs: same shape at each length, scalar either side, row and column broadcasts, outer product, 6-D, empty. */
function shapePairs(): [number[], number[], string][] {
  const pairs: [number[], number[], string][] = LENGTHS.map((n) => [[n], [n], `same shape ${n}`]);
  pairs.push(
    [[], [], "scalar"],
    [[17], [], "scalar right"],
    [[], [5], "scalar left"],
    [[3, 17], [17], "row broadcast"],
    [[3, 17], [3, 1], "column broadcast"],
    [[5, 1], [1, 6], "outer product"],
    [[2, 1, 3, 1, 5, 2], [1, 4, 1, 6, 1, 2], "6-D strided broadcast"],
    [[0, 3], [3], "empty"],
  );
  return pairs;
}

export function elementwiseCases(): KernelCase[] {
  const { values, f32, i32 } = caseRandom(101);
  const cases: KernelCase[] = [];
  for (const [op, [f, hasInt]] of Object.entries(BINARY)) {
    for (const [sa, sb, title] of shapePairs()) {
      const a = f32(sa, op === "Pow" ? values(size(sa), 0.1, 3) : undefined);
      const b = f32(
        sb,
        op === "RealDiv" ? values(size(sb), 0.5, 3) : op === "Pow" ? values(size(sb), -2, 2) : undefined,
      );
      cases.push({
        op,
        title: `${title} float32`,
        inputs: [a, b],
        expected: [binaryOracle(a, b, f, "float32")],
        tol: 1e-5,
      });
      if (hasInt) {
        const ia = i32(sa);
        const ib = i32(sb);
        cases.push({ op, title: `${title} int32`, inputs: [ia, ib], expected: [binaryOracle(ia, ib, f, "int32")] });
      }
    }
  }
  for (const [op, f] of Object.entries(COMPARE)) {
    for (const [sa, sb, title] of shapePairs()) {
      // Few distinct values, so that equal elements occur.
      const ia = i32(sa, values(size(sa), 0, 3, true));
      const ib = i32(sb, values(size(sb), 0, 3, true));
      const fa = f32(sa, ia.data);
      const fb = f32(sb, ib.data);
      const g = (x: number, y: number) => (f(x, y) ? 1 : 0);
      cases.push({ op, title: `${title} float32`, inputs: [fa, fb], expected: [binaryOracle(fa, fb, g, "bool")] });
      cases.push({ op, title: `${title} int32`, inputs: [ia, ib], expected: [binaryOracle(ia, ib, g, "bool")] });
    }
  }
  for (const n of [1, 5, 17]) {
    const xs = [f32([n]), f32([n]), f32([n])];
    cases.push({
      op: "AddN",
      title: `3 inputs of ${n}`,
      inputs: xs,
      expected: [
        f32(
          [n],
          xs[0].data.map((v, i) => v + xs[1].data[i] + xs[2].data[i]),
        ),
      ],
      tol: 1e-5,
    });
  }
  cases.push({ op: "AddN", title: "scalar", inputs: [f32([], [1]), f32([], [2])], expected: [f32([], [3])] });
  cases.push({ op: "AddN", title: "empty", inputs: [f32([0, 2], []), f32([0, 2], [])], expected: [f32([0, 2], [])] });
  return cases;
}
