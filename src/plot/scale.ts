import { fixMinus, formatLabel, powerOfTen, powerOfTenLabel } from "./format.js";

/** How an axis maps data to pixels. */
export type ScaleKind = "linear" | "log";

/** A closed interval `[low, high]` with `low < high`. */
export type Interval = readonly [number, number];

/** A map from a data interval (domain) to a pixel interval (range), with ticks. */
export interface Scale {
  readonly kind: ScaleKind;
  readonly domain: Interval;
  readonly range: Interval;
  /** The pixel position of `value`; NaN for values the scale cannot show (non-finite; ≤ 0 on log). */
  map(value: number): number;
  /** Tick values inside the domain, ascending. */
  ticks(): number[];
  /** The label written under/beside the tick at `value`. */
  tickLabel(value: number): string;
}

/** Ticks aimed for on a linear axis when no axis length is known. */
const TARGET_TICK_COUNT = 5;

/**
 * Pixels per tick a scale aims for along its range, at most 9 intervals: matplotlib's
 * `MaxNLocator(nbins="auto")` also derives the count from the axis length.
 */
const PIXELS_PER_TICK = 45;
const MAX_TICK_INTERVALS = 9;

/** A log axis labels at most this many decades before it labels every other one, and so on. */
const MAX_LOG_TICKS = 10;

/** Cleans the binary noise off computed ticks (0.1 * 3 = 0.30000000000000004). */
function cleanTick(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * The exponent k when `value` is (to rounding) exactly 10^k, else undefined.
 */
function decadeExponent(value: number): number | undefined {
  if (!(value > 0)) return undefined;
  const k = Math.round(Math.log10(value));
  return Math.abs(value / powerOfTen(k) - 1) < 1e-9 ? k : undefined;
}

/** The axis coordinate a scale is linear in (log10 of the value on log axes), and back. */
function axisTransform(kind: ScaleKind): { to: (v: number) => number; from: (t: number) => number } {
  return kind === "log"
    ? { to: Math.log10, from: (t) => 10 ** t }
    : { to: (v) => v, from: (t) => t };
}

/**
 * Checks that an interval can be a scale's domain: finite, `low < high`, and positive on log.
 *
 * @param fn - the calling function's name, used in the error
 * @param name - what the interval is, e.g. `"xlim"`
 * @param interval - the interval to check
 * @param kind - the scale it is for
 * @example checkInterval("lineChart", "ylim", [0.3, 0.9], "linear") // passes
 *
 * matplotlib: the checks of `Axes.set_xlim` / `set_ylim` (which warn where we throw).
 */
export function checkInterval(fn: string, name: string, interval: Interval, kind: ScaleKind): void {
  const [low, high] = interval;
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    throw new Error(`${fn}: ${name} must be finite with low < high, got [${low}, ${high}]`);
  }
  if (kind === "log" && low <= 0) {
    throw new Error(`${fn}: a log scale needs a positive ${name}, got [${low}, ${high}]`);
  }
}

/**
 * "Nice" linear ticks: multiples of 1, 2 or 5 × 10^k covering `[low, high]`, about
 * `targetCount` of them.
 *
 * @param low - the interval's lower end
 * @param high - the interval's upper end (> low)
 * @param targetCount - roughly how many ticks to produce
 * @returns the ticks inside `[low, high]`, ascending, free of rounding noise
 * @example niceTicks(0, 1) // [0, 0.2, 0.4, 0.6, 0.8, 1]
 *
 * matplotlib: `MaxNLocator(steps=[1, 2, 5, 10])`.
 */
export function niceTicks(low: number, high: number, targetCount = TARGET_TICK_COUNT): number[] {
  checkInterval("niceTicks", "the interval", [low, high], "linear");
  if (!Number.isInteger(targetCount) || targetCount < 1) {
    throw new Error(`niceTicks: targetCount must be a positive integer, got ${targetCount}`);
  }
  const rawStep = (high - low) / targetCount;
  const decade = powerOfTen(Math.floor(Math.log10(rawStep)));
  let step = ([1, 2, 5, 10].find((m) => m * decade >= rawStep * (1 - 1e-9)) ?? 10) * decade;
  let ticks = multiplesWithin(low, high, step);
  // A step near the whole span can fall between multiples and leave one tick or none;
  // smaller 1-2-5 steps give two once the step is at most half the span.
  while (ticks.length < 2) {
    step = smallerNiceStep(step);
    ticks = multiplesWithin(low, high, step);
  }
  return ticks;
}

/** The multiples of `step` inside `[low, high]`, cleaned of rounding noise. */
function multiplesWithin(low: number, high: number, step: number): number[] {
  // The slack lets an end that is a tick up to rounding (0.3 / 0.1 = 2.9999999999999996) count.
  const first = Math.ceil(low / step - 1e-9);
  const last = Math.floor(high / step + 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k += 1) ticks.push(cleanTick(k * step));
  return ticks;
}

