// Public API of src/session, re-exported by src/index.ts.

export { NDArray } from "../framework/ndarray";
export { getBackend, nativeOpTypes, registerBackend, setBackend } from "../kernels/backend-registry";
export type { Fetch, FetchResult, FetchStructure, IndexedSlicesValue } from "./fetches";
export { type Feeds, type FeedValue, Session, type SessionOptions } from "./session";
