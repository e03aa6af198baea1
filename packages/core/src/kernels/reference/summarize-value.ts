// tensor.cc (TF 1.15): Tensor::SummarizeValue(max_entries), the text Print and Assert log for a tensor: the first
// `max_entries` elements, nested in brackets by dimension (PrintOneDim), `...` when cut; floats as strings::StrCat
// prints them (%.6g, or %.9g when that does not round-trip), bools as 1 and 0, strings C-escaped.
import type { NDArray } from "../../framework/ndarray";

/** C's printf("%.{precision}g", value). */
export function formatG(value: number, precision: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value < 0 ? "-inf" : "inf";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const p = Math.max(precision, 1);
  const [mantissa, expText] = value.toExponential(p - 1).split("e");
  const exp = Number(expText);
  const strip = (s: string) => (s.includes(".") ? s.replace(/\.?0+$/, "") : s);
  if (exp < -4 || exp >= p) {
    return `${strip(mantissa)}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return strip(value.toFixed(Math.max(p - 1 - exp, 0)));
}

/** numbers.cc: FloatToBuffer (%.6g unless it does not read back as the same float32, then %.9g). */
function floatText(v: number): string {
  const short = formatG(v, 6);
  return Number.isFinite(v) && Math.fround(Number(short)) !== v ? formatG(v, 9) : short;
}

/** numbers.cc: DoubleToBuffer (%.15g unless it does not read back, then %.17g). */
function doubleText(v: number): string {
  const short = formatG(v, 15);
  return Number.isFinite(v) && Number(short) !== v ? formatG(v, 17) : short;
}

/** str_util.cc: CEscape: \n \r \t \" \' \\ by name, other bytes outside printable ASCII as 3 octal digits. */
function cEscape(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) {
    if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x09) out += "\\t";
    else if (b === 0x22) out += '\\"';
    else if (b === 0x27) out += "\\'";
    else if (b === 0x5c) out += "\\\\";
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, "0")}`;
    else out += String.fromCharCode(b);
  }
  return out;
}

/** tensor.cc: PrintOneElement for one element of `tensor`. */
function elementText(tensor: NDArray, i: number): string {
  const v = (tensor.data as ArrayLike<unknown>)[i];
  switch (tensor.dtype.name) {
    case "float32":
    case "float16":
      return floatText(v as number);
    case "float64":
      return doubleText(v as number);
    case "bool":
      return v ? "1" : "0";
    case "string":
      return cEscape(v as Uint8Array);
    default:
      return String(v);
  }
}

/** tensor.cc: Tensor::SummarizeValue(max_entries): a negative `maxEntries` means every element. */
export function summarizeValue(tensor: NDArray, maxEntries: number): string {
  const numElts = tensor.size;
  const limit = maxEntries < 0 ? numElts : Math.min(maxEntries, numElts);
  const shape = tensor.shape;
  let out = "";
  if (shape.length === 0) {
    for (let i = 0; i < limit; i++) out += (i > 0 ? " " : "") + elementText(tensor, i);
  } else {
    let index = 0;
    // tensor.cc: PrintOneDim
    const printDim = (dim: number): void => {
      if (index >= limit) return;
      const count = shape[dim];
      if (dim === shape.length - 1) {
        for (let i = 0; i < count; i++) {
          if (index >= limit) {
            if (dim !== 0 && i < count) out += "...";
            return;
          }
          if (i > 0) out += " ";
          out += elementText(tensor, index++);
        }
        return;
      }
      for (let i = 0; i < count; i++) {
        let open = false;
        if (index < limit) {
          out += "[";
          open = true;
        }
        printDim(dim + 1);
        if (index < limit || open) out += "]";
      }
    };
    printDim(0);
  }
  if (numElts > limit) out += "...";
  return out;
}
