// nn.py (TF 1.15): the whole `tf.nn` module: the ops' tf.nn plus the recurrent parts that are built on tf.layers
// (tf.nn.rnn_cell as `rnnCell`, static_rnn, static_bidirectional_rnn).
import { staticBidirectionalRnn, staticRnn } from "./layers/rnn";
import * as rnnCell from "./layers/rnn-cell-index";
import { bidirectionalDynamicRnn, dynamicRnn } from "./layers/rnn-dynamic";
import { nn as nnOps } from "./ops/nn-index";

export const nn = {
  ...nnOps,
  rnnCell,
  staticRnn,
  staticBidirectionalRnn,
  dynamicRnn,
  bidirectionalDynamicRnn,
} as const;
