// contrib/rnn/__init__.py (TF 1.15): tf.contrib.rnn's core cells (the same classes as tf.nn.rnn_cell), static_rnn
// and static_bidirectional_rnn.

export {
  type StaticBidirectionalRnnOptions,
  type StaticRnnOptions,
  staticBidirectionalRnn,
  staticRnn,
} from "../layers/rnn";
export * from "../layers/rnn-cell-index";
export { EmbeddingWrapper, InputProjectionWrapper, OutputProjectionWrapper } from "../layers/rnn-cell-projection";
export { LayerNormBasicLSTMCell, type LayerNormBasicLSTMCellOptions } from "./layer-norm-lstm-cell";
export {
  type StackBidirectionalDynamicRnnOptions,
  type StackBidirectionalRnnOptions,
  stackBidirectionalDynamicRnn,
  stackBidirectionalRnn,
} from "./stack-bidirectional-rnn";
