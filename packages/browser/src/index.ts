// @scopeflow/browser: all of @scopeflow/core, plus what only a browser does. One line per module; each adds its exports.
export * from "@scopeflow/core";
export { ready, type ReadyOptions } from "./ready";
