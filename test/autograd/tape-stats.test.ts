/**
 * tapeStats.live counts nodes still alive: freed by backward, or reclaimed by the garbage collector when a
 * graph is dropped without a backward (issue 14 §5: it used to count those forever).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { tapeStats, tensor } from "../../src/index.js";

// A gc() for this test: V8 exposes it to contexts created after the flag is set.
setFlagsFromString("--expose_gc");
const gc = runInNewContext("gc") as () => void;

/** Builds and drops 100 two-node graphs without a backward. */
function dropGraphs(): void {
  const x = tensor([1, 2], { requiresGrad: true });
  for (let i = 0; i < 100; i++) x.mul(2).exp();
}

test("a graph dropped without backward leaves live (and savedLive) once collected; backward frees at once", async () => {
  const before = tapeStats.live;
  const savedBefore = tapeStats.savedLive;
  dropGraphs();
  assert.ok(tapeStats.live >= before + 200, `200 nodes recorded (live ${tapeStats.live}, before ${before})`);
  for (let k = 0; k < 50 && tapeStats.live > before; k++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.ok(tapeStats.live <= before, `collected graphs left live: ${tapeStats.live} > ${before}`);
  assert.ok(tapeStats.savedLive <= savedBefore, `and savedLive: ${tapeStats.savedLive} > ${savedBefore}`);
  await settle();
  const base = tapeStats.live;
  (() => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(x).sum();
    assert.is(tapeStats.live, base + 2);
    y.backward();
    assert.is(tapeStats.live, base, "backward frees its two nodes immediately");
  })();
  await settle();
  assert.is(tapeStats.live, base, "a freed node is not subtracted again when it is collected");
});

/** Collects until nothing more is reclaimed (so no earlier garbage is pending). */
async function settle(): Promise<void> {
  for (let k = 0; k < 5; k++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test.run();
