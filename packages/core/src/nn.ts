// nn.py (TF 1.15): the whole `tf.nn` module: the ops' tf.nn plus the recurrent parts that are built on tf.layers
// (tf.nn.rnn_cell as `rnnCell`, static_rnn, static_bidirectional_rnn).
import { staticBidirectionalRnn, staticRnn } from "./layers/rnn";
import * as rnnCell from "./layers/rnn-cell-index";
import { bidirectionalDynamicRnn, dynamicRnn } from "./layers/rnn-dynamic";
import { nn as nnOps } from "./ops/nn-index";

// A pure closure: a top-level object spread would keep all of tf.nn and tf.layers in a bundle that uses neither.
export const nn = /* @__PURE__ */ (() => ({
  ...nnOps,
  rnnCell,
  staticRnn,
  staticBidirectionalRnn,
  dynamicRnn,
  bidirectionalDynamicRnn,
}))();
