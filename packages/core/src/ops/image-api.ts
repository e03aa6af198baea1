// tf.image (TF 1.15's v1 names): the resize functions. `resize` is resize_images' v1 alias.
export {
  type ResizeImagesOptions,
  ResizeMethod,
  type ResizeOpOptions,
  resizeBilinear,
  resizeImages,
  resizeImages as resize,
  resizeNearestNeighbor,
} from "./image-ops";
