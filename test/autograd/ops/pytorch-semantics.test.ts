/**
 * Issue 14 §3: where PyTorch's documented semantics differ from the obvious ones, ours follow PyTorch.
 * Each expected value says where it comes from; most are worked out by hand from PyTorch's derivative
 * formulas (tools/autograd/derivatives.yaml) or its documented behaviour.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { clamp, logSoftmax, logsumexp, maximum, minimum, nn, softmax, tensor, zeros, type Tensor } from "../../../src/index.js";
import { gradOf } from "../../helpers/assert.js";

const leaf = (values: number[] | number[][]): Tensor => tensor(values, { requiresGrad: true });
const values = (t: Tensor): number[] => [...t.toFloat32Array()];

test("max(dim)/min(dim): the whole gradient goes to the index argmax/argmin picks (the first of ties)", () => {
  // PyTorch: max(dim) returns (values, indices) and its backward is value_selecting_reduction_backward,
  // i.e. the gradient scattered to `indices`; torch.max documents "the indices of the first maximal value".
  const x = leaf([[1, 3, 3], [2, 0, 1]]);
  x.max(1).sum().backward();
  assert.equal(gradOf(x), [0, 1, 0, 1, 0, 0]);
  const y = leaf([[1, 1, 2]]);
  y.min(1, true).sum().backward();
  assert.equal(gradOf(y), [1, 0, 0]);
  assert.equal(values(tensor([[1, 3, 3]]).argmax(1)), [1], "the index the gradient went to");
});

test("max()/amax/amin: the gradient is split evenly among ties", () => {
  // PyTorch: max() (all dims) uses evenly_distribute_backward; amax/amin use scale_grad_by_count: g / #ties.
  const x = leaf([[1, 3, 3], [2, 0, 1]]);
  x.max().backward();
  assert.equal(gradOf(x), [0, 0.5, 0.5, 0, 0, 0]);
  const a = leaf([[1, 3, 3], [2, 0, 2]]);
  a.amax(1).sum().backward();
  assert.equal(gradOf(a), [0, 0.5, 0.5, 0.5, 0, 0.5]);
  const b = leaf([3, 1, 1]);
  b.amin().backward();
  assert.equal(gradOf(b), [0, 0.5, 0.5]);
  assert.equal(values(tensor([[1, 5], [7, 2]]).amax([0, 1])), [7]);
});

test("a NaN in the reduced row is the maximum (and the minimum), with PyTorch's gradients", () => {
  const nanRow = (): Tensor => leaf([1, NaN, 3]);
  // PyTorch: torch.tensor([1., nan, 3.]).max() is nan, .max(0) is (nan, 1), argmax 1, amin nan.
  assert.ok(Number.isNaN(nanRow().max().item()));
  assert.ok(Number.isNaN(nanRow().min(0).item()));
  assert.ok(Number.isNaN(nanRow().amin().item()));
  assert.equal(values(tensor([1, NaN, 3]).argmax()), [1]);
  assert.equal(values(tensor([1, NaN, 3]).argmin()), [1]);
  const viaDim = nanRow();
  viaDim.max(0).backward();
  assert.equal(gradOf(viaDim), [0, 1, 0], "max(dim): to the NaN's index");
  const full = nanRow();
  full.max().backward();
  assert.equal(gradOf(full), [0, 1, 0], "max(): evenly_distribute_backward's mask is isnan(input) when the max is NaN");
  const a = nanRow();
  a.amax().backward();
  // amax: g / count · (input == result); no input equals NaN, so count = 0 and g/0 · 0 = NaN everywhere.
  assert.ok(gradOf(a).every(Number.isNaN), "amax: NaN gradients, as PyTorch's scale_grad_by_count gives");
});

test("softmax/logSoftmax/cross-entropy of a row holding +inf are NaN; only logsumexp treats an infinite max specially", () => {
  // PyTorch: x − max(x) is inf − inf = NaN at the +inf, so softmax([inf, 1]) = [nan, nan]; an all −inf row
  // is −inf − (−inf) = NaN too. logsumexp masks an infinite max to 0: logsumexp([inf, 1]) = inf,
  // logsumexp([−inf, −inf]) = −inf.
  const rows = tensor([[Infinity, 1], [-Infinity, -Infinity], [0, 0]]);
  const s = values(softmax(rows, 1));
  assert.ok(s.slice(0, 4).every(Number.isNaN), `softmax NaN rows, got ${s}`);
  assert.equal(s.slice(4), [0.5, 0.5]);
  const ls = values(logSoftmax(rows, 1));
  assert.ok(ls.slice(0, 4).every(Number.isNaN), `logSoftmax NaN rows, got ${ls}`);
  assert.equal(ls.slice(4), [Math.fround(-Math.LN2), Math.fround(-Math.LN2)]);
  assert.equal(values(logsumexp(rows, 1)), [Infinity, -Infinity, Math.fround(Math.LN2)]);
  // logSoftmax([0, −inf]) = [0, −inf]: a finite max, so no NaN.
  assert.equal(values(logSoftmax(tensor([0, -Infinity]), 0)), [0, -Infinity]);
  const loss = nn.functional.crossEntropy(tensor([[Infinity, 0], [0, 0]]), tensor([0, 1]), { reduction: "none" });
  const l = values(loss);
  assert.ok(Number.isNaN(l[0]!), "cross-entropy of the +inf row is NaN");
  assert.is(l[1], Math.fround(Math.LN2));
});

test("softmax/logSoftmax over a 0-sized dim are empty; logsumexp over one is -inf", () => {
  // PyTorch: torch.zeros(2, 0).softmax(1).shape == (2, 0); torch.logsumexp(torch.zeros(2, 0), 1) == [-inf, -inf].
  assert.equal([...softmax(zeros(2, 0), 1).shape], [2, 0]);
  assert.equal([...logSoftmax(zeros(2, 0), 1).shape], [2, 0]);
  const lse = logsumexp(zeros(2, 0), 1);
  assert.equal([...lse.shape], [2]);
  assert.equal(values(lse), [-Infinity, -Infinity]);
  assert.equal(values(logsumexp(zeros(0))), [-Infinity]);
});

test("clamp with min > max gives max everywhere, with zero gradient", () => {
  // PyTorch documents clamp as min(max(x, min_value), max_value): with min > max every element is max;
  // its backward masks g by (x >= min) & (x <= max), false everywhere then.
  const x = leaf([-2, 0.5, 3]);
  const y = clamp(x, 2, 1);
  assert.equal(values(y), [1, 1, 1]);
  y.sum().backward();
  assert.equal(gradOf(x), [0, 0, 0]);
  assert.ok(Number.isNaN(clamp(tensor([NaN]), 0, 1).item()), "clamp(NaN) is NaN");
});

test("gradients at NaN: relu passes g, abs gives 0, maximum/minimum give both sides the full g", () => {
  // relu: threshold_backward is (result <= 0 ? 0 : g), and NaN <= 0 is false, so g passes.
  const r = leaf([NaN, -1, 2]);
  r.relu().sum().backward();
  assert.equal(gradOf(r), [1, 0, 1]);
  // abs: g · sgn(x), and PyTorch's sign is (0 < x) − (x < 0), 0 at NaN (and at 0).
  const a = leaf([NaN, -2, 3, 0]);
  a.abs().sum().backward();
  assert.equal(gradOf(a), [0, -1, 1, 0]);
  // maximum: self gets where(self == other, g/2, g) masked to 0 where self < other; other the mirror image.
  // At a NaN neither comparison holds, so both sides keep g.
  const p = leaf([NaN, 1, 2, 5]);
  const q = leaf([0, 1, 3, NaN]);
  maximum(p, q).sum().backward();
  assert.equal(gradOf(p), [1, 0.5, 0, 1]);
  assert.equal(gradOf(q), [1, 0.5, 1, 1]);
  const u = leaf([NaN, 1, 2]);
  const v = leaf([0, 1, 3]);
  minimum(u, v).sum().backward();
  assert.equal(gradOf(u), [1, 0.5, 1]);
  assert.equal(gradOf(v), [1, 0.5, 0]);
});

test("tensor() of 0-d tensors (and of tensors inside nested arrays) stacks their values", () => {
  // PyTorch: torch.tensor([torch.tensor(1.), torch.tensor(2.)]) == tensor([1., 2.]).
  const t = tensor([tensor(1), tensor(2)]);
  assert.equal([...t.shape], [2]);
  assert.equal(values(t), [1, 2]);
  assert.equal(values(tensor([tensor([1, 2]), [3, 4]])), [1, 2, 3, 4]);
});

test.run();
