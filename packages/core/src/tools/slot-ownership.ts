// scope tools (no TF equivalent): tf.tools.slotOwnership, the slots (slot_creator.py: `v/Adam`, `v/Adam_1`) and
// non-slot variables (optimizer.py: `beta1_power`) each optimizer made, and the copies a second optimizer adds.
import { type Graph, getDefaultGraph } from "../framework/graph";
import { nameRecordOf } from "../framework/name-record";
import type { Operation } from "../framework/operation";
import { slotText } from "./tool-messages";

export interface SlotInfo {
  /** The slot variable's op name (`v/Adam`). */
  name: string;
  /** The optimizer's name for the slot (`m`, `v`, `momentum`). */
  slot: string;
  /** The optimizer's name (`Adam`). */
  optimizer: string;
  /** Which optimizer object of the graph made it: 1 for the first to make slots or non-slot variables, 2, ... */
  instance: number;
}

export interface SlotRow {
  /** The primary variable's op name. */
  variable: string;
  slots: SlotInfo[];
  /** The non-slot variables (`beta1_power`) of the optimizers that have slots on this variable. */
  nonSlots: { name: string; optimizer: string; instance: number }[];
  /** Slots of a second (third, ...) optimizer instance with a slot name already taken on this variable: `v/Adam_2`. */
  duplicates: string[];
  warnings: string[];
}

/** tf.tools.slotOwnership(graph?): one row per variable that has slots, in the order the slots were made. */
export function slotOwnership(graph: Graph = getDefaultGraph()): SlotRow[] {
  const entries = nameRecordOf(graph).slots;
  const instances = new Map<object, number>();
  for (const e of entries) if (!instances.has(e.optimizer)) instances.set(e.optimizer, instances.size + 1);
  const rows = new Map<Operation, SlotRow>();
  for (const e of entries) {
    if (e.primary === null) continue;
    let row = rows.get(e.primary);
    if (!row) {
      row = { variable: e.primary.name, slots: [], nonSlots: [], duplicates: [], warnings: [] };
      rows.set(e.primary, row);
    }
    const instance = instances.get(e.optimizer) as number;
    const earlier = row.slots.some((s) => s.slot === e.slot && s.instance !== instance);
    row.slots.push({ name: e.variable.name, slot: e.slot, optimizer: e.optimizerName, instance });
    if (earlier) row.duplicates.push(e.variable.name);
  }
  for (const [primary, row] of rows) {
    const owners = new Set(entries.filter((e) => e.primary === primary).map((e) => e.optimizer));
    row.nonSlots = entries
      .filter((e) => e.primary === null && owners.has(e.optimizer))
      .map((e) => ({
        name: e.variable.name,
        optimizer: e.optimizerName,
        instance: instances.get(e.optimizer) as number,
      }));
    if (row.duplicates.length > 0) {
      const later = new Set(row.slots.filter((s) => row.duplicates.includes(s.name)).map((s) => s.instance));
      const laterSlots = row.slots.filter((s) => later.has(s.instance)).map((s) => s.name);
      const laterNonSlots = row.nonSlots.filter((n) => later.has(n.instance)).map((n) => n.name);
      const optimizer = row.slots.find((s) => row.duplicates.includes(s.name))?.optimizer ?? "";
      row.warnings.push(slotText.duplicates(row.variable, optimizer, laterSlots, laterNonSlots));
    }
  }
  return [...rows.values()];
}
