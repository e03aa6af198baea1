// A SavedModel folder (written here by @scopeflow/node's simpleSave, the layout TF's builder writes) opens through
// the folder picker: its graph, its variables/ checkpoint and the checkpoint doctor; a name lockfile opened with it
// is checked against its graph.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@scopeflow/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStudio, type StudioPage } from "./studio-page";

let studio: StudioPage;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "studio-saved-model-"));
  const exportDir = join(dir, "export");
  new tf.Graph().asDefault((graph) => {
    const x = tf.placeholder(tf.float32, [null, 2], "x");
    const y = tf.variableScope("model", () =>
      tf.matmul(x, tf.getVariable("w", [2, 1], { initializer: tf.constantInitializer([1, 2]) })),
    );
    const sess = new tf.Session({ graph });
    sess.run(tf.globalVariablesInitializer());
    tf.savedModel.simpleSave(sess, exportDir, { x }, { y });
    // A lockfile that predates a rename: it locks `model/kernel`, the graph has `model/w`.
    const lock = tf.tools.nameLock(graph);
    lock.variables[0].name = "model/kernel:0";
    writeFileSync(join(exportDir, "names.lock.json"), tf.tools.formatNameLock(lock));
  });
  studio = await openStudio();
  await studio.tab("Files");
});
afterAll(async () => {
  await studio?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("SavedModel folder", () => {
  it("opens the folder: graph, variables checkpoint, doctor and the lockfile check", async () => {
    const { page } = studio;
    await page.locator("#folder-picker").setInputFiles(join(dir, "export"));
    const opened = page.getByRole("region", { name: "Opened", exact: true });
    await expect.poll(() => opened.innerText()).toContain("SavedModel: 1 meta graph(s)");
    const rows = await page.getByRole("region", { name: "Checkpoint variables" }).locator("tbody tr").allInnerTexts();
    expect(rows).toEqual(["model/w\tfloat32\t[2,1]\t8\t[[1],[2]]"]);
    expect(await page.getByRole("region", { name: "Opened graph" }).locator('[data-id="group:model"]').count()).toBe(1);
    const checks = await page.getByRole("region", { name: "Checkpoint doctor and name lock" }).innerText();
    expect(checks).toContain("Saver.restore works as given");
    expect(checks).toContain("checkNameLock");
    expect(checks).toMatch(/added.*model\/w:0/s);
    expect(checks).toMatch(/removed.*model\/kernel:0/s);
    expect(studio.errors).toEqual([]);
  });
});
