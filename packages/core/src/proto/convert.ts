// One place that converts between protobufjs messages (snake_case, Long, enum numbers) and core's plain objects
// (camelCase, int64 as number or bigint, bytes as Uint8Array, enums by name), for every TF message.
import protobuf from "protobufjs";
import { InvalidArgumentError } from "../errors";

type Raw = Record<string, unknown>;
export type Plain = Record<string, unknown>;

const LONG_TYPES = new Set(["int64", "uint64", "sint64", "fixed64", "sfixed64"]);
const INT_TYPES = new Set(["int32", "uint32", "sint32", "fixed32", "sfixed32"]);

export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A 64-bit integer as core hands it out: a number when exact, else a bigint. */
export function int64Value(value: unknown, unsigned = false): number | bigint {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  const long = value as { low: number; high: number; unsigned?: boolean };
  const bits = (BigInt(long.high >>> 0) << 32n) | BigInt(long.low >>> 0);
  const big = unsigned || long.unsigned ? bits : BigInt.asIntN(64, bits);
  return Number.isSafeInteger(Number(big)) ? Number(big) : big;
}

function fieldDefault(field: protobuf.Field): unknown {
  if (field.resolvedType instanceof protobuf.Enum) {
    const values = field.resolvedType.values;
    return field.resolvedType.valuesById[0] ?? Object.keys(values)[0];
  }
  if (LONG_TYPES.has(field.type)) return 0;
  switch (field.type) {
    case "string":
      return "";
    case "bytes":
      return new Uint8Array(0);
    case "bool":
      return false;
    default:
      return 0;
  }
}

function scalarToPlain(field: protobuf.Field, value: unknown): unknown {
  if (field.resolvedType instanceof protobuf.Enum) {
    return field.resolvedType.valuesById[value as number] ?? value;
  }
  if (field.resolvedType instanceof protobuf.Type) return toPlain(field.resolvedType, value as Raw);
  if (LONG_TYPES.has(field.type)) return int64Value(value, field.type.startsWith("u") || field.type === "fixed64");
  if (field.type === "bytes") return new Uint8Array(value as Uint8Array);
  return value;
}

/**
 * A decoded message as a plain object. Scalars are always present (proto3 defaults filled in, except the members of
 * a oneof, of which only the set one appears); repeated fields are arrays and maps are objects; an unset message is absent.
 */
export function toPlain(type: protobuf.Type, message: Raw): Plain {
  const out: Plain = {};
  for (const field of type.fieldsArray) {
    const key = camelCase(field.name);
    const value = message[field.name];
    if (field.map) {
      const map: Plain = {};
      if (value) for (const [k, v] of Object.entries(value as Raw)) map[k] = scalarToPlain(field, v);
      out[key] = map;
    } else if (field.repeated) {
      out[key] = ((value as unknown[] | undefined) ?? []).map((v) => scalarToPlain(field, v));
    } else if (field.partOf || field.resolvedType instanceof protobuf.Type) {
      if (Object.hasOwn(message, field.name) && value != null) {
        out[key] = scalarToPlain(field, value);
      }
    } else {
      out[key] = value == null ? fieldDefault(field) : scalarToPlain(field, value);
    }
  }
  return out;
}

function badValue(path: string, expected: string, value: unknown): never {
  const shown =
    typeof value === "bigint"
      ? `${value}n`
      : typeof value === "object"
        ? Object.prototype.toString.call(value)
        : JSON.stringify(value);
  throw new InvalidArgumentError(`Field ${path} expects ${expected}, got ${shown}`);
}

