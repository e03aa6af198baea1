// tensorflow/core/lib/histogram/histogram.cc: default bucket limits, Add, EncodeToProto(preserve_zero_buckets=false).
import { InvalidArgumentError } from "../errors";
import type { HistogramProto } from "../proto/types";

const DBL_MAX = Number.MAX_VALUE;
let defaultLimits: readonly number[] | undefined;

/** InitDefaultBucketsInner: -DBL_MAX, ..., -1e-12, 0, 1e-12, ... (×1.1 each, up to 1e20), DBL_MAX: 1551 limits. */
export function defaultBucketLimits(): readonly number[] {
  if (!defaultLimits) {
    const positive: number[] = [];
    // The same repeated double multiplication as TF's C++, so every limit is bit-identical.
    for (let v = 1.0e-12; v < 1.0e20; v *= 1.1) positive.push(v);
    positive.push(DBL_MAX);
    const negative = positive.map((v) => -v).reverse();
    defaultLimits = Object.freeze([...negative, 0.0, ...positive]);
  }
  return defaultLimits;
}

/** histogram::Histogram: counts values into buckets; `toProto()` is EncodeToProto(proto, false). */
export class Histogram {
  private readonly limits: readonly number[];
  private readonly buckets: Float64Array;
  private min: number;
  private max = -DBL_MAX;
  private num = 0;
  private sum = 0;
  private sumSquares = 0;

  constructor(bucketLimits: readonly number[] = defaultBucketLimits()) {
    this.limits = bucketLimits;
    this.buckets = new Float64Array(bucketLimits.length);
    this.min = bucketLimits[bucketLimits.length - 1];
  }

  /** Histogram::Add: the bucket is the first whose limit is greater than `value` (std::upper_bound). */
  add(value: number): void {
    let lo = 0;
    let hi = this.limits.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.limits[mid] <= value) lo = mid + 1;
      else hi = mid;
    }
    this.buckets[Math.min(lo, this.buckets.length - 1)] += 1;
    if (this.min > value) this.min = value;
    if (this.max < value) this.max = value;
    this.num++;
    this.sum += value;
    this.sumSquares += value * value;
  }

  /** Histogram::EncodeToProto: runs of empty buckets merge into one, unless `preserveZeroBuckets`. */
  toProto(preserveZeroBuckets = false): HistogramProto {
    const bucketLimit: number[] = [];
    const bucket: number[] = [];
    for (let i = 0; i < this.buckets.length; ) {
      let end = this.limits[i];
      let count = this.buckets[i];
      i++;
      if (!preserveZeroBuckets && count <= 0.0) {
        while (i < this.buckets.length && this.buckets[i] <= 0.0) {
          end = this.limits[i];
          count = this.buckets[i];
          i++;
        }
      }
      bucketLimit.push(end);
      bucket.push(count);
    }
    if (bucket.length === 0) {
      bucketLimit.push(DBL_MAX);
      bucket.push(0.0);
    }
    return {
      min: this.min,
      max: this.max,
      num: this.num,
      sum: this.sum,
      sumSquares: this.sumSquares,
      bucketLimit,
      bucket,
    };
  }
}

/**
 * summary_op.cc: SummaryHistoOp, the HistogramProto of `values` with the default buckets. A NaN or infinity is an
 * error, as in TF: `Nan in summary histogram for: <tag>`.
 */
export function histogramProto(values: ArrayLike<number | bigint>, tag = ""): HistogramProto {
  const histogram = new Histogram();
  for (let i = 0; i < values.length; i++) {
    const value = Number(values[i]);
    if (!Number.isFinite(value)) {
      // summary_op.cc: SummaryHistoOp::Compute
      throw new InvalidArgumentError(`${Number.isNaN(value) ? "Nan" : "Infinity"} in summary histogram for: ${tag}`);
    }
    histogram.add(value);
  }
  return histogram.toProto(false);
}
