// kernel_tests/listdiff_op_test.py ListDiffTest (TF 1.15) through tf.setdiff1d (array_ops.py: a `ListDiff`):
// int32, int64, float32, float64 and string values with int32 and int64 indices.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

/** listdiff_op_test.py: _testListDiff */
function testListDiff(x: number[], y: number[], out: number[], idx: number[]) {
  for (const dtype of ["int32", "int64", "float32", "float64", "string"] as const) {
    for (const indexDtype of ["int32", "int64"] as const) {
      inGraph(() => {
        const conv = (v: number[]) =>
          dtype === "string"
            ? tf.constant(v.map(String), { dtype: "string", shape: [v.length] })
            : tf.constant(v, { dtype, shape: [v.length] });
        const [o, i] = tf.setdiff1d(conv(x), conv(y), indexDtype);
        expect(o.op.type).toBe("ListDiff");
        expect(o.shape?.length).toBe(1);
        expect(i.shape?.length).toBe(1);
        expect(i.dtype.name).toBe(indexDtype);
        const [ov, iv] = new tf.Session().run([o, i]);
        const values =
          dtype === "string"
            ? Array.from(ov.data as ArrayLike<Uint8Array | string>, (b) =>
                Number(typeof b === "string" ? b : new TextDecoder().decode(b)),
              )
            : Array.from(ov.data as ArrayLike<number | bigint>, Number);
        expect(values).toEqual(out);
        expect(Array.from(iv.data as ArrayLike<number | bigint>, Number)).toEqual(idx);
      });
    }
  }
}

describe("listdiff_op_test.py ListDiffTest", () => {
  it("testBasic1", () => testListDiff([1, 2, 3, 4], [1, 2], [3, 4], [2, 3]));
  it("testBasic2", () => testListDiff([1, 2, 3, 4], [2], [1, 3, 4], [0, 2, 3]));
  it("testBasic3", () => testListDiff([1, 4, 3, 2], [4, 2], [1, 3], [0, 2]));
  it("testDuplicates", () => testListDiff([1, 2, 4, 3, 2, 3, 3, 1], [4, 2], [1, 3, 3, 3, 1], [0, 3, 5, 6, 7]));
  it("testFullyOverlapping", () => testListDiff([1, 2, 3, 4], [1, 2, 3, 4], [], []));
  it("testNonOverlapping", () => testListDiff([1, 2, 3, 4], [5, 6], [1, 2, 3, 4], [0, 1, 2, 3]));
  it("testEmptyX / testEmptyY / testEmptyXY", () => {
    testListDiff([], [1, 2], [], []);
    testListDiff([1, 2, 3, 4], [], [1, 2, 3, 4], [0, 1, 2, 3]);
    testListDiff([], [], [], []);
  });
});
