// NDArray construction: the data's element type must be the dtype's storage (io/typed-arrays.ts). numpy cannot get
// this wrong (np.ndarray owns its buffer); scopeflow's wasm backend would read a Float64Array's bytes as float32.
import { describe, expect, it } from "vitest";
import { bool, float16, float32, int32, int64, string } from "./dtypes";
import { NDArray } from "./ndarray";

describe("NDArray data checked against its dtype", () => {
  it("refuses a Float64Array for float32, naming both", () => {
    expect(() => new NDArray(float32, [3], new Float64Array([1, 2, 3]))).toThrow(
      new TypeError("NDArray of dtype float32 needs its data in a Float32Array, got a Float64Array"),
    );
  });

  it("refuses plain arrays and other typed arrays", () => {
    expect(() => new NDArray(int32, [2], [1, 2] as never)).toThrow(
      "NDArray of dtype int32 needs its data in an Int32Array, got an Array",
    );
    expect(() => new NDArray(int64, [1], new Int32Array(1))).toThrow(
      "NDArray of dtype int64 needs its data in a BigInt64Array, got an Int32Array",
    );
    expect(() => new NDArray(string, [1], new Uint8Array(1))).toThrow(
      "NDArray of dtype string needs its data in an Array, got a Uint8Array",
    );
  });

  it("accepts each dtype's storage, subclasses (Buffer) included", () => {
    expect(new NDArray(float32, [2], new Float32Array([1, 2])).toArray()).toEqual([1, 2]);
    expect(new NDArray(float16, [1], new Float32Array([0.5])).item()).toBe(0.5);
    expect(new NDArray(bool, [2], new Uint8Array([1, 0])).toArray()).toEqual([true, false]);
    expect(new NDArray(string, [1], [new Uint8Array([104])]).item()).toEqual(new Uint8Array([104]));
    class Bytes extends Uint8Array {}
    expect(new NDArray(bool, [1], new Bytes([1])).item()).toBe(true);
  });
});
