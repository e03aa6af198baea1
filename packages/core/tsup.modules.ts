// Helpers of tsup.config.ts for a dist/ of one file per source module: the entry table, and an esbuild plugin that
// keeps each relative import as an import of the imported module's own output file.
import { existsSync, readFileSync } from "node:fs";
import { dirname, posix, resolve } from "node:path";
import type { Options } from "tsup";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * { output name: source file } for the named entry points (paths relative to the package) plus every source module
 * they import, directly or not (type-only imports too: a superset of what esbuild keeps), each named by its path
 * under src/.
 */
export function moduleEntries(entries: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...entries };
  const seen = new Set(Object.values(entries).map((file) => resolve(file)));
  const queue = [...seen];
  const src = resolve("src");
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const [, spec] of readFileSync(file, "utf8").matchAll(
      /^\s*(?:import|export)\b[^;]*?["'](\.\.?\/[^"']+)["']/gm,
    )) {
      const target = sourceOf(file, spec);
      if (target === undefined || seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
      out[posix.relative(src, target).slice(0, -".ts".length)] = posix.relative(resolve("."), target);
    }
  }
  return out;
}

/** The source file a relative specifier of `importer` names (`./x` is x.ts or x/index.ts), or undefined. */
function sourceOf(importer: string, spec: string): string | undefined {
  const base = resolve(dirname(importer), spec);
  return [`${base}.ts`, resolve(base, "index.ts"), base].find((file) => file.endsWith(".ts") && existsSync(file));
}

/** Relative imports become external imports of the target's output file (`.js` or `.cjs`), relative to the importer's. */
export function relativeImports(entries: Record<string, string>, extension: string): Plugin {
  const outputOf = new Map(Object.entries(entries).map(([name, file]) => [resolve(file), name]));
  return {
    name: "relative-imports",
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === "entry-point") return undefined;
        const target = sourceOf(args.importer, args.path);
        const from = outputOf.get(args.importer);
        const to = target === undefined ? undefined : outputOf.get(target);
        if (from === undefined || to === undefined) {
          return { errors: [{ text: `${args.path} (imported by ${args.importer}) is no module of the package` }] };
        }
        const spec = posix.relative(posix.dirname(from), to);
        return { path: `${spec.startsWith(".") ? spec : `./${spec}`}${extension}`, external: true };
      });
    },
  };
}
