import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { lineChart, type LineChartOptions } from "../../src/plot/line-chart.js";
import { findAll, findOne, numberAttr, parseXml, textContent, withClass, type XmlElement } from "../helpers/xml.js";

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

function render(opts: LineChartOptions): XmlElement {
  return parseXml(lineChart(opts));
}

/** The plot area, read from the clip path the data is clipped to. */
function plotArea(doc: XmlElement): Box {
  const rect = findOne(findOne(doc, "clipPath"), "rect");
  return {
    left: numberAttr(rect, "x"),
    top: numberAttr(rect, "y"),
    width: numberAttr(rect, "width"),
    height: numberAttr(rect, "height"),
  };
}

/** Sub-paths of an SVG path made of M/L commands, as lists of [x, y]. */
function subpaths(d: string): [number, number][][] {
  const result: [number, number][][] = [];
  for (const [, command, x, y] of d.matchAll(/([ML])(-?[\d.]+),(-?[\d.]+)/g)) {
    if (command === "M") result.push([]);
    result.at(-1)?.push([Number(x), Number(y)]);
  }
  return result;
}

function seriesElements(doc: XmlElement): XmlElement[] {
  return findAll(doc, "*", withClass("series"));
}

/** Tick labels of the left axis (right-aligned, unrotated) with their y, top to bottom. */
function yTickLabels(doc: XmlElement): { text: string; y: number }[] {
  const group = findOne(doc, "g", withClass("tick-labels"));
  return findAll(group, "text", (el) => el.attrs["text-anchor"] === "end" && el.attrs["transform"] === undefined).map(
    (el) => ({ text: textContent(el), y: numberAttr(el, "y") }),
  );
}

function xTickLabels(doc: XmlElement): string[] {
  const group = findOne(doc, "g", withClass("tick-labels"));
  return findAll(group, "text", (el) => el.attrs["text-anchor"] === "middle").map(textContent);
}

/** Maps a value linearly (or in log10) from [lo, hi] onto a pixel interval, independently of the library. */
function expectedPixel(value: number, [lo, hi]: readonly [number, number], from: number, to: number, log = false): number {
  const t = log ? (Math.log10(value) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (value - lo) / (hi - lo);
  return from + t * (to - from);
}

function assertClose(actual: number, expected: number, what: string): void {
  // Coordinates are written with two decimals.
  assert.ok(Math.abs(actual - expected) <= 0.0051, `${what}: ${actual} vs expected ${expected}`);
}

test("a chart is a well-formed SVG of the requested size", () => {
  const doc = render({ series: [{ name: "a", x: [0, 1], y: [0, 1] }], title: "T & <U>", xlabel: "x", ylabel: "y" });
  assert.is(doc.name, "svg");
  assert.is(doc.attrs["xmlns"], "http://www.w3.org/2000/svg");
  assert.is(doc.attrs["width"], "480");
  assert.is(doc.attrs["height"], "320");
  assert.is(textContent(findOne(doc, "text", withClass("title"))), "T & <U>");
  const custom = render({ series: [], width: 350, height: 250 });
  assert.is(custom.attrs["viewBox"], "0 0 350 250");
});

test("each point's pixel coordinate is its value mapped onto the plot area", () => {
  const xlim = [1, 10] as const;
  const ylim = [0.3, 0.9] as const;
  const x = [1, 2, 5.5, 10];
  const y = [0.3, 0.45, 0.71, 0.9];
  const doc = render({ series: [{ name: "train loss", x, y }], xlim, ylim });
  const box = plotArea(doc);
  const [points] = subpaths(findOne(doc, "path", withClass("series")).attrs["d"] ?? "");
  assert.is(points?.length, 4);
  points?.forEach(([px, py], i) => {
    assertClose(px, expectedPixel(x[i] ?? NaN, xlim, box.left, box.left + box.width), `x of point ${i}`);
    assertClose(py, expectedPixel(y[i] ?? NaN, ylim, box.top + box.height, box.top), `y of point ${i}`);
  });
});

test("mapping holds for random limits and values (property)", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -1000, max: 1000, noNaN: true }),
      fc.double({ min: 0.01, max: 1000, noNaN: true }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
      (low, span, fractions) => {
        const lim = [low, low + span] as const;
        const values = fractions.map((f) => low + f * span);
        const doc = render({ series: [{ name: "", x: values, y: values }], xlim: lim, ylim: lim });
        const box = plotArea(doc);
        const points = subpaths(findOne(doc, "path").attrs["d"] ?? "").flat();
        assert.is(points.length, values.length);
        points.forEach(([px, py], i) => {
          const v = values[i] ?? NaN;
          assertClose(px, expectedPixel(v, lim, box.left, box.left + box.width), "x");
          assertClose(py, expectedPixel(v, lim, box.top + box.height, box.top), "y");
        });
      },
    ),
    { numRuns: 50 },
  );
});

