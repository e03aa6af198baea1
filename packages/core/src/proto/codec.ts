// Binary protobuf encoding and decoding of TF messages as plain objects (protobuf wire format, as TF's C++ writes it).
import { DataLossError } from "../errors";
import { fromPlain, type Plain, toPlain } from "./convert";
import { type MessageName, messageType } from "./root";

/** Serializes a plain message object (camelCase or snake_case keys) to protobuf wire bytes. */
export function encodeMessage(name: MessageName, value: object): Uint8Array {
  const type = messageType(name);
  const raw = fromPlain(type, value as Plain);
  const bytes = type.encode(raw).finish();
  // A fresh Uint8Array, never a Node Buffer or a view into a shared pool.
  return new Uint8Array(bytes);
}

/**
 * Parses protobuf wire bytes into a plain message object. Bytes that are not a valid `name` throw DataLossError naming
 * `source` (a file, or what the bytes are) and protobufjs' reason. Unknown fields are skipped, as TF's parser does.
 */
export function decodeMessage<T = Plain>(name: MessageName, bytes: Uint8Array, source = "<bytes>"): T {
  const type = messageType(name);
  let message: Record<string, unknown>;
  try {
    message = type.decode(bytes) as unknown as Record<string, unknown>;
    return toPlain(type, message) as T;
  } catch (err) {
    // tensor_bundle.cc / event_file reader: ParseFromString failure is a DataLoss status.
    throw new DataLossError(`Unable to parse ${name} from ${source}: ${(err as Error).message}`);
  }
}
