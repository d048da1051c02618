import { drawAxes, layoutAxes, scaleTicks, type AxesTicks, type FigureOptions, type PlotBox } from "./axes.js";
import { formatLabel, powerOfTen } from "./format.js";
import { DEFAULT_COLORS } from "./line-style.js";
import { createScale, type Interval, type Scale, type ScaleKind } from "./scale.js";
import { element, escapeXml, positiveSize, svgDocument, textWidth } from "./svg.js";

/** One bar: its category label and its height. */
export interface Bar {
  readonly label: string;
  /** NaN or ±Infinity draws no bar; the value label still says what it was. */
  readonly value: number;
  /** Any CSS colour; default matplotlib's C0 blue. */
  readonly color?: string | undefined;
}

/** Options of {@link barChart}. */
export interface BarChartOptions extends FigureOptions {
  readonly bars: readonly Bar[];
  /** `"log"` for values spanning decades (timings from 1e-6 to 1 s); every value must then be > 0. */
  readonly yscale?: ScaleKind | undefined;
}

/** Fraction of a category slot a bar fills (matplotlib's default `width=0.8`). */
const BAR_FRACTION = 0.8;
/** Headroom above the tallest bar for its value label: a fraction of the span (of the decades on log). */
const HEADROOM = 0.12;
const VALUE_LABEL_GAP = 3;
const VALUE_DIGITS = 3;

/** The y interval: from 0 (or the decade below the smallest bar) to above the tallest bar. */
function valueDomain(values: readonly number[], kind: ScaleKind): Interval {
  const finite = values.filter((v) => Number.isFinite(v));
  if (kind === "log") {
    if (finite.length === 0) return [1, 10];
    const lowDecade = Math.floor(Math.log10(Math.min(...finite)));
    const highDecade = Math.max(lowDecade + 1, Math.ceil(Math.log10(Math.max(...finite)) + HEADROOM));
    return [powerOfTen(lowDecade), powerOfTen(highDecade)];
  }
  const low = Math.min(0, ...finite);
  const high = Math.max(0, ...finite);
  if (low === high) return [0, 1];
  const pad = (high - low) * HEADROOM;
  return [low < 0 ? low - pad : low, high > 0 ? high + pad : high];
}

function checkBars(bars: readonly Bar[], kind: ScaleKind): void {
  if (!Array.isArray(bars)) {
    throw new Error(`barChart: bars must be an array of { label, value }, got ${typeof bars}`);
  }
  if (kind !== "linear" && kind !== "log") {
    throw new Error(`barChart: yscale must be "linear" or "log", got ${JSON.stringify(kind)}`);
  }
  if (kind === "log") {
    const bad = bars.find((bar) => bar.value <= 0);
    if (bad !== undefined) {
      throw new Error(`barChart: a log y axis cannot show bar ${JSON.stringify(bad.label)} with value ${bad.value}`);
    }
  }
}

/**
 * Draws a bar chart as SVG: one bar per category with its value written above it, on a
 * linear or log y axis.
 *
 * @param opts - the bars and the axes' options (see {@link BarChartOptions})
 * @returns a standalone SVG document
 * @example
 * writeFigure("bench/results/vectorization.svg", barChart({
 *   bars: [{ label: "loop", value: 0.039 }, { label: "vectorized", value: 3.3e-6 }],
 *   ylabel: "seconds", yscale: "log",
 * }));
 *
 * matplotlib: `Axes.bar` followed by `Axes.bar_label`.
 */
export function barChart(opts: BarChartOptions): string {
  const width = positiveSize("barChart", "width", opts.width ?? 480);
  const height = positiveSize("barChart", "height", opts.height ?? 320);
  const { bars } = opts;
  const kind = opts.yscale ?? "linear";
  checkBars(bars, kind);
  const domain = valueDomain(bars.map((bar) => bar.value), kind);
  const labels = bars.map((bar) => bar.label);
  const widestLabel = Math.max(0, ...labels.map((label) => textWidth(label)));
  const yScaleFor = (area: PlotBox): Scale => createScale(kind, domain, [area.top + area.height, area.top]);
  const slotWidth = (area: PlotBox): number => area.width / Math.max(1, bars.length);
  const centresIn = (area: PlotBox): number[] => bars.map((_, i) => area.left + slotWidth(area) * (i + 0.5));
  const ticksFor = (area: PlotBox): AxesTicks => ({
    // Category labels are slanted only when the widest would not fit its slot.
    x: { positions: centresIn(area), labels, grid: false, slanted: widestLabel > slotWidth(area) },
    y: scaleTicks(yScaleFor(area)),
  });
  const box = layoutAxes(width, height, opts, ticksFor);
  const yScale = yScaleFor(box);
  const barWidth = slotWidth(box) * BAR_FRACTION;
  const baseline = kind === "log" ? box.top + box.height : yScale.map(0);
  const centres = centresIn(box);

  const shapes = bars.map((bar, i) => {
    const centre = centres[i] ?? 0;
    const top = yScale.map(bar.value);
    const text = escapeXml(formatLabel(bar.value, VALUE_DIGITS));
    const drawable = !Number.isNaN(top);
    const rect = drawable
      ? element("rect", {
          x: centre - barWidth / 2,
          y: Math.min(top, baseline),
          width: barWidth,
          height: Math.abs(baseline - top),
          fill: bar.color ?? DEFAULT_COLORS[0],
        })
      : "";
    // The value goes above a bar that grows up, below one that grows down, and on the
    // baseline where no bar could be drawn.
    const below = drawable && top > baseline;
    const labelY = !drawable ? baseline - VALUE_LABEL_GAP : below ? top + VALUE_LABEL_GAP : top - VALUE_LABEL_GAP;
    const attrs = { class: "value-label", x: centre, y: labelY, dy: below ? "0.71em" : undefined, "text-anchor": "middle" };
    return element("g", { class: "bar", "data-label": bar.label }, rect, element("text", attrs, text));
  });

  const axes = drawAxes(box, ticksFor(box), opts);
  return svgDocument(width, height, [axes.under, element("g", { class: "data" }, ...shapes), axes.over].join(""));
}
