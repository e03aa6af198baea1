// @scopeflow/node: all of @scopeflow/core, plus what only Node does. One line per module; each adds its exports.
export * from "@scopeflow/core";
// File calls bound to the disk (explicit exports take precedence over the star re-export above).
export { io, Session, savedModel, summary, tools, train } from "./files";
export { type NodeFsOptions, nodeFs } from "./node-fs";
export { type BackendInfo, backendInfo, type ReadyOptions, ready } from "./ready";
