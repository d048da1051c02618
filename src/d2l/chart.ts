/** d2l's axis options and how lists of y values become line-chart series. */
import { lineChart, type LineStyle, type Series } from "../plot/index.js";
import { Tensor } from "../index.js";

/** Numbers to plot: a list, a typed array, or a tensor (flattened). */
export type Values = ArrayLike<number> | Tensor;

/** Axis settings shared by `plot` and `Animator`; d2l's `set_axes` arguments. */
export interface AxesOptions {
  readonly xlabel?: string;
  readonly ylabel?: string;
  /** One name per curve, in order. */
  readonly legend?: readonly string[];
  readonly xlim?: readonly [number, number];
  readonly ylim?: readonly [number, number];
  readonly xscale?: "linear" | "log";
  readonly yscale?: "linear" | "log";
  /** One style per curve, d2l's `fmts` ("line" for '-', "dashed" for 'm--', …, "scatter" for points). */
  readonly fmts?: readonly LineStyle[];
  /** Figure size in pixels, [width, height]. Default 480×320 (the book's 3.5×2.5 in at ~137 px/in). */
  readonly figsize?: readonly [number, number];
}

/**
 * The numbers of `values` (a tensor flattened), without copying a list or typed array.
 * @example toNumbers(tensor([[1, 2]])) // Float32Array [1, 2]
 */
function toNumbers(values: Values): ArrayLike<number> {
  return values instanceof Tensor ? values.toFloat32Array() : values;
}

/**
 * One series per y list, all against `x` unless `xs` gives each its own; names from `legend`,
 * styles from `fmts`.
 * @example toSeries([[0, 1]], [[1, 2]], { legend: ["a"] }) // [{ name: "a", x: [0, 1], y: [1, 2] }]
 */
export function toSeries(xs: readonly Values[], ys: readonly Values[], axes: AxesOptions): Series[] {
  return ys.map((y, i) => {
    const x = xs[Math.min(i, xs.length - 1)];
    if (x === undefined) throw new Error(`toSeries: no x values for curve ${i}`);
    return { name: axes.legend?.[i] ?? "", x: toNumbers(x), y: toNumbers(y), style: axes.fmts?.[i] };
  });
}

/**
 * Axis limits as given, except that equal ends are pulled apart by 0.5 each way (matplotlib
 * expands singular limits the same way): one epoch of training has xlim [1, 1].
 * @example nonSingular([1, 1]) // [0.5, 1.5]
 */
export function nonSingular(lim: readonly [number, number] | undefined): readonly [number, number] | undefined {
  return lim !== undefined && lim[0] === lim[1] ? [lim[0] - 0.5, lim[1] + 0.5] : lim;
}

/**
 * Draws series with d2l-style axes as an SVG document.
 * @example renderChart(series, { xlabel: "epoch", ylim: [0.3, 0.9] })
 */
export function renderChart(series: readonly Series[], axes: AxesOptions): string {
  const [width, height] = axes.figsize ?? [480, 320];
  return lineChart({
    series,
    xlabel: axes.xlabel,
    ylabel: axes.ylabel,
    xlim: nonSingular(axes.xlim),
    ylim: nonSingular(axes.ylim),
    xscale: axes.xscale,
    yscale: axes.yscale,
    width,
    height,
  });
}

/**
 * Curves `Y[i]` against `X[i]` (or all against `X[0]`) with d2l-style axes, as SVG: what the
 * `Animator` draws after every `add`. matplotlib: `cla()`, `plot(x, y, fmt)` per curve, `set_axes(...)`.
 * @example drawLines([[1, 2]], [[0.5, 0.4]], { xlabel: "epoch", legend: ["train loss"] })
 */
export function drawLines(X: readonly Values[], Y: readonly Values[], axes: AxesOptions = {}): string {
  return renderChart(toSeries(X, Y, axes), axes);
}