test("log axes map log10 of the value; ticks are decades", () => {
  const x = [1e-6, 1e-3, 1];
  const doc = render({ series: [{ name: "", x, y: [1, 2, 3] }], xscale: "log", xlim: [1e-6, 1], ylim: [0, 4] });
  const box = plotArea(doc);
  const points = subpaths(findOne(doc, "path").attrs["d"] ?? "").flat();
  points.forEach(([px], i) => {
    assertClose(px, expectedPixel(x[i] ?? NaN, [1e-6, 1], box.left, box.left + box.width, true), `x of point ${i}`);
  });
  assert.equal(xTickLabels(doc), ["10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"]);
});

test("ylim [0, 1] gives ticks 0, 0.2, …, 1 placed at their values", () => {
  const doc = render({ series: [{ name: "", x: [0, 1], y: [0, 1] }], ylim: [0, 1] });
  const box = plotArea(doc);
  const labels = yTickLabels(doc);
  assert.equal(
    labels.map((l) => l.text),
    ["0", "0.2", "0.4", "0.6", "0.8", "1"],
  );
  for (const { text, y } of labels) assertClose(y, expectedPixel(Number(text), [0, 1], box.top + box.height, box.top), `tick ${text}`);
});

test("legend entries are the series names, in order, with each series' colour", () => {
  const names = ["train loss", "train acc", "test acc <&>"];
  const doc = render({
    series: names.map((name, i) => ({ name, x: [1, 2, 3], y: [i, i + 1, i + 2] })),
    xlim: [1, 10],
  });
  const legend = findOne(doc, "g", withClass("legend"));
  const entries = findAll(legend, "g", withClass("legend-entry"));
  assert.equal(entries.map((entry) => textContent(findOne(entry, "text"))), names);
  const curveColors = seriesElements(doc).map((el) => el.attrs["stroke"]);
  assert.equal(entries.map((entry) => findOne(entry, "line").attrs["stroke"]), curveColors);
  assert.is(new Set(curveColors).size, 3, "distinct default colours");
});

test("legend: hidden for one unnamed series or when turned off, shown when asked", () => {
  const hasLegend = (opts: LineChartOptions) => findAll(render(opts), "g", withClass("legend")).length > 0;
  const one = { name: "", x: [0, 1], y: [0, 1] };
  assert.not.ok(hasLegend({ series: [one] }));
  assert.ok(hasLegend({ series: [{ ...one, name: "named" }] }));
  assert.not.ok(hasLegend({ series: [{ ...one, name: "a" }, { ...one, name: "b" }], legend: false }));
});

test("legend goes to the corner that covers the fewest points; scatter entries show a dot", () => {
  // Data fills the upper half, so the legend moves to a lower corner.
  const x = Array.from({ length: 50 }, (_, i) => i / 49);
  const doc = render({
    series: [
      { name: "high", x, y: x.map(() => 0.9) },
      { name: "dots", x, y: x.map(() => 0.8), style: "scatter" },
    ],
    xlim: [0, 1],
    ylim: [0, 1],
  });
  const box = plotArea(doc);
  const legendFrame = findOne(findOne(doc, "g", withClass("legend")), "rect");
  assert.ok(numberAttr(legendFrame, "y") > box.top + box.height / 2, "legend in the lower half");
  const entries = findAll(doc, "g", withClass("legend-entry"));
  assert.is(findAll(entries[1]!, "circle").length, 1);
});

test("d2l's default looks: '-', 'm--', 'g-.', 'r:' are four distinct styles", () => {
  const series = [0, 1, 2, 3].map((i) => ({ name: `s${i}`, x: [0, 1], y: [i, i] }));
  const paths = seriesElements(render({ series }));
  const looks = paths.map((p) => `${p.attrs["stroke"]} ${p.attrs["stroke-dasharray"] ?? "solid"}`);
  assert.is(new Set(looks).size, 4);
  assert.equal(
    paths.map((p) => p.attrs["stroke"]),
    ["#1f77b4", "#bf00bf", "#008000", "#ff0000"],
  );
  assert.is(paths[0]?.attrs["stroke-dasharray"], undefined);
  const styled = seriesElements(render({ series: [{ name: "", x: [0], y: [0], style: "dotted", color: "black" }] }));
  assert.is(styled[0]?.attrs["stroke"], "black");
  assert.ok(styled[0]?.attrs["stroke-dasharray"] !== undefined);
});

