// core/kernels/summary_image_op.cc, summary_audio_op.cc (AudioSummaryV2) and summary_tensor_op.cc (TensorSummaryV2):
// Summary values holding a PNG image, a 16-bit PCM WAV clip, or a tensor with its plugin metadata.

import { InvalidArgumentError } from "../../errors";
import { encodePng as png } from "../../formats/png";
import { decodeSummaryMetadata, encodeSummary, makeSummary } from "../../formats/summary-builders";
import { encodeWav } from "../../formats/wav";
import { NDArray } from "../../framework/ndarray";
import { shapeDebugString } from "../../framework/shape";
import { ndarrayToTensorProto, shapeToProto } from "../../framework/tensor-proto";
import { tensorToBytes } from "../../io/tensor-bytes";
import type { SummaryValue } from "../../proto/types";
import type { Kernel } from "../contract";

const decoder = new TextDecoder();

function stringScalar(bytes: Uint8Array): NDArray {
  return new NDArray("string", [], [bytes]);
}

function text(value: unknown): string {
  return value instanceof Uint8Array ? decoder.decode(value) : String(value);
}

/** TensorShape::DebugString. */
function scalarTag(tag: NDArray, what: string): string {
  if (tag.size !== 1) throw new InvalidArgumentError(what);
  return text(tag.data[0]);
}

/**
 * summary_image_op.cc: NormalizeFloatImage: finite pixels scale by 255/max when none is negative, else by 127/max|v|
 * around 128; a pixel with a non-finite channel takes `badColor`. The arithmetic runs in T (float32 for half/float).
 */