/** The next smaller step of the 1-2-5 sequence: 5 → 2 → 1 → 0.5 (× 10^k). */
function smallerNiceStep(step: number): number {
  const decade = powerOfTen(Math.floor(Math.log10(step) + 1e-9));
  const mantissa = Math.round(step / decade);
  return mantissa === 5 ? 2 * decade : mantissa === 2 ? decade : decade / 2;
}

/**
 * Log ticks: the powers of ten inside `[low, high]` (every n-th decade when there are many);
 * an interval holding fewer than two decades falls back to {@link niceTicks}.
 *
 * @param low - the interval's lower end (> 0)
 * @param high - the interval's upper end (> low)
 * @returns the ticks inside `[low, high]`, ascending
 * @example logTicks(1e-6, 1) // [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]
 *
 * matplotlib: `LogLocator(base=10)`.
 */
export function logTicks(low: number, high: number): number[] {
  checkInterval("logTicks", "the interval", [low, high], "log");
  const first = Math.ceil(Math.log10(low) - 1e-9);
  const last = Math.floor(Math.log10(high) + 1e-9);
  if (last - first < 1) return niceTicks(low, high);
  const stride = Math.ceil((last - first + 1) / MAX_LOG_TICKS);
  const ticks: number[] = [];
  for (let k = first; k <= last; k += stride) ticks.push(powerOfTen(k));
  return ticks;
}

/**
 * Builds a linear or log scale mapping `domain` onto `range` (the range may run backwards,
 * as the y axis does in SVG, where pixels grow downwards).
 *
 * @param kind - `"linear"` or `"log"` (a log scale is linear in log10 of the value)
 * @param domain - data interval, `low < high`; positive for log
 * @param range - pixel interval; its ends may be in either order
 * @returns the scale
 * @example createScale("linear", [0, 10], [0, 100]).map(2.5) // 25
 *
 * matplotlib: `Axes.set_xscale` / `set_yscale` with `set_xlim` and the axes' pixel extent.
 */
export function createScale(kind: ScaleKind, domain: Interval, range: Interval): Scale {
  if (kind !== "linear" && kind !== "log") {
    throw new Error(`createScale: kind must be "linear" or "log", got ${JSON.stringify(kind)}`);
  }
  checkInterval("createScale", "domain", domain, kind);
  const [r0, r1] = range;
  if (!Number.isFinite(r0) || !Number.isFinite(r1)) {
    throw new Error(`createScale: range must be finite, got [${r0}, ${r1}]`);
  }
  const transform = axisTransform(kind).to;
  const t0 = transform(domain[0]);
  const pixelsPerUnit = (r1 - r0) / (transform(domain[1]) - t0);
  return {
    kind,
    domain,
    range,
    map(value) {
      if (!Number.isFinite(value) || (kind === "log" && value <= 0)) return NaN;
      return r0 + (transform(value) - t0) * pixelsPerUnit;
    },
    ticks() {
      if (kind === "log") return logTicks(domain[0], domain[1]);
      const intervals = Math.floor(Math.abs(r1 - r0) / PIXELS_PER_TICK);
      return niceTicks(domain[0], domain[1], Math.max(2, Math.min(MAX_TICK_INTERVALS, intervals)));
    },
    tickLabel(value) {
      const exponent = kind === "log" ? decadeExponent(value) : undefined;
      return exponent === undefined ? fixMinus(formatLabel(value)) : powerOfTenLabel(exponent);
    },
  };
}

/**
 * Data limits for an axis: the extent of the values the scale can show (finite; positive on
 * log), widened by `margin` of the span on each side (in log10 space for log).
 *
 * @param columns - the values plotted on this axis, one array per series
 * @param kind - the axis scale
 * @param margin - fraction of the span added on each side
 * @returns `[low, high]` with `low < high`; `[0, 1]` (`[1, 10]` on log) when nothing is showable
 * @example autoDomain([[0, 10]], "linear") // [-0.5, 10.5]
 *
 * matplotlib: autoscaling with `axes.xmargin = axes.ymargin = 0.05`.
 */
export function autoDomain(
  columns: Iterable<ArrayLike<number>>,
  kind: ScaleKind,
  margin = 0.05,
): [number, number] {
  const { to: toAxis, from: fromAxis } = axisTransform(kind);
  let low = Infinity;
  let high = -Infinity;
  for (const column of columns) {
    for (let i = 0; i < column.length; i += 1) {
      const t = toAxis(column[i] ?? NaN);
      if (!Number.isFinite(t)) continue; // NaN, ±Infinity, and log10 of values ≤ 0
      if (t < low) low = t;
      if (t > high) high = t;
    }
  }
  if (low > high) return kind === "log" ? [1, 10] : [0, 1];
  if (low === high) {
    // A single value gets a span of its own magnitude around it (or ±1 around 0), as
    // matplotlib's `nonsingular` does, so the axis still has width.
    const half = kind === "log" ? 1 : Math.abs(low) * 0.1 || 1;
    return [fromAxis(low - half), fromAxis(high + half)];
  }
  const pad = (high - low) * margin;
  return [fromAxis(low - pad), fromAxis(high + pad)];
}
