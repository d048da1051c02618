import { test } from "uvu";
import * as assert from "uvu/assert";
import { barChart, type BarChartOptions } from "../../src/plot/bar-chart.js";
import { findAll, findOne, numberAttr, parseXml, textContent, withClass, type XmlElement } from "../helpers/xml.js";

const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** Reads a tick label back as a number: "0.5", or "10⁻⁶" on log axes. */
function tickValue(label: string): number {
  const power = /^10([⁻]?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/u.exec(label);
  if (power === null) return Number(label.replace(/\u2212/g, "-")); // tick labels write the minus sign U+2212
  const digits = [...(power[2] ?? "")].map((ch) => SUPERSCRIPTS.indexOf(ch)).join("");
  return 10 ** ((power[1] === "⁻" ? -1 : 1) * Number(digits));
}

interface Bar {
  label: string;
  rect: XmlElement | undefined;
  valueLabel: string;
}

function render(opts: BarChartOptions): { doc: XmlElement; bars: Bar[]; yOf: (value: number) => number } {
  const doc = parseXml(barChart(opts));
  const bars = findAll(doc, "g", withClass("bar")).map((g) => ({
    label: g.attrs["data-label"] ?? "",
    rect: findAll(g, "rect")[0],
    valueLabel: textContent(findOne(g, "text")),
  }));
  // Rebuild the y mapping from two tick labels and their positions, in log10 space for log axes.
  const tickGroup = findOne(doc, "g", withClass("tick-labels"));
  const ticks = findAll(tickGroup, "text", (el) => el.attrs["text-anchor"] === "end" && el.attrs["transform"] === undefined);
  const [a, b] = [ticks[0], ticks.at(-1)].map((el) => ({ value: tickValue(textContent(el!)), y: numberAttr(el!, "y") }));
  const log = opts.yscale === "log";
  const t = (v: number) => (log ? Math.log10(v) : v);
  const yOf = (value: number) => a!.y + ((t(value) - t(a!.value)) / (t(b!.value) - t(a!.value))) * (b!.y - a!.y);
  return { doc, bars, yOf };
}

function assertClose(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 0.02, `${what}: ${actual} vs expected ${expected}`);
}

test("one bar per value, its top at the value, labelled with the value", () => {
  const values = [0.5, 2, 3.25];
  const { bars, yOf } = render({ bars: values.map((value, i) => ({ label: `b${i}`, value })), ylabel: "seconds" });
  assert.equal(
    bars.map((b) => b.label),
    ["b0", "b1", "b2"],
  );
  assert.equal(
    bars.map((b) => b.valueLabel),
    ["0.5", "2", "3.25"],
  );
  bars.forEach((bar, i) => {
    const rect = bar.rect!;
    assertClose(numberAttr(rect, "y"), yOf(values[i] ?? NaN), `top of ${bar.label}`);
    assertClose(numberAttr(rect, "y") + numberAttr(rect, "height"), yOf(0), `base of ${bar.label}`);
  });
});

test("log y axis: decades as ticks, bar tops at log10 of the value (the vectorization ladder)", () => {
  const values = [0.039, 3.3e-6, 0.0021];
  const { doc, bars, yOf } = render({
    bars: [
      { label: "loop", value: 0.039 },
      { label: "vectorized", value: 3.3e-6 },
      { label: "matmul", value: 0.0021 },
    ],
    yscale: "log",
  });
  const tickGroup = findOne(doc, "g", withClass("tick-labels"));
  const yLabels = findAll(tickGroup, "text", (el) => el.attrs["text-anchor"] === "end").map(textContent);
  assert.equal(yLabels, ["10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹"]);
  assert.equal(
    bars.map((b) => b.valueLabel),
    ["0.039", "3.3e-6", "0.0021"],
  );
  bars.forEach((bar, i) => assertClose(numberAttr(bar.rect!, "y"), yOf(values[i] ?? NaN), `top of ${bar.label}`));
});

test("negative values hang below the zero line", () => {
  const { bars, yOf } = render({ bars: [{ label: "up", value: 2 }, { label: "down", value: -1 }] });
  const down = bars[1]!.rect!;
  assertClose(numberAttr(down, "y"), yOf(0), "top of the negative bar");
  assertClose(numberAttr(down, "y") + numberAttr(down, "height"), yOf(-1), "bottom of the negative bar");
});

test("a NaN value draws no bar but still says NaN", () => {
  const { bars } = render({ bars: [{ label: "ok", value: 1 }, { label: "missing", value: NaN }] });
  assert.ok(bars[0]?.rect !== undefined);
  assert.is(bars[1]?.rect, undefined);
  assert.is(bars[1]?.valueLabel, "NaN");
});

test("long category names are slanted, short ones are not", () => {
  const slantedLabels = (labels: string[]) => {
    const { doc } = render({ bars: labels.map((label) => ({ label, value: 1 })) });
    const group = findOne(doc, "g", withClass("tick-labels"));
    return findAll(group, "text", (el) => (el.attrs["transform"] ?? "").startsWith("rotate(-30")).length;
  };
  assert.is(slantedLabels(["a", "b", "c"]), 0);
  const long = Array.from({ length: 8 }, (_, i) => `a rather long benchmark name ${i}`);
  assert.is(slantedLabels(long), 8);
});

test("labels and titles are escaped", () => {
  const { doc, bars } = render({ bars: [{ label: "a<b & c", value: 1 }], title: "x < y" });
  assert.is(bars[0]?.label, "a<b & c");
  assert.is(textContent(findOne(doc, "text", withClass("title"))), "x < y");
});

test("no bars still draws the axes", () => {
  const { doc } = render({ bars: [] });
  assert.is(findAll(doc, "rect", withClass("frame")).length, 1);
});

test("bad input is an Error naming barChart and the values", () => {
  assert.throws(() => barChart({ bars: [{ label: "zero", value: 0 }], yscale: "log" }), /barChart: a log y axis cannot show bar "zero" with value 0/);
  assert.throws(() => barChart({ bars: [], height: -1 }), /barChart: height must be a positive finite number, got -1/);
  const badScale = { bars: [], yscale: "symlog" } as unknown as BarChartOptions;
  assert.throws(() => barChart(badScale), /barChart: yscale must be "linear" or "log", got "symlog"/);
});

test.run();
