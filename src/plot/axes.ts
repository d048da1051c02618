import type { Scale } from "./scale.js";
import { FONT_SIZE, element, escapeXml, rotate, roundCoordinate, textElement, textWidth } from "./svg.js";

/** The plot area in figure pixels: where data is drawn, inside the axes frame. */
export interface PlotBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** Ticks of one axis, already mapped to pixels. */
export interface AxisTicks {
  /** Pixel positions along the axis (x for the bottom axis, y for the left one). */
  readonly positions: readonly number[];
  readonly labels: readonly string[];
  /** Whether a light gridline crosses the plot area at each tick. */
  readonly grid: boolean;
  /** Slant the labels by 30° (long category names on the bottom axis). */
  readonly slanted?: boolean;
}

/** Texts around the axes; empty or missing ones take no space. */
export interface AxesText {
  readonly title?: string | undefined;
  readonly xlabel?: string | undefined;
  readonly ylabel?: string | undefined;
}

/** What every chart's options share: the axes' texts and the figure size. */
export interface FigureOptions extends AxesText {
  /** Figure size in pixels; default 480×320. */
  readonly width?: number | undefined;
  readonly height?: number | undefined;
}

/** Both axes' ticks, as laid out for one candidate plot area. */
export interface AxesTicks {
  readonly x: AxisTicks;
  readonly y: AxisTicks;
}

const TICK_LENGTH = 3.5;
const TICK_LABEL_GAP = 3;
const AXIS_LABEL_GAP = 6;
const TITLE_FONT_SIZE = 12;
const OUTER_PADDING = 8;
const SLANT_DEGREES = 30;
const FRAME_COLOR = "#000000";
const GRID_COLOR = "#b0b0b0";

/** Vertical room the x tick labels take below the tick marks. */
function xTickLabelDepth(labels: readonly string[], slanted: boolean): number {
  if (!slanted) return FONT_SIZE;
  const widest = Math.max(0, ...labels.map((label) => textWidth(label)));
  return widest * Math.sin((SLANT_DEGREES * Math.PI) / 180) + FONT_SIZE;
}

function hasText(text: string | undefined): text is string {
  return text !== undefined && text !== "";
}

/** How far unslanted x tick labels stick out past the right edge of `area`. */
function rightOverhang(xTicks: AxisTicks, area: PlotBox): number {
  if (xTicks.slanted ?? false) return 0; // slanted labels end at their tick: they stick out leftwards
  let overhang = 0;
  xTicks.positions.forEach((x, i) => {
    const labelEnd = x + textWidth(xTicks.labels[i] ?? "") / 2;
    overhang = Math.max(overhang, labelEnd - (area.left + area.width));
  });
  return overhang;
}

/** The plot area left once title, axis labels and the ticks laid out for `area` have room. */
function plotBox(width: number, height: number, text: AxesText, ticks: AxesTicks, area: PlotBox): PlotBox {
  const yTickWidth = Math.max(0, ...ticks.y.labels.map((label) => textWidth(label)));
  const left =
    OUTER_PADDING + (hasText(text.ylabel) ? FONT_SIZE + AXIS_LABEL_GAP : 0) + yTickWidth + TICK_LABEL_GAP + TICK_LENGTH;
  const top = OUTER_PADDING + (hasText(text.title) ? TITLE_FONT_SIZE + AXIS_LABEL_GAP : 0);
  const bottom =
    TICK_LENGTH +
    TICK_LABEL_GAP +
    xTickLabelDepth(ticks.x.labels, ticks.x.slanted ?? false) +
    (hasText(text.xlabel) ? AXIS_LABEL_GAP + FONT_SIZE : 0) +
    OUTER_PADDING;
  const right = OUTER_PADDING + rightOverhang(ticks.x, area);
  // Snapped to the precision coordinates are written with, so the clip rectangle in the file is the
  // exact area that values are mapped onto.
  const snap = roundCoordinate;
  return { left: snap(left), top: snap(top), width: snap(width - left - right), height: snap(height - top - bottom) };
}

/**
 * Lays out the plot area of a figure, leaving room for the title, axis labels and tick
 * labels. Tick labels depend on the area (a longer axis gets more ticks), so the layout
 * starts from the whole figure and is redone from each result, twice.
 *
 * @param width - figure width in pixels
 * @param height - figure height in pixels
 * @param text - title and axis labels (empty or missing ones take no room)
 * @param ticksFor - the ticks of both axes for a candidate plot area
 * @returns the plot area in pixels
 * @example
 * const box = layoutAxes(480, 320, { xlabel: "epoch" }, (area) => ({
 *   x: scaleTicks(xScaleFor(area)),
 *   y: scaleTicks(yScaleFor(area)),
 * }));
 *
 * matplotlib: `Figure.tight_layout` (roughly: fixed paddings plus estimated text sizes).
 */
