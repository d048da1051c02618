/** nn.L1Loss and nn.SmoothL1Loss against values worked out by hand, and gradients against finite differences. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import "../../src/autograd/methods.js";
import { fromArray } from "../../src/tensor/creation.js";
import { gradcheck } from "../../src/autograd/gradcheck.js";
import { L1Loss, SmoothL1Loss, type Reduction } from "../../src/nn/index.js";
import { l1Loss, smoothL1Loss } from "../../src/nn/functional.js";
import { allClose, throwsError } from "../helpers/assert.js";

test("L1Loss: |d| per element; mean 5/3, sum 5; gradient sign(d) / N", () => {
  // d = input − target = [1, −2, −2]
  const x = fromArray([1, -2, 3], [3], { requiresGrad: true });
  const y = fromArray([0, 0, 5], [3]);
  allClose(l1Loss(x, y, { reduction: "none" }), [1, 2, 2]);
  allClose(new L1Loss({ reduction: "sum" }).forward(x, y), [5]);
  const mean = new L1Loss().forward(x, y);
  allClose(mean, [5 / 3]);
  mean.backward();
  allClose(x.grad!, [1 / 3, -1 / 3, -1 / 3]);
});

test("SmoothL1Loss with beta 1: ½d² below 1, |d| − ½ above; d = [0.5, −2, 3] gives [0.125, 1.5, 2.5]", () => {
  const x = fromArray([0.5, -2, 3], [3], { requiresGrad: true });
  const y = fromArray([0, 0, 0], [3]);
  allClose(smoothL1Loss(x, y, { reduction: "none" }), [0.125, 1.5, 2.5]);
  const mean = new SmoothL1Loss().forward(x, y);
  allClose(mean, [4.125 / 3]);
  mean.backward();
  allClose(x.grad!, [0.5 / 3, -1 / 3, 1 / 3], {}, "d/beta below, ±1 above, over N = 3");
});

test("SmoothL1Loss with beta 2 is the book's Huber formula with σ = 2: d = [1, −3] gives ½·1²/2 = 0.25 and 3 − 1 = 2", () => {
  const x = fromArray([1, -3], [2], { requiresGrad: true });
  const y = fromArray([0, 0], [2]);
  const sum = new SmoothL1Loss({ beta: 2, reduction: "sum" }).forward(x, y);
  allClose(sum, [2.25]);
  sum.backward();
  allClose(x.grad!, [0.5, -1]);
  allClose(smoothL1Loss(fromArray([2], [1]), fromArray([0], [1]), { beta: 2, reduction: "sum" }), [1], {}, "the branches meet at |d| = beta: ½beta");
});

test("SmoothL1Loss with beta 0 is the L1 loss", () => {
  const x = fromArray([0.25, -4], [2]);
  const y = fromArray([0, 1], [2]);
  allClose(new SmoothL1Loss({ beta: 0, reduction: "none" }).forward(x, y), [0.25, 5]);
});

for (const reduction of ["none", "mean", "sum"] as Reduction[]) {
  test(`gradients match finite differences away from the kinks (${reduction})`, () => {
    const x = fromArray([0.3, -1.7, 2.4, -0.2], [2, 2], { requiresGrad: true });
    const y = fromArray([0, 0.5, -1, 0.6], [2, 2]);
    assert.ok(gradcheck((a) => l1Loss(a, y, { reduction }), [x]));
    assert.ok(gradcheck((a) => smoothL1Loss(a, y, { reduction, beta: 1 }), [x]));
  });
}

test("errors: mismatched shapes, negative beta, unknown reduction", () => {
  throwsError(() => l1Loss(fromArray([1, 2], [2, 1]), fromArray([1, 2], [2])), "l1Loss", "[2, 1]", "[2]");
  throwsError(() => smoothL1Loss(fromArray([1, 2], [2, 1]), fromArray([1, 2], [2])), "smoothL1Loss", "[2, 1]");
  throwsError(() => new SmoothL1Loss({ beta: -1 }), "SmoothL1Loss: beta must be non-negative, got -1");
  throwsError(() => new L1Loss({ reduction: "max" as Reduction }), 'L1Loss: reduction must be "none", "mean" or "sum"');
});

test.run();
