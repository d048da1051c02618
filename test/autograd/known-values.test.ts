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

test.run();
