// The value of a tensor in a Session: TF's numpy array, as a dtype, a shape and a flat typed array (row-major).
import { TYPED_ARRAY_CLASSES } from "../io/typed-arrays";
import { allocData, asDType, type DataFor, type DType, type DTypeLike } from "./dtypes";

export type NestedArray<T> = T | NestedArray<T>[];
export type Scalar = number | boolean | bigint | Uint8Array;

/**
 * Memory a backend owns and keeps tensors in between its kernels (WebAssembly linear memory). Its buffer can be
 * replaced by a larger one (Memory.grow detaches the old ArrayBuffer), so arrays on a device re-derive their view.
 * Blocks are reference-counted by the executor: a value held in a slot or a variable is retained once per holder.
 */
export interface Device {
  readonly name: string;
  /** The current buffer; compared by identity to detect growth. */
  readonly buffer: ArrayBuffer;
  /** A copy of a host array in this device's memory, with no holders yet. */
  upload(value: NDArray): NDArray;
  /** An uninitialized array in this device's memory, with no holders yet (device-side copies, no host bytes). */
  alloc(dtype: DType, shape: readonly number[]): NDArray;
  retain(value: NDArray): void;
  release(value: NDArray): void;
}

export class NDArray {
  readonly dtype: DType;
  readonly shape: number[];
  private view: DataFor;
  private device_: Device | undefined = undefined;
  private byteOffset_ = 0;
  /** Kept apart from the view: a view detached by memory growth reports length 0. */
  private readonly size_: number;

  constructor(dtype: DTypeLike, shape: readonly number[], data?: DataFor) {
    this.dtype = asDType(dtype);
    this.shape = [...shape];
    const size = sizeOf(shape);
    this.size_ = size;
    if (data !== undefined) checkStorage(this.dtype, data);
    this.view = data ?? allocData(this.dtype, size);
    if (this.view.length !== size) {
      throw new RangeError(
        `NDArray of shape [${shape.join(",")}] needs ${size} elements of ${this.dtype.name}, got ${this.view.length}`,
      );
    }
  }

  /** An array whose elements live at `byteOffset` in `device`'s memory (a view, not a copy). */
  static onDevice(device: Device, dtype: DType, shape: readonly number[], byteOffset: number): NDArray {
    const array = new NDArray(dtype, shape, deviceView(device.buffer, dtype, byteOffset, sizeOf(shape)));
    array.device_ = device;
    array.byteOffset_ = byteOffset;
    return array;
  }

  /** The device whose memory holds the data, or undefined for a host (plain JS) array. */
  get device(): Device | undefined {
    return this.device_;
  }

  /** Byte offset of the data in the device's memory (0 on the host). */
  get byteOffset(): number {
    return this.byteOffset_;
  }

  /** The elements, row-major. On a device this is a view into its memory, re-derived after the memory grew. */
  get data(): DataFor {
    const device = this.device_;
    if (device !== undefined && (this.view as { buffer: ArrayBufferLike }).buffer !== device.buffer) {
      this.view = deviceView(device.buffer, this.dtype, this.byteOffset_, this.size_);
    }
    return this.view;
  }

  /** A host copy of a device array (the array itself when it is already on the host). */
  toHost(): NDArray {
    if (this.device === undefined) return this;
    return new NDArray(this.dtype, this.shape, this.data.slice() as DataFor);
  }

  get size(): number {
    return this.size_;
  }
  get rank(): number {
    return this.shape.length;
  }

  /** The single element of a size-1 array (numpy's item()); int64 gives a number when it is exact, else a bigint. */
  item(): Scalar {
    if (this.size !== 1) {
      throw new RangeError(`item() needs an array of size 1, but this array has shape [${this.shape.join(",")}]`);
    }
    return elementAt(this, 0);
  }

  /** Nested JS arrays of the elements (booleans for bool, byte strings for string). */
  toArray(): NestedArray<Scalar> {
    if (this.shape.length === 0) return elementAt(this, 0);
    let pos = 0;
    const build = (dim: number): NestedArray<Scalar>[] => {
      const out: NestedArray<Scalar>[] = [];
      for (let i = 0; i < this.shape[dim]; i++) {
        out.push(dim === this.shape.length - 1 ? elementAt(this, pos++) : build(dim + 1));
      }
      return out;
    };
    return build(0);
  }

  toString(): string {
    return `NDArray<${this.dtype.name}>[${this.shape.join(",")}]`;
  }
}

/**
 * Data of another element type would be read through the wrong view (a Float64Array's bytes as float32 by the wasm
 * kernels), so it is refused here. Compared by tag, not instanceof: arrays from another realm are fine too.
 */
function checkStorage(dtype: DType, data: DataFor): void {
  const expected = dtype.name === "string" ? "Array" : TYPED_ARRAY_CLASSES[dtype.name].name;
  const actual = Object.prototype.toString.call(data).slice(8, -1);
  if (actual !== expected) {
    const an = (word: string) => (/^[AEIO]/.test(word) ? `an ${word}` : `a ${word}`);
    throw new TypeError(`NDArray of dtype ${dtype.name} needs its data in ${an(expected)}, got ${an(actual)}`);
  }
}

function deviceView(buffer: ArrayBuffer, dtype: DType, byteOffset: number, size: number): DataFor {
  switch (dtype.name) {
    case "float32":
      return new Float32Array(buffer, byteOffset, size);
    case "float64":
      return new Float64Array(buffer, byteOffset, size);
    case "int32":
      return new Int32Array(buffer, byteOffset, size);
    case "int64":
      return new BigInt64Array(buffer, byteOffset, size);
    case "bool":
    case "uint8":
      return new Uint8Array(buffer, byteOffset, size);
    default:
      throw new TypeError(
        `NDArray: ${dtype.name} arrays cannot live in device memory (float32, float64, int32, int64, bool and uint8 can)`,
      );
  }
}

function elementAt(array: NDArray, index: number): Scalar {
  const value = array.data[index];
  if (array.dtype.isBool) return value !== 0;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  return value as number | Uint8Array;
}

export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}
