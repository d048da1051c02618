import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  backward, enableGrad, grad, isGradEnabled, noGrad, ones, setGradEnabled, tapeStats, tensor, zeros,
} from "../../../src/index.js";
import { assertTensor, gradOf, throwsError } from "../../helpers/assert.js";

test("in-place ops on a leaf that requires grad throw unless grad mode is off", () => {
  const w = tensor([1, 2], { requiresGrad: true });
  for (const f of [() => w.add_(1), () => w.sub_(1), () => w.mul_(2), () => w.div_(2), () => w.zero_(), () => w.fill_(0), () => w.copy_(zeros(2)), () => w.normal_(), () => w.uniform_()]) {
    throwsError(f, "leaf tensor that requires grad", "noGrad");
  }
  assertTensor(w, [2], [1, 2], "nothing was written");
  noGrad(() => w.sub_(tensor([0.5, 0.5])).mul_(2));
  assertTensor(w, [2], [1, 3]);
  assert.ok(w.requiresGrad && w.isLeaf);
  // An untracked tensor used to update a tracked one inside noGrad, and the alpha form.
  noGrad(() => w.add_(tensor([1, 1]), 0.5));
  assertTensor(w, [2], [1.5, 3.5]);
  // In-place on a non-leaf tracked tensor (grad mode on) is refused too.
  throwsError(() => w.mul(2).add_(1), "add_:", "in-place");
});

test("a tensor saved for backward and then modified in place makes backward throw", () => {
  const x = tensor([0.5, 1], { requiresGrad: true });
  const y = x.exp();
  noGrad(() => y.add_(1));
  throwsError(() => y.sum().backward(), "modified by an in-place operation", "ExpBackward");

  // Through a view of the saved tensor.
  const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
  const b = a.sigmoid();
  noGrad(() => b.T.narrow(0, 1, 1).fill_(0));
  throwsError(() => b.sum().backward(), "modified by an in-place operation");

  // A leaf input saved by mul, modified under noGrad.
  const w = tensor([2], { requiresGrad: true });
  const out = w.mul(w);
  noGrad(() => w.mul_(3));
  throwsError(() => out.backward(), "modified by an in-place operation", "MulBackward");

  // Writes to tensors that were not saved are fine.
  const p = tensor([1, 2], { requiresGrad: true });
  const c = tensor([3, 4]);
  const r = p.add(c);
  noGrad(() => c.fill_(0));
  r.sum().backward();
  assert.equal(gradOf(p), [1, 1]);
});

test.run();
