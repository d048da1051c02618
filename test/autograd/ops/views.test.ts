import { test } from "uvu";
import * as assert from "uvu/assert";
import { arange, grad, ones, tensor } from "../../../src/index.js";
import { allClose, gradOf } from "../../helpers/assert.js";

test("gradients flow through transpose, expand, narrow and slice to the right elements", () => {
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

  const s = arange(6).reshape(2, 3).requiresGrad_();
  s.slice(1, 0, 3, 2).mul(ones(2, 2).mul(7)).sum().backward();
  assert.equal(gradOf(s), [7, 0, 7, 7, 0, 7]);
});

test.run();
