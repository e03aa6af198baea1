// Kernel conformance cases: per op family, inputs, attrs and the expected output computed by a plain-JS oracle.
// One module per family of wasm-kernels' src/kernels/<family>.ts; the reference backend runs the same tables.
// Every family has a scalar, a broadcast or axis case, an empty tensor, a negative axis where one applies, and
// lengths 1, 3, 4, 5, 17, 1000 that hit both a SIMD loop and its scalar tail. Each table draws its inputs from
// its own seeded generator (caseRandom), so building one table, or the tables in any order, gives the same values.
import { arrayCases } from "./array";
import { batchNormCases } from "./batch-norm";
import type { KernelCase } from "./case-tensor";
import { convCases } from "./conv";
import { depthwiseCases } from "./depthwise";
import { elementwiseCases } from "./elementwise";
import { matMulCases } from "./matmul";
import { reduceCases } from "./reduce";
import { segmentScatterCases } from "./segment-scatter";
import { selectLossCases } from "./select-loss";
import { spaceRandomCases } from "./space-random";
import { splitCases } from "./split";
import { stateCases } from "./state";
import { trainingCases } from "./training";
import { unaryCases } from "./unary";
import { xentCases } from "./xent";

export { arrayCases } from "./array";
export { batchNormCases } from "./batch-norm";
export { type CaseDType, type CaseRandom, type CaseTensor, caseRandom, type KernelCase, LENGTHS } from "./case-tensor";
export { checkCase } from "./check-case";
export { convCases } from "./conv";
export { depthwiseCases } from "./depthwise";
export { elementwiseCases } from "./elementwise";
export { matMulCases } from "./matmul";
export { reduceCases } from "./reduce";
export { segmentScatterCases } from "./segment-scatter";
export { selectLossCases } from "./select-loss";
export { spaceRandomCases } from "./space-random";
export { splitCases } from "./split";
export { stateCases } from "./state";
export { trainingCases } from "./training";
export { unaryCases } from "./unary";
export { xentCases } from "./xent";

/** Every family's table, named. */
export function caseFamilies(): [string, KernelCase[]][] {
  return [
    ["elementwise", elementwiseCases()],
    ["unary", unaryCases()],
    ["reduce", reduceCases()],
    ["matmul", matMulCases()],
    ["conv", convCases()],
    ["depthwise", depthwiseCases()],
    ["batch-norm", batchNormCases()],
    ["array", arrayCases()],
    ["split", splitCases()],
    ["training", trainingCases()],
    ["state", stateCases()],
    ["xent", xentCases()],
    ["segment-scatter", segmentScatterCases()],
    ["space-random", spaceRandomCases()],
    ["select-loss", selectLossCases()],
  ];
}
