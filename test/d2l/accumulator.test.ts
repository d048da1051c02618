import { test } from "uvu";
import * as assert from "uvu/assert";
import { Accumulator } from "../../src/d2l/index.js";
import { throwsError } from "../helpers/assert.js";

test("adds values to each running sum and resets them", () => {
  const metric = new Accumulator(3);
  assert.is(metric.data.length, 3);
  metric.add(1.5, 2, 10);
  metric.add(0.5, 3, 10);
  assert.equal([metric.get(0), metric.get(1), metric.get(2)], [2, 5, 20]);
  assert.is(metric.get(1) / metric.get(2), 0.25);
  metric.reset();
  assert.equal([metric.get(0), metric.get(1), metric.get(2)], [0, 0, 0]);
});

test("rejects a wrong number of values, bad indices and sizes", () => {
  const metric = new Accumulator(2);
  throwsError(() => metric.add(1), "Accumulator.add", "expected 2 values, got 1");
  throwsError(() => metric.get(2), "Accumulator.get", "index 2");
  throwsError(() => metric.get(0.5), "index 0.5");
  throwsError(() => new Accumulator(0), "Accumulator", "got 0");
});

test.run();
