// The Files panel opens every TF-written fixture (tools/test-kit/fixtures/tf, copied from shared/fixtures/tf) and
// shows the names and values its README documents.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, openStudio, type StudioPage } from "./studio-page";

let studio: StudioPage;
beforeAll(async () => {
  studio = await openStudio();
  await studio.tab("Files");
});
afterAll(async () => {
  await studio?.close();
});

const region = (name: string) => studio.page.getByRole("region", { name, exact: true });

async function open(...paths: string[]): Promise<void> {
  const opened = region("Opened");
  const before = await opened.innerText();
  await studio.page.locator("#file-picker").setInputFiles(paths.map((p) => join(FIXTURES, p)));
  await expect
    .poll(async () => (await opened.innerText()) !== before && !(await opened.innerText()).includes("reading…"))
    .toBe(true);
}

describe("files panel", () => {
  it("opens the Estimator's model dir: graph, loss scalars, checkpoint table, doctor and name lock", async () => {
    const dir = "estimator_model_dir/";
    await open(
      `${dir}events.out.tfevents.1567057356.leimao-evolvx`,
      `${dir}model.ckpt-2000.meta`,
      `${dir}model.ckpt-2000.index`,
      `${dir}model.ckpt-2000.data-00000-of-00001`,
      `${dir}checkpoint`,
    );
    const opened = await region("Opened").innerText();
    expect(opened).toContain("event file: 2 graph(s), 19 summary value(s)");
    expect(opened).toContain("MetaGraphDef: 293 nodes");
    expect(opened).toContain('checkpoint state: model_checkpoint_path: "model.ckpt-2000"');
    const graph = region("Opened graph");
    expect(await graph.getByRole("status").innerText()).toMatch(/^293 ops, \d+ boxes drawn/);
    // dense and dense_1 are two layers, each with its own kernel and bias: not folded, though folding is on.
    expect(await graph.locator('[data-id="group:dense*"]').count()).toBe(0);
    expect(await graph.locator('[data-id="group:dense"]').getAttribute("aria-label")).toMatch(/^scope dense, \d+ ops/);
    expect(await graph.locator('[data-id="group:dense_1"]').count()).toBe(1);
    const charts = await region("Scalars").locator(".u-title").allInnerTexts();
    expect(charts).toEqual(["loss", "global_step/sec"]);
    const rows = await region("Checkpoint variables").locator("tbody tr").allInnerTexts();
    // Values as the fixture README decodes them (estimator_model_dir, model.ckpt-2000).
    expect(rows).toEqual(
      expect.arrayContaining([
        "dense/bias\tfloat32\t[4]\t16\t[-7.316305637359619,3.8426711559295654,17.333663940429688,4.2936692237854]",
        "dense_1/bias\tfloat32\t[1]\t4\t[16.962736129760742]",
        "beta2_power\tfloat32\t[]\t4\t0.13506826758384705",
        "global_step\tint64\t[]\t8\t2000",
      ]),
    );
    expect(rows).toHaveLength(15);
    const checks = await region("Checkpoint doctor and name lock").innerText();
    expect(checks).toContain("Checkpoint model.ckpt-2000: 15 keys; the var list restores 15 variables.");
    expect(checks).toContain("Saver.restore works as given");
    expect(checks).toContain('{"name":"dense/kernel:0","shape":[2,4],"dtype":"float32","trainable":true,');
    await studio.screenshot("files-estimator");
  });

  it("opens the Estimator's text GraphDef (graph.pbtxt) into the graph view, with op details", async () => {
    await open("estimator_model_dir/graph.pbtxt");
    expect(await region("Opened").innerText()).toContain("GraphDef: 293 nodes");
    const graph = region("Opened graph");
    await studio.page.getByLabel("Search ops in the Opened graph").fill("IteratorGetNext");
    await studio.page.keyboard.press("Enter");
    const details = await graph.getByRole("complementary", { name: "Op details" }).locator("tr").allInnerTexts();
    expect(details).toEqual(expect.arrayContaining(["type\tIteratorGetNext", "outputs\t0: [?,2]  1: [?,1]"]));
  });

  it("opens the FileWriter scalars: three tags over 500 steps, smoothed", async () => {
    await open("filewriter_scalars/events.out.tfevents.1530867888.clarence-mac.local");
    expect(await region("Opened").innerText()).toContain("1 graph(s), 1500 summary value(s)");
    expect(await region("Scalars").locator(".u-title").allInnerTexts()).toEqual(["weight_1", "bias_1", "loss_1"]);
    expect(await region("Opened graph").getByRole("status").innerText()).toMatch(/^78 ops/);
    await studio.page.getByLabel("Smoothing").fill("0.9");
    expect(await region("Scalars").locator(".u-legend").first().innerText()).toContain("smoothed 0.9");
    await studio.screenshot("files-scalars");
  });

  it("opens the graph-only event file with its 11 nodes", async () => {
    await open("filewriter_graph_only/events.out.tfevents.1530861702.clarence-mac.local");
    const graph = region("Opened graph");
    expect(await graph.getByRole("status").innerText()).toMatch(/^11 ops/);
    expect(await graph.locator('[data-id="op:add_opp"]').getAttribute("aria-label")).toBe("op add_opp, Add");
  });

  it("opens the name-scope histograms: six histograms over 20 steps and the loss", async () => {
    await open("name_scope_histograms/events.out.tfevents.1494075549.Morvan");
    const titles = await region("Histograms").locator(".u-title").allInnerTexts();
    expect(titles).toEqual([
      "layer1/weights/layer1/weights",
      "layer1/biases/layer1/biases",
      "layer1/layer1/outputs",
      "layer2/weights/layer2/weights",
      "layer2/biases/layer2/biases",
      "layer2/layer2/outputs",
    ]);
    // TensorBoard's default: every step in one chart, offset (one line per step, 20 steps).
    const first = region("Histograms").getByLabel("layer1/weights/layer1/weights chart");
    expect(await first.getAttribute("data-steps")).toBe("20");
    expect(await first.locator(".u-legend").count()).toBe(0);
    await studio.screenshot("files-histograms-offset");
    await studio.page.getByLabel("Mode").selectOption("overlay");
    expect(await first.getAttribute("data-steps")).toBe("20");
    await studio.screenshot("files-histograms-overlay");
    // One step at a time, picked from the steps the file holds.
    await studio.page.getByLabel("Mode").selectOption("single");
    const steps = region("Histograms").getByLabel("Step of layer1/weights/layer1/weights");
    expect(await steps.locator("option").count()).toBe(20);
    expect(await region("Histograms").locator(".u-title").count()).toBe(6);
    expect(await region("Scalars").locator(".u-title").allInnerTexts()).toEqual(["loss/loss"]);
    expect(await region("Opened graph").locator('[data-id="group:layer1"]').count()).toBe(1);
    await studio.screenshot("files-histograms");
  });

  it("opens a file dropped on the drop zone", async () => {
    const bytes = [
      ...readFileSync(join(FIXTURES, "filewriter_graph_only/events.out.tfevents.1530861702.clarence-mac.local")),
    ];
    await studio.page.getByLabel("Drop TensorFlow files here").evaluate((zone, data) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], "events.out.tfevents.1530861702.clarence-mac.local"));
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, bytes);
    await expect
      .poll(() => region("Opened").innerText())
      .toContain("events.out.tfevents.1530861702.clarence-mac.local event file: 1 graph(s), 0 summary value(s)");
    expect(await region("Opened graph").getByRole("status").innerText()).toMatch(/^11 ops/);
  });

  it("opens the binary GraphDef with its Saver's ops", async () => {
    await open("graphdef_binary/model.pb");
    expect(await region("Opened").innerText()).toContain("GraphDef: 109 nodes");
    const graph = region("Opened graph");
    expect(await graph.locator('[data-id="group:save"]').getAttribute("aria-label")).toBe(
      "scope save, 11 ops, collapsed",
    );
    expect(studio.errors).toEqual([]);
  });
});
