// Public API of src/session, re-exported by src/index.ts.
export { Session, type SessionOptions, type Feeds, type FeedValue } from "./session";
export type { Fetch, FetchResult, FetchStructure } from "./fetches";
export { NDArray } from "./ndarray";
export { getBackend, setBackend, registerBackend, nativeOpTypes } from "../kernels/backend-registry";
