// protobufjs reflection of TF's .proto text (see schema-*.ts), parsed once, lazily, on first use.
import protobuf from "protobufjs";
import { EVENT_PROTO } from "./schema-event";
import { FRAMEWORK_PROTO } from "./schema-framework";
import { META_GRAPH_PROTO } from "./schema-meta-graph";
import { SAVED_MODEL_PROTO } from "./schema-saved-model";

let root: protobuf.Root | undefined;

/** The names of the messages core encodes and decodes, as TF spells them (without the `tensorflow.` package). */
export type MessageName =
  | "GraphDef"
  | "NodeDef"
  | "AttrValue"
  | "TensorProto"
  | "TensorShapeProto"
  | "VersionDef"
  | "FunctionDefLibrary"
  | "OpDef"
  | "OpList"
  | "MetaGraphDef"
  | "CollectionDef"
  | "SignatureDef"
  | "TensorInfo"
  | "SaverDef"
  | "Event"
  | "Summary"
  | "HistogramProto"
  | "SessionLog"
  | "LogMessage"
  | "TaggedRunMetadata"
  | "BundleHeaderProto"
  | "BundleEntryProto"
  | "TensorSliceProto"
  | "CheckpointState"
  | "VariableDef"
  | "CondContextDef"
  | "WhileContextDef"
  | "SavedModel"
  | "SummaryMetadata";

export function protoRoot(): protobuf.Root {
  if (!root) {
    ensureLong();
    const r = new protobuf.Root();
    for (const source of [FRAMEWORK_PROTO, META_GRAPH_PROTO, EVENT_PROTO, SAVED_MODEL_PROTO]) {
      protobuf.parse(source, r, { keepCase: true });
    }
    r.resolveAll();
    root = r;
  }
  return root;
}

export function messageType(name: MessageName | string): protobuf.Type {
  return protoRoot().lookupType(`tensorflow.${name}`);
}

/**
 * protobufjs reads int64 exactly only when `util.Long` is set; it finds long.js with `require`, which a browser bundle
 * may not offer. Without it, install a minimal Long so that 64-bit values never lose bits (they become bigint later).
 */
function ensureLong(): void {
  const util = protobuf.util as unknown as { Long: unknown };
  if (util.Long) return;
  util.Long = MinimalLong;
  protobuf.configure();
}

class MinimalLong {
  readonly __isLong__ = true;
  constructor(
    readonly low: number,
    readonly high: number,
    readonly unsigned = false,
  ) {}
  static isLong(value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { __isLong__?: unknown }).__isLong__ === true;
  }
  static fromBits(low: number, high: number, unsigned?: boolean): MinimalLong {
    return new MinimalLong(low | 0, high | 0, Boolean(unsigned));
  }
  static fromBigInt(value: bigint, unsigned?: boolean): MinimalLong {
    const bits = BigInt.asUintN(64, value);
    return new MinimalLong(Number(bits & 0xffffffffn) | 0, Number(bits >> 32n) | 0, Boolean(unsigned));
  }
  static fromNumber(value: number, unsigned?: boolean): MinimalLong {
    return MinimalLong.fromBigInt(BigInt(Math.trunc(Number.isFinite(value) ? value : 0)), unsigned);
  }
  static fromString(value: string, unsigned?: boolean): MinimalLong {
    return MinimalLong.fromBigInt(BigInt(value), unsigned);
  }
  static fromValue(value: unknown, unsigned?: boolean): MinimalLong {
    if (typeof value === "number") return MinimalLong.fromNumber(value, unsigned);
    if (typeof value === "string") return MinimalLong.fromString(value, unsigned);
    if (typeof value === "bigint") return MinimalLong.fromBigInt(value, unsigned);
    const v = value as { low: number; high: number; unsigned?: boolean };
    return new MinimalLong(v.low, v.high, unsigned ?? v.unsigned);
  }
  toBigInt(): bigint {
    const bits = (BigInt(this.high >>> 0) << 32n) | BigInt(this.low >>> 0);
    return this.unsigned ? bits : BigInt.asIntN(64, bits);
  }
  toNumber(): number {
    return Number(this.toBigInt());
  }
  toString(): string {
    return this.toBigInt().toString();
  }
}
