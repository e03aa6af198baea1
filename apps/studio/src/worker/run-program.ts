// Runs the playground's program on a fresh graph and reads back what the scope tools know about it. The program is
// a function body with `tf` and `print` in scope; its source is named PROGRAM_URL so stack frames (error lines and
// tf.tools call sites) point into it.
import * as tf from "@scopeflow/browser";
import { modelOfGraphDef } from "../graph/model";
import { reentriesOfAudit } from "../graph/reentries";
import type { CreatedName, ProgramError, ProgramResult } from "./protocol";
import { threadsInfo } from "./threads";

export const PROGRAM_URL = "studio-program.js";

const FRAME = new RegExp(`${PROGRAM_URL.replace(".", "\\.")}:(\\d+)(?::\\d+)?`);

/** Lines the engine adds before a `new Function` body (the `function anonymous(...) {` header), measured once. */
let headerLines: number | undefined;

function compile(code: string, url = PROGRAM_URL): (t: typeof tf, print: (...args: unknown[]) => void) => unknown {
  return new Function("tf", "print", `${code}\n//# sourceURL=${url}`) as never;
}

function measureHeader(): number {
  try {
    compile("throw new Error();")(tf, () => {});
  } catch (error) {
    const m = FRAME.exec(String((error as Error).stack));
    if (m) return Number(m[1]) - 1;
  }
  return 0;
}

/** The program line a stack trace or call site ("studio-program.js:7") points at, if any. */
export function programLine(where: string | undefined): number | undefined {
  if (!where) return undefined;
  headerLines ??= measureHeader();
  const m = FRAME.exec(where);
  return m ? Number(m[1]) - headerLines : undefined;
}

const SITES = new RegExp(`${PROGRAM_URL.replace(".", "\\.")}:\\d+`, "g");

/** Call sites in a tool's text ("studio-program.js:9") as the editor's line numbers ("line 7"). */
export function readableSites<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(SITES, (site) => `line ${programLine(site)}`));
}

function show(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof tf.NDArray) return value.toString();
  if (value instanceof tf.Tensor || value instanceof tf.Operation) return value.toString();
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? String(v) : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

export function errorOf(error: unknown): ProgramError {
  if (error instanceof Error) {
    const line = programLine(error.stack);
    return { name: error.name, message: error.message, ...(line === undefined ? {} : { line }) };
  }
  return { name: "Error", message: String(error) };
}

/** The call site recorded for `op` (tf.tools.captureCallSites is on while the program runs). */
function lineOf(op: tf.Operation, graph: tf.Graph): number | undefined {
  const steps = tf.tools.explainName(op, { graph }).steps;
  // The innermost step that recorded a site in the program: the op's own line, else its getVariable's.
  for (let i = steps.length - 1; i >= 0; i--) {
    const line = programLine(steps[i].site);
    if (line !== undefined) return line;
  }
  return undefined;
}

/** Every op of the graph as the name TF prints for it, variables' helper ops (`a/Assign`, `a/read`) left out. */
function createdNames(graph: tf.Graph): CreatedName[] {
  const ops = graph.getOperations();
  const variables = ops.filter((op) => op.type === "VariableV2").map((op) => `${op.name}/`);
  const helper = (name: string) => variables.some((prefix) => name.startsWith(prefix));
  return ops
    .filter((op) => op.type === "VariableV2" || !helper(op.name))
    .map((op) => {
      const line = lineOf(op, graph);
      return {
        name: op.outputs.length ? op.outputs[0].name : op.name,
        type: op.type,
        isVariable: op.type === "VariableV2",
        ...(line === undefined ? {} : { line }),
      };
    });
}

export function runProgram(code: string): { graph: tf.Graph; result: ProgramResult } {
  const started = performance.now();
  const graph = new tf.Graph();
  const printed: string[] = [];
  const print = (...args: unknown[]) => printed.push(args.map(show).join(" "));
  let error: ProgramError | undefined;
  tf.tools.captureCallSites(true);
  // Deep enough stacks that an error thrown inside scopeflow still shows the program's frame (V8 keeps 10).
  const holder = Error as { stackTraceLimit?: number };
  const limit = holder.stackTraceLimit;
  holder.stackTraceLimit = 200;
  try {
    graph.asDefault(() => compile(code)(tf, print));
  } catch (thrown) {
    error = errorOf(thrown);
  } finally {
    tf.tools.captureCallSites(false);
    holder.stackTraceLimit = limit;
  }
  const audit = tf.tools.sharingAudit(graph);
  const result: ProgramResult = {
    names: createdNames(graph),
    printed,
    graph: { ...modelOfGraphDef(graph.asGraphDef({ addShapes: true })), reentries: reentriesOfAudit(audit) },
    trees: tf.tools.scopeTrees(graph),
    audit: readableSites(audit),
    lint: readableSites(tf.tools.lint(graph)),
    slots: tf.tools.slotOwnership(graph),
    backend: tf.getBackend(),
    threads: threadsInfo(tf.backendInfo(), globalThis),
    millis: 0,
    ...(error ? { error } : {}),
  };
  result.millis = Math.round(performance.now() - started);
  return { graph, result };
}
