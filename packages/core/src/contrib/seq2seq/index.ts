// contrib/seq2seq/__init__.py (TF 1.15): `tf.contrib.seq2seq`.

export { BasicDecoder, BasicDecoderOutput } from "./basic-decoder";
export { Decoder, type DynamicDecodeOptions, dynamicDecode, type OutputSize } from "./decoder";
export { type Embedding, GreedyEmbeddingHelper, Helper, TrainingHelper, type TrainingHelperOptions } from "./helper";
export { SequenceLoss, type SequenceLossOptions, sequenceLoss } from "./loss";
export { tileBatch } from "./tile-batch";
