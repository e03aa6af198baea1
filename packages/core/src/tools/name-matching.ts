// Beyond TF1 (no TF 1.15 source): pairs the variable names a graph uses with the names a checkpoint (or a name lock)
// holds after a refactor changed them. Keys are variable op names, as saver.py's BaseSaverBuilder.op_list_to_dict makes them.

/** A name with what must agree for two names to hold the same value. */
export interface NamedEntry {
  name: string;
  /** Static shape, null where a dim (or the rank) is unknown: unknown matches anything. */
  shape: readonly (number | null)[] | null;
  dtype: string;
}

/**
 * Why a graph name was paired with a checkpoint name:
 * `exact` (same name), `outerScopeAdded` (the graph has an outer scope `from` the checkpoint lacks),
 * `outerScopeRemoved` (the checkpoint has an outer scope `to` the graph lacks), `suffixShift` (scope `from` in the
 * graph was `to` in the checkpoint, differing only in TF's `_N` uniquifying suffixes), `scopeRenamed` (scope `from`
 * is `to` in the checkpoint), `variableRenamed` (the variable `from` is `to` in the checkpoint, its slots with it),
 * `shapeAndOrder` (layer `from` paired with layer `to` by shapes and order, leaf names differing).
 */
export type MatchKind =
  | "exact"
  | "outerScopeAdded"
  | "outerScopeRemoved"
  | "suffixShift"
  | "scopeRenamed"
  | "variableRenamed"
  | "shapeAndOrder";

export interface NameMatch {
  graph: string;
  checkpoint: string;
  kind: MatchKind;
  /** The graph-side scope the rule rewrites ("" for the root). */
  from: string;
  /** The checkpoint-side scope it becomes. */
  to: string;
}

export interface NameMatching {
  matches: NameMatch[];
  /** Graph names nothing in the checkpoint matched, in graph order. */
  graphLeftovers: string[];
  /** Checkpoint names nothing in the graph matched, sorted. */
  checkpointLeftovers: string[];
}

interface Rule {
  from: string;
  to: string;
}

