import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Animator, progressBar } from "../../src/d2l/index.js";
import { nonSingular } from "../../src/d2l/chart.js";
import { findAll, parseXml, textContent, withClass } from "../helpers/xml.js";
import { captureSink, fakeClock, withTempDir } from "./support.js";

const legend = ["train loss", "train acc", "test acc"];

test("rewrites a well-formed SVG after every add, one curve per legend entry", () => {
  withTempDir((dir) => {
    const path = join(dir, "nested", "train.svg");
    const { sink } = captureSink();
    const animator = new Animator({ xlabel: "epoch", xlim: [1, 3], ylim: [0.3, 0.9], legend, path, sink });
    animator.add(1, [0.8, 0.7, 0.72]);
    const first = readFileSync(path, "utf8");
    animator.add(2, [0.6, 0.8, 0.79]);
    const svg = parseXml(readFileSync(path, "utf8"));
    assert.is.not(readFileSync(path, "utf8"), first, "the file is rewritten");
    const curves = findAll(svg, "path", withClass("series"));
    assert.equal(curves.map((c) => c.attrs["data-name"]), legend);
    for (const c of curves) assert.is((c.attrs["d"] ?? "").match(/[ML]/g)?.length, 2, "two points per curve");
    const text = findAll(svg, "text").map(textContent).join(" ");
    for (const name of [...legend, "epoch"]) assert.ok(text.includes(name), `the figure mentions ${name}`);
    assert.equal(animator.Y, [[0.8, 0.6], [0.7, 0.8], [0.72, 0.79]]);
    assert.equal(animator.X[0], [1, 2]);
  });
});

test("off a terminal: one line per step with values and seconds, no progress bar", () => {
  const { sink, text } = captureSink(false);
  const clock = fakeClock();
  const animator = new Animator({ xlabel: "epoch", xlim: [1, 10], legend, digits: [4, 3, 3], sink, clock: clock.now });
  animator.progress(1, 10);
  clock.advance(1900);
  animator.add(3, [0.57123, 0.8121, 0.8009]);
  assert.is(text(), "epoch 3/10  train loss 0.5712  train acc 0.812  test acc 0.801  1.9 s\n");
  assert.is(animator.steps, 1);
});

test("on a terminal: the bar is redrawn in place and the step line erases it", () => {
  const { sink, text } = captureSink(true);
  const clock = fakeClock();
  const animator = new Animator({ xlabel: "epoch", xlim: [1, 2], legend: ["loss"], sink, clock: clock.now });
  animator.progress(1, 4);
  animator.progress(1, 4); // unchanged: not redrawn
  animator.progress(4, 4);
  animator.add(1, [0.5]);
  const out = text();
  assert.ok(out.startsWith(`\repoch 1/2 ${progressBar(1, 4)}\repoch 1/2 ${progressBar(4, 4)}`), JSON.stringify(out));
  assert.ok(out.endsWith("\r\x1b[Kepoch 1/2  loss 0.5000  0.0 s\n"), JSON.stringify(out));
});

test("a single step (xlim [1, 1]) still draws: the limits are widened as matplotlib does", () => {
  withTempDir((dir) => {
    const path = join(dir, "one.svg");
    const animator = new Animator({ xlabel: "epoch", xlim: [1, 1], legend: ["loss"], path, sink: captureSink().sink });
    animator.add(1, [0.5]);
    assert.is(findAll(parseXml(readFileSync(path, "utf8")), "path", withClass("series")).length, 1);
    assert.equal(nonSingular([1, 1]), [0.5, 1.5]);
    assert.equal(nonSingular([0.3, 0.9]), [0.3, 0.9]);
  });
});

test("progressBar shows the share done and the counts", () => {
  assert.is(progressBar(1, 4, 8), "[##......] 1/4");
  assert.is(progressBar(235, 235, 4), "[####] 235/235");
  assert.is(progressBar(0, 0, 2), "[..] 0/0");
});

test.run();
