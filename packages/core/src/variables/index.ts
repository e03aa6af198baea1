// Public API of src/variables, re-exported by src/index.ts.
export {};
