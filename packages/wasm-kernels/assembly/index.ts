// Entry of the kernels module: every export is a kernel over pointers into the imported linear memory.

export * from "./adaptive-apply";
export * from "./array";
export * from "./batch-norm";
export { relaxedSimd } from "./common";
export * from "./conv";
export * from "./depthwise";
export * from "./elementwise";
export * from "./matmul";
export { heapBase } from "./memory";
export * from "./random";
export * from "./reduce";
export * from "./scatter";
export * from "./select";
export * from "./segment";
export * from "./space-batch";
export * from "./state";
export * from "./training";
export * from "./unary";
export * from "./unique";
export * from "./xent";
