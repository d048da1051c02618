/** Tensors of images as the plain grayscale images `src/plot` draws (what `showImages` hands to `imageGrid`). */
import type { GrayImage } from "../plot/index.js";
import type { Tensor } from "../index.js";
import { formatShape } from "./format.js";

/**
 * Splits a tensor `[n, ..., H, W]` (e.g. `[n, 1, 28, 28]`, or one image `[H, W]`) into its
 * `H × W` images; pixels are expected in [0, 1].
 * @example toGrayImages(X).length // X.shape[0]
 */
export function toGrayImages(images: Tensor): GrayImage[] {
  const shape = images.shape;
  if (shape.length < 2) throw new Error(`toGrayImages: expected images shaped [..., H, W], got ${formatShape(shape)}`);
  const height = shape[shape.length - 2]!;
  const width = shape[shape.length - 1]!;
  const all = images.toFloat32Array();
  const size = height * width;
  const count = size === 0 ? 0 : all.length / size;
  return Array.from({ length: count }, (_, i) => ({ pixels: all.subarray(i * size, (i + 1) * size), height, width }));
}
