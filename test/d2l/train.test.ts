import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tensor, zeros, type Tensor } from "../../src/index.js";
import { sgd, trainCh3, trainEpochCh3 } from "../../src/d2l/index.js";
import { allClose, throwsError } from "../helpers/assert.js";
import { parseXml } from "../helpers/xml.js";
import { captureSink, withTempDir } from "./support.js";

/** Three well-separated 2-D clusters, deterministic: class c sits around centres[c]. */
const centres = [[3, 0], [-3, 2], [0, -3]] as const;
const offsets = [[0.2, 0.1], [-0.3, 0.2], [0.1, -0.4], [-0.1, -0.1]] as const;
const rows: number[][] = [];
const labels: number[] = [];
centres.forEach((c, k) => offsets.forEach((o) => { rows.push([c[0] + o[0], c[1] + o[1]]); labels.push(k); }));
const X = tensor(rows);
const y = tensor(labels);
const n = labels.length;

const crossEntropy = (yHat: Tensor, target: Tensor): Tensor => yHat.logSoftmax(1).gather(1, target.reshape(-1, 1)).reshape(-1).neg();

function linearNet(): { W: Tensor; b: Tensor; net: (inputs: Tensor) => Tensor } {
  const W = zeros([2, 3], { requiresGrad: true });
  const b = zeros(3, { requiresGrad: true });
  return { W, b, net: (inputs) => inputs.matmul(W).add(b) };
}

/** d/dW of the cross-entropy summed over rows start … start+count−1 at W = 0, b = 0, in doubles: Σ_i x_i (1/3 − onehot(y_i)). */
function sumGradientAtZero(start = 0, count = n): number[] {
  const grad = new Array<number>(6).fill(0);
  for (let i = start; i < start + count; i++) {
    for (let j = 0; j < 2; j++) for (let k = 0; k < 3; k++) grad[j * 3 + k]! += rows[i]![j]! * (1 / 3 - (labels[i] === k ? 1 : 0));
  }
  return grad;
}

test("updater function: l.sum().backward(), then updater(batch size); returns [mean loss, accuracy]", () => {
  const { W, net } = linearNet();
  const calls: number[] = [];
  let gradSeen: Float32Array | undefined;
  const [loss, acc] = trainEpochCh3(net, [[X, y]], crossEntropy, (batchSize) => {
    calls.push(batchSize);
    gradSeen = W.grad!.toFloat32Array();
  });
  assert.equal(calls, [n]);
  allClose(gradSeen!, sumGradientAtZero(), { atol: 1e-4 }, "grad of the summed loss");
  // At W = 0 every class scores the same: loss log 3, and argmax picks class 0 (a third of the labels).
  assert.ok(Math.abs(loss - Math.log(3)) < 1e-6, `loss ${loss}`);
  assert.ok(Math.abs(acc - 1 / 3) < 1e-12, `accuracy ${acc}`);
});

test("optimizer: zeroGrad, l.mean().backward(), step, once per batch", () => {
  const { W, net } = linearNet();
  const events: string[] = [];
  let gradSeen: Float32Array | undefined;
  const optimizer = {
    zeroGrad: () => events.push("zeroGrad"),
    step: () => {
      events.push("step");
      gradSeen ??= W.grad!.toFloat32Array();
      W.grad!.zero_(); // keep every batch's gradient separate for the check above
    },
  };
  const half = n / 2;
  const batches = [[X.narrow(0, 0, half), y.narrow(0, 0, half)], [X.narrow(0, half, half), y.narrow(0, half, half)]];
  const progress: string[] = [];
  trainEpochCh3(net, batches, crossEntropy, optimizer, (done, total) => progress.push(`${done}/${total}`));
  assert.equal(events, ["zeroGrad", "step", "zeroGrad", "step"]);
  assert.equal(progress, ["1/2", "2/2"], "an array's length counts its batches");
  // The first batch's mean gradient, from the same formula restricted to its rows.
  const firstRows = sumGradientAtZero(0, half).map((g) => g / half);
  allClose(gradSeen!, firstRows, { atol: 1e-5 }, "grad of the mean loss");
});

test("trainCh3 learns separable clusters, prints epoch lines and writes the curves", () => {
  const { W, b, net } = linearNet();
  withTempDir((dir) => {
    const figure = join(dir, "train.svg");
    const { sink, text } = captureSink();
    const result = trainCh3(net, [[X, y]], [[X, y]], crossEntropy, 5, (bs) => sgd([W, b], 0.5, bs), { figure, sink });
    assert.is(result.trainAcc, 1);
    assert.is(result.testAcc, 1);
    assert.ok(result.trainLoss < 0.5 && result.secondsPerEpoch >= 0);
    const lines = text().trim().split("\n");
    assert.is(lines.length, 5 + 2, "five epoch lines, the summary, the figure");
    assert.match(lines[0]!, /^epoch 1\/5  train loss \d\.\d{4}  train acc \d\.\d{3}  test acc \d\.\d{3}  \d+\.\d s$/);
    assert.match(lines[5]!, /^loss \d\.\d{3}, train acc 1\.000, test acc 1\.000, \d+\.\d\d s\/epoch$/);
    assert.ok(lines[6]!.startsWith("wrote ") && lines[6]!.endsWith("train.svg"));
    parseXml(readFileSync(figure, "utf8"));
  });
});

test("trainCh3's sanity checks throw when training fails, unless turned off", () => {
  const { net } = linearNet();
  const { sink } = captureSink();
  const frozen = (): void => {}; // never updates: loss stays log 3
  throwsError(() => trainCh3(net, [[X, y]], [[X, y]], crossEntropy, 1, frozen, { sink }), "trainCh3", "train loss 1.09");
  const result = trainCh3(net, [[X, y]], [[X, y]], crossEntropy, 1, frozen, { sink, sanityChecks: false });
  assert.ok(Math.abs(result.trainLoss - Math.log(3)) < 1e-6);
  throwsError(() => trainCh3(net, [[X, y]], [[X, y]], crossEntropy, 0, frozen, { sink }), "trainCh3", "numEpochs", "0");
});

test("batches must hold features and labels", () => {
  const { net } = linearNet();
  throwsError(() => trainEpochCh3(net, [[X]], crossEntropy, () => {}), "trainEpochCh3", "1 tensor(s)");
});

test.run();
