// What a dropped file is, by the names TensorFlow gives its files.

export type Kind =
  | "events"
  | "savedModel"
  | "metaGraph"
  | "graphDef"
  | "checkpointIndex"
  | "checkpointData"
  | "lockfile";

/** What a file is, by the names TF gives its files. */
export function kindOf(path: string): Kind | "checkpointState" | "unknown" {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (base.includes("tfevents")) return "events";
  if (base === "saved_model.pb" || base === "saved_model.pbtxt") return "savedModel";
  if (base.endsWith(".meta")) return "metaGraph";
  if (base.endsWith(".pb") || base.endsWith(".pbtxt")) return "graphDef";
  if (base.endsWith(".index")) return "checkpointIndex";
  if (/\.data-\d{5}-of-\d{5}$/.test(base)) return "checkpointData";
  if (base === "checkpoint") return "checkpointState";
  if (base.endsWith(".json")) return "lockfile";
  return "unknown";
}
