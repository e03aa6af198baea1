// logging_ops.cc, check_numerics_op.cc (TF 1.15): Print's kernel (forwards its input, logs its data) and
// CheckNumerics's (forwards a float tensor, fails on NaN or Inf).
import { InvalidArgumentError } from "../../errors";
import type { NDArray } from "../../framework/ndarray";
import type { Kernel, VariableState } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { summarizeValue } from "./summarize-value";

/** Where Print's lines go: TF writes them to stderr; here console.error unless a sink is set. */
export type PrintSink = (line: string) => void;

const defaultSink: PrintSink = (line) => console.error(line);
let sink: PrintSink = defaultSink;

/** Sets where Print ops write their lines (null: back to console.error); returns the previous sink. */
export function setPrintSink(next: PrintSink | null): PrintSink {
  const previous = sink;
  sink = next ?? defaultSink;
  return previous;
}

/** Print's call_counter_ lives in its OpKernel, one per Session and op: keyed here by the Session's variable store. */
const printCounts = new WeakMap<VariableState, Map<string, number>>();

export const loggingKernels = {
  // logging_ops.cc: PrintOp::Compute: the message, then `[summary]` per data input; first_n >= 0 logs that many runs.
  Print: ([input, ...data], ctx) => {
    const firstN = typeof ctx.attrs.first_n === "number" ? ctx.attrs.first_n : -1;
    if (firstN >= 0) {
      let counts = printCounts.get(ctx.variables);
      if (!counts) {
        counts = new Map();
        printCounts.set(ctx.variables, counts);
      }
      const count = counts.get(ctx.opName) ?? 0;
      if (count >= firstN) return [input];
      counts.set(ctx.opName, count + 1);
    }
    const summarize = typeof ctx.attrs.summarize === "number" ? ctx.attrs.summarize : 3;
    const message = typeof ctx.attrs.message === "string" ? ctx.attrs.message : "";
    sink(message + data.map((t) => `[${summarizeValue(t, summarize)}]`).join(""));
    return [input];
  },
  // check_numerics_op.cc: CheckNumericsOp::Compute
  CheckNumerics: ([tensor], ctx) => {
    const values = tensor.data as ArrayLike<number>;
    let inf = false;
    let nan = false;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (Number.isNaN(v)) nan = true;
      else if (!Number.isFinite(v)) inf = true;
    }
    if (inf || nan) {
      const status = inf && nan ? "Inf and NaN" : inf ? "Inf" : "NaN";
      throw new InvalidArgumentError(
        `${String(ctx.attrs.message ?? "")} : Tensor had ${status} values\n\t [[{{node ${ctx.opName}}}]]`,
      );
    }
    return [tensor as NDArray];
  },
} satisfies Record<string, Kernel>;

/** Makes this family run in every Session (idempotent): the module that builds its ops calls it when loaded. */
export function useLoggingKernels(): void {
  registerKernels(loggingKernels);
}
