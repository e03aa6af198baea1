// core/kernels/summary_op.cc: ScalarSummary, HistogramSummary, MergeSummary, each producing a serialized Summary
// (a string scalar). They use core's pure Summary codec (summary/summary-builders.ts), bytes in and out.

import { InvalidArgumentError } from "../../errors";
import {
  encodeSummary,
  histogramValue,
  makeSummary,
  mergeSummaries,
  scalarValue,
} from "../../formats/summary-builders";
import { NDArray } from "../../framework/ndarray";
import { shapeDebugString } from "../../framework/shape";
import type { Kernel } from "../contract";

const decoder = new TextDecoder();

function stringScalar(bytes: Uint8Array): NDArray {
  return new NDArray("string", [], [bytes]);
}

function text(value: unknown): string {
  return value instanceof Uint8Array ? decoder.decode(value) : String(value);
}

export const summaryKernels = {
  /** summary_op.cc: SummaryScalarOp::Compute: one simple_value per element, tagged by the same element of `tags`. */
  ScalarSummary: (inputs) => {
    const [tags, values] = inputs;
    if (tags.shape.length !== values.shape.length || tags.shape.some((d, i) => d !== values.shape[i])) {
      throw new InvalidArgumentError(
        `tags and values not the same shape: ${shapeDebugString(tags.shape)} != ${shapeDebugString(values.shape)}`,
      );
    }
    const items = Array.from({ length: tags.size }, (_, i) => scalarValue(text(tags.data[i]), Number(values.data[i])));
    return [stringScalar(encodeSummary(makeSummary(items)))];
  },
  /** summary_op.cc: SummaryHistoOp::Compute: TF's default buckets; NaN or Inf is an error naming the tag. */
  HistogramSummary: (inputs) => {
    const [tagTensor, values] = inputs;
    if (tagTensor.size !== 1) {
      throw new InvalidArgumentError(`tags must be scalar, got shape ${shapeDebugString(tagTensor.shape)}`);
    }
    const tag = text(tagTensor.data[0]);
    for (const v of Array.from(values.data as ArrayLike<number | bigint>)) {
      if (typeof v === "number" && !Number.isFinite(v)) {
        throw new InvalidArgumentError(`Nan in summary histogram for: ${tag}`);
      }
    }
    return [stringScalar(encodeSummary(makeSummary([histogramValue(tag, values.data as ArrayLike<number>)])))];
  },
  /** summary_op.cc: SummaryMergeOp::Compute: the inputs' values in order; a repeated tag is an error. */
  MergeSummary: (inputs) => {
    const serialized = inputs.flatMap((x) => x.data as Uint8Array[]);
    return [stringScalar(encodeSummary(mergeSummaries(serialized)))];
  },
} satisfies Record<string, Kernel>;
