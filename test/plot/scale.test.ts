import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { fixMinus, formatLabel, powerOfTen, powerOfTenLabel } from "../../src/plot/format.js";
import { autoDomain, createScale, logTicks, niceTicks } from "../../src/plot/scale.js";

test("niceTicks: [0, 1] → 0, 0.2, …, 1 (exact decimals, no binary noise)", () => {
  assert.equal(niceTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
});

test("niceTicks: d2l's Animator ylim [0.3, 0.9] with six intervals → steps of 0.1", () => {
  assert.equal(niceTicks(0.3, 0.9, 6), [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
});

test("niceTicks: ranges away from zero and negative ranges", () => {
  assert.equal(niceTicks(1, 10, 5), [2, 4, 6, 8, 10]);
  assert.equal(niceTicks(-7.7, 7.7, 8), [-6, -4, -2, 0, 2, 4, 6]);
  assert.equal(niceTicks(1000, 5000, 4), [1000, 2000, 3000, 4000, 5000]);
});

test("niceTicks: ticks are inside, ascending, evenly spaced by 1, 2 or 5 × 10^k", () => {
  // Spans stay above 1e-7 of the offset: plotting [1e6, 1e6 + 1e-9] is beyond float64 anyway.
  fc.assert(
    fc.property(
      fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
      fc.integer({ min: 1, max: 10 }),
      (low, span, target) => {
        const high = low + span;
        fc.pre(high > low);
        const ticks = niceTicks(low, high, target);
        assert.ok(ticks.length >= 2, "at least two ticks");
        const tolerance = span * 1e-6;
        for (const t of ticks) assert.ok(t >= low - tolerance && t <= high + tolerance, `${t} in [${low}, ${high}]`);
        const step = (ticks[1] ?? 0) - (ticks[0] ?? 0);
        const mantissa = step / 10 ** Math.floor(Math.log10(step));
        assert.ok([1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6), `step ${step}`);
        for (let i = 1; i < ticks.length; i += 1) {
          assert.ok(Math.abs((ticks[i] ?? 0) - (ticks[i - 1] ?? 0) - step) <= step * 1e-6, "even spacing");
        }
        // At most target + 1 ticks, unless the step had to shrink to fit two (then fewer than 6).
        assert.ok(ticks.length <= Math.max(target + 1, 5), `${ticks.length} ticks for target ${target}`);
      },
    ),
  );
});

test("niceTicks: an interval between multiples of the first step still gets two ticks", () => {
  assert.equal(niceTicks(2e-12, 0.001000000003, 1), [0.0005, 0.001]);
  assert.equal(niceTicks(0.21, 0.39, 1), [0.25, 0.3, 0.35]);
});

test("logTicks: [1e-6, 1] → every decade, as exact decimals", () => {
  assert.equal(logTicks(1e-6, 1), [1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1]);
});

test("logTicks: wide ranges label every n-th decade, narrow ones fall back to linear ticks", () => {
  const wide = logTicks(1e-12, 1e12);
  assert.ok(wide.length <= 10 && wide.length >= 5, `${wide.length} ticks`);
  for (const t of wide) assert.ok(Number.isInteger(Math.log10(t)), `${t} is a power of ten`);
  assert.equal(logTicks(2, 8), niceTicks(2, 8));
});

test("createScale: linear maps ends to ends, also onto a reversed (SVG y) range", () => {
  const x = createScale("linear", [0, 10], [50, 450]);
  assert.is(x.map(0), 50);
  assert.is(x.map(10), 450);
  assert.is(x.map(2.5), 150);
  const y = createScale("linear", [0.3, 0.9], [300, 20]);
  assert.ok(Math.abs(y.map(0.6) - 160) < 1e-9);
  assert.ok(Number.isNaN(y.map(NaN)) && Number.isNaN(y.map(Infinity)));
});

test("tick labels use the minus sign U+2212 as matplotlib does; fixMinus replaces every hyphen", () => {
  const x = createScale("linear", [-1, 1], [0, 400]);
  const labels = x.ticks().map((t) => x.tickLabel(t));
  assert.ok(labels.includes("\u22121") && labels.includes("0") && labels.includes("1"), labels.join(" "));
  assert.not.ok(labels.some((l) => l.includes("-")), `no hyphen-minus in ${labels.join(" ")}`);
  assert.is(fixMinus("-3.3e-6"), "\u22123.3e\u22126");
  assert.is(fixMinus("0.5"), "0.5");
});

test("createScale: log is linear in log10 and cannot show values ≤ 0", () => {
  const s = createScale("log", [1e-6, 1], [0, 600]);
  assert.ok(Math.abs(s.map(1e-3) - 300) < 1e-9);
  assert.ok(Math.abs(s.map(1) - 600) < 1e-9);
  assert.ok(Number.isNaN(s.map(0)) && Number.isNaN(s.map(-1)));
  assert.equal(s.ticks().map((t) => s.tickLabel(t)), ["10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"]);
});

test("createScale: a longer axis gets more ticks", () => {
  const short = createScale("linear", [0, 1], [0, 100]).ticks();
  const long = createScale("linear", [0, 1], [0, 450]).ticks();
  assert.ok(long.length > short.length, `${long.length} > ${short.length}`);
});

test("createScale rejects empty, reversed, non-finite and (on log) non-positive domains", () => {
  assert.throws(() => createScale("linear", [1, 1], [0, 1]), /createScale: domain must be finite with low < high, got \[1, 1\]/);
  assert.throws(() => createScale("linear", [2, 1], [0, 1]), /got \[2, 1\]/);
  assert.throws(() => createScale("linear", [0, Infinity], [0, 1]), /got \[0, Infinity\]/);
  assert.throws(() => createScale("log", [0, 1], [0, 1]), /log scale needs a positive domain, got \[0, 1\]/);
  assert.throws(() => niceTicks(0, 1, 0), /niceTicks: targetCount must be a positive integer, got 0/);
});

test("autoDomain: data extent plus 5% margins, skipping what the axis cannot show", () => {
  assert.equal(autoDomain([[0, 10]], "linear"), [-0.5, 10.5]);
  assert.equal(autoDomain([[0, NaN, 5], [Infinity, 10]], "linear"), [-0.5, 10.5]);
  const [low, high] = autoDomain([[0, 1, 100, -3]], "log");
  assert.ok(Math.abs(Math.log10(low) - -0.1) < 1e-12 && Math.abs(Math.log10(high) - 2.1) < 1e-12);
  assert.equal(autoDomain([], "linear"), [0, 1]);
  assert.equal(autoDomain([[NaN]], "log"), [1, 10]);
  assert.equal(autoDomain([[5, 5]], "linear"), [4.5, 5.5]);
  assert.equal(autoDomain([[0]], "linear"), [-1, 1]);
});

test("formatLabel: clean decimals, compact exponents, non-finite values", () => {
  assert.is(formatLabel(0.1 + 0.2), "0.3");
  assert.is(formatLabel(-2), "-2");
  assert.is(formatLabel(0.0000033, 3), "3.3e-6");
  assert.is(formatLabel(123456), "1.23456e5");
  assert.is(formatLabel(0.03912, 3), "0.0391");
  assert.is(formatLabel(1e-20), "1e-20");
  assert.is(formatLabel(NaN), "NaN");
  assert.is(formatLabel(-Infinity), "−∞");
  assert.throws(() => formatLabel(1, 0), /formatLabel: significantDigits must be an integer in 1..15, got 0/);
});

test("powerOfTen and its label", () => {
  assert.is(powerOfTen(-7), 1e-7);
  assert.is(powerOfTenLabel(-6), "10⁻⁶");
  assert.is(powerOfTenLabel(12), "10¹²");
  assert.throws(() => powerOfTenLabel(0.5), /powerOfTenLabel: exponent must be an integer, got 0.5/);
});

test.run();
