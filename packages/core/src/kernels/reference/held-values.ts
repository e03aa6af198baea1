// What the run-scoped containers (TensorArray, stack) share: values they store may live on a backend's device. They
// hold such a value (retain) while it is stored, and copy between arrays inside the device's memory, so that the
// elements a loop writes and reads never cross to JS. Host values pass through unchanged.
import type { DataFor, DType } from "../../framework/dtypes";
import { type Device, NDArray, sizeOf } from "../../framework/ndarray";

export function hold(value: NDArray): void {
  value.device?.retain(value);
}

export function release(value: NDArray): void {
  value.device?.release(value);
}

/** The device of the first device value among `values`, if any. */
export function deviceOf(values: readonly NDArray[]): Device | undefined {
  for (const value of values) if (value.device !== undefined) return value.device;
  return undefined;
}

/** A new array of `shape`: on `device` (uninitialized, no holders yet) or on the host. */
function allocate(device: Device | undefined, dtype: DType, shape: readonly number[]): NDArray {
  return device === undefined || dtype.name === "string" ? new NDArray(dtype, shape) : device.alloc(dtype, shape);
}

/** Rows [start, start + count) of `value` along axis 0 as an array of `shape`, where `value` lives. */
export function rowsOf(value: NDArray, start: number, count: number, shape: readonly number[]): NDArray {
  const rowSize = sizeOf(value.shape.slice(1));
  const out = allocate(value.device, value.dtype, shape);
  copyElements(out, 0, value, start * rowSize, count * rowSize);
  return out;
}

/** `values` one after the other in a new array of `shape`: on the device when any of them is there. */
export function gatherInto(dtype: DType, shape: readonly number[], values: readonly NDArray[]): NDArray {
  const out = allocate(deviceOf(values), dtype, shape);
  let at = 0;
  for (const v of values) {
    copyElements(out, at, v, 0, v.size);
    at += v.size;
  }
  return out;
}

/** Copies `count` elements of `src` from `from` into `dst` at `to` (views taken now: after any allocation). */
function copyElements(dst: NDArray, to: number, src: NDArray, from: number, count: number): void {
  const out = dst.data as DataFor;
  const data = src.data as DataFor;
  if (Array.isArray(out) || Array.isArray(data)) {
    const o = out as unknown[];
    const d = data as unknown as unknown[];
    for (let j = 0; j < count; j++) o[to + j] = d[from + j];
    return;
  }
  (out as Float32Array).set((data as Float32Array).subarray(from, from + count), to);
}