test("NaN and ±Infinity points are skipped and break the line", () => {
  const doc = render({ series: [{ name: "", x: [0, 1, 2, 3, 4, 5], y: [0, 1, NaN, 3, Infinity, 5] }] });
  const parts = subpaths(findOne(doc, "path").attrs["d"] ?? "");
  assert.equal(
    parts.map((part) => part.length),
    [2, 1, 1],
  );
  const box = plotArea(doc);
  // Autoscaled limits ignore the skipped points: y spans [0, 5] plus 5% margins.
  assertClose(parts[1]?.[0]?.[1] ?? NaN, expectedPixel(3, [-0.25, 5.25], box.top + box.height, box.top), "y of 3");
});

test("values ≤ 0 are skipped on a log axis", () => {
  const doc = render({ series: [{ name: "", x: [1, 2, 3, 4], y: [1, 0, -1, 10] }], yscale: "log" });
  assert.equal(
    subpaths(findOne(doc, "path").attrs["d"] ?? "").map((part) => part.length),
    [1, 1],
  );
});

test("points outside the limits are kept but clipped to the plot area", () => {
  const doc = render({ series: [{ name: "", x: [0, 5, 10], y: [0, 100, 1e30] }], xlim: [0, 10], ylim: [0, 1] });
  const clip = findOne(doc, "clipPath");
  const data = findOne(doc, "g", withClass("data"));
  assert.is(data.attrs["clip-path"], `url(#${clip.attrs["id"]})`);
  const frame = findOne(doc, "rect", withClass("frame"));
  const clipRect = findOne(clip, "rect");
  for (const key of ["x", "y", "width", "height"]) assert.is(clipRect.attrs[key], frame.attrs[key], key);
  const points = subpaths(findOne(data, "path").attrs["d"] ?? "").flat();
  assert.is(points.length, 3);
  assert.ok(points.every(([, y]) => Number.isFinite(y)), "far-away points still get plain coordinates");
});

test("scatter: one dot per finite point (d2l 3.2: 1,000 points)", () => {
  const x = Array.from({ length: 1000 }, (_, i) => (i - 500) / 100);
  const y = x.map((v) => 4.2 - 3.4 * v);
  y[10] = NaN;
  const doc = render({ series: [{ name: "", x, y, style: "scatter" }], xlim: [-5, 5], ylim: [-15, 25] });
  const box = plotArea(doc);
  const dots = findAll(findOne(doc, "g", withClass("series")), "circle");
  assert.is(dots.length, 999);
  const first = dots[0];
  assert.ok(first !== undefined);
  assertClose(numberAttr(first, "cx"), expectedPixel(-5, [-5, 5], box.left, box.left + box.width), "cx");
  assertClose(numberAttr(first, "cy"), expectedPixel(4.2 + 3.4 * 5, [-15, 25], box.top + box.height, box.top), "cy");
});

test("empty series and no series at all still draw axes", () => {
  for (const series of [[], [{ name: "empty", x: [], y: [] }]]) {
    const doc = render({ series });
    assert.ok(findAll(doc, "rect", withClass("frame")).length === 1);
    assert.equal(xTickLabels(doc), ["0", "0.2", "0.4", "0.6", "0.8", "1"]);
  }
});

test("typed arrays are accepted", () => {
  const doc = render({ series: [{ name: "", x: new Float32Array([0, 1]), y: new Float64Array([2, 3]) }] });
  assert.is(subpaths(findOne(doc, "path").attrs["d"] ?? "").flat().length, 2);
});

test("bad input is an Error naming lineChart and the values", () => {
  const ok = { name: "loss", x: [0, 1], y: [0, 1] };
  assert.throws(() => lineChart({ series: [{ ...ok, y: [0] }] }), /lineChart: series 0 \("loss"\) has 2 x values but 1 y values/);
  assert.throws(() => lineChart({ series: [ok], xlim: [1, 0] }), /lineChart: xlim must be finite with low < high, got \[1, 0\]/);
  assert.throws(() => lineChart({ series: [ok], yscale: "log", ylim: [0, 1] }), /lineChart: a log scale needs a positive ylim/);
  assert.throws(() => lineChart({ series: [ok], width: 0 }), /lineChart: width must be a positive finite number, got 0/);
  assert.throws(() => lineChart({ series: [ok], width: 40, height: 30 }), /leaves no room for the plot area/);
  const badStyle = { ...ok, style: "wavy" } as unknown as LineChartOptions["series"][number];
  assert.throws(() => lineChart({ series: [badStyle] }), /lineChart: series 0 \("loss"\) has style "wavy"/);
});

test.run();
