import { test } from "uvu";
import * as assert from "uvu/assert";
import "../../src/autograd/methods.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { fromArray, randn, tensor } from "../../src/tensor/creation.js";
import { Generator } from "../../src/tensor/random.js";
import { grad } from "../../src/autograd/backward.js";
import { noGrad } from "../../src/autograd/grad-mode.js";
import { gradcheck, gradgradcheck } from "../../src/autograd/gradcheck.js";
import { tapeStats } from "../../src/autograd/node.js";
import { CrossEntropyLoss, type Reduction } from "../../src/nn/index.js";
import { crossEntropy } from "../../src/nn/functional.js";
import { allClose, throwsError } from "../helpers/assert.js";
import { reduceByHand } from "./by-hand.js";

const REDUCTIONS = ["none", "mean", "sum"] as const;

/** Rows of a 2-D tensor as float64 arrays. */
function rowsOf(t: Tensor): number[][] {
  const [n, c] = t.shape as [number, number];
  const v = t.toFloat32Array();
  return Array.from({ length: n }, (_, i) => Array.from(v.subarray(i * c, (i + 1) * c)));
}

/** log Σⱼ exp(oⱼ) written out with the max shift, in float64. */
function logSumExpByHand(row: number[]): number {
  let m = -Infinity;
  for (const v of row) m = Math.max(m, v);
  let s = 0;
  for (const v of row) s += Math.exp(v - m);
  return m + Math.log(s);
}

function lossesByHand(logits: number[][], labels: number[]): number[] {
  return logits.map((row, i) => logSumExpByHand(row) - row[labels[i]!]!);
}

function softmaxByHand(row: number[]): number[] {
  const l = logSumExpByHand(row);
  return row.map((v) => Math.exp(v - l));
}

function randomCase(seed: number, n = 5, c = 4): { logits: Tensor; labels: Tensor; ys: number[] } {
  const g = new Generator(seed);
  const logits = randn([n, c], { generator: g }).mul(3).requiresGrad_();
  const ys = Array.from({ length: n }, () => g.randint(0, c));
  return { logits, labels: fromArray(ys, [n], { dtype: "int32" }), ys };
}

test("the book's example: log-probabilities as logits give −log of the picked probabilities", () => {
  const yHat = [[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]];
  const logits = tensor(yHat.map((row) => row.map(Math.log)));
  const loss = crossEntropy(logits, tensor([0, 2]), { reduction: "none" });
  allClose(loss, [-Math.log(0.1), -Math.log(0.5)]);
  allClose(loss, [2.3026, 0.6931], { atol: 1e-4 });
  allClose(crossEntropy(logits, tensor([0, 2])), [(-Math.log(0.1) - Math.log(0.5)) / 2]);
});

for (const reduction of REDUCTIONS) {
  test(`values and the fused gradient softmax(o) − onehot(y), reduction "${reduction}"`, () => {
    const { logits, labels, ys } = randomCase(11);
    const rows = rowsOf(logits);
    const loss = crossEntropy(logits, labels, { reduction });
    assert.is(loss.gradFn, "CrossEntropyBackward");
    assert.equal(loss.shape, reduction === "none" ? [5] : []);
    allClose(loss, reduceByHand(lossesByHand(rows, ys), reduction));
    // An upstream gradient that differs per row checks the scaling by the incoming grad.
    const upstream = reduction === "none" ? [0.5, -1, 2, 0, 1.5] : [1.5];
    loss.backward(fromArray(upstream, loss.shape));
    const expected = rows.flatMap((row, i) => {
      const w = (reduction === "none" ? upstream[i]! : upstream[0]!) * (reduction === "mean" ? 1 / 5 : 1);
      return softmaxByHand(row).map((p, j) => (p - (j === ys[i] ? 1 : 0)) * w);
    });
    allClose(logits.grad!, expected);
    allClose(new CrossEntropyLoss({ reduction }).forward(logits, labels), loss.toFloat32Array(), { atol: 0, rtol: 0 });
  });
}

test("logits of ±1000 give a finite loss and gradient", () => {
  const logits = tensor([[1000, -1000, 0], [-1000, 1000, 999]], { requiresGrad: true });
  const loss = crossEntropy(logits, tensor([1, 2]), { reduction: "none" });
  allClose(loss, [2000, 1 + Math.log(1 + Math.exp(-1))]);
  loss.sum().backward();
  const g = logits.grad!.toFloat32Array();
  assert.ok(g.every(Number.isFinite), `gradient ${g}`);
  const p = softmaxByHand([-1000, 1000, 999]);
  allClose(g, [1, -1, 0, p[0]!, p[1]!, p[2]! - 1]);
});

test("one node on the tape forward, none during a plain backward", () => {
  const { logits, labels } = randomCase(12);
  const before = tapeStats.recorded;
  const loss = crossEntropy(logits, labels);
  assert.is(tapeStats.recorded - before, 1, "a single recorded op (no exp/log/gather nodes)");
  loss.backward();
  assert.is(tapeStats.recorded - before, 1, "the fused backward records nothing");
});

for (const reduction of REDUCTIONS) {
  test(`gradcheck through the fused op, reduction "${reduction}"`, () => {
    const { logits, labels } = randomCase(13, 3, 4);
    // float64 with PyTorch's tolerances, first and second order (the createGraph path of the custom op).
    const logits64 = logits.detach().double().requiresGrad_();
    assert.ok(gradcheck((o) => crossEntropy(o, labels, { reduction }), [logits64]));
    assert.ok(gradgradcheck((o) => crossEntropy(o, labels, { reduction }), [logits64]));
  });
}

