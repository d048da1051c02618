import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  Generator, arange, eye, fromArray, full, fullLike, linspace, manualSeed, normal, ones, onesLike, rand, randint, randn,
  tensor, zeros, zerosLike,
} from "../../src/index.js";
import { allClose, assertTensor, throwsError } from "../helpers/assert.js";

test("tensor: nested arrays, numbers and booleans; float32 values", () => {
  assertTensor(tensor([[1, 2, 3], [4, 5, 6]]), [2, 3], [1, 2, 3, 4, 5, 6]);
  assertTensor(tensor([[[1], [2]]]), [1, 2, 1], [1, 2]);
  assertTensor(tensor(3.5), [], [3.5]);
  assertTensor(tensor([]), [0], []);
  assertTensor(tensor([true, false] as unknown as number[]), [2], [1, 0]);
  assert.is(tensor([0.1]).item(), Math.fround(0.1));
  const t = tensor([1, 2]);
  assert.is(t.requiresGrad, false);
  assert.ok(t.isContiguous());
});

test("tensor: ragged nested arrays are an Error naming tensor and the depth", () => {
  throwsError(() => tensor([[1, 2], [3]]), "tensor: ragged nested array", "length 1 at index [1]", "expected 2");
  throwsError(() => tensor([1, [2]]), "tensor: ragged");
  throwsError(() => tensor([[1], 2]), "tensor: ragged");
});

test("fromArray: from numbers or a Float32Array (shared, not copied); size mismatch names both", () => {
  assertTensor(fromArray([1, 2, 3, 4, 5, 6], [2, 3]), [2, 3], [1, 2, 3, 4, 5, 6]);
  assertTensor(fromArray([7, 8]), [2], [7, 8]);
  const data = new Float32Array([1, 2, 3, 4]);
  const t = fromArray(data, [2, 2]);
  assert.ok(t.storage === data);
  throwsError(() => fromArray([1, 2, 3], [2, 2]), "fromArray:", "3 values", "[2, 2]", "4 elements");
  throwsError(() => fromArray([1, 2], [-2]), "fromArray:", "[-2]");
});

test("zeros/ones accept zeros(2, 3) and zeros([2, 3]); full, *Like; scalars with no shape", () => {
  for (const z of [zeros(2, 3), zeros([2, 3])]) assertTensor(z, [2, 3], [0, 0, 0, 0, 0, 0]);
  for (const o of [ones(3, 1), ones([3, 1])]) assertTensor(o, [3, 1], [1, 1, 1]);
  assertTensor(zeros(), [], [0]);
  assertTensor(zeros([0, 2]), [0, 2], []);
  assertTensor(full([2, 2], 7), [2, 2], [7, 7, 7, 7]);
  const x = tensor([[1, 2, 3]]);
  assertTensor(zerosLike(x), [1, 3], [0, 0, 0]);
  assertTensor(onesLike(x), [1, 3], [1, 1, 1]);
  assertTensor(fullLike(x, -2), [1, 3], [-2, -2, -2]);
  throwsError(() => zeros(2, -1), "zeros:", "[2, -1]");
  throwsError(() => ones([1.5]), "ones:", "[1.5]");
});

test("arange: integer and fractional steps, negative steps, and errors", () => {
  assertTensor(arange(5), [5], [0, 1, 2, 3, 4]);
  assertTensor(arange(2, 5), [3], [2, 3, 4]);
  assertTensor(arange(1, 2, 0.25), [4], [1, 1.25, 1.5, 1.75]);
  assertTensor(arange(5, 0, -2), [3], [5, 3, 1]);
  assertTensor(arange(3, 3), [0], []);
  // ceil((0.3 - 0) / 0.1) = 3 elements, as torch.arange(0, 0.3, 0.1) gives.
  allClose(arange(0, 0.3, 0.1), [0, 0.1, 0.2], { atol: 1e-7 });
  assert.is(arange(0, 1, 0.1).numel(), 10);
  throwsError(() => arange(0, 5, 0), "arange: step", "got 0");
  throwsError(() => arange(5, 0, 1), "arange:", "start 5", "end 0", "step 1");
  throwsError(() => arange(0, 1, Infinity), "arange:", "Infinity");
});

