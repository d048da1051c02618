import { test } from "uvu";
import * as assert from "uvu/assert";
import { arange, grad, ones, tensor } from "../../src/index.js";
import { allClose, gradOf } from "../helpers/assert.js";

test("micrograd's README expression: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773", () => {
  const a = tensor(-4, { requiresGrad: true });
  const b = tensor(2, { requiresGrad: true });
  let c = a.add(b);
  let d = a.mul(b).add(b.pow(3));
  c = c.add(c.add(1));
  c = c.add(c.add(1).add(a.neg()));
  d = d.add(d.mul(2).add(b.add(a).relu()));
  d = d.add(d.mul(3).add(b.sub(a).relu()));
  const e = c.sub(d);
  const f = e.pow(2);
  let g = f.div(2);
  g = g.add(tensor(10).div(f));
  g.backward();
  // Published values (micrograd README, computed in float64); float32 leaves ~1e-6 relative error.
  allClose([g.item()], [24.7041], { atol: 1e-4, rtol: 0 });
  allClose(gradOf(a), [138.8338], { atol: 0, rtol: 1e-5 });
  allClose(gradOf(b), [645.5773], { atol: 0, rtol: 1e-5 });
});

test("second derivative through grad(..., { createGraph: true }): d²/dx² x³ = 6x", () => {
  const xs = [-2, -0.5, 0, 1, 3];
  const x = tensor(xs, { requiresGrad: true });
  const [dy] = grad([x.pow(3).sum()], [x], { createGraph: true });
  allClose(dy!, xs.map((v) => 3 * v * v), { atol: 1e-5 });
  assert.ok(dy!.requiresGrad, "the first derivative is itself differentiable");
  const [d2y] = grad([dy!.sum()], [x]);
  allClose(d2y!, xs.map((v) => 6 * v), { atol: 1e-5 });
  // The same through backward() on a fresh first derivative (the grad() above freed that graph, as in PyTorch).
  const [dyAgain] = grad([x.pow(3).sum()], [x], { createGraph: true });
  dyAgain!.sum().backward();
  allClose(gradOf(x), xs.map((v) => 6 * v), { atol: 1e-5 });
});

test("third derivative of x⁴ and second of eˣ, by nesting grad", () => {
  const x = tensor([0.5, 2], { requiresGrad: true });
  const [d1] = grad([x.pow(4).sum()], [x], { createGraph: true });
  const [d2] = grad([d1!.sum()], [x], { createGraph: true });
  const [d3] = grad([d2!.sum()], [x]);
  allClose(d3!, [24 * 0.5, 24 * 2], { atol: 1e-4 });
  const [e1] = grad([x.exp().sum()], [x], { createGraph: true });
  const [e2] = grad([e1!.sum()], [x]);
  allClose(e2!, [Math.exp(0.5), Math.exp(2)], { rtol: 1e-6 });
});

test("a reused non-leaf: b = a + a; c = b·b gives dc/da = 8a", () => {
  const values = [-1.5, 0, 2];
  const a = tensor(values, { requiresGrad: true });
  const b = a.add(a);
  const c = b.mul(b);
  c.sum().backward();
  allClose(gradOf(a), values.map((v) => 8 * v), { atol: 0 });
});

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

