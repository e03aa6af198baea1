// philox_random.h: Philox-4x32-10 known-answer vectors (Random123's kat_vectors, which TF's PhiloxRandom follows).
import { describe, expect, it } from "vitest";
import { int32, int64 } from "../../framework/dtypes";
import { NDArray } from "../../framework/ndarray";
import type { KernelContext } from "../contract";
import { Philox, randomKernels, uint32ToFloat } from "./random";

const hex = (words: Uint32Array) => Array.from(words, (w) => w.toString(16).padStart(8, "0")).join(" ");

describe("Philox-4x32-10 (philox_random.h)", () => {
  it("Random123 kat_vectors: counter 0, key 0", () => {
    expect(hex(Philox.fromWords([0, 0, 0, 0], [0, 0]).next())).toBe("6627e8d5 e169c58d bc57ac4c 9b00dbd8");
  });
  it("Random123 kat_vectors: all ones", () => {
    const ff = 0xffffffff;
    expect(hex(Philox.fromWords([ff, ff, ff, ff], [ff, ff]).next())).toBe("408f276d 41c83b0e a20bc7c6 6d5451fd");
  });
  it("Random123 kat_vectors: digits of pi", () => {
    const p = Philox.fromWords([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0]);
    expect(hex(p.next())).toBe("d16cfe09 94fdcceb 5001e420 24126ea1");
  });
  it("skip carries across counter words", () => {
    const p = Philox.fromWords([0xffffffff, 0, 0, 0], [0, 0]);
    p.skip(1);
    expect(Array.from(p.counter)).toEqual([0, 1, 0, 0]);
  });
  it("random_distributions.h Uint32ToFloat", () => {
    expect(uint32ToFloat(0)).toBe(0);
    expect(uint32ToFloat(0x7fffff)).toBe(1 - 2 ** -23);
    expect(uint32ToFloat(0x400000)).toBe(0.5);
  });
});

describe("RandomUniformInt (random_op.cc RandomUniformIntOp, random_distributions.h UniformDistribution)", () => {
  /** Runs the kernel once with seed/seed2 attrs in a fresh store, as a first run in a new Session. */
  function run(dtype: "int32" | "int64", shape: number[], lo: number, hi: number, seed = 5, seed2 = 11) {
    const scalar = (v: number) =>
      dtype === "int64"
        ? new NDArray(int64, [], new BigInt64Array([BigInt(v)]))
        : new NDArray(int32, [], new Int32Array([v]));
    const store = new Map<string, NDArray>();
    const ctx: KernelContext = {
      opName: "random_uniform",
      opType: "RandomUniformInt",
      attrs: { seed, seed2 },
      outputDtypes: [dtype === "int64" ? int64 : int32],
      refName: () => undefined,
      variables: { get: (name) => store.get(name), set: (name, value) => void store.set(name, value) },
    };
    const shapeArray = new NDArray(int32, [shape.length], Int32Array.from(shape));
    return randomKernels.RandomUniformInt([shapeArray, scalar(lo), scalar(hi)], ctx)[0];
  }

  it("int32: lo + (uint32 % range), one Philox word per sample, 4 per draw", () => {
    const out = run("int32", [2, 3], -3, 7);
    expect(out.dtype.name).toBe("int32");
    expect(out.shape).toEqual([2, 3]);
    const gen = new Philox(5n, 11n);
    const words = [...gen.next(), ...gen.next()];
    expect(Array.from(out.data as Int32Array)).toEqual(words.slice(0, 6).map((w) => -3 + (w % 10)));
  });

  it("int32: a range wider than 2^31 wraps as TF's int32 arithmetic does", () => {
    const out = run("int32", [8], -(2 ** 31), 2 ** 31 - 1);
    const gen = new Philox(5n, 11n);
    const words = [...gen.next(), ...gen.next()];
    expect(Array.from(out.data as Int32Array)).toEqual(words.map((w) => (-(2 ** 31) + (w % (2 ** 32 - 1))) | 0));
  });

  it("int64: lo + (uint64 % range), the low word first, 2 samples per draw", () => {
    const out = run("int64", [3], -1000, 2 ** 40);
    expect(out.dtype.name).toBe("int64");
    const gen = new Philox(5n, 11n);
    const words = [...gen.next(), ...gen.next()];
    const range = 2n ** 40n + 1000n;
    const expected = [0, 1, 2].map(
      (i) => -1000n + ((BigInt(words[2 * i]) | (BigInt(words[2 * i + 1]) << 32n)) % range),
    );
    expect(Array.from(out.data as BigInt64Array)).toEqual(expected);
  });

  it("returns an empty output before checking minval < maxval (random_ops_test.py testUniformIntsDegenerate)", () => {
    expect(run("int32", [10, 0], 0, 0).shape).toEqual([10, 0]);
    expect(() => run("int32", [10, 1], 0, 0)).toThrow(
      "Need minval < maxval, got 0 >= 0\n\t [[{{node random_uniform}}]]",
    );
    expect(() => run("int64", [1], 5, 5)).toThrow("Need minval < maxval, got 5 >= 5");
  });

  it("rejects a negative dimension as TensorShapeUtils::MakeShape does", () => {
    expect(() => run("int32", [2, -1], 0, 3)).toThrow("Dimension -1 must be >= 0\n\t [[{{node random_uniform}}]]");
  });
});
