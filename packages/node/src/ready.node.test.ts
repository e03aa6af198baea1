// Node-only: the .wasm given as a plain file path, and the CommonJS build (its own copy of core and of the backend).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { defaultWasmUrl } from "@scopeflow/wasm-kernels";
import { describe, expect, it } from "vitest";
import * as tf from "./index";

describe("@scopeflow/node ready()", () => {
  it("names the backend and the file when the path is wrong, then loads from a file path", async () => {
    await expect(tf.ready({ wasmPath: "/nonexistent/kernels.wasm" })).rejects.toThrow(
      "The wasm backend failed to load from /nonexistent/kernels.wasm: ENOENT: no such file or directory",
    );
    expect(tf.getBackend()).toBe("reference");
    await tf.ready({ wasmPath: fileURLToPath(defaultWasmUrl().href) });
    expect(tf.getBackend()).toBe("wasm");
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [2, 2], "x");
      const y = tf.matmul(x, x).add(1);
      expect(
        new tf.Session()
          .run(y, {
            "x:0": [
              [1, 2],
              [3, 4],
            ],
          })
          .toArray(),
      ).toEqual([
        [8, 11],
        [16, 23],
      ]);
    });
  });

  it("works through require() of the CommonJS build", async () => {
    const require = createRequire(import.meta.url);
    const cjs: typeof tf = require("../dist/index.cjs");
    expect(cjs.getBackend()).toBe("reference");
    await cjs.ready();
    expect(cjs.getBackend()).toBe("wasm");
    const g = new cjs.Graph();
    const out = g.asDefault(() => new cjs.Session().run(cjs.nn.softmax(cjs.constant([[0, Math.log(3)]]))));
    const [a, b] = Array.from(out.data as Float32Array);
    expect(a).toBeCloseTo(0.25, 6);
    expect(b).toBeCloseTo(0.75, 6);
  });
});
