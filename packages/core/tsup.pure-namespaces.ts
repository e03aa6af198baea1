// A tsup plugin for the ESM output: esbuild builds each `export * as ns` as `var ns = {}; __export(ns, {...});`, a
// top-level call that a consumer's bundler must keep, and with it every module the namespace names (tf.train,
// tf.layers, ... end up in a page that only runs a graph). Rewritten as `var ns = /* @__PURE__ */ __export({}, ...)`,
// with __export returning its target, an unused namespace is dropped. Line count is kept for the source maps.
import type { Options } from "tsup";

type Plugin = NonNullable<Options["plugins"]>[number];

const HELPER =
  /^var __export = \(target, all\) => \{\n( {2}for \(var name in all\)\n {4}__defProp\(target, name, \{ get: all\[name\], enumerable: true \}\);\n)\};$/m;
const NAMESPACE = /^var (\w+) = \{\};\n__export\(\1, \{$/gm;

export function pureNamespaces(): Plugin {
  return {
    name: "pure-namespaces",
    renderChunk(code, info) {
      if (this.format !== "esm" || !/\.js$/.test(info.path)) return;
      const out = code
        .replace(HELPER, (_, body: string) => `var __export = (target, all) => {\n${body}  return target;\n};`)
        .replace(NAMESPACE, (_, name: string) => `var ${name} = /* @__PURE__ */ __export({},\n{`);
      return { code: out, map: info.map };
    },
  };
}