export function shapesCompatible(a: NamedEntry["shape"], b: NamedEntry["shape"]): boolean {
  if (a === null || b === null) return true;
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

const compatible = (a: NamedEntry, b: NamedEntry) => a.dtype === b.dtype && shapesCompatible(a.shape, b.shape);

/** Natural order: `dense` < `dense_1` < `dense_2` < `dense_10` (how TF numbers re-entered scopes). */
export const naturalCompare = (a: string, b: string): number =>
  a.localeCompare(b, "en", { numeric: true, sensitivity: "variant" }) || (a < b ? -1 : a > b ? 1 : 0);

const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The name `rule` turns `name` into, or undefined when the rule does not apply to it. */
function applyRule(rule: Rule, name: string): string | undefined {
  let rest: string;
  if (rule.from === "") rest = name;
  else if (name === rule.from) return rule.to || undefined;
  else if (name.startsWith(`${rule.from}/`)) rest = name.slice(rule.from.length + 1);
  else return undefined;
  return rule.to ? `${rule.to}/${rest}` : rest;
}

/** The rule two names share once their longest common trailing components are taken away (none without one). */
function ruleOf(graph: string, checkpoint: string): Rule | undefined {
  const g = graph.split("/");
  const c = checkpoint.split("/");
  let k = 0;
  while (k < g.length && k < c.length && g[g.length - 1 - k] === c[c.length - 1 - k]) k++;
  if (k === 0 || (k === g.length && k === c.length)) return undefined;
  return { from: g.slice(0, g.length - k).join("/"), to: c.slice(0, c.length - k).join("/") };
}

const stripSuffix = (part: string) => part.replace(/_\d+$/, "");

export function classifyRule(
  from: string,
  to: string,
): Exclude<MatchKind, "exact" | "variableRenamed" | "shapeAndOrder"> {
  if (to === "") return "outerScopeAdded";
  if (from === "") return "outerScopeRemoved";
  const f = from.split("/");
  const t = to.split("/");
  if (f.length === t.length && f.every((part, i) => stripSuffix(part) === stripSuffix(t[i]))) return "suffixShift";
  return "scopeRenamed";
}

const depth = (rule: Rule) => (rule.from ? rule.from.split("/").length : 0) + (rule.to ? rule.to.split("/").length : 0);

class Pools {
  readonly graph = new Map<string, NamedEntry>();
  readonly checkpoint = new Map<string, NamedEntry>();
  readonly matches: NameMatch[] = [];

  take(graph: string, checkpoint: string, kind: MatchKind, from: string, to: string): void {
    this.graph.delete(graph);
    this.checkpoint.delete(checkpoint);
    this.matches.push({ graph, checkpoint, kind, from, to });
  }

  /** The pairs `rule` makes among the names still unmatched. */
  pairsOf(rule: Rule): [string, string][] {
    const pairs: [string, string][] = [];
    for (const [name, entry] of this.graph) {
      const target = applyRule(rule, name);
      const other = target === undefined ? undefined : this.checkpoint.get(target);
      if (other && compatible(entry, other)) pairs.push([name, target as string]);
    }
    return pairs;
  }
}

/**
 * Rewrites of scope prefixes, the one explaining most pairs first. Rules carried over from pairs already made (a
 * variable's slots follow it: `fc/w/Adam` goes where `fc/w` went) come before new ones. A rule that explains a
 * single pair is taken only when neither name has another candidate.
 */
function applyPrefixRules(pools: Pools): void {
  for (;;) {
    let best: { rule: Rule; pairs: [string, string][] } | undefined;
    const consider = (rule: Rule, pairs: [string, string][]) => {
      if (pairs.length === 0) return;
      if (
        !best ||
        pairs.length > best.pairs.length ||
        (pairs.length === best.pairs.length &&
          (depth(rule) < depth(best.rule) ||
            (depth(rule) === depth(best.rule) && byteCompare(rule.from + rule.to, best.rule.from + best.rule.to) < 0)))
      ) {
        best = { rule, pairs };
      }
    };
    for (const m of pools.matches) {
      if (m.kind !== "exact")
        consider({ from: m.graph, to: m.checkpoint }, pools.pairsOf({ from: m.graph, to: m.checkpoint }));
    }
    if (!best) {
      const candidates = new Map<string, Rule>();
      const partners = new Map<string, number>();
      const bump = (key: string) => partners.set(key, (partners.get(key) ?? 0) + 1);
      for (const [g, ge] of pools.graph) {
        for (const [c, ce] of pools.checkpoint) {
          if (!compatible(ge, ce)) continue;
          const rule = ruleOf(g, c);
          if (!rule) continue;
          candidates.set(`${rule.from}\u0000${rule.to}`, rule);
          bump(`g\u0000${g}`);
          bump(`c\u0000${c}`);
        }
      }
      for (const rule of candidates.values()) {
        const pairs = pools.pairsOf(rule);
        if (pairs.length === 1) {
          const [g, c] = pairs[0];
          if (partners.get(`g\u0000${g}`) !== 1 || partners.get(`c\u0000${c}`) !== 1) continue;
        }
        consider(rule, pairs);
      }
    }
    if (!best) return;
    const { rule, pairs } = best as { rule: Rule; pairs: [string, string][] };
    const carried = pools.matches.find((m) => m.graph === rule.from && m.checkpoint === rule.to);
    // A rule whose scope is itself a variable renames that variable (its slots sit under it).
    const kind = pairs.some(([g]) => g === rule.from) ? "variableRenamed" : classifyRule(rule.from, rule.to);
    for (const [g, c] of pairs) {
      if (carried) pools.take(g, c, carried.kind, carried.from, carried.to);
      else pools.take(g, c, kind, rule.from, rule.to);
    }
  }
}

const parentOf = (name: string) => (name.includes("/") ? name.slice(0, name.lastIndexOf("/")) : "");
const entryKey = (e: NamedEntry) => `${e.dtype}${JSON.stringify(e.shape)}`;

/**
 * Layers whose leaf names changed (`fc1/weights` for `dense/kernel`): the unmatched names grouped by their scope,
 * graph groups in graph order, checkpoint groups in natural order; a graph group is paired with the next checkpoint
 * group holding the same shapes and dtypes, and within the pair names of equal shape go in order. Names under
 * another variable's name (slots) are left to the prefix rules that follow.
 */
function matchLayersByShapeAndOrder(pools: Pools, variableNames: ReadonlySet<string>): boolean {
  // A name under another variable's name is a slot (`w/Adam`): it follows its variable through the prefix rules.
  const underVariable = (name: string) => {
    for (let scope = parentOf(name); scope !== ""; scope = parentOf(scope)) if (variableNames.has(scope)) return true;
    return false;
  };
  const groupsOf = (pool: Map<string, NamedEntry>, sortNaturally: boolean) => {
    const groups = new Map<string, NamedEntry[]>();
    for (const [name, entry] of pool) {
      if (underVariable(name)) continue;
      const scope = parentOf(name);
      if (!groups.has(scope)) groups.set(scope, []);
      groups.get(scope)?.push(entry);
    }
    const list = [...groups.entries()].map(([scope, entries]) => ({
      scope,
      entries,
      signature: entries.map(entryKey).sort().join("|"),
    }));
    return sortNaturally ? list.sort((a, b) => naturalCompare(a.scope, b.scope)) : list;
  };
  const graphGroups = groupsOf(pools.graph, false);
  const checkpointGroups = groupsOf(pools.checkpoint, true);
  let next = 0;
  let matched = false;
  for (const group of graphGroups) {
    const at = checkpointGroups.findIndex((c, i) => i >= next && c.signature === group.signature);
    if (at < 0) continue;
    next = at + 1;
    const target = checkpointGroups[at];
    const remaining = [...target.entries].sort((a, b) => naturalCompare(a.name, b.name));
    for (const entry of group.entries) {
      const i = remaining.findIndex((c) => entryKey(c) === entryKey(entry));
      const [pair] = remaining.splice(i, 1);
      pools.take(entry.name, pair.name, "shapeAndOrder", group.scope, target.scope);
      matched = true;
    }
  }
  return matched;
}

/**
 * Pairs graph names with checkpoint names: equal names first, then scope rewrites (outer scopes added or removed,
 * `_N` suffix shifts, renamed scopes), then layers matched by shape and order. Only names whose dtype and shape
 * agree are paired, and each name at most once.
 */
export function matchNames(graph: readonly NamedEntry[], checkpoint: readonly NamedEntry[]): NameMatching {
  const pools = new Pools();
  for (const e of graph) pools.graph.set(e.name, e);
  for (const e of checkpoint) pools.checkpoint.set(e.name, e);
  for (const [name, entry] of [...pools.graph]) {
    const other = pools.checkpoint.get(name);
    if (other && compatible(entry, other)) pools.take(name, name, "exact", "", "");
  }
  applyPrefixRules(pools);
  const variableNames = new Set([...graph, ...checkpoint].map((entry) => entry.name));
  if (matchLayersByShapeAndOrder(pools, variableNames)) applyPrefixRules(pools);
  return {
    matches: pools.matches,
    graphLeftovers: [...pools.graph.keys()],
    checkpointLeftovers: [...pools.checkpoint.keys()].sort(byteCompare),
  };
}

/** One line saying what a rule did, for reports. */
export function describeRule(kind: MatchKind, from: string, to: string): string {
  switch (kind) {
    case "exact":
      return "same name";
    case "outerScopeAdded":
      return `outer scope "${from}/" added in the graph`;
    case "outerScopeRemoved":
      return `outer scope "${to}/" of the checkpoint absent from the graph`;
    case "suffixShift":
      return `scope "${from}/" in the graph was "${to}/" in the checkpoint (uniquified with another _N suffix)`;
    case "scopeRenamed":
      return `scope "${from}/" in the graph was "${to}/" in the checkpoint (renamed)`;
    case "variableRenamed":
      return `variable "${from}" in the graph was "${to}" in the checkpoint (renamed, with its slots)`;
    case "shapeAndOrder":
      return `layer "${from ? `${from}/` : "(root)"}" in the graph matched to "${to ? `${to}/` : "(root)"}" in the checkpoint by shapes and order`;
  }
}
