// An endless loop in the playground's program is stopped: the worker is restarted after the run timeout (2 s here,
// `?runTimeout=2000`; 15 s by default) and the next edit runs again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStudio, type StudioPage, typeProgram } from "./studio-page";

let studio: StudioPage;
beforeAll(async () => {
  studio = await openStudio("?runTimeout=2000");
});
afterAll(async () => {
  await studio?.close();
});

describe("endless loop", () => {
  it("stops the program, says so, and runs the next edit on a fresh worker", async () => {
    const { page } = studio;
    await typeProgram(page, "while (true) {}\n");
    await expect
      .poll(() => page.locator(".playground .error").innerText(), { timeout: 15_000 })
      .toBe("The program ran for more than 2 s and was stopped (the worker was restarted).");
    await typeProgram(page, 'print(tf.constant(7, { name: "seven" }).name);\n');
    await expect.poll(() => page.locator(".output").innerText(), { timeout: 15_000 }).toBe("seven:0");
    expect(await page.locator(".playground .error").innerText()).toBe("");
    expect(studio.errors).toEqual([]);
  });
});