test("broadcast gradients are summed back to each input's shape: [3, 1] + [4], [2, 1, 3] · [4, 1], scalars", () => {
  const a = tensor([[1], [2], [3]], { requiresGrad: true });
  const b = tensor([10, 20, 30, 40], { requiresGrad: true });
  a.add(b).sum().backward();
  assert.equal(gradOf(a), [4, 4, 4]);
  assert.equal(gradOf(b), [3, 3, 3, 3]);

  // d/dp Σ w·(p·q) for p [2, 1, 3], q [4, 1] (out [2, 4, 3]): dp[i,0,k] = Σ_j w[i,j,k]·q[j], dq[j,0] = Σ_{i,k} w[i,j,k]·p[i,k].
  const pv = [1, 2, 3, 4, 5, 6];
  const qv = [1, -1, 2, 0.5];
  const w = arange(24).reshape(2, 4, 3);
  const wv = [...w.toFloat32Array()];
  const dp = new Array<number>(6).fill(0);
  const dq = new Array<number>(4).fill(0);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 4; j++) {
      for (let k = 0; k < 3; k++) {
        const wijk = wv[i * 12 + j * 3 + k]!;
        dp[i * 3 + k]! += wijk * qv[j]!;
        dq[j]! += wijk * pv[i * 3 + k]!;
      }
    }
  }
  const p = tensor([[[1, 2, 3]], [[4, 5, 6]]], { requiresGrad: true });
  const q = tensor([[1], [-1], [2], [0.5]], { requiresGrad: true });
  p.mul(q).mul(w).sum().backward();
  assert.equal(gradOf(p), dp);
  assert.equal(gradOf(q), dq);

  const s = tensor(2, { requiresGrad: true });
  const m = tensor([[1, 2], [3, 4]], { requiresGrad: true });
  s.mul(m).sum().backward();
  assert.equal(gradOf(s), [10]);
  assert.equal(gradOf(m), [2, 2, 2, 2]);
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

test("gradients flow through transpose, expand, narrow, gather and indexSelect to the right elements", () => {
  const w = tensor([[1, 2, 3], [4, 5, 6]]);
  const x = tensor([[1, 2], [3, 4], [5, 6]], { requiresGrad: true });
  x.T.mul(w).sum().backward();
  assert.equal(gradOf(x), [1, 4, 2, 5, 3, 6]);

  const e = tensor([[1], [2]], { requiresGrad: true });
  e.expand(2, 3).mul(w).sum().backward();
  assert.equal(gradOf(e), [6, 15]);

  const n = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
  n.narrow(1, 1, 2).mul(tensor([[10, 20], [30, 40]])).sum().backward();
  assert.equal(gradOf(n), [0, 10, 20, 0, 30, 40]);

  const gsrc = tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]], { requiresGrad: true });
  gsrc.gather(1, tensor([[0, 0], [2, 1]])).sum().backward();
  assert.equal(gradOf(gsrc), [2, 0, 0, 0, 1, 1]);

  const rows = tensor([[1, 2], [3, 4], [5, 6]], { requiresGrad: true });
  rows.indexSelect(0, tensor([2, 0, 2])).sum().backward();
  assert.equal(gradOf(rows), [1, 1, 0, 0, 2, 2]);

  const s = arange(6).reshape(2, 3).requiresGrad_();
  s.slice(1, 0, 3, 2).mul(ones(2, 2).mul(7)).sum().backward();
  assert.equal(gradOf(s), [7, 0, 7, 7, 0, 7]);
});

test("reductions by hand: max splits ties evenly, mean divides by the count, softmax's Jacobian", () => {
  const m = tensor([[1, 3, 3], [2, 0, 1]], { requiresGrad: true });
  m.max(1).sum().backward();
  assert.equal(gradOf(m), [0, 0.5, 0.5, 1, 0, 0]);
  const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
  a.mean(0).sum().backward();
  assert.equal(gradOf(a), [0.5, 0.5, 0.5, 0.5]);
  // d softmax_i / d x_j = s_i (δ_ij − s_j); with upstream weights v the input gradient is s ⊙ (v − s·v).
  const xs = [0.2, -1, 0.7];
  const v = [1, 2, -1];
  const x = tensor(xs, { requiresGrad: true });
  x.softmax(0).mul(tensor(v)).sum().backward();
  const z = xs.reduce((p, t) => p + Math.exp(t), 0);
  const s = xs.map((t) => Math.exp(t) / z);
  const sv = s.reduce((p, si, i) => p + si * v[i]!, 0);
  allClose(gradOf(x), s.map((si, i) => si * (v[i]! - sv)), { atol: 1e-7 });
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
