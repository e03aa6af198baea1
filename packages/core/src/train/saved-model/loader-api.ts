// tf.saved_model.loader (loader_impl.py): load, and the SavedModel parser.
export { type LoadOptions, load, parseSavedModel } from "./loader";
