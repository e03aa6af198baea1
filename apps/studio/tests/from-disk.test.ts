// dist/index.html opened straight from disk (file://, no server): Chromium refuses module scripts, module workers and
// fetch() there, so the page is a classic script with its worker and kernels inline (vite.config.ts). Issue 13 item 6:
// the seed's `scoping` names show without any click.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStudio, type StudioPage } from "./studio-page";

let studio: StudioPage;
beforeAll(async () => {
  studio = await openStudio("", { fromDisk: true });
});
afterAll(async () => {
  await studio?.close();
});

describe("dist/index.html from file://", () => {
  it("shows the seed's scoping names on the wasm backend without a click or a console error", async () => {
    const { page } = studio;
    expect(studio.url).toMatch(/^file:\/\/.*\/dist\/index\.html$/);
    const names = await page.locator(".names button.name").allInnerTexts();
    for (const name of ["scope_vars/a:0", "scope_vars/b:0", "b:0", "scope_name/a:0", "scope_name/res/res:0"]) {
      expect(names).toContain(name);
    }
    expect(await page.locator(".output").innerText()).toContain("[5,5]");
    expect(await page.locator(".playground [role=status]").innerText()).toContain("wasm backend");
    expect(await page.locator(".playground [role=status]").innerText()).toMatch(/on the wasm backend, 1 thread$/);
    expect(await page.getByRole("status", { name: "Threads", exact: true }).innerText()).toBe(
      "1 thread: the wasm kernels run on one thread; the page is not cross-origin isolated (opened from file:// or served without COOP/COEP headers), so threads cannot run here.",
    );
    // Styles apply (they travel inside the script): the header is a flex row.
    expect(await page.locator("header").evaluate((el) => getComputedStyle(el).display)).toBe("flex");
    expect(studio.errors).toEqual([]);
    await studio.screenshot("from-disk");
  });
});
