import type { PlotBox } from "./axes.js";
import { MARKER_RADIUS, seriesPaint, type LineStyle } from "./line-style.js";
import { FONT_SIZE, element, escapeXml, textWidth } from "./svg.js";

/** One legend row: a sample of the series' style and its name. */
export interface LegendEntry {
  readonly name: string;
  readonly style: LineStyle;
  readonly color: string;
}

/** Pixel positions of drawn points (NaN for skipped ones), for choosing where the legend goes. */
export interface DrawnPoints {
  readonly xs: ArrayLike<number>;
  readonly ys: ArrayLike<number>;
}

const PADDING = 5;
const ROW_HEIGHT = FONT_SIZE * 1.4;
const SAMPLE_LENGTH = 20;
const SAMPLE_GAP = 6;
const INSET = 6;

function pointsInside(points: readonly DrawnPoints[], x: number, y: number, w: number, h: number): number {
  let count = 0;
  for (const { xs, ys } of points) {
    for (let i = 0; i < xs.length; i += 1) {
      const px = xs[i] ?? NaN;
      const py = ys[i] ?? NaN;
      if (px >= x && px <= x + w && py >= y && py <= y + h) count += 1;
    }
  }
  return count;
}

/**
 * Draws a legend box in the corner of the plot area that covers the fewest drawn points
 * (upper right wins ties, then upper left, lower left, lower right).
 *
 * @param entries - the rows, in series order
 * @param box - the plot area
 * @param points - pixel positions of the drawn data
 * @returns the legend's markup (`<g class="legend">`), or `""` for no entries
 * @example drawLegend([{ name: "train loss", style: "line", color: "#1f77b4" }], box, [])
 *
 * matplotlib: `Axes.legend(loc="best")`.
 */
export function drawLegend(entries: readonly LegendEntry[], box: PlotBox, points: readonly DrawnPoints[]): string {
  if (entries.length === 0) return "";
  const widest = Math.max(...entries.map((entry) => textWidth(entry.name)));
  const width = PADDING * 2 + SAMPLE_LENGTH + SAMPLE_GAP + widest;
  const height = PADDING * 2 + ROW_HEIGHT * entries.length;
  const leftX = box.left + INSET;
  const rightX = box.left + box.width - INSET - width;
  const topY = box.top + INSET;
  const bottomY = box.top + box.height - INSET - height;
  const corners: readonly (readonly [number, number])[] = [
    [rightX, topY],
    [leftX, topY],
    [leftX, bottomY],
    [rightX, bottomY],
  ];
  let [x, y] = corners[0] ?? [leftX, topY];
  let fewest = Infinity;
  for (const [cx, cy] of corners) {
    const covered = pointsInside(points, cx, cy, width, height);
    if (covered < fewest) [x, y, fewest] = [cx, cy, covered];
  }

  const rows = entries.map((entry, i) => {
    const rowY = y + PADDING + ROW_HEIGHT * (i + 0.5);
    const sampleX = x + PADDING;
    const paint = seriesPaint(entry.style, entry.color);
    const sample =
      entry.style === "scatter"
        ? element("circle", { cx: sampleX + SAMPLE_LENGTH / 2, cy: rowY, r: MARKER_RADIUS, ...paint })
        : element("line", { x1: sampleX, y1: rowY, x2: sampleX + SAMPLE_LENGTH, y2: rowY, ...paint });
    const label = element("text", { x: sampleX + SAMPLE_LENGTH + SAMPLE_GAP, y: rowY, dy: "0.32em" }, escapeXml(entry.name));
    return element("g", { class: "legend-entry" }, sample, label);
  });
  const frame = element("rect", { x, y, width, height, rx: 2, fill: "white", "fill-opacity": 0.8, stroke: "#cccccc" });
  return element("g", { class: "legend" }, frame, ...rows);
}
