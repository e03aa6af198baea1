// The graph view on the seed program: scopes start collapsed, expand and collapse with the mouse and the keyboard,
// an op's details (type, attrs, inputs, device, shapes) on click, shapes on edges, search, reuse folding.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStudio, type StudioPage, typeProgram } from "./studio-page";

let studio: StudioPage;
beforeAll(async () => {
  studio = await openStudio();
  await studio.tab("Graph");
});
afterAll(async () => {
  await studio?.close();
});

const view = () => studio.page.getByRole("region", { name: "Program graph" });
const node = (id: string) => view().locator(`[data-id="${id}"]`);

describe("graph view", () => {
  it("draws the top-level scopes collapsed", async () => {
    expect(await node("group:scope_vars").getAttribute("aria-label")).toBe("scope scope_vars, 11 ops, collapsed");
    expect(await node("group:scope_name").count()).toBe(1);
    expect(await node("op:init").getAttribute("aria-label")).toBe("op init, NoOp");
    expect(await node("op:scope_vars/res/res").count()).toBe(0);
  });

  it("expands a scope on click and on Enter, and shows an op's details with shapes", async () => {
    const { page } = studio;
    await node("group:scope_vars").click();
    expect(await node("group:scope_vars").getAttribute("aria-label")).toBe("scope scope_vars, 11 ops, expanded");
    await node("group:scope_vars/res").focus();
    await page.keyboard.press("Enter");
    await node("op:scope_vars/res/res").click();
    const details = view().getByRole("complementary", { name: "Op details" });
    expect(await details.locator("h3").innerText()).toBe("scope_vars/res/res");
    const rows = await details.locator("tr").allInnerTexts();
    expect(rows).toEqual(expect.arrayContaining(["type\tAdd", "outputs\t0: []", "device\t(none)", "T\tDT_INT32"]));
    expect(await details.locator(".input-link").allInnerTexts()).toEqual(["scope_vars/res/mul", "scope_vars/c"]);
    // Inputs lead to their ops.
    await details.getByRole("button", { name: "Go to input scope_vars/c" }).click();
    await expect.poll(() => details.locator("h3").innerText()).toBe("scope_vars/c");
    expect(await details.locator("tr").allInnerTexts()).toContain("type\tConst");
    await node("op:scope_vars/res/res").click();
    // Edges carry the shapes of their tensors: scalars here.
    expect(await view().locator(".edge-label").allTextContents()).toContain("[]");
    await studio.screenshot("graph");
  });

  it("finds an op by name, expanding the scopes that hold it", async () => {
    const { page } = studio;
    await page.getByLabel("Search ops in the Program graph").fill("scope_name/res/mul");
    await page.keyboard.press("Enter");
    expect(await node("op:scope_name/res/mul").getAttribute("class")).toContain("selected");
    expect(await view().getByRole("complementary", { name: "Op details" }).locator("h3").innerText()).toBe(
      "scope_name/res/mul",
    );
  });

  it("folds a re-entered variable scope (siamese, siamese_1 with reuse), not two dense layers, with a toggle", async () => {
    const { page } = studio;
    await studio.tab("Playground");
    await typeProgram(
      page,
      [
        'const x = tf.placeholder(tf.float32, [1, 2], "x");',
        'const tower = (input) => tf.matmul(input, tf.getVariable("w", [2, 2]));',
        'tf.variableScope("siamese", () => tower(x));',
        'tf.variableScope("siamese", { reuse: true }, () => tower(x));',
        "tf.layers.dense(tf.layers.dense(x, 4), 2);",
      ].join("\n"),
    );
    await expect.poll(() => page.locator(".names button.name").allInnerTexts()).toContain("siamese_1/MatMul:0");
    await studio.tab("Graph");
    expect(await node("group:siamese*").getAttribute("aria-label")).toMatch(
      /^scope siamese \(×2\), \d+ ops, collapsed$/,
    );
    expect(await node("group:dense").count()).toBe(1);
    expect(await node("group:dense_1").count()).toBe(1);
    await node("group:siamese*").click();
    expect(await node("group:siamese*/siamese_1").count()).toBe(1);
    await page.getByLabel("Fold re-entered scopes in the Program graph").uncheck();
    expect(await node("group:siamese*").count()).toBe(0);
    expect(await node("group:siamese_1").count()).toBe(1);
    await page.getByLabel("Fold re-entered scopes in the Program graph").check();
    expect(studio.errors).toEqual([]);
  });

  it("keeps a program of 2,000 ops responsive: top level in groups of 100, one expanded at a time", async () => {
    const { page } = studio;
    await studio.tab("Playground");
    await typeProgram(
      page,
      "let x = tf.constant(0);\nfor (let i = 0; i < 1999; i++) x = tf.add(x, 1);\nprint(x.name);\n",
    );
    await expect.poll(() => page.locator(".output").innerText(), { timeout: 20_000 }).toBe("Add_1998:0");
    await studio.tab("Graph");
    // Const, then Add_i and its Const Add_i/y per step: 2,000 top-level scopes, drawn as 20 groups of 100.
    expect(await view().getByRole("status").innerText()).toMatch(/^3999 ops, 20 boxes drawn/);
    await node("group:#101-200").click();
    await node("group:#101-200/Add_150").click();
    expect(await node("op:Add_150").getAttribute("aria-label")).toBe("op Add_150, Add");
    expect(await view().getByRole("status").innerText()).toMatch(/^3999 ops, 122 boxes drawn/);
    expect(studio.errors).toEqual([]);
  });
});
