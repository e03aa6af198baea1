// Public API of src/ops, re-exported by src/index.ts.
export {};
export * from "./nn-index";
