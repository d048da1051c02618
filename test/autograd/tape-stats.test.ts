/**
 * tapeStats counts what backward frees (issue 14 §5: `live` promised more than it counted, and following
 * the garbage collector cost more than a small op): `unfreed` goes up by one per recorded node and back
 * down when backward frees it; a graph dropped without backward stays counted, as documented.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { tapeStats, tensor } from "../../src/index.js";

test("backward frees its nodes and their saved tensors from the counts at once; retainGraph keeps them", () => {
  const base = { ...tapeStats };
  const x = tensor([1, 2], { requiresGrad: true });
  const y = x.mul(x).sum();
  assert.is(tapeStats.unfreed, base.unfreed + 2);
  assert.is(tapeStats.savedUnfreed, base.savedUnfreed + 2, "mul saves both operands; sum saves nothing");
  y.backward(undefined, { retainGraph: true });
  assert.is(tapeStats.unfreed, base.unfreed + 2, "retained");
  y.backward();
  assert.is(tapeStats.unfreed, base.unfreed);
  assert.is(tapeStats.savedUnfreed, base.savedUnfreed);
  assert.is(tapeStats.recorded, base.recorded + 2);
});

test("a graph dropped without backward stays in unfreed (the counters follow backward, not the collector)", () => {
  const base = tapeStats.unfreed;
  const x = tensor([1, 2], { requiresGrad: true });
  for (let i = 0; i < 100; i++) x.mul(2).exp();
  assert.is(tapeStats.unfreed, base + 200);
});

test.run();