test("linspace includes both ends; eye(n) and eye(n, m)", () => {
  assertTensor(linspace(0, 1, 5), [5], [0, 0.25, 0.5, 0.75, 1]);
  assertTensor(linspace(-1, 1, 1), [1], [-1]);
  assertTensor(linspace(0, 1, 0), [0], []);
  allClose(linspace(0, 1, 7), Array.from({ length: 7 }, (_, i) => i / 6), { atol: 1e-7 });
  assert.is(linspace(0.1, 0.7, 3).toFloat32Array()[2], Math.fround(0.7));
  throwsError(() => linspace(0, 1, -1), "linspace:", "-1");
  assertTensor(eye(3), [3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  assertTensor(eye(2, 3), [2, 3], [1, 0, 0, 0, 1, 0]);
  assertTensor(eye(2, { requiresGrad: true }), [2, 2], [1, 0, 0, 1]);
  assertTensor(arange(3, { requiresGrad: true }), [3], [0, 1, 2]);
  assertTensor(arange(1, 3, { requiresGrad: true }), [2], [1, 2]);
});

test("randn/rand/normal/randint repeat under manualSeed and with a Generator, and stay in range", () => {
  manualSeed(123);
  const a = [randn(4, 5), rand([3]), normal(2, 0.5, [6]), randint(0, 10, [50])].map((t) => [...t.toFloat32Array()]);
  manualSeed(123);
  const b = [randn([4, 5]), rand(3), normal(2, 0.5, [6]), randint(0, 10, [50])].map((t) => [...t.toFloat32Array()]);
  assert.equal(a, b);
  assert.not.equal(a[0], [...randn(4, 5).toFloat32Array()], "the global generator moved on");

  const g1 = new Generator(7);
  const g2 = new Generator(7);
  assert.equal([...randn([8], { generator: g1 }).toFloat32Array()], [...randn([8], { generator: g2 }).toFloat32Array()]);
  manualSeed(0);
  const before = [...randn(3).toFloat32Array()];
  manualSeed(0);
  randn([5], { generator: new Generator(1) });
  assert.equal([...randn(3).toFloat32Array()], before, "a private Generator leaves the global one alone");

  const u = rand([1000], { generator: new Generator(3) }).toFloat32Array();
  assert.ok(u.every((x) => x >= 0 && x < 1));
  const k = randint(-3, 4, [1000], { generator: new Generator(3) }).toFloat32Array();
  assert.ok(k.every((x) => Number.isInteger(x) && x >= -3 && x < 4));
  assert.equal(new Set(k).size, 7, "every value in [-3, 4) appears in 1000 draws");
  // Loose sanity bounds on 10,000 normal samples: mean 2 ± 0.05, std 0.5 ± 0.03.
  const n = normal(2, 0.5, [10000], { generator: new Generator(9) }).toFloat32Array();
  const mean = n.reduce((p, x) => p + x, 0) / n.length;
  const std = Math.sqrt(n.reduce((p, x) => p + (x - mean) ** 2, 0) / n.length);
  assert.ok(Math.abs(mean - 2) < 0.05 && Math.abs(std - 0.5) < 0.03, `mean ${mean}, std ${std}`);
  throwsError(() => normal(0, -1, [2]), "normal:", "-1");
});

test("every creation function takes { requiresGrad } last", () => {
  const made = [
    tensor([1, 2], { requiresGrad: true }),
    fromArray([1, 2], [2], { requiresGrad: true }),
    zeros(2, 3, { requiresGrad: true }),
    zeros([2, 3], { requiresGrad: true }),
    ones(2, { requiresGrad: true }),
    full([2], 1, { requiresGrad: true }),
    zerosLike(ones(2), { requiresGrad: true }),
    onesLike(ones(2), { requiresGrad: true }),
    fullLike(ones(2), 3, { requiresGrad: true }),
    arange(0, 3, 1, { requiresGrad: true }),
    arange(3, { requiresGrad: true }),
    arange(1, 3, { requiresGrad: true }),
    eye(2, { requiresGrad: true }),
    linspace(0, 1, 3, { requiresGrad: true }),
    eye(2, 2, { requiresGrad: true }),
    randn([3, 2], { requiresGrad: true }),
    randn(3, 2, { requiresGrad: true }),
    rand([2], { requiresGrad: true }),
    normal(0, 1, [2], { requiresGrad: true }),
  ];
  made.forEach((t, i) => {
    assert.is(t.requiresGrad, true, `creation ${i}`);
    assert.is(t.isLeaf, true);
    assert.is(t.grad, null);
  });
  assert.is(zeros(2, 3).requiresGrad, false);
});

test.run();
