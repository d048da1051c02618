/** The book's data helpers, written in chapters 3.2, 3.3 and 3.5 and generated into d2l. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { manualSeed, tensor, type Tensor } from "../../src/index.js";
import { getFashionMnistLabels, loadArray, syntheticData } from "../../src/d2l/index.js";
import { throwsError } from "../helpers/assert.js";

function meanStd(values: ArrayLike<number>): [number, number] {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += (values[i]! - mean) ** 2;
  return [mean, Math.sqrt(sq / values.length)];
}

test("syntheticData: shapes, X ~ N(0, 1), y − (Xw + b) ~ N(0, 0.01²), the same seed the same data", () => {
  const n = 4000;
  manualSeed(1);
  const [X, y] = syntheticData(tensor([2, -3.4]), 4.2, n);
  assert.equal(X.shape, [n, 2]);
  assert.equal(y.shape, [n, 1]);
  const xs = X.toFloat32Array();
  const [mx, sx] = meanStd(xs);
  assert.ok(Math.abs(mx) < 0.05 && Math.abs(sx - 1) < 0.05, `X mean ${mx} std ${sx}`);
  // The noise, worked out in doubles from the features (float32 rounding of y is ~1e-6).
  const residual = Array.from(y.toFloat32Array(), (v, i) => v - (2 * xs[2 * i]! - 3.4 * xs[2 * i + 1]! + 4.2));
  const [mr, sr] = meanStd(residual);
  assert.ok(Math.abs(mr) < 0.001 && Math.abs(sr - 0.01) < 0.0007, `noise mean ${mr} std ${sr}`);
  manualSeed(1);
  assert.equal(syntheticData(tensor([2, -3.4]), 4.2, n)[1].toFloat32Array(), y.toFloat32Array());
});

const numbered = (n: number): [Tensor, Tensor] => [
  tensor(Array.from({ length: n }, (_, i) => [i, i, i])),
  tensor(Array.from({ length: n }, (_, i) => [i])),
];

test("loadArray: a DataLoader over the tensors, shuffled for training, in order otherwise", () => {
  const ids = (loader: Iterable<[Tensor, Tensor]>): number[] => [...loader].flatMap(([, y]) => Array.from(y.toFloat32Array()));
  const inOrder = loadArray(numbered(20), 5, false);
  assert.equal(ids(inOrder), Array.from({ length: 20 }, (_, i) => i));
  manualSeed(0);
  const train = loadArray(numbered(20), 5);
  assert.is(train.length, 4);
  const shuffled = ids(train);
  assert.is.not(shuffled.join(), ids(inOrder).join(), "shuffled");
  assert.equal([...shuffled].sort((a, b) => a - b), ids(inOrder), "every example once");
  const [X, y] = train[Symbol.iterator]().next().value!;
  assert.equal([X.shape, y.shape], [[5, 3], [5, 1]]);
});

test("getFashionMnistLabels: the book's names, from a tensor or numbers; a bad index is an error", () => {
  assert.equal(getFashionMnistLabels([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot"]);
  assert.equal(getFashionMnistLabels(tensor([9, 0])), ["ankle boot", "t-shirt"]);
  throwsError(() => getFashionMnistLabels([3, 10]), "getFashionMnistLabels", "10 is not a class index");
  throwsError(() => getFashionMnistLabels([1.5]), "getFashionMnistLabels", "1.5");
});

test.run();
