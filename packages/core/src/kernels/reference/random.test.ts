// philox_random.h: Philox-4x32-10 known-answer vectors (Random123's kat_vectors, which TF's PhiloxRandom follows).
import { describe, expect, it } from "vitest";
import { Philox, uint32ToFloat } from "./random";

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
