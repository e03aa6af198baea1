// @scopeflow/core/io: tf.io as named exports (the FileSystem contract, the in-memory file system, TFRecord framing,
// GraphDef codecs), for runtimes and pages that want one piece without the whole `tf.io` namespace object.
export * from "../graphdef/tf-io";
