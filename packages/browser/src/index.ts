// @scopeflow/browser: all of @scopeflow/core, plus what only a browser does. One line per module; each adds its exports.
export * from "@scopeflow/core";
// File calls bound to the in-memory file map (explicit exports take precedence over the star re-export above).
export {
  downloadFile,
  fileBlob,
  fileBlobs,
  files,
  io,
  Session,
  savedModel,
  summary,
  tools,
  train,
} from "./memory-files";
export { type BackendInfo, backendInfo, type ReadyOptions, ready } from "./ready";
