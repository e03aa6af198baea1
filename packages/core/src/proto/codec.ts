// Binary protobuf encoding and decoding of TF messages as plain objects (protobuf wire format, as TF's C++ writes it),
// by @bufbuild/protobuf's toBinary/fromBinary over the generated descriptors (no code generated at run time).
import { create, fromBinary, type Message, toBinary } from "@bufbuild/protobuf";
import { DataLossError } from "../errors";
import { fromPlain, type Plain, toPlain } from "./convert";
import {
  type FieldDesc,
  fieldMessage,
  isMap,
  isRepeated,
  type MessageDesc,
  type MessageName,
  messageType,
} from "./root";

type Raw = Record<string, unknown>;
type Fields = Record<string, unknown>;

/** Serializes a plain message object (camelCase or snake_case keys) to protobuf wire bytes. */
export function encodeMessage(name: MessageName, value: object): Uint8Array {
  const type = messageType(name);
  return toBinary(type, rawToMessage(type, fromPlain(type, value as Plain)));
}

/**
 * Parses protobuf wire bytes into a plain message object. Bytes that are not a valid `name` throw DataLossError naming
 * `source` (a file, or what the bytes are) and the reason. Unknown fields are skipped, as TF's parser does.
 */
export function decodeMessage<T = Plain>(name: MessageName, bytes: Uint8Array, source = "<bytes>"): T {
  const type = messageType(name);
  try {
    return toPlain(type, messageToRaw(type, fromBinary(type, bytes, { readUnknownFields: false }))) as T;
  } catch (err) {
    // tensor_bundle.cc / event_file reader: ParseFromString failure is a DataLoss status.
    throw new DataLossError(`Unable to parse ${name} from ${source}: ${reason(err)}`);
  }
}

/** The reader's complaint; a read past the end says so in the words protobuf's readers use. */
function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return err instanceof RangeError && /premature EOF/.test(message)
    ? `index out of range: the bytes end inside a field (${message})`
    : message;
}

/** A generated message object's fields are keyed by localName; a oneof member sits in `{ case, value }`. */
function rawToMessage(type: MessageDesc, raw: Raw): Message {
  const init: Fields = {};
  for (const field of type.fields) {
    if (!Object.hasOwn(raw, field.name) || raw[field.name] == null) continue;
    const value = toMessageValue(field, raw[field.name]);
    if (field.oneof) init[field.oneof.localName] = { case: field.localName, value };
    else init[field.localName] = value;
  }
  return create(type, init as never);
}

function toMessageValue(field: FieldDesc, value: unknown): unknown {
  const nested = fieldMessage(field);
  if (!nested) return value;
  const one = (v: unknown) => rawToMessage(nested, v as Raw);
  if (isRepeated(field)) return (value as unknown[]).map(one);
  if (isMap(field)) return mapValues(value as Raw, one);
  return one(value);
}

function messageToRaw(type: MessageDesc, message: Message): Raw {
  const fields = message as unknown as Fields;
  const raw: Raw = {};
  for (const field of type.fields) {
    let value: unknown;
    if (field.oneof) {
      const set = fields[field.oneof.localName] as { case?: string; value?: unknown };
      if (set.case !== field.localName) continue;
      value = set.value;
    } else {
      value = fields[field.localName];
    }
    if (value === undefined) continue;
    const nested = fieldMessage(field);
    if (nested) {
      const one = (v: unknown) => messageToRaw(nested, v as Message);
      if (isRepeated(field)) value = (value as Message[]).map(one);
      else if (isMap(field)) value = mapValues(value as Fields, one);
      else value = one(value);
    }
    raw[field.name] = value;
  }
  return raw;
}

/** Map entries copied as own properties (a `__proto__` key from data stays a key). */
function mapValues(map: Fields, fn: (v: unknown) => unknown): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(map)) {
    Object.defineProperty(out, k, { value: fn(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
