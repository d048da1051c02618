import { test } from "uvu";
import * as assert from "uvu/assert";
import { arange, grad, ones, tensor } from "../../../src/index.js";
import { allClose, gradOf } from "../../helpers/assert.js";

test("reductions by hand: amax splits ties evenly, mean divides by the count, softmax's Jacobian", () => {
  const m = tensor([[1, 3, 3], [2, 0, 1]], { requiresGrad: true });
  m.amax(1).sum().backward();
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

test.run();
