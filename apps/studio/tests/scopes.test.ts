// The Scopes panel: both trees of the seed program, explainName's steps for a selected name, and the sharing audit,
// slot ownership and lint panels on the towers snippet (the README's scope-tools examples).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStudio, type StudioPage } from "./studio-page";

let studio: StudioPage;
beforeAll(async () => {
  studio = await openStudio();
});
afterAll(async () => {
  await studio?.close();
});

describe("scopes panel", () => {
  it("shows the name-scope and variable-scope trees of the seed side by side", async () => {
    const { page } = studio;
    await studio.tab("Scopes");
    const nameTree = page.getByRole("region", { name: "Name scopes" });
    const variableTree = page.getByRole("region", { name: "Variable scopes" });
    expect(await nameTree.locator("summary").allInnerTexts()).toEqual(
      expect.arrayContaining(["(root)", "scope_vars", "res", "scope_name"]),
    );
    expect(await nameTree.getByRole("button").allInnerTexts()).toEqual(
      expect.arrayContaining(["scope_vars/res/res", "scope_name/res/res", "scope_name/a"]),
    );
    // getVariable ignores the name scope: b sits at the root of the variable-scope tree.
    const rootVariables = await variableTree.locator(":scope > .tree > details > ul > li > button").allInnerTexts();
    expect(rootVariables).toContain("b:0");
    expect(await variableTree.getByRole("button").allInnerTexts()).toEqual(
      expect.arrayContaining(["scope_vars/a:0", "scope_vars/b:0", "scope_name/a:0"]),
    );
  });

  it("explains a selected name with explainName's steps", async () => {
    const { page } = studio;
    await page
      .getByRole("region", { name: "Variable scopes" })
      .getByRole("button", { name: "b:0", exact: true })
      .click();
    const explain = page.getByRole("region", { name: "explainName" });
    await expect.poll(() => explain.locator("h4").innerText()).toBe("b:0");
    const kinds = await explain.locator(".kind").allInnerTexts();
    expect(kinds).toContain("getVariable");
    expect(await explain.innerText()).toContain("scope_name");
    await studio.screenshot("scopes");
  });

  it("shows the sharing audit, slot ownership and lint findings of the towers snippet", async () => {
    const { page } = studio;
    await studio.tab("Playground");
    await page.getByLabel("Seed snippet").selectOption("towers");
    await expect.poll(() => page.locator(".names button.name").allInnerTexts()).toContain("v/Adam_2:0");
    await studio.tab("Scopes");
    const audit = page.getByRole("region", { name: "Sharing audit" });
    expect(await audit.innerText()).toContain("tower_1/w");
    expect(await audit.locator(".finding").allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^nonSharing: /)]),
    );
    const slots = page.getByRole("region", { name: "Slot ownership" });
    expect(await slots.innerText()).toContain("duplicates: v/Adam_2, v/Adam_3");
    const lint = page.getByRole("region", { name: "Lint findings" });
    expect(await lint.innerText()).toContain(
      'getVariableUnderNameScope (kernel): tf.getVariable("kernel") inside tf.nameScope("encoder") is named kernel',
    );
    expect(await lint.innerText()).toContain("(at line 7)");
    expect(studio.errors).toEqual([]);
    await studio.screenshot("scopes-audits");
  });
});
