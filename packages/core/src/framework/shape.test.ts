// tensor_shape.cc: PartialTensorShape::DebugString and shape_inference.cc: InferenceContext::DebugString, the two
// ways TF's C++ messages print a shape (tensor_shape_test.cc: TEST(PartialTensorShapeTest, ...) DebugString cases).
import { describe, expect, it } from "vitest";
import { inferenceShapeString, shapeDebugString, shapeToString } from "./shape";

describe("shape strings in messages", () => {
  it("PartialTensorShape::DebugString: ? for an unknown dim (null or TF's -1), <unknown> for an unknown rank", () => {
    expect(shapeDebugString([null, 3])).toBe("[?,3]");
    expect(shapeDebugString([-1, 3])).toBe("[?,3]");
    expect(shapeDebugString([2, 3])).toBe("[2,3]");
    expect(shapeDebugString([])).toBe("[]");
    expect(shapeDebugString(null)).toBe("<unknown>");
  });

  it("InferenceContext::DebugString prints an unknown rank as ?", () => {
    expect(inferenceShapeString([null, 3])).toBe("[?,3]");
    expect(inferenceShapeString(null)).toBe("?");
  });

  it("Python's str(TensorShape) stays (?, 3)", () => {
    expect(shapeToString([null, 3])).toBe("(?, 3)");
  });
});
