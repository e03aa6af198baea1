// Public API of src/session, re-exported by src/index.ts.
export {};
