// attr_value.proto's values as an Operation holds them, keyed by TF attr name.
import type { DType } from "./dtypes";
import type { NDArray } from "./ndarray";

/** An attr value, keyed by TF attr name (`T`, `transpose_a`, `strides`, `padding`, `keep_dims`, ...). */
export type AttrValue =
  | number
  | boolean
  | string
  | bigint
  | DType
  | number[]
  | string[]
  | DType[]
  | (number | null)[]
  | NDArray
  | null
  | { shape: (number | null)[] | null }
  | Uint8Array
  | { func: string };

export type Attrs = Readonly<Record<string, AttrValue>>;
