// Public API of src/session, re-exported by src/index.ts.

export { getBackend, nativeOpTypes, registerBackend, setBackend } from "../kernels/backend-registry";
export type { Fetch, FetchResult, FetchStructure } from "./fetches";
export { NDArray } from "./ndarray";
export { type Feeds, type FeedValue, Session, type SessionOptions } from "./session";
