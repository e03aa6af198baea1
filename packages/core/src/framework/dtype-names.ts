// types.cc: the C++ names of dtypes, as TF's run-time messages print them. Not re-exported by the index.

/** types.cc: DataTypeString: float, double, int32, int64, bool, string, ... */
export function cTypeName(dtype: { name: string }): string {
  return dtype.name === "float32"
    ? "float"
    : dtype.name === "float64"
      ? "double"
      : dtype.name === "float16"
        ? "half"
        : dtype.name;
}
