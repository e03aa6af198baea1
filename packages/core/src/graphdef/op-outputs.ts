// The output args of TF's OpDefs (tensorflow/core/ops/*.cc REGISTER_OP ... .Output(...)), as the GraphDef importer
// needs them to recreate each node's outputs. Rule: an op type is known when it is listed here or has a reference
// kernel (the kernels every backend falls back to; which backend a Session runs on does not change what imports);
// a listed type's outputs come from its row, any other known type with a `T` (or `dtype`) attr has one output of
// that type, or as many as its `_output_shapes` lists. Anything else is "Op type not registered".

import type { AttrValue } from "../framework/attr-value";
import { asDType, bool, type DType, int32, int64, string as stringDType } from "../framework/dtypes";
import { referenceKernels } from "../kernels/reference/index";

type Attrs = Readonly<Record<string, AttrValue>>;
type OutputRule = (attrs: Attrs) => DType[];

const attrType =
  (name: string, fallback?: DType) =>
  (attrs: Attrs): DType[] => {
    const value = attrs[name];
    if (value === undefined || value === null) {
      if (fallback) return [fallback];
      throw new Error(`attr '${name}' is missing`);
    }
    return [asDType(value as never)];
  };
const fixed =
  (...dtypes: DType[]): OutputRule =>
  () =>
    dtypes;
const none: OutputRule = () => [];
const twoOfT: OutputRule = (a) => [...attrType("T")(a), ...attrType("T")(a)];
const listOf =
  (countAttr: string, typeAttr: string, fallback?: DType): OutputRule =>
  (a) =>
    Array.from({ length: Number(a[countAttr] ?? 0) }, () => attrType(typeAttr, fallback)(a)[0]);

const COMPARISONS = [
  "Equal",
  "NotEqual",
  "Less",
  "LessEqual",
  "Greater",
  "GreaterEqual",
  "IsNan",
  "IsInf",
  "IsFinite",
  "LogicalAnd",
  "LogicalOr",
  "LogicalNot",
  "ApproximateEqual",
];

export const OP_OUTPUTS: Readonly<Record<string, OutputRule>> = {
  Const: attrType("dtype"),
  Placeholder: attrType("dtype"),
  PlaceholderWithDefault: attrType("dtype"),
  VariableV2: attrType("dtype"),
  Variable: attrType("dtype"),
  RandomUniform: attrType("dtype"),
  RandomStandardNormal: attrType("dtype"),
  TruncatedNormal: attrType("dtype"),
  RandomUniformInt: attrType("Tout"),
  IsVariableInitialized: fixed(bool),
  Cast: attrType("DstT"),
  Shape: attrType("out_type", int32),
  Size: attrType("out_type", int32),
  Rank: fixed(int32),
  ShapeN: listOf("N", "out_type", int32),
  ArgMax: attrType("output_type", int64),
  ArgMin: attrType("output_type", int64),
  Range: attrType("Tidx", int32),
  BroadcastGradientArgs: twoOfT,
  SoftmaxCrossEntropyWithLogits: twoOfT,
  SparseSoftmaxCrossEntropyWithLogits: twoOfT,
  Unpack: listOf("num", "T"),
  Split: listOf("num_split", "T"),
  SplitV: listOf("num_split", "T"),
  Where: fixed(int64),
  NoOp: none,
  SaveV2: none,
  Save: none,
  Assert: none,
  RestoreV2: (a) => ((a.dtypes ?? []) as unknown as AttrValue[]).map((d) => asDType(d as never)),
  MergeV2Checkpoints: none,
  ShardedFilename: fixed(stringDType),
  StringJoin: fixed(stringDType),
  ScalarSummary: fixed(stringDType),
  HistogramSummary: fixed(stringDType),
  MergeSummary: fixed(stringDType),
  ...Object.fromEntries(COMPARISONS.map((type) => [type, fixed(bool)])),
};

/** The dtypes of a node's outputs, or a reason it cannot be imported (an unregistered type, a missing attr). */
export function outputDtypesOf(type: string, attrs: Attrs, outputShapesCount: number | undefined): DType[] | string {
  const rule = OP_OUTPUTS[type];
  try {
    if (rule) return rule(attrs);
  } catch (error) {
    return (error as Error).message;
  }
  if (!(type in referenceKernels)) return "unregistered";
  const typeAttr = attrs.T ?? attrs.dtype;
  if (typeAttr === undefined || typeAttr === null)
    return `scopeflow cannot tell the outputs of op type '${type}' (no 'T' or 'dtype' attr)`;
  const dtype = asDType(typeAttr as never);
  return Array.from({ length: outputShapesCount ?? 1 }, () => dtype);
}
