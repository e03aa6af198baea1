// Public API of src/scopes, re-exported by src/index.ts.
export {};
