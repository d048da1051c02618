import { test } from "uvu";
import * as assert from "uvu/assert";
import { Animator } from "../../src/d2l/index.js";
import { nonSingular } from "../../src/d2l/chart.js";
import { findAll, parseXml, textContent, withClass } from "../helpers/xml.js";
import { captureHost, fakeClock } from "./support.js";

const legend = ["train loss", "train acc", "test acc"];

test("shows a well-formed SVG again after every add, one curve per legend entry", () => {
  const { host, figures, shown } = captureHost();
  const animator = new Animator({ host, figure: "train.svg", xlabel: "epoch", xlim: [1, 3], ylim: [0.3, 0.9], legend });
  animator.add(1, [0.8, 0.7, 0.72]);
  const first = figures.get("train.svg");
  animator.add(2, [0.6, 0.8, 0.79]);
  assert.equal(shown, ["train.svg", "train.svg"]);
  assert.is.not(figures.get("train.svg"), first, "the figure is replaced");
  const svg = parseXml(figures.get("train.svg")!);
  const curves = findAll(svg, "path", withClass("series"));
  assert.equal(curves.map((c) => c.attrs["data-name"]), legend);
  for (const c of curves) assert.is((c.attrs["d"] ?? "").match(/[ML]/g)?.length, 2, "two points per curve");
  const text = findAll(svg, "text").map(textContent).join(" ");
  for (const name of [...legend, "epoch"]) assert.ok(text.includes(name), `the figure mentions ${name}`);
  assert.equal(animator.Y, [[0.8, 0.6], [0.7, 0.8], [0.72, 0.79]]);
  assert.equal(animator.X[0], [1, 2]);
});

test("prints one line per step with values and seconds; no figure without a name", () => {
  const { host, text, shown } = captureHost();
  const clock = fakeClock();
  const animator = new Animator({ host, xlabel: "epoch", xlim: [1, 10], legend, digits: [4, 3, 3], clock: clock.now });
  clock.advance(1900);
  animator.add(3, [0.57123, 0.8121, 0.8009]);
  assert.is(text(), "epoch 3/10  train loss 0.5712  train acc 0.812  test acc 0.801  1.9 s\n");
  assert.is(animator.steps, 1);
  assert.equal(shown, []);
});

test("a single step (xlim [1, 1]) still draws: the limits are widened as matplotlib does", () => {
  const { host, figures } = captureHost();
  const animator = new Animator({ host, figure: "one.svg", xlabel: "epoch", xlim: [1, 1], legend: ["loss"] });
  animator.add(1, [0.5]);
  assert.is(findAll(parseXml(figures.get("one.svg")!), "path", withClass("series")).length, 1);
  assert.equal(nonSingular([1, 1]), [0.5, 1.5]);
  assert.equal(nonSingular([0.3, 0.9]), [0.3, 0.9]);
});

test.run();
