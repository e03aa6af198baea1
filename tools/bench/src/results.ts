// RESULTS.md holds one section per runtime (Node, Chromium with and without cross-origin isolation), each rewritten
// whole by its own run between markers, so that `bench` and `bench:browser` do not erase each other's tables.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Row, renderMarkdown } from "./format";

const FILE = new URL("../RESULTS.md", import.meta.url);
const TITLE = "# Benchmark results\n";

/** Replaces (or appends) section `key` of RESULTS.md; the file is written to a temporary name, then renamed. */
export function writeSection(key: string, title: string, intro: string[], rows: Row[], notes: string[]): string {
  const path = fileURLToPath(FILE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    text = TITLE;
  }
  if (!text.includes("<!-- ")) text = TITLE; // the single-table format before sections: replaced whole
  const start = `<!-- ${key}:start -->`;
  const end = `<!-- ${key}:end -->`;
  const body = [
    start,
    `## ${title}`,
    "",
    intro.join("  \n"),
    "",
    renderMarkdown(rows).trimEnd(),
    "",
    ...notes.map((n) => `- ${n}`),
    end,
  ].join("\n");
  const at = text.indexOf(start);
  const next =
    at >= 0 ? text.slice(0, at) + body + text.slice(text.indexOf(end) + end.length) : `${text.trimEnd()}\n\n${body}\n`;
  writeFileSync(`${path}.tmp`, next);
  renameSync(`${path}.tmp`, path);
  return path;
}
