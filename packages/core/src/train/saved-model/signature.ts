// saved_model/{tag_constants,signature_constants,signature_def_utils_impl,utils_impl}.py (TF 1.15): the constants
// and SignatureDef builders.
import { ValueError } from "../../errors";
import type { Tensor } from "../../framework/tensor";
import { shapeToProto } from "../../framework/tensor-proto";
import type { DataTypeName, MetaGraphDef, TensorInfo } from "../../proto/types";

export type SignatureDef = NonNullable<MetaGraphDef["signatureDef"]>[string];

/** tag_constants.py */
export const tagConstants = {
  SERVING: "serve",
  TRAINING: "train",
  EVAL: "eval",
  GPU: "gpu",
  TPU: "tpu",
} as const;

/** signature_constants.py */
export const signatureConstants = {
  DEFAULT_SERVING_SIGNATURE_DEF_KEY: "serving_default",
  CLASSIFY_METHOD_NAME: "tensorflow/serving/classify",
  CLASSIFY_INPUTS: "inputs",
  CLASSIFY_OUTPUT_CLASSES: "classes",
  CLASSIFY_OUTPUT_SCORES: "scores",
  PREDICT_METHOD_NAME: "tensorflow/serving/predict",
  PREDICT_INPUTS: "inputs",
  PREDICT_OUTPUTS: "outputs",
  REGRESS_METHOD_NAME: "tensorflow/serving/regress",
  REGRESS_INPUTS: "inputs",
  REGRESS_OUTPUTS: "outputs",
} as const;

/** utils_impl.py: build_tensor_info(tensor): name, dtype and shape (unknown dims as -1, or unknown_rank). */
export function buildTensorInfo(tensor: Tensor): TensorInfo {
  return {
    name: tensor.name,
    dtype: tensor.dtype.protoName as DataTypeName,
    tensorShape: shapeToProto(tensor.shape),
  };
}

/** signature_def_utils_impl.py: build_signature_def(inputs=None, outputs=None, method_name=None). */
export function buildSignatureDef(
  inputs?: Record<string, TensorInfo>,
  outputs?: Record<string, TensorInfo>,
  methodName?: string,
): SignatureDef {
  const def: SignatureDef = {};
  if (inputs) def.inputs = { ...inputs };
  if (outputs) def.outputs = { ...outputs };
  if (methodName !== undefined) def.methodName = methodName;
  return def;
}

function tensorInfos(tensors: Record<string, Tensor>): Record<string, TensorInfo> {
  return Object.fromEntries(Object.entries(tensors).map(([k, t]) => [k, buildTensorInfo(t)]));
}

/** signature_def_utils_impl.py: predict_signature_def(inputs, outputs): method `tensorflow/serving/predict`. */
export function predictSignatureDef(inputs: Record<string, Tensor>, outputs: Record<string, Tensor>): SignatureDef {
  if (!inputs || Object.keys(inputs).length === 0) throw new ValueError("Prediction inputs cannot be None or empty.");
  if (!outputs || Object.keys(outputs).length === 0)
    throw new ValueError("Prediction outputs cannot be None or empty.");
  return buildSignatureDef(tensorInfos(inputs), tensorInfos(outputs), signatureConstants.PREDICT_METHOD_NAME);
}