function scalarFromPlain(field: protobuf.Field, value: unknown, path: string): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    if (typeof value === "string") {
      const number = resolved.values[value];
      if (number === undefined) badValue(path, `a ${resolved.name} name`, value);
      return number;
    }
    if (typeof value === "number" && Number.isInteger(value)) return value;
    if (
      typeof value === "object" &&
      value !== null &&
      typeof (value as { enumValue?: unknown }).enumValue === "number"
    ) {
      return (value as { enumValue: number }).enumValue; // a DType
    }
    return badValue(path, `a ${resolved.name} name`, value);
  }
  if (resolved instanceof protobuf.Type) {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      badValue(path, `a ${resolved.name} object`, value);
    return fromPlain(resolved, value as Plain, path);
  }
  if (LONG_TYPES.has(field.type)) {
    const unsigned = field.type.startsWith("u") || field.type === "fixed64";
    let big: bigint;
    if (typeof value === "number" && Number.isInteger(value)) big = BigInt(value);
    else if (typeof value === "bigint") big = value;
    else if (typeof value === "string" && /^-?\d+$/.test(value)) big = BigInt(value);
    else return badValue(path, "an integer", value);
    if (Number.isSafeInteger(Number(big))) return Number(big);
    const bits = BigInt.asUintN(64, big);
    const Long = (protobuf.util as unknown as { Long: { fromBits(lo: number, hi: number, u: boolean): unknown } }).Long;
    return Long.fromBits(Number(bits & 0xffffffffn) | 0, Number(bits >> 32n) | 0, unsigned);
  }
  if (INT_TYPES.has(field.type)) {
    if (typeof value !== "number" || !Number.isInteger(value)) badValue(path, "an integer", value);
    return value;
  }
  switch (field.type) {
    case "string":
      if (typeof value !== "string") badValue(path, "a string", value);
      return value;
    case "bytes":
      if (typeof value === "string") return new TextEncoder().encode(value);
      if (!(value instanceof Uint8Array)) badValue(path, "a Uint8Array", value);
      return value;
    case "bool":
      if (typeof value !== "boolean") badValue(path, "a boolean", value);
      return value;
    default:
      if (typeof value !== "number") badValue(path, "a number", value);
      return value;
  }
}

function isDefault(value: unknown): boolean {
  if (value === 0 || value === "" || value === false) return true;
  return value instanceof Uint8Array && value.length === 0;
}

/**
 * A plain object (camelCase or TF's snake_case keys) as a raw message that protobufjs can encode. Proto3 scalars that
 * hold their default are left out (as TF leaves them out), except a set member of a oneof. Unknown keys are an error.
 */
export function fromPlain(type: protobuf.Type, plain: Plain, path = type.name): Raw {
  const out: Raw = {};
  const byCamel = new Map<string, protobuf.Field>();
  for (const field of type.fieldsArray) {
    byCamel.set(camelCase(field.name), field);
    byCamel.set(field.name, field);
  }
  for (const [key, value] of Object.entries(plain)) {
    if (value === undefined) continue;
    const field = byCamel.get(key);
    if (!field) throw new InvalidArgumentError(`${path} has no field named ${JSON.stringify(key)}`);
    const fieldPath = `${path}.${field.name}`;
    if (value === null) continue;
    if (field.map) {
      if (typeof value !== "object" || Array.isArray(value)) badValue(fieldPath, "an object (a map)", value);
      const map: Raw = {};
      for (const [k, v] of Object.entries(value as Raw))
        map[k] = scalarFromPlain(field, v, `${fieldPath}[${JSON.stringify(k)}]`);
      if (Object.keys(map).length) out[field.name] = map;
    } else if (field.repeated) {
      if (!Array.isArray(value) && !ArrayBuffer.isView(value)) badValue(fieldPath, "an array", value);
      const items = Array.from(value as ArrayLike<unknown>, (v, i) => scalarFromPlain(field, v, `${fieldPath}[${i}]`));
      if (items.length) out[field.name] = items;
    } else {
      const raw = scalarFromPlain(field, value, fieldPath);
      if (field.partOf || field.resolvedType instanceof protobuf.Type || !isDefault(raw)) out[field.name] = raw;
    }
  }
  return out;
}
