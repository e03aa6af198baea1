// Scopes as groups, as TensorBoard's graph dashboard builds them: an op `a/b/c` sits in group `a/b` inside `a`; an
// op whose name is also a group (`a` and `a/read`) goes inside that group. With reuse folding on, sibling groups that
// are one variable scope entered again (`siamese`, `siamese_1` with reuse: reentries.ts) sit inside one folded group
// `siamese (×2)`; `dense`, `dense_1` (two layers, each with its own variables) stay apart.
import type { GraphModel, OpNode } from "./model";
import { type Reentry, reentriesOfGraph } from "./reentries";

export interface Group {
  /** Unique id: the path of group names, folded groups marked with a trailing `*`. */
  id: string;
  label: string;
  parent: Group | null;
  groups: Map<string, Group>;
  ops: OpNode[];
  /** Ops anywhere below: a collapsed group's size. */
  count: number;
  /** For a folded group: the instance names it stands for. */
  instances?: string[];
}

export interface Hierarchy {
  root: Group;
  /** Each op's innermost group. */
  groupOf: Map<string, Group>;
  ops: Map<string, OpNode>;
}

function newGroup(id: string, label: string, parent: Group | null): Group {
  return { id, label, parent, groups: new Map(), ops: [], count: 0 };
}

/** A group draws at most this many children; more (a flat GraphDef of thousands) go in groups of this size. */
export const MAX_CHILDREN = 100;

/** Per parent path: each folded segment (the base and its instances) → the base it folds under. */
function foldMap(reentries: readonly Reentry[]): Map<string, Map<string, string>> {
  const map = new Map<string, Map<string, string>>();
  for (const { parent, base, instance } of reentries) {
    let siblings = map.get(parent);
    if (!siblings) map.set(parent, (siblings = new Map()));
    siblings.set(base, base);
    siblings.set(instance, base);
  }
  return map;
}

export function buildHierarchy(model: GraphModel, foldReuse: boolean): Hierarchy {
  const ops = new Map(model.nodes.map((n) => [n.name, n]));
  // Every name that is a prefix of another op's name is a group.
  const groupPaths = new Set<string>();
  for (const node of model.nodes) {
    const parts = node.name.split("/");
    for (let i = 1; i < parts.length; i++) groupPaths.add(parts.slice(0, i).join("/"));
  }
  // A live program's model carries its re-entries (from the sharing audit); an opened GraphDef's are inferred.
  const folds = foldReuse
    ? foldMap(model.reentries ?? reentriesOfGraph(model))
    : new Map<string, Map<string, string>>();
  const root = newGroup("", "(root)", null);
  const groupOf = new Map<string, Group>();
  for (const node of model.nodes) {
    const parts = node.name.split("/");
    const depth = groupPaths.has(node.name) ? parts.length : parts.length - 1;
    let group = root;
    group.count++;
    for (let i = 0; i < depth; i++) {
      const parentPath = parts.slice(0, i).join("/");
      const segment = parts[i];
      if (foldReuse) {
        const base = folds.get(parentPath)?.get(segment);
        if (base !== undefined) {
          const foldId = `${group.id ? `${group.id}/` : ""}${base}*`;
          let fold = group.groups.get(`${base}*`);
          if (!fold) {
            fold = newGroup(foldId, base, group);
            fold.instances = [];
            group.groups.set(`${base}*`, fold);
          }
          if (!fold.instances!.includes(segment)) fold.instances!.push(segment);
          group = fold;
          group.count++;
        }
      }
      let next = group.groups.get(segment);
      if (!next) {
        next = newGroup(`${group.id ? `${group.id}/` : ""}${segment}`, segment, group);
        group.groups.set(segment, next);
      }
      group = next;
      group.count++;
    }
    group.ops.push(node);
    groupOf.set(node.name, group);
  }
  for (const group of [...allGroups(root)]) {
    if (group.instances) group.label = `${group.label} (×${group.instances.length})`;
    if (group.groups.size + group.ops.length > MAX_CHILDREN) chunkChildren(group, groupOf);
  }
  return { root, groupOf, ops };
}

/**
 * Moves a crowded group's children (sub-groups, then ops) into groups of MAX_CHILDREN (`1–100`, ...), so no level
 * asks the layout for thousands of boxes. The keys start with `#`, which no op name can (TF op names match
 * [A-Za-z0-9.][A-Za-z0-9_.\-/]*).
 */
function chunkChildren(group: Group, groupOf: Map<string, Group>): void {
  const children: (Group | OpNode)[] = [...group.groups.values(), ...group.ops];
  group.groups = new Map();
  group.ops = [];
  for (let start = 0; start < children.length; start += MAX_CHILDREN) {
    const slice = children.slice(start, start + MAX_CHILDREN);
    const key = `#${start + 1}-${start + slice.length}`;
    const chunk = newGroup(
      `${group.id ? `${group.id}/` : ""}${key}`,
      `items ${start + 1}–${start + slice.length}`,
      group,
    );
    for (const child of slice) {
      if ("groups" in child) {
        reparent(child, chunk);
        chunk.groups.set(child.id.slice(child.id.lastIndexOf("/") + 1), child);
        chunk.count += child.count;
      } else {
        chunk.ops.push(child);
        chunk.count++;
        groupOf.set(child.name, chunk);
      }
    }
    group.groups.set(key, chunk);
  }
}

/** Re-roots a group's id (and its descendants') under `parent`, keeping ids equal to their paths. */
function reparent(group: Group, parent: Group): void {
  group.parent = parent;
  const own = group.id.slice(group.id.lastIndexOf("/") + 1);
  const rename = (g: Group, id: string) => {
    g.id = id;
    for (const [key, child] of g.groups) rename(child, `${id}/${key}`);
  };
  rename(group, `${parent.id}/${own}`);
}

export function* allGroups(group: Group): Generator<Group> {
  yield group;
  for (const child of group.groups.values()) yield* allGroups(child);
}

/** The group's ancestors, outermost first (root excluded), and itself. */
export function pathTo(group: Group): Group[] {
  const path: Group[] = [];
  for (let g: Group | null = group; g && g.parent; g = g.parent) path.unshift(g);
  return path;
}
