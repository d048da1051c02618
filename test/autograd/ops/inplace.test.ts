import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  backward, enableGrad, grad, gradcheck, isGradEnabled, noGrad, ones, setGradEnabled, tapeStats, tensor, zeros, type Tensor,
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
  // A view of such a leaf is refused too (PyTorch: "a view of a leaf Variable that requires grad ...").
  throwsError(() => w.narrow(0, 0, 1).add_(1), "add_: a view of a leaf tensor that requires grad");
  throwsError(() => w.T.fill_(0), "fill_: a view of a leaf tensor that requires grad");
  assertTensor(w, [2], [1.5, 3.5], "nothing was written");
});

// The expected gradients below are worked out by hand; PyTorch gives the same (its in-place ops rebase
// the history, and CopySlices rewrites a base written through a view).

test("an in-place op on a non-leaf rebases its history: y = 2x; y.mul_(3) gives dy/dx = 6", () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const y = x.mul(2);
  const same = y.mul_(3);
  assert.is(same, y, "returns the tensor itself");
  assertTensor(y, [2], [6, 12]);
  assert.is(y.gradFn, "MulBackward");
  y.sum().backward();
  assert.equal(gradOf(x), [6, 6]);
  // add_, sub_ with alpha, div_: y = ((x·1 + x) − 2·x·... ) by hand: ((x + x) − 0.5·x) / 2 = 0.75x.
  const a = tensor([4, 8], { requiresGrad: true });
  const b = a.mul(1);
  b.add_(a).sub_(a, 0.5).div_(2);
  assertTensor(b, [2], [3, 6]);
  b.sum().backward();
  assert.equal(gradOf(a), [0.75, 0.75]);
  // y.add_(y) on a non-leaf: 2y.
  const c = tensor([1, 2], { requiresGrad: true });
  const d = c.mul(1);
  d.add_(d);
  d.sum().backward();
  assert.equal(gradOf(c), [2, 2]);
});

test("ops recorded before an in-place op keep their edges to the old history", () => {
  // z = 2x + 1 was recorded before y was overwritten by 3y: dz/dx = 2, dy/dx = 6, so d(z + y)/dx = 8.
  const x = tensor([1, 2], { requiresGrad: true });
  const y = x.mul(2);
  const z = y.add(1);
  y.mul_(3);
  z.add(y).sum().backward();
  assert.equal(gradOf(x), [8, 8]);
});

test("a tensor saved for backward and overwritten by a recorded in-place op fails with PyTorch's message", () => {
  // PyTorch: x.exp().add_(1).sum().backward() raises "one of the variables needed for gradient
  // computation has been modified by an inplace operation" (exp saves its result).
  const x = tensor([0.5, 1], { requiresGrad: true });
  const y = x.exp();
  y.add_(1);
  throwsError(() => y.sum().backward(), "one of the variables needed for gradient computation has been modified by an inplace operation", "ExpBackward");
  // A saved non-leaf overwritten in place.
  const a = tensor([1, 2], { requiresGrad: true });
  const b = a.mul(2);
  const c = b.mul(b);
  b.fill_(0);
  throwsError(() => c.sum().backward(), "modified by an inplace operation", "MulBackward");
});

test("writing through a view of a non-leaf rewrites the base's history (CopySlices)", () => {
  // y = x·1; y[1:3] *= 10: y = [1, 20, 30, 4], so dy/dx = [1, 10, 10, 1].
  const x = tensor([1, 2, 3, 4], { requiresGrad: true });
  const y = x.mul(1);
  const v = y.narrow(0, 1, 2);
  v.mul_(10);
  assertTensor(y, [4], [1, 20, 30, 4]);
  assert.is(y.gradFn, "CopySlices");
  y.sum().backward();
  assert.equal(gradOf(x), [1, 10, 10, 1]);
  // The view is a view of the new base: d(v.sum())/dx = [0, 10, 10, 0].
  x.grad = null;
  const y2 = x.mul(1);
  const v2 = y2.narrow(0, 1, 2);
  v2.mul_(10);
  v2.sum().backward();
  assert.equal(gradOf(x), [0, 10, 10, 0]);
  // Through a transposed view of a 2-D base, with a weighted read of the base: y = x·1, y.T[0] = 0 → column 0 cleared.
  const m = tensor([[1, 2], [3, 4]], { requiresGrad: true });
  const base = m.mul(1);
  base.T.narrow(0, 0, 1).zero_();
  assertTensor(base, [2, 2], [0, 2, 0, 4]);
  base.mul(tensor([[1, 2], [3, 4]])).sum().backward();
  assert.equal(gradOf(m), [0, 2, 0, 4]);
});

