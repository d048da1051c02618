import type { RasterImage } from "./png.js";

/** Colour maps for grayscale images: plain gray levels, or matplotlib's default `viridis`. */
export type Colormap = "gray" | "viridis";

/**
 * Nine samples of viridis at 0, 1/8, …, 1 (its published 9-class values); in between we
 * interpolate linearly in RGB, which stays within a few levels of the real 256-entry table.
 */
const VIRIDIS_ANCHORS: readonly (readonly [number, number, number])[] = [
  [0x44, 0x01, 0x54],
  [0x47, 0x2c, 0x7a],
  [0x3b, 0x51, 0x8b],
  [0x2c, 0x71, 0x8e],
  [0x21, 0x90, 0x8d],
  [0x27, 0xad, 0x81],
  [0x5c, 0xc8, 0x63],
  [0xaa, 0xdc, 0x32],
  [0xfd, 0xe7, 0x25],
];

/** Clamps to [0, 1]; NaN counts as 0 (an image cell has to get some colour). */
function unitInterval(value: number): number {
  return value > 1 ? 1 : value >= 0 ? value : 0;
}

/**
 * The viridis colour of an intensity.
 *
 * @param value - an intensity; clamped to [0, 1], NaN reads as 0
 * @returns `[r, g, b]`, each an integer 0..255
 * @example viridis(0) // [68, 1, 84]
 *
 * matplotlib: `matplotlib.cm.viridis(value)`.
 */
export function viridis(value: number): [number, number, number] {
  const position = unitInterval(value) * (VIRIDIS_ANCHORS.length - 1);
  const index = Math.min(Math.floor(position), VIRIDIS_ANCHORS.length - 2);
  const t = position - index;
  const lower = VIRIDIS_ANCHORS[index] ?? [0, 0, 0];
  const upper = VIRIDIS_ANCHORS[index + 1] ?? lower;
  const mix = (channel: 0 | 1 | 2): number => Math.round(lower[channel] * (1 - t) + upper[channel] * t);
  return [mix(0), mix(1), mix(2)];
}

/**
 * Turns intensities into 8-bit pixels: one gray byte per pixel, or three RGB bytes through viridis.
 *
 * @param values - `height * width` intensities, row-major; clamped to [0, 1], NaN reads as 0
 * @param width - image width in pixels
 * @param height - image height in pixels
 * @param cmap - `"gray"` (0 black, 1 white) or `"viridis"`
 * @returns a raster ready for `encodePng`
 * @example applyColormap([0, 0.5, 1], 3, 1, "gray").data // Uint8Array [0, 128, 255]
 *
 * matplotlib: `imshow(img, cmap=...)` with `vmin=0, vmax=1`.
 */
export function applyColormap(values: ArrayLike<number>, width: number, height: number, cmap: Colormap): RasterImage {
  if (values.length !== width * height) {
    throw new Error(`applyColormap: a ${height}×${width} image needs ${width * height} values, got ${values.length}`);
  }
  if (cmap !== "gray" && cmap !== "viridis") {
    throw new Error(`applyColormap: cmap must be "gray" or "viridis", got ${JSON.stringify(cmap)}`);
  }
  if (cmap === "gray") {
    const data = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i += 1) data[i] = Math.round(unitInterval(values[i] ?? NaN) * 255);
    return { width, height, channels: 1, data };
  }
  const data = new Uint8Array(values.length * 3);
  for (let i = 0; i < values.length; i += 1) data.set(viridis(values[i] ?? NaN), i * 3);
  return { width, height, channels: 3, data };
}
