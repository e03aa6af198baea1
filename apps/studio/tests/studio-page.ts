// Opens the built studio (dist/) in Chromium, as the other browser tests do (test-kit's executable and flags), and
// collects console errors. Screenshots go to apps/studio/screenshots/ (gitignored) for review.
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../../tools/test-kit/vitest-projects";
// @ts-expect-error: a plain .mjs script (also run by `pnpm studio`), no declarations.
import { serveStatic } from "../scripts/static-server.mjs";

export const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
export const FIXTURES = fileURLToPath(new URL("../../../tools/test-kit/fixtures/tf/", import.meta.url));
const SHOTS = fileURLToPath(new URL("../screenshots/", import.meta.url));

export interface StudioPage {
  page: Page;
  url: string;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  screenshot(name: string): Promise<void>;
  /** Shows a panel through its tab. */
  tab(title: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * `query` is appended to the page's URL (`?runTimeout=2000`). `fromDisk` opens `dist/index.html` as a file:// URL
 * (no server), as a user who double-clicks it does.
 */
export async function openStudio(query = "", { fromDisk = false } = {}): Promise<StudioPage> {
  const server: Server | undefined = fromDisk ? undefined : await serveStatic(DIST, 0);
  const url = server
    ? `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    : pathToFileURL(`${DIST}index.html`).href;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url + query);
  await page.waitForSelector("body[data-ready=true]", { timeout: 25_000 });
  mkdirSync(SHOTS, { recursive: true });
  return {
    page,
    url,
    errors,
    screenshot: async (name) => {
      await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
    },
    tab: async (title) => {
      await page.getByRole("tab", { name: title }).click();
    },
    close: async () => {
      await browser.close();
      if (server) await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Replaces the editor's text by typing it (select all, then insertText), as a user's edit. */
export async function typeProgram(page: Page, code: string): Promise<void> {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(code);
}
