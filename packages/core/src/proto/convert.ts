// One place that converts between raw messages (keyed by the .proto's snake_case names, int64 as number or bigint,
// enums as numbers: what the binary codec and the text format work on) and core's plain objects (camelCase, int64
// as number or bigint, bytes as Uint8Array, enums by name), for every TF message.
import { InvalidArgumentError } from "../errors";
import { setOwn } from "../io/own-keys";
import {
  enumName,
  enumNumber,
  type FieldDesc,
  fieldEnum,
  fieldMessage,
  isMap,
  isRepeated,
  type MessageDesc,
  scalarName,
} from "./root";

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
  const big = unsigned ? BigInt.asUintN(64, BigInt(value as string)) : BigInt(value as string);
  return Number.isSafeInteger(Number(big)) ? Number(big) : big;
}

function fieldDefault(field: FieldDesc): unknown {
  const enumType = fieldEnum(field);
  if (enumType) return enumName(enumType, 0) ?? enumType.values[0]?.name;
  const type = scalarName(field);
  if (LONG_TYPES.has(type)) return 0;
  switch (type) {
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

function isUnsigned64(type: string): boolean {
  return type === "uint64" || type === "fixed64";
}

function scalarToPlain(field: FieldDesc, value: unknown): unknown {
  const enumType = fieldEnum(field);
  if (enumType) return enumName(enumType, value as number) ?? value;
  const messageType = fieldMessage(field);
  if (messageType) return toPlain(messageType, value as Raw);
  const type = scalarName(field);
  if (LONG_TYPES.has(type)) return int64Value(value, isUnsigned64(type));
  if (type === "bytes") return new Uint8Array(value as Uint8Array);
  return value;
}

/**
 * A decoded message as a plain object. Scalars are always present (proto3 defaults filled in, except the members of
 * a oneof, of which only the set one appears); repeated fields are arrays and maps are objects; an unset message is absent.
 */
export function toPlain(type: MessageDesc, message: Raw): Plain {
  const out: Plain = {};
  for (const field of type.fields) {
    const key = camelCase(field.name);
    const value = Object.hasOwn(message, field.name) ? message[field.name] : undefined;
    if (isMap(field)) {
      const map: Plain = {};
      if (value) for (const [k, v] of Object.entries(value as Raw)) setOwn(map, k, scalarToPlain(field, v));
      out[key] = map;
    } else if (isRepeated(field)) {
      out[key] = ((value as unknown[] | undefined) ?? []).map((v) => scalarToPlain(field, v));
    } else if (field.oneof || fieldMessage(field)) {
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

function scalarFromPlain(field: FieldDesc, value: unknown, path: string): unknown {
  const enumType = fieldEnum(field);
  if (enumType) {
    if (typeof value === "string") {
      const number = enumNumber(enumType, value);
      if (number === undefined) badValue(path, `a ${enumType.name} name`, value);
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
    return badValue(path, `a ${enumType.name} name`, value);
  }
  const messageType = fieldMessage(field);
  if (messageType) {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      badValue(path, `a ${messageType.name} object`, value);
    return fromPlain(messageType, value as Plain, path);
  }
  const type = scalarName(field);
  if (LONG_TYPES.has(type)) {
    let big: bigint;
    if (typeof value === "number" && Number.isInteger(value)) big = BigInt(value);
    else if (typeof value === "bigint") big = value;
    else if (typeof value === "string" && /^-?\d+$/.test(value)) big = BigInt(value);
    else return badValue(path, "an integer", value);
    // Two's complement wrap as protobuf's writers do (-1 as uint64 is 2^64 - 1).
    return isUnsigned64(type) ? BigInt.asUintN(64, big) : BigInt.asIntN(64, big);
  }
  if (INT_TYPES.has(type)) {
    if (typeof value !== "number" || !Number.isInteger(value)) badValue(path, "an integer", value);
    return value;
  }
  switch (type) {
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
  if (value === 0 || value === 0n || value === "" || value === false) return true;
  return value instanceof Uint8Array && value.length === 0;
}

/**
 * A plain object (camelCase or TF's snake_case keys) as a raw message (64-bit integers as bigint). Proto3 scalars that
 * hold their default are left out (as TF leaves them out), except a set member of a oneof. Unknown keys are an error.
 */
export function fromPlain(type: MessageDesc, plain: Plain, path = type.name): Raw {
  const out: Raw = {};
  const byCamel = new Map<string, FieldDesc>();
  for (const field of type.fields) {
    byCamel.set(camelCase(field.name), field);
    byCamel.set(field.name, field);
  }
  for (const [key, value] of Object.entries(plain)) {
    if (value === undefined) continue;
    const field = byCamel.get(key);
    if (!field) throw new InvalidArgumentError(`${path} has no field named ${JSON.stringify(key)}`);
    const fieldPath = `${path}.${field.name}`;
    if (value === null) continue;
    if (isMap(field)) {
      if (typeof value !== "object" || Array.isArray(value)) badValue(fieldPath, "an object (a map)", value);
      const map: Raw = {};
      for (const [k, v] of Object.entries(value as Raw))
        setOwn(map, k, scalarFromPlain(field, v, `${fieldPath}[${JSON.stringify(k)}]`));
      if (Object.keys(map).length) out[field.name] = map;
    } else if (isRepeated(field)) {
      if (!Array.isArray(value) && !ArrayBuffer.isView(value)) badValue(fieldPath, "an array", value);
      const items = Array.from(value as ArrayLike<unknown>, (v, i) => scalarFromPlain(field, v, `${fieldPath}[${i}]`));
      if (items.length) out[field.name] = items;
    } else {
      const raw = scalarFromPlain(field, value, fieldPath);
      if (field.oneof || fieldMessage(field) || !isDefault(raw)) out[field.name] = raw;
    }
  }
  return out;
}