test("copy_ of a tracked tensor into a view of an untracked base makes the base tracked", () => {
  // base = [w0, w1, 0, 0]; Σ base·[1, 2, 3, 4] has gradient [1, 2] for w (PyTorch: base.grad_fn is CopySlices).
  const w = tensor([5, 6], { requiresGrad: true });
  const base = zeros(4);
  base.narrow(0, 0, 2).copy_(w);
  assert.ok(base.requiresGrad);
  assert.is(base.gradFn, "CopySlices");
  assertTensor(base, [4], [5, 6, 0, 0]);
  base.mul(tensor([1, 2, 3, 4])).sum().backward();
  assert.equal(gradOf(w), [1, 2]);
  // copy_ into a whole untracked tensor, broadcasting the source: c = [s, s, s], dΣc/ds = 3.
  const s = tensor([2], { requiresGrad: true });
  const c = zeros(3);
  c.copy_(s);
  assert.is(c.gradFn, "CopyBackwards");
  c.sum().backward();
  assert.equal(gradOf(s), [3]);
});

test("fill_, zero_ and the random fills on a non-leaf cut the old history (zero gradient to it)", () => {
  // y = 2x; y.fill_(7); Σ y·x = 7·Σx, so dx = 7 (and 0 through y's old history).
  const x = tensor([1, 2], { requiresGrad: true });
  const y = x.mul(2);
  y.fill_(7);
  assert.is(y.gradFn, "FillBackward");
  y.mul(x).sum().backward();
  assert.equal(gradOf(x), [7, 7]);
  const z = x.mul(2);
  z.normal_(0, 1);
  assert.is(z.gradFn, "NormalBackward");
  x.grad = null;
  z.sum().backward();
  assert.equal(gradOf(x), [0, 0]);
});

test("gradcheck through in-place ops, plain and through views", () => {
  const f = (a: Tensor): Tensor => {
    const y = a.mul(2);
    y.mul_(a);
    y.narrow(0, 1, 2).mul_(a.narrow(0, 0, 2).exp());
    y.narrow(0, 0, 1).add_(a.narrow(0, 3, 1), 3);
    return y;
  };
  assert.ok(gradcheck(f, [tensor([0.3, -0.7, 1.1, 0.4], { requiresGrad: true })]));
});

test("under noGrad an in-place op is not recorded, and an expanded view cannot be written", () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const y = x.mul(2);
  noGrad(() => y.add_(1));
  assert.is(y.gradFn, "MulBackward", "history unchanged");
  assertTensor(y, [2], [3, 5]);
  throwsError(() => zeros(1, 2).expand(3, 2).fill_(1), "fill_: unsupported operation", "single memory location");
});

test("a tensor saved for backward and then modified in place makes backward throw", () => {
  const x = tensor([0.5, 1], { requiresGrad: true });
  const y = x.exp();
  noGrad(() => y.add_(1));
  throwsError(() => y.sum().backward(), "modified by an inplace operation", "ExpBackward");

  // Through a view of the saved tensor.
  const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
  const b = a.sigmoid();
  noGrad(() => b.T.narrow(0, 1, 1).fill_(0));
  throwsError(() => b.sum().backward(), "modified by an inplace operation");

  // A leaf input saved by mul, modified under noGrad.
  const w = tensor([2], { requiresGrad: true });
  const out = w.mul(w);
  noGrad(() => w.mul_(3));
  throwsError(() => out.backward(), "modified by an inplace operation", "MulBackward");

  // Writes to tensors that were not saved are fine.
  const p = tensor([1, 2], { requiresGrad: true });
  const c = tensor([3, 4]);
  const r = p.add(c);
  noGrad(() => c.fill_(0));
  r.sum().backward();
  assert.equal(gradOf(p), [1, 1]);
});

test.run();