export function layoutAxes(
  width: number,
  height: number,
  text: AxesText,
  ticksFor: (area: PlotBox) => AxesTicks,
): PlotBox {
  let box: PlotBox = { left: 0, top: 0, width, height };
  for (let pass = 0; pass < 2; pass += 1) {
    box = plotBox(width, height, text, ticksFor(box), box);
    if (box.width < 10 || box.height < 10) {
      throw new Error(
        `layoutAxes: a ${width}×${height} figure leaves no room for the plot area ` +
          `(${box.width.toFixed(0)}×${box.height.toFixed(0)} px after labels)`,
      );
    }
  }
  return box;
}

/**
 * Turns a scale's ticks into pixel positions and labels for {@link drawAxes}.
 *
 * @param scale - an x or y scale whose range is the plot box's extent
 * @returns ticks with gridlines
 * @example scaleTicks(createScale("linear", [0, 1], [50, 450])).labels // ["0", "0.2", …, "1"]
 *
 * matplotlib: `Axis.get_major_ticks` with `Axes.grid(True)` as d2l's `set_axes` calls it.
 */
export function scaleTicks(scale: Scale): AxisTicks {
  const values = scale.ticks();
  return {
    positions: values.map((value) => scale.map(value)),
    labels: values.map((value) => scale.tickLabel(value)),
    grid: true,
  };
}

/**
 * Draws the axes of a 2-D plot in two layers: gridlines to go under the data, and the frame,
 * tick marks, tick labels, axis labels and title to go over it.
 *
 * @param box - the plot area
 * @param ticks - ticks of the bottom (x) and left (y) axes
 * @param text - title and axis labels
 * @returns `{ under, over }` markup
 * @example const { under, over } = drawAxes(box, { x: scaleTicks(x), y: scaleTicks(y) }, { xlabel: "epoch" })
 *
 * matplotlib: `Axes.draw` for the spines, `XAxis`/`YAxis` and `Axes.set_title`.
 */
export function drawAxes(box: PlotBox, ticks: AxesTicks, text: AxesText): { under: string; over: string } {
  const { x: xTicks, y: yTicks } = ticks;
  const right = box.left + box.width;
  const bottom = box.top + box.height;
  const grid: string[] = [];
  const marks: string[] = [];
  const labels: string[] = [];
  const tickLabelY = bottom + TICK_LENGTH + TICK_LABEL_GAP;
  const xTickLabelsEnd = tickLabelY + xTickLabelDepth(xTicks.labels, xTicks.slanted ?? false);

  xTicks.positions.forEach((x, i) => {
    if (xTicks.grid) grid.push(element("line", { x1: x, y1: box.top, x2: x, y2: bottom }));
    marks.push(element("line", { x1: x, y1: bottom, x2: x, y2: bottom + TICK_LENGTH }));
    const slant = xTicks.slanted ?? false;
    const attrs = {
      x,
      y: tickLabelY,
      dy: "0.71em",
      "text-anchor": slant ? "end" : "middle",
      transform: slant ? rotate(-SLANT_DEGREES, x, tickLabelY) : undefined,
    };
    labels.push(element("text", attrs, escapeXml(xTicks.labels[i] ?? "")));
  });
  yTicks.positions.forEach((y, i) => {
    if (yTicks.grid) grid.push(element("line", { x1: box.left, y1: y, x2: right, y2: y }));
    marks.push(element("line", { x1: box.left - TICK_LENGTH, y1: y, x2: box.left, y2: y }));
    const x = box.left - TICK_LENGTH - TICK_LABEL_GAP;
    const attrs = { x, y, dy: "0.32em", "text-anchor": "end" };
    labels.push(element("text", attrs, escapeXml(yTicks.labels[i] ?? "")));
  });

  const frameStroke = { stroke: FRAME_COLOR, "stroke-width": 0.8 };
  const frame = { class: "frame", x: box.left, y: box.top, width: box.width, height: box.height, fill: "none" };
  const over = [
    element("rect", { ...frame, ...frameStroke }),
    element("g", { class: "ticks", ...frameStroke }, ...marks),
    element("g", { class: "tick-labels", fill: FRAME_COLOR }, ...labels),
  ];
  const centreX = box.left + box.width / 2;
  const centreY = box.top + box.height / 2;
  if (hasText(text.xlabel)) {
    const y = xTickLabelsEnd + AXIS_LABEL_GAP;
    over.push(textElement(text.xlabel, { class: "xlabel", x: centreX, y, dy: "0.71em", "text-anchor": "middle" }));
  }
  if (hasText(text.ylabel)) {
    const attrs = { x: OUTER_PADDING, y: centreY, dy: "0.71em", "text-anchor": "middle" };
    const transform = rotate(-90, OUTER_PADDING, centreY);
    over.push(textElement(text.ylabel, { class: "ylabel", ...attrs, transform }));
  }
  if (hasText(text.title)) {
    const attrs = { x: centreX, y: box.top - AXIS_LABEL_GAP, "text-anchor": "middle", "font-size": TITLE_FONT_SIZE };
    over.push(textElement(text.title, { class: "title", ...attrs }));
  }
  const gridStyle = { class: "grid", stroke: GRID_COLOR, "stroke-width": 0.8, "stroke-opacity": 0.5 };
  return { under: element("g", gridStyle, ...grid), over: over.join("") };
}
