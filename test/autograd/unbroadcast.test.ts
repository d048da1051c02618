import { test } from "uvu";
import * as assert from "uvu/assert";
import { arange, grad, ones, tensor } from "../../src/index.js";
import { allClose, gradOf } from "../helpers/assert.js";

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

test.run();
