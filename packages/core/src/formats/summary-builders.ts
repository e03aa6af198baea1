// python/summary/summary.py and core/kernels/summary_op.cc: Summary protos with scalar and histogram values.
import { InvalidArgumentError } from "../errors";
import { decodeMessage, encodeMessage } from "../proto/codec";
import type { HistogramProto, Summary, SummaryValue } from "../proto/types";

export type SummaryMetadata = NonNullable<SummaryValue["metadata"]>;

import { histogramProto } from "./histogram";

/** A Summary.Value holding `simple_value` (a float32, as ScalarSummary stores it). */
export function scalarValue(tag: string, value: number): SummaryValue {
  return { tag, simpleValue: Math.fround(value) };
}

/** A Summary.Value holding a `histo` of `values` with TF's default buckets. */
export function histogramValue(tag: string, values: ArrayLike<number | bigint> | HistogramProto): SummaryValue {
  const histo = "bucketLimit" in values ? values : histogramProto(values, tag);
  return { tag, histo };
}

export function makeSummary(values: SummaryValue[]): Summary {
  return { value: values };
}

/** A Summary of one scalar, as `tf.summary.scalar` produces at run time. */
export function scalarSummary(tag: string, value: number): Summary {
  return makeSummary([scalarValue(tag, value)]);
}

/** A Summary of one histogram, as `tf.summary.histogram` produces at run time. */
export function histogramSummary(tag: string, values: ArrayLike<number | bigint>): Summary {
  return makeSummary([histogramValue(tag, values)]);
}

/** MergeSummary: the values of several summaries in order (serialized or decoded); a tag may appear once. */
export function mergeSummaries(summaries: readonly (Summary | Uint8Array)[]): Summary {
  const values = summaries.flatMap((s) => (s instanceof Uint8Array ? decodeSummary(s) : s).value);
  const seen = new Set<string>();
  for (const v of values) {
    // summary_op.cc: SummaryMergeOp::Compute
    if (seen.has(v.tag)) throw new InvalidArgumentError(`Duplicate tag ${v.tag} found in summary inputs`);
    seen.add(v.tag);
  }
  return makeSummary(values);
}

export function encodeSummary(summary: Summary): Uint8Array {
  return encodeMessage("Summary", summary);
}

export function decodeSummary(bytes: Uint8Array, source = "<bytes>"): Summary {
  return decodeMessage<Summary>("Summary", bytes, source);
}

/** SummaryMetadata bytes, as summary.py's tensor_summary serializes them into `serialized_summary_metadata`. */
export function encodeSummaryMetadata(metadata: SummaryMetadata): Uint8Array {
  return encodeMessage("SummaryMetadata", metadata);
}

export function decodeSummaryMetadata(bytes: Uint8Array, source = "<bytes>"): SummaryMetadata {
  return decodeMessage<SummaryMetadata>("SummaryMetadata", bytes, source);
}
