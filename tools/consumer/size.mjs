// Bundle size of pages using @scopeflow/browser, as esbuild users get them (`esbuild --bundle --minify`, gzip -9):
// a page that only builds and runs a three-op graph on the wasm backend, and a page that also writes an event file
// and a checkpoint. `node size.mjs` prints the table; `node size.mjs --modules [page]` lists what reaches a page,
// module by module (core's dist has one file per source module); size.test.ts fails above the bounds below.

import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/**
 * KB of min+gzip: the graph-only page's target is tfjs-core with its wasm backend, 75 KB (72.7 KB today); it ships no
 * protobuf codec (the file kernels are registered by the code that builds file ops) and none of the kernel families
 * their builders register. The files page (206.5 KB today) uses tf.train's Saver, and tf.train's namespace brings its
 * optimizers and through them the gradient table of every op family: session 5's vocabulary (five optimizers, the
 * Coordinator, the checkpoint reader, the new families' gradients and builders) took it from 187 to 206 KB.
 */
export const BOUNDS_KB = { graphOnly: 75, files: 215 };

export const PAGES = {
  graphOnly: `
    import * as tf from "@scopeflow/browser";
    await tf.ready();
    const a = tf.placeholder(tf.float32, [2], "a");
    const b = tf.constant([1, 2]);
    const y = tf.multiply(tf.add(a, b), b);
    console.log(new tf.Session().run(y, { "a:0": [3, 4] }).data);`,
  files: `
    import * as tf from "@scopeflow/browser";
    await tf.ready();
    const w = tf.getVariable("w", [2, 1]);
    tf.summary.scalar("w0", tf.reduceSum(w));
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const writer = new tf.summary.FileWriter("/logs", sess.graph);
    writer.addSummary(sess.run(tf.summary.mergeAll()), 0);
    writer.close();
    new tf.train.Saver().save(sess, "/logs/model.ckpt");
    tf.io.downloadFile("/logs/model.ckpt.index");`,
};

/** { page: { minBytes, gzipBytes, modules } } for every page; modules: { input path: bytes in the minified output }. */
export async function measure() {
  const out = {};
  for (const [page, contents] of Object.entries(PAGES)) {
    const result = await build({
      metafile: true,
      outfile: "page.js",
      stdin: { contents, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "js" },
      bundle: true,
      minify: true,
      format: "esm",
      target: "es2022",
      platform: "browser",
      write: false,
      logLevel: "error",
    });
    const code = result.outputFiles[0].contents;
    const [output] = Object.values(result.metafile.outputs);
    const modules = Object.fromEntries(
      Object.entries(output.inputs).map(([path, { bytesInOutput }]) => [path, bytesInOutput]),
    );
    out[page] = { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, modules };
  }
  return out;
}

/** A module's name in the table: its path inside its package (`core/dist/kernels/reference/array.js`). */
function moduleName(path) {
  return path.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "").replace(/^(\.\.\/)+packages\//, "");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = await measure();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const [flag, only = "graphOnly"] = process.argv.slice(2);
  if (flag === "--modules") {
    // gzip does not split by module: each module's share of the page's gzip size is its share of the minified bytes.
    const { minBytes, gzipBytes, modules } = sizes[only];
    console.log(`${only}: min ${kb(minBytes)}, min+gzip ${kb(gzipBytes)}\n     min  ~gzip  module`);
    for (const [path, bytes] of Object.entries(modules).sort((a, b) => b[1] - a[1])) {
      if (bytes === 0) continue;
      console.log(`${kb(bytes).padStart(8)} ${kb((bytes * gzipBytes) / minBytes).padStart(7)}  ${moduleName(path)}`);
    }
  } else {
    for (const [page, { minBytes, gzipBytes }] of Object.entries(sizes)) {
      console.log(
        `${page.padEnd(10)} min ${kb(minBytes).padStart(9)}  min+gzip ${kb(gzipBytes).padStart(8)}  (bound ${BOUNDS_KB[page]} KB)`,
      );
    }
  }
}