test("labels: int32 (and uint8), whole-number floats give the same loss; bool labels and integer logits are errors", () => {
  const { logits, ys } = randomCase(17, 4, 3);
  const expected = crossEntropy(logits, tensor(ys, { dtype: "int32" })).item();
  assert.is(crossEntropy(logits, tensor(ys)).item(), expected);
  assert.is(crossEntropy(logits, tensor(ys, { dtype: "uint8" })).item(), expected);
  assert.is(crossEntropy(logits.double(), tensor(ys, { dtype: "int32" })).dtype, "float64");
  throwsError(() => crossEntropy(logits, tensor([true, false, true, true])), "crossEntropy:", "bool");
  throwsError(() => crossEntropy(tensor([[1, 2]], { dtype: "int32" }), tensor([0], { dtype: "int32" })), "crossEntropy:", "int32");
});

test("double backward (createGraph): Hessian-vector product (diag(p) − ppᵀ)·v / N", () => {
  const { logits, labels } = randomCase(14, 3, 4);
  const [g1] = grad([crossEntropy(logits, labels)], [logits], { createGraph: true });
  assert.ok(g1!.requiresGrad, "the gradient is differentiable");
  const v = randn([3, 4], { generator: new Generator(15) });
  const [hv] = grad([g1!.mul(v).sum()], [logits]);
  const vs = rowsOf(v);
  const expected = rowsOf(logits).flatMap((row, i) => {
    const p = softmaxByHand(row);
    const pv = p.reduce((s, pj, j) => s + pj * vs[i]![j]!, 0);
    return p.map((pk, k) => (pk * vs[i]![k]! - pk * pv) / 3);
  });
  allClose(hv!, expected);
});

test("a transposed (non-contiguous) logits view gives the same loss and gradient", () => {
  const { logits, labels } = randomCase(16);
  const base = logits.detach().T.contiguous().requiresGrad_();
  const view = base.T;
  assert.ok(!view.isContiguous());
  const loss = crossEntropy(view, labels, { reduction: "sum" });
  allClose(loss, crossEntropy(logits, labels, { reduction: "sum" }).toFloat32Array());
  loss.backward();
  crossEntropy(logits, labels, { reduction: "sum" }).backward();
  allClose(base.grad!.T, logits.grad!.toFloat32Array());
});

test("unbatched logits [C] with a 0-d label; no grad needed under noGrad", () => {
  const logits = tensor([1, 2, 3]);
  allClose(crossEntropy(logits, tensor(2)), [logSumExpByHand([1, 2, 3]) - 3]);
  assert.equal(crossEntropy(logits, tensor(2), { reduction: "none" }).shape, []);
  const { logits: o, labels, ys } = randomCase(17);
  const loss = noGrad(() => crossEntropy(o, labels, { reduction: "none" }));
  assert.is(loss.requiresGrad, false);
  allClose(loss, lossesByHand(rowsOf(o), ys));
});

test("errors: out-of-range and fractional labels, batch mismatch, wrong ranks, bad reduction", () => {
  const logits = new Tensor(new Float32Array(40), [4, 10]);
  throwsError(() => crossEntropy(logits, tensor([0, 1, 2, 12])), "crossEntropy: label 12 at position 3 is out of range for 10 classes");
  throwsError(() => crossEntropy(logits, tensor([0, -1, 2, 3])), "crossEntropy: label -1 at position 1 is out of range for 10 classes");
  throwsError(() => crossEntropy(logits, tensor([0, 1.5, 2, 3])), "crossEntropy: label 1.5 at position 1 is not a whole number");
  throwsError(() => crossEntropy(logits, tensor([0, 1, 2])), "crossEntropy: logits have batch size 4 but labels have 3 entries");
  throwsError(() => crossEntropy(logits, tensor([[0], [1], [2], [3]])), "crossEntropy: labels must be a 1-D tensor of class indices [N], got shape [4, 1]");
  throwsError(() => crossEntropy(new Tensor(new Float32Array(8), [2, 2, 2]), tensor([0, 1])), "crossEntropy: logits must be [N, C] (or [C]), got shape [2, 2, 2]");
  throwsError(() => crossEntropy(logits, tensor([0, 1, 2, 3]), { reduction: "avg" as Reduction }), "crossEntropy: reduction must be");
});

test("errors on 1-D logits name the user's shapes, not the reshaped [1, C]", () => {
  throwsError(() => crossEntropy(tensor([1, 2, 3]), tensor([0, 1])), "crossEntropy: 1-D logits [3] are one example", "got shape [2]");
  const message = throwsError(() => crossEntropy(tensor([1, 2, 3]), tensor(5)), "crossEntropy: label 5 at position 0 is out of range for 3 classes");
  assert.not.ok(message.includes("[1, 3]"), "no reshaped shape in the message");
  // PyTorch: F.cross_entropy(torch.zeros(3), torch.tensor(2)) = log 3, a 0-d tensor.
  const loss = crossEntropy(tensor([0, 0, 0]), tensor(2));
  assert.equal([...loss.shape], []);
  assert.ok(Math.abs(loss.item() - Math.log(3)) < 1e-6);
});

test.run();
