import { drawAxes, layoutAxes, scaleTicks, type AxesTicks, type FigureOptions, type PlotBox } from "./axes.js";
import { drawLegend, type DrawnPoints, type LegendEntry } from "./legend.js";
import { LINE_STYLES, MARKER_RADIUS, defaultLook, seriesPaint, type LineStyle } from "./line-style.js";
import { autoDomain, checkInterval, createScale, type Interval, type Scale, type ScaleKind } from "./scale.js";
import { element, formatNumber, positiveSize, svgDocument, uniqueId } from "./svg.js";

/** One curve or point cloud of a line chart. */
export interface Series {
  /** Shown in the legend; `""` keeps the series out of it. */
  readonly name: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Defaults cycle like d2l's `fmts`: line, dashed, dashdot, dotted. */
  readonly style?: LineStyle | undefined;
  /** Any CSS colour; defaults cycle through d2l's colours. */
  readonly color?: string | undefined;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions extends FigureOptions {
  readonly series: readonly Series[];
  /** Axis limits; data outside is clipped. Default: the data extent plus 5% on each side. */
  readonly xlim?: Interval | undefined;
  readonly ylim?: Interval | undefined;
  readonly xscale?: ScaleKind | undefined;
  readonly yscale?: ScaleKind | undefined;
  /** Default: shown when there is more than one series or any series has a name. */
  readonly legend?: boolean | undefined;
}

/**
 * Pixel coordinates are kept within this distance of the origin: a point far outside the limits
 * (say y = 1e30) would otherwise print as an exponent, and it is clipped away anyway. Only a
 * segment that leaves the plot steeply toward such a point changes its visible slope.
 */
const COORDINATE_LIMIT = 1e5;

function clampCoordinate(value: number): number {
  return Math.min(COORDINATE_LIMIT, Math.max(-COORDINATE_LIMIT, value));
}

function checkSeries(series: readonly Series[]): void {
  if (!Array.isArray(series)) {
    throw new Error(`lineChart: series must be an array of { name, x, y }, got ${typeof series}`);
  }
  series.forEach((s, i) => {
    if (s.x.length !== s.y.length) {
      throw new Error(
        `lineChart: series ${i} (${JSON.stringify(s.name)}) has ${s.x.length} x values but ${s.y.length} y values`,
      );
    }
    if (s.style !== undefined && !LINE_STYLES.includes(s.style)) {
      throw new Error(
        `lineChart: series ${i} (${JSON.stringify(s.name)}) has style ${JSON.stringify(s.style)}; ` +
          `expected one of ${LINE_STYLES.join(", ")}`,
      );
    }
  });
}

/** Maps a series to pixels; points a scale cannot show come out NaN. */
function toPixels(s: Series, xScale: Scale, yScale: Scale): DrawnPoints {
  const xs = new Float64Array(s.x.length);
  const ys = new Float64Array(s.y.length);
  for (let i = 0; i < xs.length; i += 1) {
    xs[i] = clampCoordinate(xScale.map(s.x[i] ?? NaN));
    ys[i] = clampCoordinate(yScale.map(s.y[i] ?? NaN));
  }
  return { xs, ys };
}

/** SVG path data for a polyline that breaks wherever a point is missing (NaN). */
function polylinePath({ xs, ys }: DrawnPoints): string {
  let path = "";
  let penDown = false;
  for (let i = 0; i < xs.length; i += 1) {
    const x = xs[i] ?? NaN;
    const y = ys[i] ?? NaN;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      penDown = false;
      continue;
    }
    path += `${penDown ? "L" : "M"}${formatNumber(x)},${formatNumber(y)}`;
    penDown = true;
  }
  return path;
}

function drawSeries(s: Series, points: DrawnPoints, style: LineStyle, color: string): string {
  const paint = seriesPaint(style, color);
  if (style !== "scatter") {
    return element("path", { class: "series", "data-name": s.name, d: polylinePath(points), ...paint });
  }
  const dots: string[] = [];
  for (let i = 0; i < points.xs.length; i += 1) {
    const cx = points.xs[i] ?? NaN;
    const cy = points.ys[i] ?? NaN;
    if (!Number.isNaN(cx) && !Number.isNaN(cy)) dots.push(element("circle", { cx, cy, r: MARKER_RADIUS }));
  }
  return element("g", { class: "series", "data-name": s.name, ...paint }, ...dots);
}

function clipPath(id: string, box: PlotBox): string {
  const rect = element("rect", { x: box.left, y: box.top, width: box.width, height: box.height });
  return element("defs", {}, element("clipPath", { id }, rect));
}

/**
 * Draws curves and point clouds as an SVG line chart: axes with ticks, light gridlines, an
 * optional legend, data clipped to the limits, NaN/±Infinity (and values ≤ 0 on a log axis)
 * skipped so that lines break there.
 *
 * @param opts - the series and the axes' options (see {@link LineChartOptions})
 * @returns a standalone SVG document
 * @example
 * const x = [1, 2, 3];
 * writeFigure("figures/loss.svg", lineChart({
 *   series: [{ name: "train loss", x, y: [0.8, 0.5, 0.45] }],
 *   xlabel: "epoch", xlim: [1, 3], ylim: [0.3, 0.9],
 * }));
 *
 * d2l: `d2l.plot` and the figure `d2l.Animator` redraws; matplotlib: `Axes.plot` / `Axes.scatter`.
 */
export function lineChart(opts: LineChartOptions): string {
  const width = positiveSize("lineChart", "width", opts.width ?? 480);
  const height = positiveSize("lineChart", "height", opts.height ?? 320);
  const { series } = opts;
  checkSeries(series);
  const xKind = opts.xscale ?? "linear";
  const yKind = opts.yscale ?? "linear";
  const xDomain = opts.xlim ?? autoDomain(series.map((s) => s.x), xKind);
  const yDomain = opts.ylim ?? autoDomain(series.map((s) => s.y), yKind);
  checkInterval("lineChart", "xlim", xDomain, xKind);
  checkInterval("lineChart", "ylim", yDomain, yKind);

  const scalesFor = (area: PlotBox): { x: Scale; y: Scale } => ({
    x: createScale(xKind, xDomain, [area.left, area.left + area.width]),
    y: createScale(yKind, yDomain, [area.top + area.height, area.top]),
  });
  const ticksFor = (area: PlotBox): AxesTicks => {
    const scales = scalesFor(area);
    return { x: scaleTicks(scales.x), y: scaleTicks(scales.y) };
  };
  const box = layoutAxes(width, height, opts, ticksFor);
  const { x: xScale, y: yScale } = scalesFor(box);

  const clipId = uniqueId("plot-area");
  const layers = series.map((s, i) => {
    const fallback = defaultLook(i);
    const look = { style: s.style ?? fallback.style, color: s.color ?? fallback.color };
    return { series: s, look, points: toPixels(s, xScale, yScale) };
  });
  const curves = layers.map(({ series: s, look, points }) => drawSeries(s, points, look.style, look.color));
  const showLegend = opts.legend ?? (series.length > 1 || series.some((s) => s.name !== ""));
  const entries: LegendEntry[] = showLegend
    ? layers.filter((layer) => layer.series.name !== "").map((layer) => ({ name: layer.series.name, ...layer.look }))
    : [];

  const axes = drawAxes(box, ticksFor(box), opts);
  const body = [
    clipPath(clipId, box),
    axes.under,
    element("g", { class: "data", "clip-path": `url(#${clipId})` }, ...curves),
    axes.over,
    drawLegend(entries, box, layers.map((layer) => layer.points)),
  ];
  return svgDocument(width, height, body.join(""));
}
