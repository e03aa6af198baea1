// tf.saved_model (TF 1.15's v1 names): builder, loader, simple_save, tag/signature constants, signature_def_utils.
export { ASSETS_DIRECTORY, ASSETS_KEY } from "./assets";
export { type AddMetaGraphAndVariablesOptions, type AddMetaGraphOptions, Builder, simpleSave } from "./builder";
export * as loader from "./loader-api";
export {
  buildSignatureDef,
  buildTensorInfo,
  predictSignatureDef,
  type SignatureDef,
  signatureConstants,
  tagConstants,
} from "./signature";
