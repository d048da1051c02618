import { test } from "uvu";
import * as assert from "uvu/assert";
import { Animator } from "../../src/d2l/index.js";
import { nonSingular } from "../../src/d2l/chart.js";
import { findAll, parseXml, textContent, withClass } from "../helpers/xml.js";
import { captureHost } from "./support.js";

const legend = ["train loss", "train acc", "test acc"];

test("shows a well-formed SVG again after every add, one curve per legend entry", () => {
  const { host, figures, shown, text } = captureHost();
  const animator = new Animator({ xlabel: "epoch", xlim: [1, 3], ylim: [0.3, 0.9], legend }, { host, figure: "train.svg" });
  animator.add(1, [0.8, 0.7, 0.72]);
  const first = figures.get("train.svg");
  animator.add(2, [0.6, 0.8, 0.79]);
  assert.equal(shown, ["train.svg", "train.svg"]);
  assert.is.not(figures.get("train.svg"), first, "the figure is replaced");
  const svg = parseXml(figures.get("train.svg")!);
  const curves = findAll(svg, "path", withClass("series"));
  assert.equal(curves.map((c) => c.attrs["data-name"]), legend);
  for (const c of curves) assert.is((c.attrs["d"] ?? "").match(/[ML]/g)?.length, 2, "two points per curve");
  const labels = findAll(svg, "text").map(textContent).join(" ");
  for (const name of [...legend, "epoch"]) assert.ok(labels.includes(name), `the figure mentions ${name}`);
  assert.equal(animator.Y, [[0.8, 0.6], [0.7, 0.8], [0.72, 0.79]]);
  assert.equal(animator.X[0], [1, 2]);
  assert.is(text(), "", "the Animator draws; it prints nothing");
});

test("a single y is one curve; an undefined y skips its curve; no figure without a display", () => {
  const { host, figures } = captureHost();
  const single = new Animator({}, { host, figure: "one.svg" });
  single.add(1, 0.5);
  single.add(2, 0.25);
  assert.equal([single.X, single.Y], [[[1, 2]], [[0.5, 0.25]]]);
  const gaps = new Animator();
  gaps.add(1, [1, undefined]);
  gaps.add(2, [2, 3]);
  assert.equal(gaps.Y, [[1, 2], [3]]);
  assert.equal(gaps.X, [[1, 2], [2]]);
  assert.equal([...figures.keys()], ["one.svg"]);
});

test("a single step (xlim [1, 1]) still draws: the limits are widened as matplotlib does", () => {
  const { host, figures } = captureHost();
  const animator = new Animator({ xlabel: "epoch", xlim: [1, 1], legend: ["loss"] }, { host, figure: "one.svg" });
  animator.add(1, [0.5]);
  assert.is(findAll(parseXml(figures.get("one.svg")!), "path", withClass("series")).length, 1);
  assert.equal(nonSingular([1, 1]), [0.5, 1.5]);
  assert.equal(nonSingular([0.3, 0.9]), [0.3, 0.9]);
});

test.run();
