// The value of a tensor in a Session: TF's numpy array, as a dtype, a shape and a flat typed array (row-major).
import { allocData, asDType, type DataFor, type DType, type DTypeLike } from "../framework/dtypes";

export type NestedArray<T> = T | NestedArray<T>[];
export type Scalar = number | boolean | bigint | Uint8Array;

export class NDArray {
  readonly dtype: DType;
  readonly shape: number[];
  readonly data: DataFor;

  constructor(dtype: DTypeLike, shape: readonly number[], data?: DataFor) {
    this.dtype = asDType(dtype);
    this.shape = [...shape];
    const size = sizeOf(shape);
    this.data = data ?? allocData(this.dtype, size);
    if (this.data.length !== size) {
      throw new RangeError(
        `NDArray of shape [${shape.join(",")}] needs ${size} elements of ${this.dtype.name}, got ${this.data.length}`,
      );
    }
  }

  get size(): number {
    return this.data.length;
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
