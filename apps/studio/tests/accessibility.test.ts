// Keyboard navigation and labels: tabs move with the arrow keys (WAI-ARIA tabs pattern), every control of every
// panel has an accessible name, and the page's first render time and weight are measured (printed, not asserted).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStudio, type StudioPage } from "./studio-page";

let studio: StudioPage;
beforeAll(async () => {
  studio = await openStudio();
});
afterAll(async () => {
  await studio?.close();
});

describe("keyboard and labels", () => {
  it("moves between panels with the arrow keys, Home and End", async () => {
    const { page } = studio;
    const selected = () => page.locator('[role="tab"][aria-selected="true"]').innerText();
    await page.getByRole("tab", { name: "Playground" }).focus();
    await page.keyboard.press("ArrowRight");
    expect(await selected()).toBe("Scopes");
    expect(await page.locator("#panel-scopes").isVisible()).toBe(true);
    expect(await page.locator("#panel-playground").isVisible()).toBe(false);
    await page.keyboard.press("End");
    expect(await selected()).toBe("Train");
    await page.keyboard.press("ArrowRight");
    expect(await selected()).toBe("Playground");
    await page.keyboard.press("ArrowLeft");
    expect(await selected()).toBe("Train");
    await page.keyboard.press("Home");
    expect(await selected()).toBe("Playground");
    // Only the selected tab is in the tab order.
    expect(await page.locator('[role="tab"][tabindex="0"]').count()).toBe(1);
  });

  it("labels every control of every panel", async () => {
    const { page } = studio;
    const unlabelled = await page.evaluate(() => {
      const nameOf = (el: Element): string => {
        const aria = el.getAttribute("aria-label");
        if (aria) return aria;
        const by = el.getAttribute("aria-labelledby");
        if (by)
          return by
            .split(" ")
            .map((id) => document.getElementById(id)?.textContent ?? "")
            .join(" ");
        const labels = (el as HTMLInputElement).labels;
        if (labels?.length) return [...labels].map((l) => l.textContent ?? "").join(" ");
        return el.textContent ?? "";
      };
      const controls = document.querySelectorAll(
        "button, input, select, textarea, [role=button], [role=tab], [contenteditable=true]",
      );
      return [...controls].filter((el) => !nameOf(el).trim()).map((el) => el.outerHTML.slice(0, 120));
    });
    expect(unlabelled).toEqual([]);
    expect(studio.errors).toEqual([]);
  });

  it("measures the time to the first names", async () => {
    const { page } = studio;
    const timing = await page.evaluate(() => {
      const [mark] = performance.getEntriesByName("studio:first-names");
      const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
      return {
        firstNamesMs: Math.round(mark.startTime),
        transferred: resources.filter((r) => /\.(js|wasm)$/.test(r.name)).map((r) => r.name.replace(/^.*\//, "")),
      };
    });
    console.log(
      `studio: first names shown ${timing.firstNamesMs} ms after navigation; loaded ${timing.transferred.join(", ")}`,
    );
    expect(timing.firstNamesMs).toBeGreaterThan(0);
    // One request: the page's classic script carries the worker and kernels.wasm inline (so file:// works too).
    expect(timing.transferred).toEqual([expect.stringMatching(/^index-.*\.js$/)]);
  });
});
