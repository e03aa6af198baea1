// framework/attr_value.proto as python/framework/ops.py and op_def_library.py fill it: scopeflow's attr values
// (DType objects, NDArrays, `{ shape }`, plain numbers/strings/lists) to AttrValue protos and back.
import { DataLossError } from "../errors";
import type { AttrValue } from "../proto/types";
import type { AttrValue as ScopeflowAttr } from "./attr-value";
import { asDType, DType } from "./dtypes";
import { NDArray } from "./ndarray";
import { ndarrayToTensorProto, shapeFromProto, shapeToProto, tensorProtoToNdarray } from "./tensor-proto";

/** Attrs whose OpDef type is `float` (a whole number there is still `f`, never `i`). */
const FLOAT_ATTRS = new Set([
  "alpha",
  "beta",
  "bias",
  "epsilon",
  "variance_epsilon",
  "tolerance",
  "exponential_avg_factor",
  "momentum",
]);
/** Attrs whose OpDef type is `list(string)` or `string` even when empty. */
const LIST_STRING_ATTRS = new Set(["_class"]);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isShapeAttr(value: unknown): value is { shape: (number | null)[] | null } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    "shape" in value &&
    Object.keys(value).length === 1
  );
}

/**
 * One scopeflow attr as an AttrValue, by the op attr conventions: DType → `type`, NDArray → `tensor`, `{ shape }` →
 * `shape`, boolean → `b`, string/bytes → `s`, integers → `i` (floats and FLOAT_ATTRS → `f`), arrays → `list`.
 * Returns undefined for `null` (an attr left unset).
 */
export function attrToProto(name: string, value: ScopeflowAttr): AttrValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof DType) return { type: value.protoName };
  if (value instanceof NDArray) return { tensor: ndarrayToTensorProto(value) };
  if (value instanceof Uint8Array) return { s: value.slice() };
  if (typeof value === "boolean") return { b: value };
  if (typeof value === "string") return { s: encoder.encode(value) };
  if (typeof value === "bigint") return { i: value };
  if (typeof value === "number") {
    return FLOAT_ATTRS.has(name) || !Number.isInteger(value) ? { f: value } : { i: value };
  }
  if (Array.isArray(value)) {
    const items = value as unknown[];
    if (items.length === 0) return { list: {} };
    if (items.every((v) => v instanceof DType)) return { list: { type: (items as DType[]).map((d) => d.protoName) } };
    if (items.every((v) => typeof v === "string") || LIST_STRING_ATTRS.has(name)) {
      return { list: { s: (items as string[]).map((s) => encoder.encode(String(s))) } };
    }
    if (items.every((v) => typeof v === "number" || v === null)) {
      const numbers = items as (number | null)[];
      if (FLOAT_ATTRS.has(name) || numbers.some((v) => v !== null && !Number.isInteger(v)))
        return { list: { f: numbers.map(Number) } };
      return { list: { i: numbers.map((v) => v ?? -1) } };
    }
    if (items.every(isShapeAttr))
      return { list: { shape: (items as { shape: (number | null)[] | null }[]).map((s) => shapeToProto(s.shape)) } };
  }
  if (isShapeAttr(value)) return { shape: shapeToProto(value.shape) };
  if (typeof value === "object" && "func" in value) return { func: { name: value.func } };
  throw new TypeError(
    `Attr '${name}' holds a value that has no AttrValue form: ${Object.prototype.toString.call(value)}`,
  );
}

/** An AttrValue as a scopeflow attr (the inverse of attrToProto); `where` names the node for errors. */
export function attrFromProto(name: string, proto: AttrValue, where: string): ScopeflowAttr {
  if (proto.type !== undefined) return dtypeOf(proto.type, name, where);
  if (proto.tensor !== undefined) return tensorProtoToNdarray(proto.tensor, `${where}: attr '${name}'`);
  if (proto.shape !== undefined) return { shape: shapeFromProto(proto.shape) };
  if (proto.s !== undefined) return decoder.decode(proto.s);
  if (proto.b !== undefined) return proto.b;
  if (proto.i !== undefined) return typeof proto.i === "bigint" ? proto.i : Number(proto.i);
  if (proto.f !== undefined) return proto.f;
  if (proto.func !== undefined) return { func: proto.func.name ?? "" };
  if (proto.placeholder !== undefined) {
    throw new DataLossError(
      `${where}: attr '${name}' is a function placeholder ('${proto.placeholder}'), which only a FunctionDef may hold`,
    );
  }
  const list = proto.list ?? {};
  if (list.type?.length) return list.type.map((t) => dtypeOf(t, name, where));
  if (list.s?.length || LIST_STRING_ATTRS.has(name)) return (list.s ?? []).map((s) => decoder.decode(s));
  if (list.i?.length) return list.i.map(Number);
  if (list.f?.length) return [...list.f];
  if (list.b?.length) return list.b.map((b) => (b ? 1 : 0));
  if (list.shape?.length) return list.shape.map((s) => ({ shape: shapeFromProto(s) })) as unknown as ScopeflowAttr;
  return [];
}

function dtypeOf(protoName: string, attr: string, where: string): DType {
  try {
    return asDType(protoName);
  } catch {
    throw new DataLossError(`${where}: attr '${attr}' has dtype ${protoName}, which scopeflow does not support`);
  }
}
