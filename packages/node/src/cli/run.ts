// The scopeflow command: parses argv (node:util parseArgs), runs one subcommand and returns its exit code
// (0 ok, 1 drift or a failed check, 2 a usage or file error); results on stdout, errors on stderr.
import { parseArgs } from "node:util";
import { ckptDoctorCommand, ckptLsCommand } from "./ckpt";
import { EXIT_ERROR, EXIT_OK, FileError, type Output, UsageError } from "./cli-errors";
import { eventsCommand } from "./events";
import { explainCommand } from "./explain";
import { graphCommand } from "./graph";
import { lockCheckCommand, lockWriteCommand } from "./lock";

const GRAPH_FILE =
  "<graph file> is a .pb (binary GraphDef), .pbtxt (text GraphDef), .meta (MetaGraphDef), event file or logdir.";

export const USAGE: Record<string, string> = {
  main: `Usage: scopeflow <command> [options]

Commands:
  explain <graph file> <name>           an op or tensor: type, inputs, outputs, device, attrs, consumers, scopes
  ckpt ls <prefix|dir>                  a checkpoint's keys with dtypes, shapes and sizes
  ckpt doctor <graph file> <prefix|dir> why Saver.restore fails, and the var list that restores what it can
  lock write <graph file> <lockfile>    write the variables' names, shapes, dtypes, collections as JSON
  lock check <graph file> <lockfile>    compare them with the lockfile (exit 1 on drift)
  events <logdir|file>                  runs, tags, steps, last values and a sparkline per scalar
  graph <graph file> [--html out.html]  the name-scope tree and variables; --html writes a page with a graph view

${GRAPH_FILE}
Exit codes: 0 ok, 1 drift or a failed check, 2 a usage or file error.
Run scopeflow <command> --help for a command's options.`,
  explain: `Usage: scopeflow explain <graph file> <name>

Prints the op (name "scope/op") or tensor ("scope/op:0") with its type, device, inputs, outputs (dtype, shape),
attrs, the ops that use it and its enclosing name scopes; for a variable its collections and checkpoint key.
Exit 1 when the graph has no such op (similar names are suggested).
${GRAPH_FILE}`,
  ckpt: `Usage: scopeflow ckpt ls <prefix|dir> [--json]
       scopeflow ckpt doctor <graph file> <prefix|dir> [--json]

ls:     the keys of a V2 checkpoint (a prefix such as model.ckpt-2000, or a folder: its latest checkpoint) with
        dtypes, shapes and sizes in bytes.
doctor: compares what the graph's Saver restores (its SaverDef, else its global variables) with the checkpoint:
        missing keys, unused keys, shape and dtype mismatches, and the { checkpointKey: variable } var list that
        restores what can be restored (outer scopes added or removed, _N suffix shifts, renamed scopes, layers
        matched by shape and order). Exit 1 when Saver.restore would fail as the graph stands.
--json: the result as JSON.
${GRAPH_FILE}`,
  lock: `Usage: scopeflow lock write <graph file> <lockfile>
       scopeflow lock check <graph file> <lockfile>

write: the graph's variables (name, shape, dtype, trainable, collections) to <lockfile> as JSON, sorted by name.
check: compares the graph with <lockfile>: added, removed and changed variables, likely renames; exit 1 on drift.
${GRAPH_FILE}`,
  events: `Usage: scopeflow events <logdir|event file>

Each run (a folder holding files named *tfevents*, as TensorBoard counts runs): its files, wall-time range,
graphs, session logs, and its tags by kind with steps; scalars with their last value and a sparkline.`,
  graph: `Usage: scopeflow graph <graph file> [--html out.html] [--depth n]

Without --html: the name-scope tree to depth n (default 2) and the variables.
--html out.html: a self-contained page with a graph view per name scope (click a scope to open it), the
name-scope tree and the variables.
${GRAPH_FILE}`,
};

type Values = { help?: boolean; json?: boolean; html?: string; depth?: string };

