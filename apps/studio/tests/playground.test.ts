// The page opens on the seed's `scoping` program with its names, with no click; edits re-run it; errors show TF's
// message and line. Names and messages are the seed thread's (shared/seed) and TF 1.15's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStudio, type StudioPage, typeProgram } from "./studio-page";

let studio: StudioPage;
beforeAll(async () => {
  studio = await openStudio();
});
afterAll(async () => {
  await studio?.close();
});

describe("playground", () => {
  it("shows the seed's scoping names on load, without a click, on the wasm backend, with no console error", async () => {
    const { page } = studio;
    const names = await page.locator(".names button.name").allInnerTexts();
    for (const name of ["scope_vars/a:0", "scope_vars/b:0", "scope_vars/c:0", "scope_vars/res/res:0"]) {
      expect(names).toContain(name);
    }
    for (const name of ["scope_name/a:0", "b:0", "scope_name/c:0", "scope_name/res/res:0"])
      expect(names).toContain(name);
    expect(await page.locator(".output").innerText()).toContain("[5,5]");
    // Served with COOP/COEP (scripts/static-server.mjs): isolated, so the threaded build splits over every core.
    const threads = await page.getByRole("status", { name: "Threads", exact: true }).innerText();
    const [, count, cores] = /^(\d+) threads?: .*, (\d+) cores reported\.$/.exec(threads) ?? [];
    expect(count, threads).toBe(cores);
    expect(await page.locator(".playground [role=status]").innerText()).toMatch(
      new RegExp(`on the wasm backend, ${count} threads?$`),
    );
    if (Number(count) > 1) {
      expect(threads).toContain(`the wasm kernels split big ops across ${count} threads over one shared memory; `);
    }
    // Names next to the code: line 4 (`new tf.Variable(vals[0], { name: "a" })`) made both `a`s.
    const line4 = page.locator(".cm-line").nth(3);
    expect(await line4.locator(".line-names").innerText()).toContain("scope_vars/a:0  scope_name/a:0");
    expect(studio.errors).toEqual([]);
    await studio.screenshot("playground");
  });

  it("explains a created name on click (why is it b:0 and not scope_name/b:0?)", async () => {
    const { page } = studio;
    await page.locator(".names").getByRole("button", { name: "b:0", exact: true }).click();
    const why = page.getByLabel("Why this name");
    await expect.poll(() => why.locator("h4").innerText()).toBe("b:0");
    expect(await why.locator(".kind").allInnerTexts()).toContain("getVariable");
    expect(await why.innerText()).toContain("(at line 5)");
  });

  it("re-runs the program on an edit and lists the new names with their lines", async () => {
    const { page } = studio;
    await typeProgram(page, 'const x = tf.nameScope("ns", () => tf.constant(1, { name: "k" }));\nprint(x.name);\n');
    await expect.poll(() => page.locator(".output").innerText()).toBe("ns/k:0");
    expect(await page.locator(".names li").first().innerText()).toContain("ns/k:0 Const · line 1");
  });

  it("shows TF's error message and its line (the seed's v1 + v2 with mixed dtypes)", async () => {
    const { page } = studio;
    await page.getByLabel("Seed snippet").selectOption("nested");
    const message =
      "TypeError: Input 'y' of 'AddV2' Op has type int32 that does not match type float32 of argument 'x'.";
    await expect.poll(() => page.locator(".playground .error").innerText()).toBe(`${message} (line 7)`);
    expect(await page.locator(".output").innerText()).toBe("vs/v1:0 ns/vs/v2:0");
    await expect.poll(() => page.locator(".cm-lintRange-error").count()).toBeGreaterThan(0);
    await studio.screenshot("playground-error");
  });

  it("offers every seed snippet in the menu and each runs with the names the thread prints", async () => {
    const { page } = studio;
    const expected: Record<string, string> = {
      "name-scope": "var1:0 my_scope/var2:0 my_scope/Add:0",
      "variable-scope": "my_scope/var1:0 my_scope/var2:0 my_scope/Add:0",
      sharing: "true var_scope/var:0 var_scope/var:0",
      "op-scope": "v:0 mysum/v2:0\nmysum2/v:0 mysum2/v2:0\nmysum/Add:0 mysum2/Add:0",
      // Run in one graph, the variable scope re-enters name scope "name_scope" as name_scope_1 (ops only).
      "both-called-name-scope":
        "v:0 name_scope/Add:0 name_scope/v2:0\nname_scope/v:0 name_scope_1/Add:0 name_scope_1/v2:0",
      "implicit-name-scope": "foo/add",
      "name-scope-in-variable-scope": "foo/v:0 foo/bar/add",
    };
    for (const [id, printed] of Object.entries(expected)) {
      await page.getByLabel("Seed snippet").selectOption(id);
      await expect.poll(() => page.locator(".output").innerText()).toBe(printed);
    }
    expect(await page.locator("#snippet-menu option").count()).toBe(10);
  });
});
