// The demo CLIs' argument parsing (node:util parseArgs): --help, misuse, and the values.
import { describe, expect, it } from "vitest";
import { parseCli } from "./cli";

const spec = {
  usage: "Usage: node dist/x.js [--steps N] [outDir]",
  options: { steps: { type: "string" as const, default: "200" } },
  optionHelp: ["  --steps N    training steps (default 200)"],
  maxPositionals: 1,
};
const HELP =
  "Usage: node dist/x.js [--steps N] [outDir]\n\nOptions:\n  --steps N    training steps (default 200)\n  -h, --help   print this help and exit";

describe("parseCli", () => {
  it("--help and -h print the usage and exit 0", () => {
    expect(parseCli(spec, ["--help"])).toEqual({ exitCode: 0, output: HELP });
    expect(parseCli(spec, ["-h", "--steps", "3"])).toEqual({ exitCode: 0, output: HELP });
  });

  it("an unknown option or one positional too many is exit 2 with the reason and the usage", () => {
    const unknown = parseCli(spec, ["--step", "3"]);
    expect(unknown).toMatchObject({ exitCode: 2 });
    expect((unknown as { output: string }).output).toMatch(
      /^Unknown option '--step'[\s\S]*\n\nUsage: node dist\/x\.js/,
    );
    expect(parseCli(spec, ["a", "b"])).toEqual({ exitCode: 2, output: `Unexpected argument 'b'\n\n${HELP}` });
  });

  it("returns the values with their defaults, and the positionals", () => {
    expect(parseCli(spec, [])).toEqual({ values: { steps: "200" }, positionals: [] });
    expect(parseCli(spec, ["--steps=5", "out"])).toEqual({ values: { steps: "5" }, positionals: ["out"] });
  });
});
