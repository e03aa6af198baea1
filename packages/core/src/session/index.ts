// Public API of src/session, re-exported by src/index.ts.

export { getDefaultSession } from "../framework/default-session";
export { NDArray } from "../framework/ndarray";
export { getBackend, nativeOpTypes, registerBackend, setBackend } from "../kernels/backend-registry";
export type { Fetch, FetchResult, FetchStructure, IndexedSlicesValue } from "./fetches";
export { InteractiveSession } from "./interactive-session";
export { type Feeds, type FeedValue, Session, type SessionOptions } from "./session";
