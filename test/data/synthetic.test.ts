import { test } from "uvu";
import * as assert from "uvu/assert";
import { syntheticData } from "../../src/data/synthetic.js";
import { Generator } from "../../src/tensor/random.js";
import { Tensor } from "../../src/tensor/tensor.js";

const trueW = new Tensor(Float32Array.of(2, -3.4), [2]);

function meanStd(values: ArrayLike<number>): [number, number] {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += (values[i]! - mean) ** 2;
  return [mean, Math.sqrt(sq / values.length)];
}

test("shapes, X ~ N(0, 1), and y - (Xw + b) ~ N(0, noise²)", () => {
  const n = 4000;
  const [X, y] = syntheticData(trueW, 4.2, n, { generator: new Generator(1), noise: 0.5 });
  assert.equal(X.shape, [n, 2]);
  assert.equal(y.shape, [n, 1]);
  const xs = X.toFloat32Array();
  const [mx, sx] = meanStd(xs);
  assert.ok(Math.abs(mx) < 0.05 && Math.abs(sx - 1) < 0.05, `X mean ${mx} std ${sx}`);
  const ys = y.toFloat32Array();
  const residual = Array.from(ys, (v, i) => v - (2 * xs[2 * i]! - 3.4 * xs[2 * i + 1]! + 4.2));
  const [mr, sr] = meanStd(residual);
  assert.ok(Math.abs(mr) < 0.05 && Math.abs(sr - 0.5) < 0.03, `noise mean ${mr} std ${sr}`);
});

test("noise 0 gives y = Xw + b up to float32 rounding; w as [d] or [d, 1] and the same seed agree", () => {
  const [X, y] = syntheticData(trueW, 4.2, 100, { generator: new Generator(3), noise: 0 });
  const xs = X.toFloat32Array();
  const w1 = Math.fround(-3.4); // w is stored in float32
  y.toFloat32Array().forEach((v, i) => assert.is(v, Math.fround(4.2 + 2 * xs[2 * i]! + w1 * xs[2 * i + 1]!)));
  const column = new Tensor(Float32Array.of(2, -3.4), [2, 1]);
  const [X2, y2] = syntheticData(column, 4.2, 100, { generator: new Generator(3), noise: 0 });
  assert.equal(X2.toFloat32Array(), xs);
  assert.equal(y2.toFloat32Array(), y.toFloat32Array());
});

test("bad arguments are errors naming syntheticData", () => {
  assert.throws(() => syntheticData(new Tensor(new Float32Array(4), [2, 2]), 0, 3), /syntheticData: w must be shaped \[d\] or \[d, 1\], found \[2, 2\]/);
  assert.throws(() => syntheticData(trueW, 0, 2.5), /syntheticData: expected numExamples to be an integer, got 2\.5/);
  assert.throws(() => syntheticData(trueW, 0, 3, { noise: -1 }), /syntheticData: noise must be a non-negative standard deviation, found -1/);
});

test.run();
