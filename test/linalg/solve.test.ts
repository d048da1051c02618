import { test } from "uvu";
import * as assert from "uvu/assert";
import { Generator, linalg, noGrad, randn, tensor } from "../../src/index.js";
import { allClose, throwsError } from "../helpers/assert.js";

test("solve: a 2×2 system worked by hand, det 5: x = (1/5)[[3, −1], [−1, 2]]·[3, 5] = [0.8, 1.4]", () => {
  const x = linalg.solve(tensor([[2, 1], [1, 3]]), tensor([3, 5]));
  assert.equal(x.shape, [2]);
  allClose(x, [0.8, 1.4], { atol: 1e-6 });
});

test("solve: a zero first pivot needs a row swap; several right-hand sides at once", () => {
  allClose(linalg.solve(tensor([[0, 1], [1, 0]]), tensor([2, 3])), [3, 2], { atol: 0, rtol: 0 });
  // A = [[1, 2, 0], [0, 1, 1], [1, 0, 1]] (det 3) with columns of B made from X = [[1, 0], [2, 1], [−1, 3]].
  const A = tensor([[1, 2, 0], [0, 1, 1], [1, 0, 1]]);
  const B = tensor([[1 + 4, 0 + 2], [2 - 1, 1 + 3], [1 - 1, 0 + 3]]);
  const X = linalg.solve(A, B);
  assert.equal(X.shape, [3, 2]);
  allClose(X, [1, 0, 2, 1, -1, 3], { atol: 1e-6 });
});

test("solve: A · solve(A, b) = b for random well-conditioned systems", () => {
  const generator = new Generator(4);
  for (let trial = 0; trial < 5; trial++) {
    const n = 3 + trial;
    const A = randn([n, n], { generator }).add(tensor(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? n : 0)))));
    const b = randn([n, 2], { generator });
    allClose(A.matmul(linalg.solve(A, b)), b.toFloat32Array(), { atol: 1e-5 }, `n = ${n}`);
  }
});

test("inv: the hand-computed inverse of [[2, 1], [1, 3]] is (1/5)[[3, −1], [−1, 2]]", () => {
  allClose(linalg.inv(tensor([[2, 1], [1, 3]])), [0.6, -0.2, -0.2, 0.4], { atol: 1e-7 });
});

test("errors: singular matrices, shapes, and inputs that require grad", () => {
  throwsError(() => linalg.solve(tensor([[1, 2], [2, 4]]), tensor([1, 1])), "linalg.solve", "singular", "[2, 2]");
  throwsError(() => linalg.solve(tensor([[0, 0], [0, 0]]), tensor([1, 1])), "singular");
  throwsError(() => linalg.solve(tensor([[1, 2, 3]]), tensor([1])), "linalg.solve", "square", "[1, 3]");
  throwsError(() => linalg.solve(tensor([[1, 0], [0, 1]]), tensor([1, 2, 3])), "linalg.solve", "[2] or [2, k]", "[3]");
  throwsError(() => linalg.inv(tensor([1, 2])), "linalg.inv", "square");
  const w = tensor([[2, 0], [0, 2]], { requiresGrad: true });
  throwsError(() => linalg.solve(w, tensor([1, 1])), "linalg.solve", "not differentiable", "noGrad");
  allClose(noGrad(() => linalg.solve(w, tensor([1, 1]))), [0.5, 0.5], { atol: 0, rtol: 0 }, "fine under noGrad");
});

test.run();
