import { test } from "uvu";
import * as assert from "uvu/assert";
import { arange, grad, ones, tensor } from "../../../src/index.js";
import { allClose, gradOf } from "../../helpers/assert.js";

test("matmul gradients by hand: d(Σ A·B)/dA = 1·Bᵀ, 1-D·1-D dot", () => {
  const A = tensor([[1, 2], [3, 4], [5, 6]], { requiresGrad: true });
  const B = tensor([[1, 0, -1, 2], [0.5, 1, 0, -2]], { requiresGrad: true });
  A.matmul(B).sum().backward();
  assert.equal(gradOf(A), [2, -0.5, 2, -0.5, 2, -0.5]);
  assert.equal(gradOf(B), [9, 9, 9, 9, 12, 12, 12, 12]);
  const u = tensor([1, 2, 3], { requiresGrad: true });
  const w = tensor([4, 5, 6], { requiresGrad: true });
  const dot = u.matmul(w);
  assert.equal([...dot.shape], []);
  assert.is(dot.item(), 32);
  dot.backward();
  assert.equal(gradOf(u), [4, 5, 6]);
  assert.equal(gradOf(w), [1, 2, 3]);
});

test.run();
