import { test } from "uvu";
import * as assert from "uvu/assert";
import "../../src/autograd/methods.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { fromArray, randn } from "../../src/tensor/creation.js";
import { Generator, manualSeed } from "../../src/tensor/random.js";
import { Linear, Parameter } from "../../src/nn/index.js";
import { linear } from "../../src/nn/functional.js";
import { allClose, throwsError } from "../helpers/assert.js";
import { assertFillsInterval, statsOf } from "./by-hand.js";

/** y[r, o] = Σᵢ x[r, i]·W[o, i] + b[o], in float64 over row-major arrays. */
function affineByHand(x: ArrayLike<number>, rows: number, w: ArrayLike<number>, b: ArrayLike<number> | null, outF: number, inF: number): number[] {
  const y: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outF; o++) {
      let s = b === null ? 0 : b[o]!;
      for (let i = 0; i < inF; i++) s += x[r * inF + i]! * w[o * inF + i]!;
      y.push(s);
    }
  }
  return y;
}

test("shapes, and PyTorch's default init: W and b uniform in ±1/√in", () => {
  manualSeed(0);
  const layer = new Linear(784, 10);
  assert.equal(layer.weight.shape, [10, 784]);
  assert.equal(layer.bias!.shape, [10]);
  const bound = 1 / Math.sqrt(784);
  const w = layer.weight.toFloat32Array();
  assertFillsInterval(layer.weight, bound, "weight");
  const { mean } = statsOf(layer.weight);
  assert.ok(Math.abs(mean) < 0.05 * bound, `mean ${mean} near 0`);
  assert.ok(layer.bias!.toFloat32Array().every((v) => Math.abs(v) <= bound));
  manualSeed(0);
  assert.equal(new Linear(784, 10).weight.toFloat32Array(), w, "the global seed makes init repeatable");
  assert.is(new Linear(3, 2, { bias: false }).bias, null);
  assert.is(new Linear(3, 2).extraRepr(), "in_features=3, out_features=2, bias=True");
});

test("forward of a 2-D batch equals x·Wᵀ + b computed by hand", () => {
  const g = new Generator(7);
  const layer = new Linear(5, 3);
  const x = randn([4, 5], { generator: g });
  const y = layer.forward(x);
  assert.equal(y.shape, [4, 3]);
  allClose(y, affineByHand(x.toFloat32Array(), 4, layer.weight.toFloat32Array(), layer.bias!.toFloat32Array(), 3, 5));
  const noBias = new Linear(5, 3, { bias: false });
  allClose(noBias.forward(x), affineByHand(x.toFloat32Array(), 4, noBias.weight.toFloat32Array(), null, 3, 5));
});

test("forward of 1-D and 3-D inputs, and of a transposed (non-contiguous) input", () => {
  const g = new Generator(8);
  const layer = new Linear(4, 2);
  const w = layer.weight.toFloat32Array();
  const b = layer.bias!.toFloat32Array();
  const v = randn([4], { generator: g });
  const yv = layer.forward(v);
  assert.equal(yv.shape, [2]);
  allClose(yv, affineByHand(v.toFloat32Array(), 1, w, b, 2, 4));
  const batch = randn([2, 3, 4], { generator: g });
  const yb = layer.forward(batch);
  assert.equal(yb.shape, [2, 3, 2]);
  allClose(yb, affineByHand(batch.toFloat32Array(), 6, w, b, 2, 4));
  const xt = randn([4, 6], { generator: g }).T;
  allClose(layer.forward(xt), affineByHand(xt.toFloat32Array(), 6, w, b, 2, 4));
});

test("gradients: dW = Gᵀx, db = Σ_rows G, dx = G·W", () => {
  const g = new Generator(9);
  const layer = new Linear(3, 2);
  const x = randn([4, 3], { generator: g, requiresGrad: true });
  const G = randn([4, 2], { generator: g });
  layer.forward(x).mul(G).sum().backward();
  const xs = x.toFloat32Array();
  const gs = G.toFloat32Array();
  const ws = layer.weight.toFloat32Array();
  const dW: number[] = [];
  for (let o = 0; o < 2; o++) for (let i = 0; i < 3; i++) dW.push([0, 1, 2, 3].reduce((s, r) => s + gs[r * 2 + o]! * xs[r * 3 + i]!, 0));
  const db = [0, 1].map((o) => [0, 1, 2, 3].reduce((s, r) => s + gs[r * 2 + o]!, 0));
  const dx: number[] = [];
  for (let r = 0; r < 4; r++) for (let i = 0; i < 3; i++) dx.push([0, 1].reduce((s, o) => s + gs[r * 2 + o]! * ws[o * 3 + i]!, 0));
  allClose(layer.weight.grad!, dW);
  allClose(layer.bias!.grad!, db);
  allClose(x.grad!, dx);
});

test("weight and bias are registered Parameters that can be replaced", () => {
  const layer = new Linear(2, 1);
  assert.ok(layer.weight instanceof Parameter && layer.bias instanceof Parameter);
  layer.weight = new Parameter(fromArray([2, -3.4], [1, 2]));
  assert.equal(layer.parameters(), [layer.weight, layer.bias!]);
  const y = layer.forward(fromArray([1, 1], [1, 2]));
  allClose(y, [2 - 3.4 + layer.bias!.item()]);
});

test("errors name the op and the shapes", () => {
  const layer = new Linear(3, 2);
  throwsError(() => layer.forward(new Tensor(new Float32Array(8), [2, 4])), "linear:", "[2, 4]", "3 features", "[2, 3]");
  throwsError(() => new Linear(2.5, 1), "Linear: expected inFeatures to be an integer, got 2.5");
  throwsError(() => new Linear(2, -1), "Linear: outFeatures must be a non-negative integer, got -1");
  throwsError(() => linear(fromArray([1, 2], [1, 2]), fromArray([1, 2], [2])), "linear: weight must be 2-D");
  throwsError(() => linear(fromArray([1, 2], [1, 2]), fromArray([1, 2], [1, 2]), fromArray([1, 2], [2])), "linear: bias shape [2] must be [1]");
});

test.run();
