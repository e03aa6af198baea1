// SpaceToBatchND / BatchToSpaceND (spacetobatch_op_test.py, batchtospace_op_test.py) against a NumPy-style oracle
// (pad, reshape, transpose, reshape, as the tests' space_to_batch_direct), and RandomUniform (random_ops_test.py:
// the same seeds give the same values) against a plain port of Philox-4x32-10 and Uint32ToFloat.
import { type CaseTensor, caseRandom, gatherStrided, type KernelCase, size } from "./case-tensor";

/** spacetobatch_op_test.py: space_to_batch_direct: pad, split each block dim, move the block offsets in front. */
function spaceToBatchDirect(x: CaseTensor, block: number[], pads: number[][]): CaseTensor {
  const m = block.length;
  const padded = [
    x.shape[0],
    ...block.map((_, i) => x.shape[i + 1] + pads[i][0] + pads[i][1]),
    ...x.shape.slice(m + 1),
  ];
  const p = {
    ...x,
    shape: padded,
    data: gatherStrided(x, padded, (o) => {
      const src = [o[0]];
      for (let i = 0; i < m; i++) {
        const s = o[i + 1] - pads[i][0];
        if (s < 0 || s >= x.shape[i + 1]) return [-1];
        src.push(s);
      }
      return [...src, ...o.slice(m + 1)];
    }).map((v) => v ?? 0),
  };
  // reshape to [B, P1/b1, b1, ..., PM/bM, bM, rest...], transpose to [b1, ..., bM, B, P1/b1, ..., rest...]
  const split = [padded[0], ...block.flatMap((b, i) => [padded[i + 1] / b, b]), ...padded.slice(m + 1)];
  const perm = [...block.map((_, i) => 2 + 2 * i), 0, ...block.map((_, i) => 1 + 2 * i)];
  for (let i = 2 * m + 1; i < split.length; i++) perm.push(i);
  const outSplit = perm.map((q) => split[q]);
  const data = gatherStrided({ ...p, shape: split }, outSplit, (o) => {
    const src: number[] = [];
    perm.forEach((q, i) => {
      src[q] = o[i];
    });
    return src;
  });
  const product = block.reduce((a, b) => a * b, 1);
  return {
    dtype: x.dtype,
    shape: [x.shape[0] * product, ...block.map((b, i) => padded[i + 1] / b), ...x.shape.slice(m + 1)],
    data,
  };
}

function spaceBatchCases(): KernelCase[] {
  const { f32, i32 } = caseRandom(115);
  const cases: KernelCase[] = [];
  const vec = (data: number[]): CaseTensor => ({ dtype: "int32", shape: [data.length], data });
  const pairs = (p: number[][]): CaseTensor => ({ dtype: "int32", shape: [p.length, 2], data: p.flat() });
  // spacetobatch_op_test.py: SpaceToBatchNDTest.testDirect, and smaller ones that hit each branch.
  const direct: [number[], number[], number[][]][] = [
    [[3, 1, 2, 0], [3], [[0, 2]]],
    [[3, 0, 2, 5], [3], [[0, 0]]],
    [[3, 0, 2, 5], [3], [[1, 2]]],
    [
      [3, 3, 4, 5, 2],
      [3, 4, 2],
      [
        [1, 2],
        [0, 0],
        [3, 0],
      ],
    ],
    [
      [3, 3, 4, 5, 2],
      [3, 4, 2, 2],
      [
        [1, 2],
        [0, 0],
        [3, 0],
        [0, 0],
      ],
    ],
    [
      [3, 2, 2, 3, 4, 5, 2, 5],
      [1, 1, 3, 4, 2, 2],
      [
        [0, 0],
        [0, 0],
        [1, 2],
        [0, 0],
        [3, 0],
        [0, 0],
      ],
    ],
    [
      [3, 2, 2, 3, 4, 5, 2, 5],
      [1, 1, 3, 4, 2, 2, 1],
      [
        [0, 0],
        [0, 0],
        [1, 2],
        [0, 0],
        [3, 0],
        [0, 0],
        [0, 0],
      ],
    ],
    [
      [2, 7, 6, 3],
      [2, 2],
      [
        [2, 3],
        [2, 2],
      ],
    ],
    [
      [1, 4, 4, 1],
      [2, 2],
      [
        [0, 0],
        [0, 0],
      ],
    ],
  ];
  for (const [shape, block, pads] of direct) {
    for (const make of [f32, i32]) {
      const x = make(shape);
      const y = spaceToBatchDirect(x, block, pads);
      cases.push({
        op: "SpaceToBatchND",
        title: `testDirect [${shape}] block [${block}] paddings ${JSON.stringify(pads)} ${x.dtype}`,
        inputs: [x, vec(block), pairs(pads)],
        expected: [y],
      });
      // batchtospace_op_test.py: BatchToSpaceND undoes it, the paddings as crops.
      cases.push({
        op: "BatchToSpaceND",
        title: `inverse of [${shape}] block [${block}] crops ${JSON.stringify(pads)} ${x.dtype}`,
        inputs: [y, vec(block), pairs(pads)],
        expected: [x],
      });
    }
  }
  // spacetobatch_op_test.py: SpaceToBatchTest.testSmallInput2x2 and testInputWithPadding (block 2, 4-D).
  cases.push(
    {
      op: "SpaceToBatchND",
      title: "testSmallInput2x2",
      inputs: [
        f32([1, 2, 2, 1], [1, 2, 3, 4]),
        vec([2, 2]),
        pairs([
          [0, 0],
          [0, 0],
        ]),
      ],
      expected: [f32([4, 1, 1, 1], [1, 2, 3, 4])],
    },
    {
      op: "SpaceToBatchND",
      title: "testSmallInput2x2 padded by 1",
      inputs: [
        f32([1, 2, 2, 1], [1, 2, 3, 4]),
        vec([2, 2]),
        pairs([
          [1, 1],
          [1, 1],
        ]),
      ],
      expected: [f32([4, 2, 2, 1], [0, 0, 0, 4, 0, 0, 3, 0, 0, 2, 0, 0, 1, 0, 0, 0])],
    },
    {
      op: "SpaceToBatchND",
      title: "padded_shape not divisible",
      inputs: [
        f32([1, 3, 2, 1]),
        vec([2, 2]),
        pairs([
          [0, 0],
          [0, 0],
        ]),
      ],
      expected: [],
      throws: "padded_shape[0]=3 is not divisible by block_shape[0]=2",
    },
    {
      op: "BatchToSpaceND",
      title: "batch not divisible",
      inputs: [
        f32([3, 1, 1, 1]),
        vec([2, 2]),
        pairs([
          [0, 0],
          [0, 0],
        ]),
      ],
      expected: [],
      throws: "Input batch dimension (3) is not divisible by product of block sizes (4)",
    },
  );
  return cases;
}

