import { test } from "uvu";
import * as assert from "uvu/assert";
import { Tensor, fromArray, noGrad, tapeStats, tensor, zeros } from "../../src/index.js";
import { allClose } from "../helpers/assert.js";

test("a 100,000-op chain backpropagates without overflowing the stack, and frees every node", () => {
  const liveBefore = tapeStats.unfreed;
  const savedBefore = tapeStats.savedUnfreed;
  const x = tensor([1, -2], { requiresGrad: true });
  let y: Tensor = x;
  for (let i = 0; i < 100_000; i++) y = y.add(1);
  allClose(y, [100_001, 99_998], { atol: 0 });
  assert.is(tapeStats.unfreed - liveBefore, 100_000);
  y.sum().backward();
  assert.equal([...x.grad!.toFloat32Array()], [1, 1]);
  assert.is(tapeStats.unfreed, liveBefore, "backward freed the chain");
  assert.is(tapeStats.savedUnfreed, savedBefore);
});

test("a 100,000-op multiplicative chain: d/dx (x·c^N) = c^N with c = 1.00001", () => {
  const x = tensor([2], { requiresGrad: true });
  const c = Math.fround(1.00001);
  let y: Tensor = x;
  for (let i = 0; i < 100_000; i++) y = y.mul(c);
  y.backward();
  // float32 products rounded 100,000 times: relative error ~1e-5 in practice, far inside 1e-3.
  allClose(x.grad!, [c ** 100_000], { atol: 0, rtol: 1e-3 });
  allClose(y, [2 * c ** 100_000], { atol: 0, rtol: 1e-3 });
});

test("10,000 SGD steps of a tiny linear model keep tapeStats.unfreed and savedUnfreed bounded, and fit the data", () => {
  // y = X·[2, -3.4]ᵀ + 4.2 on 8 fixed points (d2l 3.2's true parameters).
  const xs = [0.1, -0.5, 0.9, 0.3, -1.2, 0.4, 0.7, -0.8, 1.5, 0.2, -0.3, -1.1, 0.6, 0.9, -0.4, 0.05];
  const X = fromArray(xs, [8, 2]);
  const y = fromArray(Array.from({ length: 8 }, (_, i) => 2 * xs[2 * i]! - 3.4 * xs[2 * i + 1]! + 4.2), [8, 1]);
  const w = zeros([2, 1], { requiresGrad: true });
  const b = zeros([1], { requiresGrad: true });
  const lr = 0.1;
  const liveBefore = tapeStats.unfreed;
  const savedBefore = tapeStats.savedUnfreed;
  let maxLive = 0;
  let maxSaved = 0;
  let loss = Infinity;
  for (let step = 0; step < 10_000; step++) {
    const err = X.matmul(w).add(b).sub(y);
    const l = err.mul(err).mean();
    maxLive = Math.max(maxLive, tapeStats.unfreed - liveBefore);
    maxSaved = Math.max(maxSaved, tapeStats.savedUnfreed - savedBefore);
    l.backward();
    noGrad(() => {
      w.sub_(w.grad!.mul(lr));
      b.sub_(b.grad!.mul(lr));
      w.grad!.zero_();
      b.grad!.zero_();
    });
    assert.is(tapeStats.unfreed, liveBefore, `step ${step}: every node was freed`);
    assert.is(tapeStats.savedUnfreed, savedBefore, `step ${step}: every saved tensor was released`);
    loss = l.item();
  }
  // One step's graph: matmul, add, sub, mul, mean (sum + div): a handful of nodes, never more.
  assert.ok(maxLive > 0 && maxLive <= 10, `at most 10 live nodes during a step (saw ${maxLive})`);
  assert.ok(maxSaved <= 10, `at most 10 saved tensors during a step (saw ${maxSaved})`);
  allClose(w, [2, -3.4], { atol: 1e-3 });
  allClose(b, [4.2], { atol: 1e-3 });
  assert.ok(loss < 1e-6, `loss ${loss}`);
});

test.run();
