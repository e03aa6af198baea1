// device_spec.py (DeviceSpecV1: parsing, to_string, make_merged_spec), device.py (MergeDevice), ops.py
// (_UserDeviceSpec, Graph._apply_device_functions): the device strings recorded in NodeDef.device.
import { ValueError } from "../errors";
import type { Operation } from "./operation";

/** device_spec.py: _VALID_DEVICE_TYPES, the short forms `/cpu:0`, `/GPU:1` accepted besides `/device:CPU:0`. */
const VALID_DEVICE_TYPES = new Set(["CPU", "GPU", "TPU", "CUSTOM"]);

export interface DeviceSpecFields {
  job?: string | null;
  replica?: number | null;
  task?: number | null;
  deviceType?: string | null;
  /** null for `*`. */
  deviceIndex?: number | null;
}

/** device_spec.py: DeviceSpec (V1): a partial device name; unset fields are `null`. */
export class DeviceSpec {
  readonly job: string | null;
  readonly replica: number | null;
  readonly task: number | null;
  readonly deviceType: string | null;
  readonly deviceIndex: number | null;

  constructor(fields: DeviceSpecFields = {}) {
    this.job = fields.job ?? null;
    this.replica = fields.replica ?? null;
    this.task = fields.task ?? null;
    // device_spec.py: _as_device_str_or_none upper-cases "cpu" and "gpu".
    const type = fields.deviceType ?? null;
    this.deviceType = type === "cpu" || type === "gpu" ? type.toUpperCase() : type;
    this.deviceIndex = fields.deviceIndex ?? null;
  }

  /** device_spec.py: DeviceSpec.from_string / _string_to_components, with TF's ValueErrors. */
  static fromString(spec: string | null | undefined): DeviceSpec {
    const fields: DeviceSpecFields = {};
    const text = spec ?? "";
    for (const part of text.split("/")) {
      const y = part.split(":");
      const ly = y.length;
      if (ly === 2 && y[0] === "job") fields.job = y[1];
      else if (ly === 2 && y[0] === "replica") fields.replica = asInt(y[1], text);
      else if (ly === 2 && y[0] === "task") fields.task = asInt(y[1], text);
      else if ((ly === 1 || ly === 2) && VALID_DEVICE_TYPES.has(y[0].toUpperCase())) {
        if (fields.deviceType !== undefined) {
          // device_spec.py: _string_to_components
          throw new ValueError(`Cannot specify multiple device types: ${text}`);
        }
        fields.deviceType = y[0].toUpperCase();
        if (ly === 2 && y[1] !== "*") fields.deviceIndex = asInt(y[1], text);
      } else if (ly === 3 && y[0] === "device") {
        if (fields.deviceType !== undefined) {
          // device_spec.py: _string_to_components
          throw new ValueError(`Cannot specify multiple device types: ${text}`);
        }
        fields.deviceType = y[1];
        if (y[2] !== "*") fields.deviceIndex = asInt(y[2], text);
      } else if (ly && y[0] !== "") {
        // device_spec.py: _string_to_components
        throw new ValueError(`Unknown attribute: '${y[0]}' in '${text}'`);
      }
    }
    return new DeviceSpec(fields);
  }

  /** device_spec.py: DeviceSpec.to_string: `/job:j/replica:r/task:t/device:TYPE:index` (index `*` when unset). */
  toString(): string {
    let out = "";
    if (this.job !== null) out += `/job:${this.job}`;
    if (this.replica !== null) out += `/replica:${this.replica}`;
    if (this.task !== null) out += `/task:${this.task}`;
    if (this.deviceType !== null) out += `/device:${this.deviceType}:${this.deviceIndex ?? "*"}`;
    return out;
  }

  /** device_spec.py: make_merged_spec(dev): a new spec whose fields are dev's where dev sets them, else this one's. */
  makeMergedSpec(dev: DeviceSpec): DeviceSpec {
    return new DeviceSpec({
      job: dev.job ?? this.job,
      replica: dev.replica ?? this.replica,
      task: dev.task ?? this.task,
      deviceType: dev.deviceType ?? this.deviceType,
      deviceIndex: dev.deviceIndex ?? this.deviceIndex,
    });
  }

  /** True when no field is set (device.py: MergeDevice.is_null_merge). */
  get isEmpty(): boolean {
    return (
      this.job === null &&
      this.replica === null &&
      this.task === null &&
      this.deviceType === null &&
      this.deviceIndex === null
    );
  }
}

function asInt(text: string, spec: string): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n)) {
    // int(...) in _string_to_components
    throw new ValueError(`invalid literal for int() with base 10: '${text}' (in device spec '${spec}')`);
  }
  return n;
}

/** What `tf.device` takes: a device string or DeviceSpec (merged), a function of the op, or null (clears). */
export type DeviceNameOrFunction = string | DeviceSpec | ((op: Operation) => string | DeviceSpec) | null;

/** ops.py: _UserDeviceSpec: one entry of a graph's device function stack. */
export interface DeviceStackEntry {
  /** A string or DeviceSpec entry: merged into the op's device; null for a function or `null`. */
  readonly merge: DeviceSpec | null;
  readonly fn: ((op: Operation) => string | DeviceSpec) | null;
  /** `""` or an empty spec: skipped. */
  readonly isNullMerge: boolean;
}

export function deviceStackEntry(spec: DeviceNameOrFunction): DeviceStackEntry {
  if (spec === null) return { merge: null, fn: null, isNullMerge: false };
  if (typeof spec === "function") return { merge: null, fn: spec, isNullMerge: false };
  const merge = typeof spec === "string" ? DeviceSpec.fromString(spec) : spec;
  return { merge, fn: null, isNullMerge: merge.isEmpty };
}

/**
 * ops.py: Graph._apply_device_functions: from the innermost entry outwards, each merge spec fills the fields the
 * op's device does not set yet (MergeDevice), each function overwrites it with its result, and a `null` entry
 * stops the walk.
 */
export function applyDeviceFunctions(stack: readonly DeviceStackEntry[], op: Operation): void {
  for (let i = stack.length - 1; i >= 0; i--) {
    const entry = stack[i];
    if (entry.isNullMerge) continue;
    if (entry.merge === null && entry.fn === null) break;
    if (entry.merge !== null) {
      op.device = entry.merge.makeMergedSpec(DeviceSpec.fromString(op.device)).toString();
    } else if (entry.fn !== null) {
      op.device = String(entry.fn(op));
    }
  }
}
