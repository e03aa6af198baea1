// @scopeflow/node: all of @scopeflow/core, plus what only Node does. One line per module; each adds its exports.
export * from "@scopeflow/core";
export { ready, type ReadyOptions } from "./ready";
// File calls bound to the disk (explicit exports take precedence over the star re-export above).
export { io, Session, summary, train } from "./files";
export { nodeFs, type NodeFsOptions } from "./node-fs";
