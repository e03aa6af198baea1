// contrib/seq2seq/__init__.py (TF 1.15): `tf.contrib.seq2seq`.

export { SequenceLoss, type SequenceLossOptions, sequenceLoss } from "./loss";
