import { applyColormap, type Colormap } from "./colormap.js";
import { encodePng, pngDataUri } from "./png.js";
import { FONT_SIZE, element, positiveSize, svgDocument, textElement } from "./svg.js";

/** A grayscale image: `height * width` intensities in [0, 1], row-major. */
export interface GrayImage {
  readonly pixels: ArrayLike<number>;
  readonly height: number;
  readonly width: number;
}

/** Options of {@link imageGrid}. */
export interface ImageGridOptions {
  /** At most `numRows * numCols` images, filling the grid row by row. */
  readonly images: readonly GrayImage[];
  readonly numRows: number;
  readonly numCols: number;
  /** One per image at most; "\n" splits a title over two lines ("true\npred"). */
  readonly titles?: readonly string[] | undefined;
  /** Size of a cell in inches of a 72-dpi figure, as d2l's `figsize = (numCols * scale, numRows * scale)`. Default 1.5. */
  readonly scale?: number | undefined;
  /** Default `"gray"`; d2l's figures show matplotlib's default `"viridis"`. */
  readonly cmap?: Colormap | undefined;
}

/** Pixels per inch of the figure; matplotlib's SVG backend writes 72 units per inch. */
const PIXELS_PER_INCH = 72;
const GAP = 4;
const LINE_HEIGHT = FONT_SIZE * 1.2;

function checkGrid(opts: ImageGridOptions): void {
  const { images, numRows, numCols, titles } = opts;
  if (!Number.isInteger(numRows) || !Number.isInteger(numCols) || numRows < 1 || numCols < 1) {
    throw new Error(`imageGrid: numRows and numCols must be positive integers, got ${numRows} and ${numCols}`);
  }
  if (images.length > numRows * numCols) {
    throw new Error(`imageGrid: ${images.length} images do not fit in ${numRows} rows × ${numCols} columns`);
  }
  if (titles !== undefined && titles.length > images.length) {
    throw new Error(`imageGrid: got ${titles.length} titles for ${images.length} images`);
  }
  images.forEach((image, i) => {
    const { height, width, pixels } = image;
    if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
      throw new Error(`imageGrid: image ${i} has size ${height}×${width}; height and width must be positive integers`);
    }
    if (pixels.length !== height * width) {
      throw new Error(
        `imageGrid: image ${i} is ${height}×${width} but has ${pixels.length} pixels (expected ${height * width})`,
      );
    }
  });
}

/**
 * Lays grayscale images out in a grid, each with an optional title above it, as an SVG
 * figure; each image is one `<image>` holding a PNG, drawn with crisp (unsmoothed) pixels.
 *
 * @param opts - images, grid shape, titles, cell scale and colour map (see {@link ImageGridOptions})
 * @returns a standalone SVG document
 * @example
 * writeFigure("figures/fashion-mnist.svg", imageGrid({
 *   images: [{ pixels: new Float32Array(784), height: 28, width: 28 }],
 *   numRows: 1, numCols: 1, titles: ["t-shirt"],
 * }));
 *
 * d2l: `d2l.show_images(imgs, num_rows, num_cols, titles, scale)`; matplotlib: `Axes.imshow`.
 */
export function imageGrid(opts: ImageGridOptions): string {
  checkGrid(opts);
  const { images, numRows, numCols } = opts;
  const titles = opts.titles ?? [];
  const cmap = opts.cmap ?? "gray";
  const cellSize = positiveSize("imageGrid", "scale", opts.scale ?? 1.5) * PIXELS_PER_INCH;
  const imageSide = cellSize - 2 * GAP;
  if (imageSide < 1) {
    throw new Error(`imageGrid: scale ${opts.scale} leaves no room for the images (cells of ${cellSize.toFixed(1)} px)`);
  }
  const titleLines = Math.max(0, ...titles.map((title) => title.split("\n").length));
  const titleHeight = titleLines * LINE_HEIGHT;
  const rowHeight = titleHeight + cellSize;

  const cells = images.map((image, i) => {
    const cellLeft = (i % numCols) * cellSize;
    const cellTop = Math.floor(i / numCols) * rowHeight;
    // Fit the image in the square cell, keeping its aspect ratio, centred.
    const pixelSize = imageSide / Math.max(image.width, image.height);
    const shownWidth = image.width * pixelSize;
    const shownHeight = image.height * pixelSize;
    const x = cellLeft + (cellSize - shownWidth) / 2;
    const y = cellTop + titleHeight + GAP + (imageSide - shownHeight) / 2;
    const png = encodePng(applyColormap(image.pixels, image.width, image.height, cmap));
    const picture = element("image", {
      x,
      y,
      width: shownWidth,
      height: shownHeight,
      preserveAspectRatio: "none",
      "image-rendering": "optimizeSpeed",
      style: "image-rendering:pixelated",
      href: pngDataUri(png),
    });
    const title = titles[i];
    const caption =
      title === undefined
        ? ""
        : textElement(title, {
            class: "title",
            x: cellLeft + cellSize / 2,
            // The first baseline sits one line down, so a shorter title hugs its image.
            y: cellTop + titleHeight - (title.split("\n").length - 1) * LINE_HEIGHT,
            dy: "-0.25em",
            "text-anchor": "middle",
          });
    return element("g", { class: "cell" }, picture, caption);
  });
  return svgDocument(numCols * cellSize, numRows * rowHeight, cells.join(""));
}