function normalizeFloatImage(
  values: ArrayLike<number>,
  hw: number,
  depth: number,
  badColor: ArrayLike<number>,
  f64: boolean,
) {
  const round = f64 ? (x: number) => x : Math.fround;
  const finite = (i: number) => {
    for (let j = 0; j < depth; j++) if (!Number.isFinite(values[i * depth + j])) return false;
    return true;
  };
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < hw; i++) {
    if (!finite(i)) continue;
    for (let j = 0; j < depth; j++) {
      const v = Math.fround(values[i * depth + j]); // image_min/max are floats
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  const ZERO = Math.fround(1e-6);
  let scale: number;
  let offset: number;
  if (min < 0) {
    const maxVal = Math.max(Math.abs(min), Math.abs(max));
    scale = round(maxVal < ZERO ? 0 : Math.fround(127 / maxVal));
    offset = 128;
  } else {
    scale = round(max < ZERO ? 0 : Math.fround(255 / max));
    offset = 0;
  }
  const out = new Uint8Array(hw * depth);
  for (let i = 0; i < hw; i++) {
    const ok = finite(i);
    for (let j = 0; j < depth; j++) {
      // cast<uint8> truncates toward zero.
      out[i * depth + j] = ok ? Math.trunc(round(round(values[i * depth + j] * scale) + offset)) : badColor[j];
    }
  }
  return out;
}

/** lrintf: round half to even (the WAV header's integer rate; 0 becomes 1 in the kernel). */
function lrint(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Tags follow the number of requested outputs, not the number produced: `tag/image/0`, or `tag/image` for one. */
function mediaTag(base: string, kind: string, max: number, i: number): string {
  return max > 1 ? `${base}/${kind}/${i}` : `${base}/${kind}`;
}

export const summaryMediaKernels = {
  /** summary_image_op.cc: SummaryImageOp::Compute: the first max_images images of [batch, h, w, 1|3|4] as PNGs. */
  ImageSummary: (inputs, ctx) => {
    const [tags, tensor] = inputs;
    const baseTag = scalarTag(tags, "Tags must be a scalar");
    const s = tensor.shape;
    if (s.length !== 4 || ![1, 3, 4].includes(s[3])) {
      throw new InvalidArgumentError(`Tensor must be 4-D with last dim 1, 3, or 4, not ${shapeDebugString(s)}`);
    }
    const [batch, h, w, depth] = s;
    const hw = h * w;
    const maxImages = ctx.attrs.max_images as number;
    const badColor = ctx.attrs.bad_color as NDArray | undefined;
    const isUint8 = tensor.dtype.name === "uint8";
    if (!isUint8) {
      const badSize = badColor?.shape[0] ?? 0;
      if (badSize < depth) {
        throw new InvalidArgumentError(
          `expected depth <= bad_color.size, got depth = ${depth}, bad_color.size = ${badSize}`,
        );
      }
    }
    const data = tensor.data as ArrayLike<number>;
    const values: SummaryValue[] = [];
    for (let i = 0; i < Math.min(maxImages, batch); i++) {
      const slice = Array.prototype.slice.call(data, i * hw * depth, (i + 1) * hw * depth) as number[];
      const pixels = isUint8
        ? Uint8Array.from(slice)
        : normalizeFloatImage(slice, hw, depth, badColor?.data as ArrayLike<number>, tensor.dtype.name === "float64");
      values.push({
        tag: mediaTag(baseTag, "image", maxImages, i),
        image: { height: h, width: w, colorspace: depth, encodedImageString: png(pixels, w, h, depth) },
      });
    }
    return [stringScalar(encodeSummary(makeSummary(values)))];
  },
  /** summary_audio_op.cc: SummaryAudioOp::Compute: the first max_outputs clips of [batch, frames(, channels)]. */
  AudioSummaryV2: (inputs, ctx) => {
    const [tag, tensor, sampleRateTensor] = inputs;
    const baseTag = scalarTag(tag, "Tag must be a scalar");
    const s = tensor.shape;
    if (s.length < 2 || s.length > 3)
      throw new InvalidArgumentError(`Tensor must be 3-D or 2-D, got: ${shapeDebugString(s)}`);
    if (sampleRateTensor.size !== 1) {
      throw new InvalidArgumentError("sample_rate must be rank-0 or contain a single value");
    }
    const sampleRate = Math.fround(Number(sampleRateTensor.data[0]));
    if (!(sampleRate > 0)) throw new InvalidArgumentError("sample_rate must be > 0");
    const [batch, frames] = s;
    const channels = s.length === 2 ? 1 : s[2];
    const maxOutputs = ctx.attrs.max_outputs as number;
    const data = tensor.data as ArrayLike<number>;
    const values: SummaryValue[] = [];
    for (let i = 0; i < Math.min(maxOutputs, batch); i++) {
      const clip = Array.prototype.slice.call(data, i * frames * channels, (i + 1) * frames * channels) as number[];
      values.push({
        tag: mediaTag(baseTag, "audio", maxOutputs, i),
        audio: {
          sampleRate,
          numChannels: channels,
          lengthFrames: frames,
          contentType: "audio/wav",
          encodedAudioString: encodeWav(clip, lrint(sampleRate) || 1, channels, frames),
        },
      });
    }
    return [stringScalar(encodeSummary(makeSummary(values)))];
  },
  /** summary_tensor_op.cc: SummaryTensorOpV2::Compute: strings as string_val, others as tensor_content. */
  TensorSummaryV2: (inputs) => {
    const [tag, tensor, metadata] = inputs;
    if (tag.size !== 1) throw new InvalidArgumentError(`tag must be scalar, got shape ${shapeDebugString(tag.shape)}`);
    const proto =
      tensor.dtype.name === "string"
        ? ndarrayToTensorProto(tensor)
        : {
            dtype: tensor.dtype.protoName,
            tensorShape: shapeToProto(tensor.shape),
            tensorContent: tensorToBytes(tensor.dtype, tensor.data),
          };
    const value: SummaryValue = {
      tag: text(tag.data[0]),
      tensor: proto,
      metadata: decodeSummaryMetadata(metadata.data[0] as Uint8Array),
    };
    return [stringScalar(encodeSummary(makeSummary([value])))];
  },
} satisfies Record<string, Kernel>;
