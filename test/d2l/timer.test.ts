import { test } from "uvu";
import * as assert from "uvu/assert";
import { Timer } from "../../src/d2l/index.js";
import { fakeClock } from "./support.js";

test("laps in seconds, their mean, total and running totals (fake clock)", () => {
  const clock = fakeClock();
  const timer = new Timer(clock.now);
  clock.advance(250);
  assert.is(timer.stop(), 0.25);
  timer.start();
  clock.advance(750);
  assert.is(timer.stop(), 0.75);
  timer.start();
  clock.advance(2000);
  timer.stop();
  assert.equal(timer.times, [0.25, 0.75, 2]);
  assert.is(timer.sum(), 3);
  assert.is(timer.avg(), 1);
  assert.equal(timer.cumsum(), [0.25, 1, 3]);
});

test("with the real clock, laps are non-negative and running totals increase", () => {
  const timer = new Timer();
  for (let i = 0; i < 3; i++) {
    timer.start();
    let x = 0;
    for (let j = 0; j < 1000; j++) x += Math.sqrt(j);
    assert.ok(x > 0);
    timer.stop();
  }
  assert.ok(timer.times.every((t) => t >= 0));
  const totals = timer.cumsum();
  for (let i = 1; i < totals.length; i++) assert.ok(totals[i]! >= totals[i - 1]!);
  assert.ok(Math.abs(totals[2]! - timer.sum()) < 1e-12);
});

test("avg is NaN before any lap", () => {
  assert.ok(Number.isNaN(new Timer().avg()));
});

test.run();
