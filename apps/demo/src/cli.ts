// The demo CLIs' command lines: node:util parseArgs with --help (-h), the usage on a bad argument (exit 2), and
// absolute paths in what they print, so an output can be found whatever the working folder was.
import { resolve } from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";

export interface CliSpec {
  /** `node dist/x.js [options]` and what the command does; printed by --help and after a bad argument. */
  usage: string;
  options?: ParseArgsConfig["options"];
  /** One help line per option (`  --steps N   ...`); --help's own line is added. */
  optionHelp?: string[];
  /** How many positionals are accepted (default 0). */
  maxPositionals?: number;
}

export type CliParse =
  | { values: Record<string, string | boolean | undefined>; positionals: string[] }
  | { exitCode: number; output: string };

const HELP_LINE = "  -h, --help   print this help and exit";

/** Parses `args` against `spec`: the values, or what to print and the exit code (0 for --help, 2 for misuse). */
export function parseCli(spec: CliSpec, args: readonly string[]): CliParse {
  const help = `${spec.usage}\n\nOptions:\n${[...(spec.optionHelp ?? []), HELP_LINE].join("\n")}`;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...spec.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return { exitCode: 2, output: `${(error as Error).message}\n\n${help}` };
  }
  if (parsed.values.help) return { exitCode: 0, output: help };
  if (parsed.positionals.length > (spec.maxPositionals ?? 0)) {
    return { exitCode: 2, output: `Unexpected argument '${parsed.positionals.at(-1)}'\n\n${help}` };
  }
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

/** parseCli on process.argv: prints and exits for --help or misuse, else returns the values. */
export function cliArgs(spec: CliSpec): {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
} {
  const parsed = parseCli(spec, process.argv.slice(2));
  if ("exitCode" in parsed) {
    (parsed.exitCode === 0 ? console.log : console.error)(parsed.output);
    process.exit(parsed.exitCode);
  }
  return parsed;
}

/** A path as the user should see it: absolute. */
export const shownPath = (path: string): string => resolve(path);
