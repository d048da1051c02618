/** d2l's `plot`: curves (or point clouds) written to an SVG file. */
import { Tensor } from "../index.js";
import { renderChart, toSeries, type AxesOptions, type Values } from "./chart.js";
import { saveFigure, type TextSink } from "./output.js";

/** Options of {@link plot}: the axes, and where the figure goes. */
export interface PlotOptions extends AxesOptions {
  /** The SVG file to write. */
  readonly path: string;
  /** Where `wrote <path>` is printed. Default stdout. */
  readonly sink?: TextSink;
}

/** True for one list of numbers (or a tensor), false for a list of them. */
function isSingle(values: Values | readonly Values[]): values is Values {
  if (values instanceof Tensor || ArrayBuffer.isView(values)) return true;
  return values.length === 0 || typeof values[0] === "number";
}

/**
 * Plots one or several curves `Y` against `X` (one x list shared by all, or one per curve) and
 * writes the chart to `options.path`; returns the absolute path. A `"scatter"` fmt draws points.
 * d2l: `d2l.plot(X, Y, xlabel, ylabel, legend, xlim, ylim, xscale, yscale, fmts, figsize)`.
 * @example
 * plot(x, [p1, p2], { xlabel: "x", ylabel: "p(x)", legend: ["mean 0, std 1", "mean 0, std 2"], path: "figures/normal.svg" })
 */
export function plot(X: Values | readonly Values[], Y: Values | readonly Values[], options: PlotOptions): string {
  const xs = isSingle(X) ? [X] : X;
  const ys = isSingle(Y) ? [Y] : Y;
  if (xs.length !== 1 && xs.length !== ys.length) {
    throw new Error(`plot: got ${xs.length} x lists for ${ys.length} curves (give one shared x list or one per curve)`);
  }
  return saveFigure(options.path, renderChart(toSeries(xs, ys, options), options), options.sink);
}
