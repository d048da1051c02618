import { test } from "uvu";
import * as assert from "uvu/assert";
import { arange, grad, ones, tensor } from "../../../src/index.js";
import { allClose, gradOf } from "../../helpers/assert.js";

test("a tensor used twice in one op: x·x gives 2x; x/x gives 0; x − x gives 0", () => {
  const x = tensor([3, -2], { requiresGrad: true });
  x.mul(x).sum().backward();
  assert.equal(gradOf(x), [6, -4]);
  const y = tensor([3, -2], { requiresGrad: true });
  y.div(y).sum().backward();
  allClose(gradOf(y), [0, 0], { atol: 1e-7 });
  const z = tensor([3, -2], { requiresGrad: true });
  z.sub(z).sum().backward();
  assert.equal(gradOf(z), [0, 0]);
});

test("pow's gradient: d/dx x³ = 3x² (negative x too), d/db a^b = a^b ln a", () => {
  const xs = [-2, -1, 0.5, 3];
  const x = tensor(xs, { requiresGrad: true });
  x.pow(3).sum().backward();
  allClose(gradOf(x), xs.map((v) => 3 * v * v), { rtol: 1e-6 });
  const a = tensor([2, 0.5, 3], { requiresGrad: true });
  const b = tensor([3, 2, -1], { requiresGrad: true });
  a.pow(b).sum().backward();
  allClose(gradOf(a), [3 * 2 ** 2, 2 * 0.5, -1 * 3 ** -2], { rtol: 1e-6 });
  allClose(gradOf(b), [8 * Math.LN2, 0.25 * Math.log(0.5), Math.log(3) / 3], { rtol: 1e-6 });
  // A tensor exponent that does not require grad: only the base gets a gradient.
  const base = tensor([2], { requiresGrad: true });
  base.pow(tensor([0.5])).backward();
  allClose(gradOf(base), [0.5 / Math.SQRT2], { rtol: 1e-6 });
});

test("pow at a zero base follows PyTorch's masks: no NaN from 0·0⁻¹ or 0·ln 0", () => {
  // d/da a^b = b·a^(b−1) is defined as 0 where b = 0; d/db a^b = a^b·ln a is 0 where a = 0 and b ≥ 0.
  const a = tensor([0, 0, 2, 0], { requiresGrad: true });
  const b = tensor([0, 2, 3, 0.5], { requiresGrad: true });
  a.pow(b).sum().backward();
  allClose(gradOf(a), [0, 0, 3 * 2 ** 2, Infinity], { rtol: 1e-6 });
  allClose(gradOf(b), [0, 0, 8 * Math.LN2, 0], { rtol: 1e-6 });
});

test("two constants with equal values in one graph keep separate gradients (no dedup)", () => {
  const x = tensor([2, 5], { requiresGrad: true });
  const c1 = tensor([3, 3], { requiresGrad: true });
  const c2 = tensor([3, 3], { requiresGrad: true });
  x.mul(c1).add(c2).sum().backward();
  assert.equal(gradOf(c1), [2, 5]);
  assert.equal(gradOf(c2), [1, 1]);
  assert.equal(gradOf(x), [3, 3]);
  // Number operands with equal values: x·3 + 3 gives dx = 3, and a second 3 in another op does not interfere.
  const y = tensor([1, 1], { requiresGrad: true });
  y.mul(3).add(3).mul(tensor(3)).sum().backward();
  assert.equal(gradOf(y), [9, 9]);
  // Equal-valued leaves used in one op.
  const u = tensor([1, 2], { requiresGrad: true });
  const v = tensor([1, 2], { requiresGrad: true });
  u.mul(u).add(v).sum().backward();
  assert.equal(gradOf(u), [2, 4]);
  assert.equal(gradOf(v), [1, 1]);
});

test("gradients at kinks follow PyTorch: relu'(0) = 0, abs'(0) = 0, clamp at a bound = 1, maximum/minimum ties split", () => {
  const r = tensor([-1, 0, 2], { requiresGrad: true });
  r.relu().sum().backward();
  assert.equal(gradOf(r), [0, 0, 1]);
  const a = tensor([-1, 0, 2], { requiresGrad: true });
  a.abs().sum().backward();
  assert.equal(gradOf(a), [-1, 0, 1]);
  const c = tensor([-1, 0, 0.5, 1, 2], { requiresGrad: true });
  c.clamp(0, 1).sum().backward();
  assert.equal(gradOf(c), [0, 1, 1, 1, 0]);
  const p = tensor([1, 2, 3], { requiresGrad: true });
  const q = tensor([3, 2, 1], { requiresGrad: true });
  p.maximum(q).mul(tensor([10, 20, 30])).sum().backward();
  assert.equal(gradOf(p), [0, 10, 30]);
  assert.equal(gradOf(q), [10, 10, 0]);
  const u = tensor([1, 2, 3], { requiresGrad: true });
  const v = tensor([2], { requiresGrad: true });
  u.minimum(v).sum().backward();
  assert.equal(gradOf(u), [1, 0.5, 0]);
  assert.equal(gradOf(v), [1.5]);
});

test.run();
