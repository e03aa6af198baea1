// tf.contrib (TF 1.15): the contrib modules scopeflow ports.
export * as rnn from "./rnn";
