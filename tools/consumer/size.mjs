// Bundle size of pages using @scopeflow/browser, as esbuild users get them (`esbuild --bundle --minify`, gzip -9):
// a page that only builds and runs a three-op graph on the wasm backend, and a page that also writes an event file
// and a checkpoint. `node size.mjs` prints the table; size.test.ts fails only above the generous bounds below.

import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** Fails the check only well above today's sizes (KB of min+gzip): a regression guard, not a target. */
export const BOUNDS_KB = { graphOnly: 130, files: 200 };

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

/** { page: { minBytes, gzipBytes } } for every page. */
export async function measure() {
  const out = {};
  for (const [page, contents] of Object.entries(PAGES)) {
    const result = await build({
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
    out[page] = { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = await measure();
  for (const [page, { minBytes, gzipBytes }] of Object.entries(sizes)) {
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `${page.padEnd(10)} min ${kb(minBytes).padStart(9)}  min+gzip ${kb(gzipBytes).padStart(8)}  (bound ${BOUNDS_KB[page]} KB)`,
    );
  }
}
