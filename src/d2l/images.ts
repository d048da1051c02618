/** d2l's `show_images`: a grid of grayscale images with titles, written to an SVG file. */
import { imageGrid, type Colormap, type GrayImage } from "../plot/index.js";
import type { Tensor } from "../index.js";
import { formatShape } from "./report.js";

/** Options of {@link showImages}. */
export interface ShowImagesOptions {
  /** One per image; "\n" splits a title over two lines. */
  readonly titles?: readonly string[];
  /** Cell size in inches of a 72-dpi figure. Default 1.5, as the book. */
  readonly scale?: number;
  /** Colour map. Default `"viridis"`, matplotlib's `imshow` default the book's figures show; `"gray"` for gray levels. */
  readonly cmap?: Colormap;
}

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

/**
 * Lays out images in `numRows × numCols` with titles and returns the grid as SVG, for
 * `host.figure(name, svg)`. `imgs` is a tensor of images or a list of single-image tensors.
 * d2l: `d2l.show_images(imgs, num_rows, num_cols, titles, scale)`.
 * @example
 * host.figure("images.svg", showImages(X.slice(0, 0, 18), 2, 9, { titles: getFashionMnistLabels(y.slice(0, 0, 18)) }))
 */
export function showImages(imgs: Tensor | readonly Tensor[], numRows: number, numCols: number, options: ShowImagesOptions = {}): string {
  const images = Array.isArray(imgs) ? imgs.flatMap((t: Tensor) => toGrayImages(t)) : toGrayImages(imgs as Tensor);
  return imageGrid({ images, numRows, numCols, titles: options.titles, scale: options.scale, cmap: options.cmap ?? "viridis" });
}
