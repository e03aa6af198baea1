// Entry of the kernels module: every export is a kernel over pointers into the imported linear memory.
export * from "./elementwise";
export { heapBase } from "./memory";
export * from "./matmul";
export * from "./unary";
export * from "./reduce";
export * from "./array";
export * from "./conv";
export * from "./training";