function parse(args: string[]): { values: Values; positionals: string[] } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: "boolean", short: "h" },
      json: { type: "boolean" },
      html: { type: "string" },
      depth: { type: "string" },
    },
  });
  return { values: values as Values, positionals };
}

function expectArgs(positionals: string[], count: number, what: string): void {
  if (positionals.length < count) throw new UsageError(`missing ${what}`);
  if (positionals.length > count) throw new UsageError(`unexpected argument '${positionals[count]}'`);
}

function only(values: Values, allowed: (keyof Values)[]): void {
  for (const key of Object.keys(values) as (keyof Values)[]) {
    if (key !== "help" && !allowed.includes(key)) throw new UsageError(`option --${key} does not apply here`);
  }
}

function dispatch(command: string, values: Values, rest: string[], io: Output): number {
  switch (command) {
    case "explain":
      only(values, []);
      expectArgs(rest, 2, "arguments: <graph file> <name>");
      return explainCommand(rest[0], rest[1], io);
    case "ckpt": {
      const [sub, ...args] = rest;
      only(values, ["json"]);
      if (sub === "ls") {
        expectArgs(args, 1, "argument: <prefix|dir>");
        return ckptLsCommand(args[0], values.json ?? false, io);
      }
      if (sub === "doctor") {
        expectArgs(args, 2, "arguments: <graph file> <prefix|dir>");
        return ckptDoctorCommand(args[0], args[1], values.json ?? false, io);
      }
      throw new UsageError(sub ? `unknown ckpt command '${sub}' (ls, doctor)` : "missing ckpt command (ls, doctor)");
    }
    case "lock": {
      const [sub, ...args] = rest;
      only(values, []);
      if (sub !== "write" && sub !== "check") {
        throw new UsageError(
          sub ? `unknown lock command '${sub}' (write, check)` : "missing lock command (write, check)",
        );
      }
      expectArgs(args, 2, "arguments: <graph file> <lockfile>");
      return sub === "write" ? lockWriteCommand(args[0], args[1], io) : lockCheckCommand(args[0], args[1], io);
    }
    case "events":
      only(values, []);
      expectArgs(rest, 1, "argument: <logdir|file>");
      return eventsCommand(rest[0], io);
    case "graph": {
      only(values, ["html", "depth"]);
      expectArgs(rest, 1, "argument: <graph file>");
      const depth = values.depth === undefined ? 2 : Number(values.depth);
      if (!Number.isInteger(depth) || depth < 1)
        throw new UsageError(`--depth must be a whole number >= 1, got '${values.depth}'`);
      if (values.html === "") throw new UsageError("--html needs a file name");
      return graphCommand(rest[0], { html: values.html, depth }, io);
    }
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

/** Runs the command line `argv` (without node and the script); returns the exit code. */
export function run(argv: readonly string[], io: Output): number {
  const command = argv[0] && !argv[0].startsWith("-") ? argv[0] : undefined;
  const usage = command !== undefined && Object.hasOwn(USAGE, command) ? USAGE[command] : USAGE.main;
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parse([...argv]));
  } catch (error) {
    io.err(`scopeflow${command ? ` ${command}` : ""}: ${(error as Error).message}\n\n${usage}`);
    return EXIT_ERROR;
  }
  if (values.help) {
    io.out(usage);
    return EXIT_OK;
  }
  if (!command) {
    if (positionals.length === 0 && Object.keys(values).length === 0) {
      io.err(usage);
      return EXIT_ERROR;
    }
    io.err(`scopeflow: missing command\n\n${USAGE.main}`);
    return EXIT_ERROR;
  }
  try {
    return dispatch(command, values, positionals.slice(1), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`scopeflow ${command}: ${error.message}\n\n${usage}`);
      return EXIT_ERROR;
    }
    if (error instanceof FileError) {
      io.err(`scopeflow ${command}: ${error.message}`);
      return EXIT_ERROR;
    }
    const e = error as Error;
    io.err(`scopeflow ${command}: ${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message}`);
    return EXIT_ERROR;
  }
}
