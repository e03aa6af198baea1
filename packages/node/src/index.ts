// @scopeflow/node: all of @scopeflow/core, plus what only Node does. One line per module; each adds its exports.
export * from "@scopeflow/core";
export { ready, type ReadyOptions } from "./ready";
