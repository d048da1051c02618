import { formatNumber, type Attributes } from "./svg.js";

/** How a series is drawn: a solid, dashed, dash-dotted or dotted line, or unconnected dots. */
export type LineStyle = "line" | "dashed" | "dashdot" | "dotted" | "scatter";

/** Every accepted {@link LineStyle}, for validation. */
export const LINE_STYLES: readonly LineStyle[] = ["line", "dashed", "dashdot", "dotted", "scatter"];

/**
 * Default colours by series index: d2l's `plot` formats `'-'` (C0 blue), `'m--'`, `'g-.'`,
 * `'r:'`, then the rest of matplotlib's `tab10` cycle.
 */
export const DEFAULT_COLORS: readonly string[] = [
  "#1f77b4",
  "#bf00bf",
  "#008000",
  "#ff0000",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

/** Default styles by series index, following d2l's `fmts=('-', 'm--', 'g-.', 'r:')`. */
export const DEFAULT_STYLES: readonly LineStyle[] = ["line", "dashed", "dashdot", "dotted"];

const LINE_WIDTH = 1.5;
/** Radius of a scatter dot, in pixels (matplotlib's default `s=20` is a ~2.2 px radius). */
export const MARKER_RADIUS = 2.2;

/** matplotlib's dash patterns (in multiples of the line width). */
const DASH_PATTERNS: Readonly<Record<LineStyle, readonly number[]>> = {
  line: [],
  dashed: [3.7, 1.6],
  dashdot: [6.4, 1.6, 1, 1.6],
  dotted: [1, 1.65],
  scatter: [],
};

/**
 * The style and colour series number `index` gets when it names none.
 *
 * @param index - the series' position in the chart (0-based)
 * @returns the default style and colour, cycling
 * @example defaultLook(1) // { style: "dashed", color: "#bf00bf" }
 *
 * matplotlib: the `axes.prop_cycle`; d2l: the `fmts` argument of `d2l.plot`.
 */
export function defaultLook(index: number): { style: LineStyle; color: string } {
  return {
    style: DEFAULT_STYLES[index % DEFAULT_STYLES.length] ?? "line",
    color: DEFAULT_COLORS[index % DEFAULT_COLORS.length] ?? "#000000",
  };
}

/**
 * SVG presentation attributes drawing a series (or its legend sample) in a style.
 *
 * @param style - the series style
 * @param color - any CSS colour
 * @returns stroke attributes for lines, fill attributes for scatter dots
 * @example seriesPaint("dashed", "#bf00bf")["stroke-dasharray"] // "5.55 2.4"
 *
 * matplotlib: `Line2D` `linestyle`, `color` and `linewidth=1.5`.
 */
export function seriesPaint(style: LineStyle, color: string): Attributes {
  if (style === "scatter") return { fill: color, stroke: "none" };
  const dashes = DASH_PATTERNS[style].map((d) => formatNumber(d * LINE_WIDTH));
  return {
    fill: "none",
    stroke: color,
    "stroke-width": LINE_WIDTH,
    "stroke-dasharray": dashes.length > 0 ? dashes.join(" ") : undefined,
    "stroke-linejoin": "round",
    "stroke-linecap": style === "line" ? "square" : "butt",
  };
}
