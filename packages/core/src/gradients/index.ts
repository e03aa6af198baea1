// Public API of src/gradients, re-exported by src/index.ts.
export {};
