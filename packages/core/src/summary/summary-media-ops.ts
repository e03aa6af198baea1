// python/summary/summary.py (image, audio, tensor_summary) and python/summary/text_summary.py (text_summary): the
// summary ops whose values TensorBoard shows as images, audio clips and text.
import { ValueError } from "../errors";
import { encodeSummaryMetadata, type SummaryMetadata } from "../formats/summary-builders";
import { float32, string as stringDType } from "../framework/dtypes";
import { GraphKeys } from "../framework/graph-keys";
import { NDArray } from "../framework/ndarray";
import type { Tensor } from "../framework/tensor";
import { constantOp, convertToTensor, createOp, opScope, type TensorLike } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { type SummaryOptions, summaryScope } from "./summary-ops";

export interface MediaSummaryOptions extends SummaryOptions {
  /** How many of the batch's first entries to summarize; default 3. */
  maxOutputs?: number;
}

function collect(value: Tensor, collections: readonly string[] | null | undefined): void {
  for (const key of collections ?? [GraphKeys.SUMMARIES]) value.graph.addToCollection(key, value);
}

function maxOutputsOf(options: MediaSummaryOptions, attr: string, opType: string): number {
  const n = options.maxOutputs ?? 3;
  // op_def_library.py: the attr's minimum is 1.
  if (!Number.isInteger(n) || n < 1) {
    throw new ValueError(`Attr '${attr}' of '${opType}' Op passed ${n} less than minimum 1.`);
  }
  return n;
}

/**
 * summary.py: image(name, tensor, max_outputs=3, collections=None, family=None): an `ImageSummary` of a
 * [batch, height, width, channels] uint8/float tensor (channels 1, 3 or 4); tags `tag/image/0`... (`tag/image` when
 * maxOutputs is 1). Non-finite float pixels take bad_color, TF's default opaque red.
 */
export function image(name: string, tensor: TensorLike, options: MediaSummaryOptions = {}): Tensor {
  const maxImages = maxOutputsOf(options, "max_images", opDefs.ImageSummary.type);
  return summaryScope(name, options.family, null, [tensor], (tag, scope) => {
    const value = opScope(scope, opDefs.ImageSummary.type, [tensor], (opScopeName) => {
      const tagTensor = constantOp(tag, stringDType, null, "tag");
      const t = convertToTensor(tensor, { name: "tensor" });
      return createOp(opDefs.ImageSummary, [tagTensor, t], {
        name: opScopeName,
        attrs: {
          max_images: maxImages,
          T: t.dtype,
          bad_color: new NDArray("uint8", [4], Uint8Array.of(255, 0, 0, 255)),
        },
        shapes: [[]],
      }).outputs[0];
    });
    collect(value, options.collections);
    return value;
  });
}

/**
 * summary.py: audio(name, tensor, sample_rate, max_outputs=3, collections=None, family=None): an `AudioSummaryV2` of
 * a float32 [batch, frames(, channels)] tensor in [-1, 1], as 16-bit PCM WAV; tags `tag/audio/0`...
 */
export function audio(
  name: string,
  tensor: TensorLike,
  sampleRate: TensorLike,
  options: MediaSummaryOptions = {},
): Tensor {
  const maxOutputs = maxOutputsOf(options, "max_outputs", opDefs.AudioSummaryV2.type);
  return summaryScope(name, options.family, null, [tensor], (tag, scope) => {
    // summary.py converts sample_rate inside the summary scope, before the op's own conversions.
    const rate = convertToTensor(sampleRate, { dtype: float32, name: "sample_rate" });
    const value = opScope(scope, opDefs.AudioSummaryV2.type, [tensor, rate], (opScopeName) => {
      const tagTensor = constantOp(tag, stringDType, null, "tag");
      const t = convertToTensor(tensor, { dtype: float32, name: "tensor" });
      return createOp(opDefs.AudioSummaryV2, [tagTensor, t, rate], {
        name: opScopeName,
        attrs: { max_outputs: maxOutputs },
        shapes: [[]],
      }).outputs[0];
    });
    collect(value, options.collections);
    return value;
  });
}

export interface TensorSummaryOptions extends SummaryOptions {
  summaryDescription?: string | null;
  summaryMetadata?: SummaryMetadata | null;
  displayName?: string | null;
}

/**
 * summary.py: tensor_summary(name, tensor, summary_description=None, collections=None, summary_metadata=None,
 * family=None, display_name=None): a `TensorSummaryV2` holding the tensor and its serialized SummaryMetadata.
 */
export function tensorSummary(name: string, tensor: TensorLike, options: TensorSummaryOptions = {}): Tensor {
  const metadata: SummaryMetadata = { ...(options.summaryMetadata ?? {}) };
  if (options.summaryDescription != null) metadata.summaryDescription = options.summaryDescription;
  if (options.displayName != null) metadata.displayName = options.displayName;
  const serialized = encodeSummaryMetadata(metadata);
  return summaryScope(name, options.family, null, [tensor], (tag, scope) => {
    const value = opScope(scope, opDefs.TensorSummaryV2.type, [tensor], (opScopeName) => {
      // op_def_library.py converts the inputs in the op's order: tag, tensor, serialized_summary_metadata.
      const tagTensor = constantOp(tag, stringDType, null, "tag");
      const t = convertToTensor(tensor, { name: "tensor" });
      const meta = constantOp(
        new NDArray(stringDType, [], [serialized]),
        stringDType,
        null,
        "serialized_summary_metadata",
      );
      return createOp(opDefs.TensorSummaryV2, [tagTensor, t, meta], {
        name: opScopeName,
        attrs: { T: t.dtype },
        shapes: [[]],
      }).outputs[0];
    });
    collect(value, options.collections);
    return value;
  });
}

/**
 * text_summary.py: text_summary(name, tensor, collections=None) (tf.summary.text): a `TensorSummaryV2` of a string
 * tensor whose metadata names the "text" plugin.
 */
export function text(name: string, tensor: Tensor, options: { collections?: readonly string[] | null } = {}): Tensor {
  if (tensor.dtype !== stringDType) {
    throw new ValueError(`Expected tensor ${tensor.name} to have dtype string, got ${tensor.dtype}`);
  }
  return tensorSummary(name, tensor, {
    summaryMetadata: { pluginData: { pluginName: "text" } },
    collections: options.collections,
  });
}
