// Repository checks that no compiler does: import boundaries (STYLE.md "Import rules"), and that every entry of
// every package's exports map loads through both `import` and `require` and has its declaration file.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { checkFloors, findCycles, opTypeLiterals, opTypesOf } from "./layers.mjs";
import { readmeWithSupported } from "./supported.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(import.meta.url);
const problems = [];

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  // Runtime sources only: tests (*.test.ts), test helpers (test-*.ts) and tool configs are free to use Node and tools.
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "dist" || name === "build") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$|\.d\.ts$|^test-|\.config\.ts$/.test(name) ? [path] : [];
  });
}

function importsOf(file) {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)(?!\s+type)[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
}

// Rules: [package src folder, forbidden import pattern, reason].
const rules = [
  ["packages/core/src", /^node:|^(fs|path|os|crypto)$/, "core is platform-agnostic: no Node modules"],
  ["packages/core/src", /^@scopeflow\//, "core imports no other scopeflow package"],
  [
    "packages/core/src/kernels/reference",
    /^\.\.\/\.\.\/(ops\/(?![\w-]+-defs$)|(gradients|scopes|variables|session|train|summary|graphdef|runtime|layers|tools)\/)/,
    "reference kernels see only the kernel contract, the op tables, framework and the codecs below them",
  ],
  ["packages/wasm-kernels/src", /^@scopeflow\//, "the wasm wrapper imports scopeflow types only (import type)"],
  ["packages/browser/src", /^node:/, "the browser package uses no Node modules"],
];
for (const [folder, pattern, reason] of rules) {
  for (const file of sourceFiles(join(root, folder))) {
    for (const spec of importsOf(file)) {
      if (pattern.test(spec)) problems.push(`${relative(root, file)} imports '${spec}': ${reason}`);
    }
  }
}
// The repository's tools/ folder, not a package's own src/tools (core's scope tools): relative specifiers are resolved.
const intoRepoTools = (file, spec) =>
  /^@scopeflow\/(test-kit|bench|check)/.test(spec) ||
  (spec.startsWith(".") && !relative(join(root, "tools"), join(dirname(file), spec)).startsWith(".."));
for (const file of sourceFiles(join(root, "packages"))) {
  for (const spec of importsOf(file)) {
    if (intoRepoTools(file, spec)) {
      problems.push(`${relative(root, file)} imports '${spec}': packages never import tools at runtime`);
    }
  }
}

// core's floors, and no import cycle in any package.
problems.push(...checkFloors(join(root, "packages/core/src"), sourceFiles(join(root, "packages/core/src"))));
for (const dir of ["packages", "apps"]) {
  for (const name of readdirSync(join(root, dir))) {
    for (const cycle of findCycles(root, sourceFiles(join(root, dir, name, "src")))) {
      problems.push(`import cycle (${cycle.length} files): ${cycle.join(" -> ")}`);
    }
  }
}

// Op types are named by the op table only (tests aside).
const coreFiles = sourceFiles(join(root, "packages/core/src"));
const opTypes = opTypesOf(join(root, "packages/core/src/ops"), coreFiles);
if (opTypes.size < 100) problems.push(`found only ${opTypes.size} op types in packages/core/src/ops/*-defs.ts`);
for (const name of readdirSync(join(root, "packages"))) {
  problems.push(...opTypeLiterals(root, sourceFiles(join(root, "packages", name, "src")), opTypes));
}

// Exports: each subpath resolves under import and require, and names a types file that exists.
for (const pkgDir of readdirSync(join(root, "packages"))) {
  const manifest = JSON.parse(readFileSync(join(root, "packages", pkgDir, "package.json"), "utf8"));
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (subpath === "./package.json" || !subpath.match(/^\.(\/[\w-]+)?$/)) continue; // assets like the .wasm
    const specifier = manifest.name + subpath.slice(1);
    for (const condition of ["import", "require"]) {
      const entry = target[condition];
      if (!entry) {
        problems.push(`${specifier}: no '${condition}' condition`);
        continue;
      }
      const types = typeof entry === "object" ? entry.types : undefined;
      if (!types || !existsSync(join(root, "packages", pkgDir, types))) {
        problems.push(`${specifier} (${condition}): types file ${types ?? "(none)"} is missing`);
      }
    }
    try {
      const esm = await import(specifier);
      const cjs = require(specifier);
      const missing = Object.keys(esm).filter((k) => k !== "default" && !(k in cjs));
      if (missing.length) problems.push(`${specifier}: require() lacks ${missing.join(", ")}`);
    } catch (error) {
      problems.push(`${specifier}: does not load (${error.message.split("\n")[0]})`);
    }
  }
}

// Published packages: a README and the root LICENSE in the tarball, and the npm metadata users look for.
const rootLicense = readFileSync(join(root, "LICENSE"), "utf8");
for (const pkgDir of readdirSync(join(root, "packages"))) {
  const dir = join(root, "packages", pkgDir);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  if (manifest.private) continue;
  for (const field of ["license", "repository", "homepage", "bugs", "keywords", "engines"]) {
    if (manifest[field] === undefined) problems.push(`${manifest.name}: package.json has no '${field}'`);
  }
  for (const file of ["README.md", "LICENSE"]) {
    if (!existsSync(join(dir, file))) problems.push(`${manifest.name}: no ${file}`);
    else if (!manifest.files?.includes(file)) problems.push(`${manifest.name}: 'files' leaves out ${file}`);
  }
  if (existsSync(join(dir, "LICENSE")) && readFileSync(join(dir, "LICENSE"), "utf8") !== rootLicense) {
    problems.push(`${manifest.name}: LICENSE differs from the root LICENSE`);
  }
}

// The README's Supported TF1 API section is generated from the op table and the public API.
if ((await readmeWithSupported()).changed) {
  problems.push(
    "README.md: the Supported TF1 API section is stale; build, then run node tools/check/supported.mjs --write",
  );
}

if (problems.length) {
  console.error(`check: ${problems.length} problem(s)\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
console.log("check: import boundaries and package exports are in order");
