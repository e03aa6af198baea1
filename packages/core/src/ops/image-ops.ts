// image_ops_impl.py and image_grad.py (TF 1.15): tf.image's resize functions (resize_images with its
// ResizeMethod, resize_bilinear, resize_nearest_neighbor), the resize ops' shape function and gradients.
import { ValueError } from "../errors";
import { float32, int32 } from "../framework/dtypes";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import type { GradTable } from "../gradients/grad-types";
import { useImageKernels } from "../kernels/reference/image";
import { expandDims, shape as shapeOf, squeeze } from "./array-ops";
import { cast, minimum, round } from "./math-ops";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { mul, truediv } from "./operators";
import { positionalArgs } from "./positional-args";
import { constantValue, shapeError } from "./shape-inference";
import { unstack } from "./slicing-ops";
import { sliceRange } from "./tensor-index";

// The kernels of this family ship with the module that builds its ops (kernels/lazy-kernel-registry.ts).
useImageKernels();

/** image_ops_impl.py: ResizeMethodV1 (tf.image.ResizeMethod in TF 1.15). */
export const ResizeMethod = Object.freeze({ BILINEAR: 0, NEAREST_NEIGHBOR: 1, BICUBIC: 2, AREA: 3 });

type ResizeType = typeof opDefs.ResizeBilinear.type | typeof opDefs.ResizeNearestNeighbor.type;

export interface ResizeOpOptions {
  alignCorners?: boolean;
  name?: string | null;
  halfPixelCenters?: boolean;
}

/**
 * gen_image_ops.py: resize_bilinear / resize_nearest_neighbor(images, size, align_corners, half_pixel_centers):
 * the op in its own name scope, inputs converted there; image_ops.cc's ResizeShapeFn gives its shape.
 */
function resizeOp(type: ResizeType, images: TensorLike, size: TensorLike, o: ResizeOpOptions): Tensor {
  return opScope(o.name, type, [images, size], (scope) => {
    const x = convertToTensor(images, { name: "images" });
    const s = convertToTensor(size, { name: "size", dtype: int32 });
    const opName = scope.slice(0, -1);
    // image_ops.cc: ResizeShapeFn (WithRank(images, 4), WithRank(size, 1), WithValue(size[0], 2))
    if (x.shape !== null && x.shape.length !== 4) {
      throw shapeError(`Shape must be rank 4 but is rank ${x.shape.length}`, opName, type, [x, s]);
    }
    if (s.shape !== null && s.shape.length !== 1) {
      throw shapeError(`Shape must be rank 1 but is rank ${s.shape.length}`, opName, type, [x, s]);
    }
    if (s.shape !== null && s.shape[0] !== null && s.shape[0] !== 2) {
      throw shapeError(`Dimension must be 2 but is ${s.shape[0]}`, opName, type, [x, s]);
    }
    const value = constantValue(s);
    const out: Shape = [x.shape?.[0] ?? null, value?.[0] ?? null, value?.[1] ?? null, x.shape?.[3] ?? null];
    return createOp(opDefs[type], [x, s], {
      name: scope,
      attrs: { T: x.dtype, align_corners: o.alignCorners ?? false, half_pixel_centers: o.halfPixelCenters ?? false },
      shapes: [out],
    }).outputs[0];
  });
}

const RESIZE_OP_KWARGS = ["alignCorners", "name", "halfPixelCenters"] as const;

/** image_ops_impl.py: resize_bilinear(images, size, align_corners=False, name=None, half_pixel_centers=False). */
export function resizeBilinear(images: TensorLike, size: TensorLike, ...args: unknown[]): Tensor {
  const o = positionalArgs<ResizeOpOptions>("resize_bilinear", [...RESIZE_OP_KWARGS], args);
  return resizeOp(opDefs.ResizeBilinear.type, images, size, o);
}

/** image_ops_impl.py: resize_nearest_neighbor(images, size, align_corners=False, name=None, half_pixel_centers=False). */
export function resizeNearestNeighbor(images: TensorLike, size: TensorLike, ...args: unknown[]): Tensor {
  const o = positionalArgs<ResizeOpOptions>("resize_nearest_neighbor", [...RESIZE_OP_KWARGS], args);
  return resizeOp(opDefs.ResizeNearestNeighbor.type, images, size, o);
}

export interface ResizeImagesOptions {
  method?: number;
  alignCorners?: boolean;
  preserveAspectRatio?: boolean;
  name?: string | null;
}

/** image_ops_impl.py: _ImageDimensions(image, rank): static dimensions, dynamic ones (unstacked Shape) where unknown. */
function imageDimensions(image: Tensor, rank: number): (number | Tensor)[] {
  const shape = image.shape;
  if (shape !== null && shape.every((d) => d !== null)) return shape as number[];
  if (shape !== null && shape.length !== rank)
    throw new ValueError(`Shape ${JSON.stringify(shape)} must have rank ${rank}`);
  const dynamic = unstack(shapeOf(image), rank);
  return Array.from({ length: rank }, (_, i) => shape?.[i] ?? dynamic[i]);
}

/**
 * image_ops_impl.py: resize_images(images, size, method=ResizeMethodV1.BILINEAR, align_corners=False,
 * preserve_aspect_ratio=False, name=None) through _resize_images_common: a 3-D image gets a batch axis (ExpandDims)
 * and loses it after (Squeeze); a resize to the same static size returns the images unchanged.
 */
