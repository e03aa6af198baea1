// tensorflow/contrib (TF 1.15): `tf.contrib`, one sub-namespace per contrib module scopeflow ports.

export * as layers from "./contrib-layers";
export * as framework from "./framework";
export * as legacySeq2seq from "./legacy-seq2seq";
export * as rnn from "./rnn";
export * as seq2seq from "./seq2seq/index";
export * as slim from "./slim";
