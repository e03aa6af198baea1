// image_ops.cc (TF 1.15): the resize ops tf.image.resize_images builds, and their gradients' ops.
import { float32 } from "../framework/dtypes";
import { defineOps, outputs } from "../framework/op-def";

const { typeOf, fixed } = outputs;
const resizeAttrs = { T: "type", align_corners: "bool", half_pixel_centers: "bool" } as const;

export const imageDefs = defineOps({
  ResizeBilinear: { inputs: ["images", "size"], attrs: resizeAttrs, outputs: fixed(float32) },
  ResizeNearestNeighbor: { inputs: ["images", "size"], attrs: resizeAttrs, outputs: typeOf("T") },
  ResizeBilinearGrad: { inputs: ["grads", "original_image"], attrs: resizeAttrs, outputs: typeOf("T") },
  ResizeNearestNeighborGrad: { inputs: ["grads", "size"], attrs: resizeAttrs, outputs: typeOf("T") },
});
