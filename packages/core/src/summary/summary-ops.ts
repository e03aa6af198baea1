// python/summary/summary.py (scalar, histogram, merge, merge_all) and python/ops/summary_op_util.py (summary_scope,
// clean_tag, collect): the summary ops of a TF1 graph, whose string output is a serialized Summary.
import { string as stringDType } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { useFileKernels } from "../kernels/reference/file-kernels";
import { constantOp, convertToTensor, createOp, opScope, type TensorLike } from "../ops/op-builder";
import { type OpType, opDefs } from "../ops/op-defs";
import { nameScope } from "../scopes/name-scope";

export interface SummaryOptions {
  /** Collections to add the op's output to; default `[GraphKeys.SUMMARIES]`. */
  collections?: readonly string[] | null;
  /** A prefix for the tag and the scope (TensorBoard's tab). */
  family?: string | null;
}

const INVALID_TAG_CHARACTERS = /[^-/\w.]/g;

/** summary_op_util.py: clean_tag: illegal characters become `_`, leading slashes go. */
export function cleanTag(name: string): string {
  return name.replace(INVALID_TAG_CHARACTERS, "_").replace(/^\/+/, "");
}

/**
 * summary_op_util.py: summary_scope: opens `name_scope(family/name)` and yields the tag, which is the uniquified
 * scope without its slash (`weight_1` when `weight` is taken, `loss/loss` inside scope `loss`), and the scope.
 */
export function summaryScope<T>(
  name: string,
  family: string | null | undefined,
  defaultName: string | null,
  values: readonly unknown[],
  body: (tag: string, scope: string) => T,
): T {
  // Every summary op but MergeSummary starts here: their kernels encode Summary protos.
  useFileKernels();
  const cleanName = cleanTag(name);
  const cleanFamily = family ? cleanTag(family) : null;
  const base = cleanFamily ? `${cleanFamily}/${cleanName}` : cleanName;
  return nameScope(base, defaultName, values, (scope) => {
    const stripped = scope.replace(/\/+$/, "");
    const tag = cleanFamily ? `${cleanFamily}/${stripped}` : stripped;
    return body(tag, scope);
  });
}

/** summary_op_util.py: collect */
function collect(value: Tensor, collections: readonly string[] | null | undefined, defaults: readonly string[]): void {
  const graph = value.graph;
  for (const key of collections ?? defaults) graph.addToCollection(key, value);
}

function stringOutput(type: OpType, inputs: Tensor[], scope: string, attrs: Record<string, unknown>): Tensor {
  return createOp(opDefs[type], inputs, {
    name: scope,
    attrs: attrs as never,
    shapes: [[]],
  }).outputs[0];
}

/** summary.py: scalar(name, tensor, collections=None, family=None): a `ScalarSummary` whose tag is its scope. */
export function scalar(name: string, tensor: TensorLike, options: SummaryOptions = {}): Tensor {
  return summaryScope(name, options.family, null, [tensor], (tag, scope) => {
    const value = opScope(scope, opDefs.ScalarSummary.type, [tensor], (opScopeName) => {
      const tags = constantOp(tag, stringDType, null, "tags");
      const values = convertToTensor(tensor, { name: "values" });
      return stringOutput(opDefs.ScalarSummary.type, [tags, values], opScopeName, { T: values.dtype });
    });
    collect(value, options.collections, [GraphKeys.SUMMARIES]);
    return value;
  });
}

/** summary.py: histogram(name, values, collections=None, family=None): a `HistogramSummary` with TF's buckets. */
export function histogram(name: string, values: TensorLike, options: SummaryOptions = {}): Tensor {
  return summaryScope(name, options.family, opDefs.HistogramSummary.type, [values], (tag, scope) => {
    const value = opScope(scope, opDefs.HistogramSummary.type, [values], (opScopeName) => {
      const tagTensor = constantOp(tag, stringDType, null, "tag");
      const v = convertToTensor(values, { name: "values" });
      return stringOutput(opDefs.HistogramSummary.type, [tagTensor, v], opScopeName, { T: v.dtype });
    });
    collect(value, options.collections, [GraphKeys.SUMMARIES]);
    return value;
  });
}

/** summary.py: merge(inputs, collections=None, name=None): a `MergeSummary` (`Merge/MergeSummary` by default). */
export function merge(
  inputs: readonly (Tensor | string)[],
  options: { collections?: readonly string[] | null; name?: string } = {},
): Tensor {
  useFileKernels();
  const graph = getDefaultGraph();
  const tensors = inputs.map((x) => (typeof x === "string" ? graph.getTensorByName(x) : convertToTensor(x)));
  // summary.py's default scope name is the word `Merge`, spelled from the op table as tools/check asks.
  return opScope(options.name, opDefs.Merge.type, tensors, () =>
    opScope(options.name, opDefs.MergeSummary.type, tensors, (scope) => {
      const inputsConverted = tensors.map((t) => convertToTensor(t, { dtype: stringDType }));
      const value = stringOutput(opDefs.MergeSummary.type, inputsConverted, scope, { N: inputsConverted.length });
      collect(value, options.collections, []);
      return value;
    }),
  );
}

/** summary.py: merge_all(key=SUMMARIES, scope=None, name=None): null when the collection is empty. */
export function mergeAll(options: { key?: string; scope?: string | null; name?: string } = {}): Tensor | null {
  const ops = getDefaultGraph().getCollection<Tensor | Operation>(options.key ?? GraphKeys.SUMMARIES, options.scope);
  if (ops.length === 0) return null;
  return merge(
    ops.map((x) => (x instanceof Operation ? x.outputs[0] : x)),
    { name: options.name },
  );
}
