// tf.summary: event files and Summary protos, as one namespace (src/index.ts exports it as `summary`).
export * from "./index";
