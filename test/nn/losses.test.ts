import { test } from "uvu";
import * as assert from "uvu/assert";
import "../../src/autograd/methods.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { fromArray } from "../../src/tensor/creation.js";
import { MSELoss, HuberLoss, type Reduction } from "../../src/nn/index.js";
import { mseLoss, huberLoss } from "../../src/nn/functional.js";
import { allClose, throwsError } from "../helpers/assert.js";
import { reduceByHand } from "./by-hand.js";

const input = [0.5, -1.25, 3, 2, -0.1, 0.7];
const target = [1, 1, -1, 2, 0.3, -2.5];
const diffs = input.map((v, i) => v - target[i]!);

function leaves(): [Tensor, Tensor] {
  return [fromArray(input, [2, 3], { requiresGrad: true }), fromArray(target, [2, 3])];
}

for (const reduction of ["none", "mean", "sum"] as const) {
  test(`mseLoss (${reduction}): (x − y)², gradient 2(x − y) scaled by the reduction`, () => {
    const [x, y] = leaves();
    const loss = mseLoss(x, y, { reduction });
    allClose(loss, reduceByHand(diffs.map((d) => d * d), reduction));
    assert.equal(loss.shape, reduction === "none" ? [2, 3] : []);
    loss.sum().backward();
    const scale = reduction === "mean" ? 1 / 6 : 1;
    allClose(x.grad!, diffs.map((d) => 2 * d * scale));
    allClose(new MSELoss({ reduction }).forward(x, y), loss.toFloat32Array(), { atol: 0, rtol: 0 });
  });
}

test("huberLoss with delta 1: ½d² below, |d| − ½ above; gradient d below, ±1 above", () => {
  const [x, y] = leaves();
  const loss = huberLoss(x, y, { reduction: "none" });
  const expected = diffs.map((d) => (Math.abs(d) < 1 ? 0.5 * d * d : Math.abs(d) - 0.5));
  allClose(loss, expected);
  loss.sum().backward();
  allClose(x.grad!, diffs.map((d) => (Math.abs(d) < 1 ? d : Math.sign(d))));
  assert.ok(diffs.some((d) => Math.abs(d) < 1) && diffs.some((d) => Math.abs(d) > 1), "both branches covered");
});

test("HuberLoss with delta 2 and mean reduction: δ(|d| − ½δ) above δ, gradient ±δ/N", () => {
  const [x, y] = leaves();
  const delta = 2;
  const loss = new HuberLoss({ delta }).forward(x, y);
  const per = diffs.map((d) => (Math.abs(d) < delta ? 0.5 * d * d : delta * (Math.abs(d) - 0.5 * delta)));
  allClose(loss, [per.reduce((s, v) => s + v, 0) / 6]);
  loss.backward();
  allClose(x.grad!, diffs.map((d) => (Math.abs(d) < delta ? d : delta * Math.sign(d)) / 6));
  const atDelta = huberLoss(fromArray([2], [1]), fromArray([0], [1]), { delta, reduction: "sum" });
  allClose(atDelta, [2], {}, "the two branches meet at |d| = delta");
});

test("loss errors: mismatched shapes, unknown reduction, non-positive delta", () => {
  throwsError(() => mseLoss(fromArray([1, 2], [2, 1]), fromArray([1, 2], [2])), "mseLoss: input shape [2, 1] and target shape [2] differ");
  throwsError(() => mseLoss(fromArray([1], [1]), fromArray([1], [1]), { reduction: "avg" as Reduction }), 'mseLoss: reduction must be "none", "mean" or "sum", got "avg"');
  throwsError(() => new MSELoss({ reduction: "max" as Reduction }), 'MSELoss: reduction must be "none", "mean" or "sum"');
  throwsError(() => new HuberLoss({ delta: 0 }), "HuberLoss: delta must be positive, got 0");
  throwsError(() => huberLoss(fromArray([1], [1]), fromArray([1], [1]), { delta: -1 }), "huberLoss: delta must be positive, got -1");
});

test.run();
