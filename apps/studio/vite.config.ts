import { readFileSync } from "node:fs";
import { defineConfig, type Plugin } from "vite";

// dist/index.html works opened from disk (file://) as well as from any static server. Chromium refuses module
// scripts, module workers and fetch() on file:// pages, so: the page is one classic (IIFE) script, the worker is
// inlined into it as an IIFE started from a Blob URL (client.ts), and kernels.wasm is inlined as a data: URL
// (studio.worker.ts). Relative asset URLs (`base: "./"`) keep dist/ relocatable.
export default defineConfig({
  base: "./",
  // inlineWasm in both lists: the dev server runs the worker through the page's plugins, the build through worker.plugins.
  plugins: [classicPageScript(), dropUnusedWasm(), inlineWasm()],
  worker: { format: "iife", plugins: () => [inlineWasm()] },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 2048,
    modulePreload: false,
    rolldownOptions: { output: { format: "iife" } },
  },
});

/** Vite writes `<script type="module" crossorigin>` and `<link crossorigin>`; from file:// both are CORS-blocked. */
function classicPageScript(): Plugin {
  return {
    name: "studio-classic-page-script",
    apply: "build",
    enforce: "post",
    transformIndexHtml: {
      order: "post",
      handler: (html) =>
        html
          .replace(/<script type="module" crossorigin (src="[^"]+")><\/script>/g, "<script defer $1></script>")
          .replace(/ crossorigin (href="[^"]+")/g, " $1"),
    },
  };
}

/** `import url from "x.wasm?inline"`: the module's bytes as a `data:application/wasm;base64,` URL. */
function inlineWasm(): Plugin {
  return {
    name: "studio-inline-wasm",
    enforce: "pre",
    load(id) {
      const [file, query = ""] = id.split("?");
      if (!file.endsWith(".wasm") || !new URLSearchParams(query).has("inline")) return null;
      const base64 = readFileSync(file).toString("base64");
      return `export default ${JSON.stringify(`data:application/wasm;base64,${base64}`)};`;
    },
  };
}

/**
 * The worker carries the kernels inline, so the copy of kernels.wasm that Vite emits for wasm-kernels' default URL
 * (`new URL("../build/kernels.wasm", import.meta.url)`, used only when no wasmPath is given) is never fetched.
 */
function dropUnusedWasm(): Plugin {
  return {
    name: "studio-drop-unused-wasm",
    apply: "build",
    generateBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) if (name.endsWith(".wasm")) delete bundle[name];
    },
  };
}
