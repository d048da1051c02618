import { test } from "uvu";
import * as assert from "uvu/assert";
import { tensor } from "../../src/index.js";
import { linreg, sgd, squaredLoss } from "../../src/d2l/index.js";
import { assertTensor, throwsError } from "../helpers/assert.js";

test("linreg is Xw + b", () => {
  const X = tensor([[1, 2], [3, 4]]);
  const w = tensor([[1], [-1]]);
  assertTensor(linreg(X, w, tensor([0.5])), [2, 1], [1 - 2 + 0.5, 3 - 4 + 0.5]);
});

test("squaredLoss is (yHat - y)² / 2 per example, y reshaped to yHat", () => {
  assertTensor(squaredLoss(tensor([[3], [1], [-1]]), tensor([1, 1, 2])), [3, 1], [2, 0, 4.5]);
});

test("sgd steps by -lr·grad/batchSize in place, then zeroes the gradients", () => {
  const w = tensor([[1], [2]], { requiresGrad: true });
  const b = tensor([0], { requiresGrad: true });
  // loss = 3·w0 + 4·w1 + 2·b, so grad w = [3, 4] and grad b = [2].
  w.mul(tensor([[3], [4]])).sum().add(b.mul(2).sum()).backward();
  sgd([w, b], 0.5, 2);
  assertTensor(w, [2, 1], [1 - (0.5 * 3) / 2, 2 - (0.5 * 4) / 2]);
  assertTensor(b, [1], [0 - (0.5 * 2) / 2]);
  assertTensor(w.grad!, [2, 1], [0, 0]);
  assertTensor(b.grad!, [1], [0]);
  assert.ok(w.requiresGrad && w.isLeaf, "w stays a trainable leaf");
});

test("sgd without gradients says so, with the parameter's shape", () => {
  const w = tensor([[1], [2]], { requiresGrad: true });
  throwsError(() => sgd([w], 0.1, 1), "sgd", "shape [2, 1]", "backward()");
});

test.run();
