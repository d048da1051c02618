/** d2l's `plot`: curves (or point clouds) drawn as an SVG chart. */
import { Tensor } from "../index.js";
import { drawLines, type AxesOptions, type Values } from "./chart.js";

/** True for one list of numbers (or a tensor), false for a list of them. */
function isSingle(values: Values | readonly Values[]): values is Values {
  if (values instanceof Tensor || ArrayBuffer.isView(values)) return true;
  return values.length === 0 || typeof values[0] === "number";
}

/**
 * Plots one or several curves `Y` against `X` (one x list shared by all, or one per curve) and
 * returns the chart as SVG, for `host.figure(name, svg)`. A `"scatter"` fmt draws points.
 * d2l: `d2l.plot(X, Y, xlabel, ylabel, legend, xlim, ylim, xscale, yscale, fmts, figsize)`.
 * @example
 * host.figure("normal.svg", plot(x, [p1, p2], { xlabel: "x", ylabel: "p(x)", legend: ["mean 0, std 1", "mean 0, std 2"] }))
 */
export function plot(X: Values | readonly Values[], Y: Values | readonly Values[], options: AxesOptions = {}): string {
  const xs = isSingle(X) ? [X] : X;
  const ys = isSingle(Y) ? [Y] : Y;
  if (xs.length !== 1 && xs.length !== ys.length) {
    throw new Error(`plot: got ${xs.length} x lists for ${ys.length} curves (give one shared x list or one per curve)`);
  }
  return drawLines(xs, ys, options);
}
