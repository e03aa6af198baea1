// core's floors (STYLE.md "Import rules"): a runtime import points to the same floor or one below, never up, and the
// runtime import graph of a package has no cycle. Type-only imports vanish at run time and are not counted.
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/**
 * Floors of packages/core/src, lowest first; a file belongs to the first pattern it matches (paths relative to
 * src). `formats` holds the pure codecs (checkpoint bundles, summaries) that the file-writing kernels run, so it
 * sits under the kernels rather than beside train/summary, which use them too. The rarely used kernel families that
 * their op builders register (kernels/reference/builder-kernel-stand-ins.ts) sit under the builders, with the helpers
 * they import.
 */
export const CORE_FLOORS = [
  ["errors", /^errors\.ts$/],
  ["io", /^io\//],
  ["proto", /^proto\//],
  ["framework", /^framework\//],
  ["op tables, kernel contract, formats", /^ops\/(.+-defs|op-def-table)\.ts$|^kernels\/contract\.ts$|^formats\//],
  [
    "kernels the op builders load, their helpers",
    /^kernels\/(lazy-kernel-registry|reference\/(candidate-sampling|gather-scatter-nd|linalg|nn-conv3d|nn-conv|nn-util|random|space-to-batch|sparse|strided|image|matrix|array-extra|space-depth|math-special|special-functions|sort|logging|summarize-value|segment|array|optimizer-updates|sparse-update|training|math|tensor-array|held-values|nn-batch-norm|nn-depthwise))\.ts$/,
  ],
  ["op builders, gradients, scopes, variables", /^(ops|gradients|scopes|variables)\//],
  ["kernels, session", /^(kernels|session)\//],
  [
    "train, summary, graphdef, layers, contrib, losses, metrics, tools, runtime",
    /^(train|summary|graphdef|layers|contrib|losses|metrics|tools|runtime)\//,
  ],
  ["entry points", /^(entries\/|index\.ts$|[\w-]+\.ts$)/],
];

/** The one edge that goes up, and why: Tensor's operator methods (`a.add(b)`) build ops. */
export const ALLOWED_UP = [["framework/tensor.ts", "ops/operators.ts"]];

/** The runtime imports of a file (not `import type`, not `export type`), as written. */
export function runtimeImports(text, withTypes = false) {
  const specs = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s+["']([^"']+)["']/gm)) {
    if (withTypes) {
      specs.push(m[4]);
      continue;
    }
    if (m[2]) continue;
    const clause = m[3];
    // `import { type A, type B } from` is type-only too.
    const named = /^\{([^}]*)\}$/.exec(clause.trim());
    if (named && named[1].split(",").every((part) => part.trim() === "" || /^type\s/.test(part.trim()))) continue;
    specs.push(m[4]);
  }
  for (const m of text.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) specs.push(m[1]);
  return specs;
}

/** Resolves a relative specifier of `file` to a source file among `files`, or undefined. */
function resolveLocal(file, spec, files) {
  if (!spec.startsWith(".")) return undefined;
  const base = resolve(dirname(file), spec);
  for (const candidate of [base, `${base}.ts`, join(base, "index.ts")]) if (files.has(candidate)) return candidate;
  return undefined;
}

function floorOf(path) {
  return CORE_FLOORS.findIndex(([, pattern]) => pattern.test(path));
}

/** Problems with core's floors: upward runtime imports, and files no floor holds. */
export function checkFloors(srcDir, files) {
  const problems = [];
  const set = new Set(files);
  for (const file of files) {
    const from = relative(srcDir, file);
    const fromFloor = floorOf(from);
    if (fromFloor < 0) {
      problems.push(`packages/core/src/${from} belongs to no floor of tools/check/layers.mjs`);
      continue;
    }
    for (const spec of runtimeImports(readFileSync(file, "utf8"))) {
      const target = resolveLocal(file, spec, set);
      if (target === undefined) continue;
      const to = relative(srcDir, target);
      const toFloor = floorOf(to);
      if (toFloor <= fromFloor || ALLOWED_UP.some(([a, b]) => a === from && b === to)) continue;
      problems.push(
        `packages/core/src/${from} (${CORE_FLOORS[fromFloor][0]}) imports ${to} (${CORE_FLOORS[toFloor][0]}): imports point down`,
      );
    }
  }
  return problems;
}

/** Cycles in the runtime import graph of `files` (Tarjan's strongly connected components), the allowed edges aside. */
export function findCycles(rootDir, files, withTypes = false) {
  const set = new Set(files);
  const edges = new Map();
  for (const file of files) {
    const targets = [];
    for (const spec of runtimeImports(readFileSync(file, "utf8"), withTypes)) {
      const target = resolveLocal(file, spec, set);
      if (target === undefined) continue;
      const allowed = ALLOWED_UP.some(([a, b]) => file.endsWith(`/core/src/${a}`) && target.endsWith(`/core/src/${b}`));
      if (!allowed) targets.push(target);
    }
    edges.set(file, targets);
  }
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (root) => {
    // Iterative Tarjan: frames of [node, next edge index].
    const frames = [[root, 0]];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const [node, i] = frame;
      const targets = edges.get(node);
      if (i < targets.length) {
        frame[1]++;
        const next = targets[i];
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          frames.push([next, 0]);
        } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1) cycles.push(component.map((f) => relative(rootDir, f)).sort());
      }
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
}

/** The op types of core's op tables (`packages/core/src/ops/*-defs.ts`), read from their entries' keys. */
export function opTypesOf(opsDir, files) {
  const types = new Set();
  for (const file of files) {
    if (!file.startsWith(opsDir) || !/-defs\.ts$/.test(file)) continue;
    const text = readFileSync(file, "utf8");
    const table = text.slice(text.indexOf("defineOps({"));
    for (const m of table.matchAll(/^ {2}([A-Z][A-Za-z0-9]*):/gm)) types.add(m[1]);
  }
  return types;
}

/** Op-type string literals outside the op tables (STYLE.md: a string naming an op type appears only there and in tests). */
export function opTypeLiterals(rootDir, files, types) {
  const problems = [];
  for (const file of files) {
    if (/-defs\.ts$/.test(file)) continue;
    const lines = readFileSync(file, "utf8").split("\n");
    lines.forEach((line, i) => {
      if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
      for (const m of line.matchAll(/(["'`])([A-Z][A-Za-z0-9]*)\1/g)) {
        if (types.has(m[2])) {
          problems.push(
            `${relative(rootDir, file)}:${i + 1} names op type ${m[1]}${m[2]}${m[1]}: use the op table (opDefs.${m[2]})`,
          );
        }
      }
    });
  }
  return problems;
}