/** philox_random.h: PhiloxRandom::operator() over counter c (4 words) and key k (2 words). */
function philox(c: number[], k: number[]): number[] {
  let [c0, c1, c2, c3] = c;
  let [k0, k1] = k;
  const mul = (a: number, b: number) => {
    const p = BigInt(a) * BigInt(b);
    return [Number(p & 0xffffffffn), Number(p >> 32n)];
  };
  for (let round = 0; round < 10; round++) {
    const [lo0, hi0] = mul(0xd2511f53, c0);
    const [lo1, hi1] = mul(0xcd9e8d57, c2);
    [c0, c1, c2, c3] = [(hi1 ^ c1 ^ k0) >>> 0, lo1, (hi0 ^ c3 ^ k1) >>> 0, lo0];
    k0 = (k0 + 0x9e3779b9) >>> 0;
    k1 = (k1 + 0xbb67ae85) >>> 0;
  }
  return [c0, c1, c2, c3];
}

/** random_op.cc with UniformDistribution<float>: a first run of seed/seed2 draws `n` floats in [0, 1). */
function uniformFloats(n: number, seed: number, seed2: number): number[] {
  const view = new DataView(new ArrayBuffer(4));
  const out: number[] = [];
  for (let draw = 0; out.length < n; draw++) {
    for (const w of philox([draw, 0, seed2, 0], [seed, 0])) {
      view.setUint32(0, ((w & 0x7fffff) | (127 << 23)) >>> 0);
      if (out.length < n) out.push(view.getFloat32(0) - 1);
    }
  }
  return out;
}

function randomCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const f32 = (shape: number[], data: number[]): CaseTensor => ({ dtype: "float32", shape, data });
  // Random123's kat_vectors (counter 0, key 0): the words TF's Philox gives, as floats.
  const kat = [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8];
  if (philox([0, 0, 0, 0], [0, 0]).some((w, i) => w !== kat[i])) throw new Error("test-kit's Philox port is wrong");
  for (const [shape, seed, seed2] of [
    [[4], 1, 1],
    [[3], 87654321, 5],
    [[5], 345, 345],
    [[4, 250], 7, 11],
    [[17], 1, 2],
    [[0], 3, 4],
    [[], 9, 9],
  ] as [number[], number, number][]) {
    cases.push({
      op: "RandomUniform",
      title: `[${shape}] seed ${seed} seed2 ${seed2}`,
      inputs: [{ dtype: "int32", shape: [shape.length], data: shape }],
      attrs: { seed, seed2, dtype: "float32" },
      expected: [f32(shape, uniformFloats(size(shape), seed, seed2))],
    });
  }
  return cases;
}

export function spaceRandomCases(): KernelCase[] {
  return [...spaceBatchCases(), ...randomCases()];
}
