// The wasm Device: linear memory as core's Device, with blocks reference-counted in their headers. A view (Identity,
// Reshape) shares its source's block, so a block is freed when the last array over it is released.
import type { NDArray } from "@scopeflow/core/kernels";
import type { LinearMemory } from "./memory";
import { bytesOf, type Device, type DType, type NDArrayClass, sizeOf } from "./runtime";

export class WasmDevice implements Device {
  readonly name = "wasm";
  private held = 0;

  constructor(
    readonly mem: LinearMemory,
    private readonly NDArray: NDArrayClass,
  ) {}

  get buffer(): ArrayBuffer {
    return this.mem.current;
  }

  upload(value: NDArray): NDArray {
    const data = value.data;
    if (Array.isArray(data)) {
      throw new TypeError(
        `wasm backend: ${value.dtype.name} tensors cannot be copied into linear memory; their ops run on the reference backend`,
      );
    }
    const ptr = this.mem.alloc(value.size * bytesOf(value.dtype));
    this.mem.u8.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), ptr);
    return this.NDArray.onDevice(this, value.dtype, value.shape, ptr);
  }

  alloc(dtype: DType, shape: readonly number[]): NDArray {
    if (dtype.name === "string") {
      throw new TypeError(
        "wasm backend: string tensors cannot live in linear memory; their ops run on the reference backend",
      );
    }
    const ptr = this.mem.alloc(sizeOf(shape) * bytesOf(dtype));
    return this.NDArray.onDevice(this, dtype, shape, ptr);
  }

  retain(value: NDArray): void {
    if (this.mem.refs(value.byteOffset, 1) === 1) this.held++;
  }

  release(value: NDArray): void {
    if (this.mem.refs(value.byteOffset, -1) > 0) return;
    this.held--;
    this.mem.free(value.byteOffset);
  }

  /** How many blocks arrays hold, for tests: after a run only variables and constants remain. */
  get heldBlocks(): number {
    return this.held;
  }
}