export function resizeImages(images: TensorLike, size: TensorLike, ...args: unknown[]): Tensor {
  const o = positionalArgs<ResizeImagesOptions>(
    "resize_images",
    ["method", "alignCorners", "preserveAspectRatio", "name"],
    args,
  );
  const method = o.method ?? ResizeMethod.BILINEAR;
  const resizeFn = (imagesT: Tensor, newSize: Tensor): Tensor => {
    if (method === ResizeMethod.BILINEAR) return resizeBilinear(imagesT, newSize, { alignCorners: o.alignCorners });
    if (method === ResizeMethod.NEAREST_NEIGHBOR) {
      return resizeNearestNeighbor(imagesT, newSize, { alignCorners: o.alignCorners });
    }
    if (method === ResizeMethod.BICUBIC || method === ResizeMethod.AREA) {
      throw new ValueError(`Resize method ${method === 2 ? "BICUBIC" : "AREA"} has no kernel in scopeflow yet.`);
    }
    throw new ValueError("Resize method is not implemented.");
  };
  return opScope(o.name, "resize", [images, size], () => {
    let x = convertToTensor(images, { name: "images" });
    if (x.shape === null) throw new ValueError("'images' contains no shape.");
    const isBatch = x.shape.length !== 3;
    if (!isBatch) x = expandDims(x, 0);
    else if (x.shape.length !== 4) throw new ValueError("'images' must have either 3 or 4 dimensions.");
    const [, height, width] = x.shape as Shape & unknown[];
    let s: Tensor;
    try {
      s = convertToTensor(size, { dtype: int32, name: "size" });
    } catch {
      throw new ValueError("'size' must be a 1-D int32 Tensor");
    }
    if (s.shape !== null && (s.shape.length !== 1 || (s.shape[0] !== null && s.shape[0] !== 2))) {
      throw new ValueError("'size' must be a 1-D Tensor of 2 elements: new_height, new_width");
    }
    let sizeValue = constantValue(s);
    if (o.preserveAspectRatio) {
      const [, currentHeight, currentWidth] = imageDimensions(x, 4);
      const asFloat = (v: number | Tensor | null) => cast(v as TensorLike, float32);
      const scaleHeight = truediv(asFloat(sizeValue?.[0] ?? null), asFloat(currentHeight));
      const scaleWidth = truediv(asFloat(sizeValue?.[1] ?? null), asFloat(currentWidth));
      const scaleFactor = minimum(scaleHeight, scaleWidth);
      const scaledHeight = cast(round(mul(scaleFactor, asFloat(currentHeight))), int32);
      const scaledWidth = cast(round(mul(scaleFactor, asFloat(currentWidth))), int32);
      s = convertToTensor([scaledHeight, scaledWidth], { dtype: int32, name: "size" });
      sizeValue = constantValue(s);
    }
    const newHeight = sizeValue?.[0] ?? null;
    const newWidth = sizeValue?.[1] ?? null;
    if (newHeight !== null && newWidth !== null && height === newHeight && width === newWidth) {
      return isBatch ? x : squeeze(x, [0]);
    }
    let out = resizeFn(x, s);
    out.setShape([null, newHeight, newWidth, null]);
    if (!isBatch) out = squeeze(out, [0]);
    return out;
  });
}

/** gen_image_ops.py: resize_bilinear_grad / resize_nearest_neighbor_grad, with the forward op's attrs. */
function resizeGradOp(
  def: typeof opDefs.ResizeBilinearGrad | typeof opDefs.ResizeNearestNeighborGrad,
  grads: Tensor,
  second: TensorLike,
  secondName: string,
  attrs: { align_corners: unknown; half_pixel_centers: unknown },
  outShape: Shape,
): Tensor {
  return opScope(null, def.type, [grads, second], (scope) => {
    const other = convertToTensor(second, { name: secondName, ...(secondName === "size" ? { dtype: int32 } : {}) });
    const t = def === opDefs.ResizeBilinearGrad ? other.dtype : grads.dtype;
    return createOp(def, [grads, other], {
      name: scope,
      attrs: {
        T: t,
        align_corners: Boolean(attrs.align_corners),
        half_pixel_centers: Boolean(attrs.half_pixel_centers),
      },
      shapes: [outShape],
    }).outputs[0];
  });
}

export const imageGrads: GradTable = {
  // image_grad.py: _ResizeNearestNeighborGrad: the image's static [height, width], else its dynamic shape[1:3].
  ResizeNearestNeighbor: (op, [grad]) => {
    const image = op.inputs[0];
    const hw = image.shape?.slice(1, 3) ?? null;
    const size: TensorLike =
      hw !== null && hw.length === 2 && hw.every((d) => d !== null)
        ? (hw as number[])
        : sliceRange(shapeOf(image), 1, 3);
    const outShape: Shape = [grad.shape?.[0] ?? null, hw?.[0] ?? null, hw?.[1] ?? null, grad.shape?.[3] ?? null];
    return [resizeGradOp(opDefs.ResizeNearestNeighborGrad, grad, size, "size", op.attrs as never, outShape), null];
  },
  // image_grad.py: _ResizeBilinearGrad
  ResizeBilinear: (op, [grad]) => [
    resizeGradOp(
      opDefs.ResizeBilinearGrad,
      grad,
      op.inputs[0],
      "original_image",
      op.attrs as never,
      op.inputs[0].shape,
    ),
    null,
  ],
};
