// The Train panel: the classifier trains in the worker with progress and a live loss plot, pauses and resumes, and
// its event file and checkpoint download and open again in the Files panel.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStudio, type StudioPage } from "./studio-page";

let studio: StudioPage;
beforeAll(async () => {
  studio = await openStudio();
  await studio.tab("Train");
});
afterAll(async () => {
  await studio?.close();
});

const status = () => studio.page.getByRole("region", { name: "Train" }).getByRole("status").innerText();

describe("train panel", () => {
  it("trains to the asked step with a falling loss and a live plot", async () => {
    const { page } = studio;
    await page.getByLabel("Steps").fill("60");
    await page.getByRole("button", { name: "Train", exact: true }).click();
    await expect.poll(status, { timeout: 20_000 }).toMatch(/^step 60\/60 · loss [\d.]+ · accuracy [\d.]+%$/);
    expect(await page.getByLabel("Training progress").getAttribute("value")).toBe("1");
    const legend = await page.getByRole("region", { name: "Train" }).locator(".u-series").allInnerTexts();
    expect(legend.join(" ")).toContain("loss");
    const finalLoss = Number(/loss ([\d.]+)/.exec(await status())![1]);
    expect(finalLoss).toBeLessThan(Math.log(2)); // below the untrained softmax's ln 2
    await studio.screenshot("train");
  });

  it("pauses and resumes where it stopped", async () => {
    const { page } = studio;
    await page.getByLabel("Steps").fill("3000");
    await page.getByRole("button", { name: "Train again" }).click();
    await expect.poll(status).toMatch(/^step \d+\/3000/);
    await page.getByRole("button", { name: "Pause" }).click();
    await expect.poll(status).toContain("(paused)");
    const pausedAt = Number(/^step (\d+)/.exec(await status())![1]);
    expect(pausedAt).toBeLessThan(3000);
    await page.waitForTimeout(200);
    expect(Number(/^step (\d+)/.exec(await status())![1])).toBe(pausedAt);
    await page.getByRole("button", { name: "Resume" }).click();
    await expect.poll(async () => Number(/^step (\d+)/.exec(await status())![1])).toBeGreaterThan(pausedAt);
    await page.getByRole("button", { name: "Pause" }).click();
    await expect.poll(status).toContain("(paused)");
  });

  it("downloads an event file and a checkpoint that open in the Files panel", async () => {
    const { page } = studio;
    await page.getByRole("button", { name: "Save event file + checkpoint" }).click();
    const links = page.getByRole("list", { name: "Downloads" }).getByRole("link");
    await expect.poll(() => links.count()).toBeGreaterThanOrEqual(5);
    const downloads: { name: string; path: string }[] = [];
    for (const link of await links.all()) {
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      downloads.push({ name: download.suggestedFilename(), path: (await download.path()) ?? "" });
    }
    const names = downloads.map((d) => d.name).sort();
    expect(names.some((n) => /^events\.out\.tfevents\.\d{10}\.browser$/.test(n))).toBe(true);
    const step = /^model\.ckpt-(\d+)\.index$/.exec(names.find((n) => n.endsWith(".index")) ?? "")?.[1];
    expect(names).toEqual(
      expect.arrayContaining([`model.ckpt-${step}.data-00000-of-00001`, `model.ckpt-${step}.meta`, "checkpoint"]),
    );
    await studio.tab("Files");
    await page
      .locator("#file-picker")
      .setInputFiles(
        downloads.map((d) => ({ name: d.name, mimeType: "application/octet-stream", buffer: readFileSync(d.path) })),
      );
    const files = page.getByRole("region", { name: "Files" });
    await expect
      .poll(() => files.getByRole("region", { name: "Scalars" }).locator(".u-title").allInnerTexts())
      .toEqual(["loss", "accuracy"]);
    const rows = await files.getByRole("region", { name: "Checkpoint variables" }).locator("tbody tr").allInnerTexts();
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^classifier\/hidden\/kernel\tfloat32\t\[2,16\]\t128\t/),
        `global_step\tint64\t[]\t8\t${step}`,
      ]),
    );
    expect(await files.getByRole("region", { name: "Checkpoint doctor and name lock" }).innerText()).toContain(
      "Saver.restore works as given",
    );
    expect(studio.errors).toEqual([]);
  });
});
