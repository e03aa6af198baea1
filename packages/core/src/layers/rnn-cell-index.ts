// rnn_cell.py (TF 1.15): the public `tf.nn.rnn_cell` module (also `tf.contrib.rnn`'s cells).

export {
  LayerRNNCell,
  LSTMStateTuple,
  RNNCell,
  type RNNCellCallOptions,
  type RnnState,
  type StateSize,
} from "./rnn-cell-base";
export { DeviceWrapper } from "./rnn-cell-projection";
export {
  DropoutWrapper,
  type DropoutWrapperOptions,
  type KeepProb,
  MultiRNNCell,
  ResidualWrapper,
} from "./rnn-cell-wrappers";
export {
  BasicLSTMCell,
  type BasicLSTMCellOptions,
  BasicRNNCell,
  type CellActivation,
  type CellOptions,
  GRUCell,
  type GRUCellOptions,
} from "./rnn-cells";
export { LSTMCell, type LSTMCellOptions } from "./rnn-lstm-cell";
