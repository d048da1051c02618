import { test } from "uvu";
import * as assert from "uvu/assert";
import { optim, tensor, zeros, type Tensor } from "../../src/index.js";
import { sgd, trainCh3, trainEpochCh3 } from "../../src/d2l/index.js";
import { allClose } from "../helpers/assert.js";
import { parseXml } from "../helpers/xml.js";
import { captureHost } from "./support.js";

/** Three well-separated 2-D clusters, deterministic: class c sits around centres[c]. */
const centres = [[3, 0], [-3, 2], [0, -3]] as const;
const offsets = [[0.2, 0.1], [-0.3, 0.2], [0.1, -0.4], [-0.1, -0.1]] as const;
const rows: number[][] = [];
const labels: number[] = [];
centres.forEach((c, k) => offsets.forEach((o) => { rows.push([c[0] + o[0], c[1] + o[1]]); labels.push(k); }));
const X = tensor(rows);
const y = tensor(labels);
const n = labels.length;
const all: [Tensor, Tensor][] = [[X, y]];

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

test("updater function: l.sum().backward(), then updater(batch size); returns [mean loss, accuracy]", async () => {
  const { W, net } = linearNet();
  const calls: number[] = [];
  let gradSeen: Float32Array | undefined;
  const [loss, acc] = trainEpochCh3(net, all, crossEntropy, (batchSize) => {
    calls.push(batchSize);
    gradSeen = W.grad!.toFloat32Array();
  });
  assert.equal(calls, [n]);
  allClose(gradSeen!, sumGradientAtZero(), { atol: 1e-4 }, "grad of the summed loss");
  // At W = 0 every class scores the same: loss log 3, and argmax picks class 0 (a third of the labels).
  assert.ok(Math.abs(loss - Math.log(3)) < 1e-6, `loss ${loss}`);
  assert.ok(Math.abs(acc - 1 / 3) < 1e-12, `accuracy ${acc}`);
});

test("optimizer: zeroGrad, l.mean().backward(), step, once per batch", async () => {
  const { W, net } = linearNet();
  const events: string[] = [];
  let gradSeen: Float32Array | undefined;
  /** An SGD with lr 0 that records its calls and the first gradient it sees. */
  class Recording extends optim.SGD {
    override zeroGrad(): void {
      events.push("zeroGrad");
      super.zeroGrad();
    }
    override step(closure?: () => Tensor): Tensor | undefined {
      events.push("step");
      gradSeen ??= W.grad!.toFloat32Array();
      return super.step(closure);
    }
  }
  const optimizer = new Recording([W], { lr: 0 });
  const half = n / 2;
  const batches: [Tensor, Tensor][] = [[X.narrow(0, 0, half), y.narrow(0, 0, half)], [X.narrow(0, half, half), y.narrow(0, half, half)]];
  trainEpochCh3(net, batches, crossEntropy, optimizer);
  assert.equal(events, ["zeroGrad", "step", "zeroGrad", "step"]);
  // The first batch's mean gradient, from the same formula restricted to its rows.
  const firstRows = sumGradientAtZero(0, half).map((g) => g / half);
  allClose(gradSeen!, firstRows, { atol: 1e-5 }, "grad of the mean loss");
});

test("trainCh3 learns separable clusters, prints epoch lines and shows the curves after every epoch", async () => {
  const { W, b, net } = linearNet();
  const { host, text, figures, shown } = captureHost();
  let pauses = 0;
  const pausing = { ...host, pause: async () => void pauses++ };
  const result = await trainCh3(net, all, all, crossEntropy, 5, (bs) => sgd([W, b], 0.5, bs), { host: pausing, figure: "train.svg" });
  assert.is(result.trainAcc, 1);
  assert.is(result.testAcc, 1);
  assert.ok(result.trainLoss < 0.5 && result.secondsPerEpoch >= 0);
  const lines = text().trim().split("\n");
  assert.is(lines.length, 5 + 1, "five epoch lines, the summary");
  assert.match(lines[0]!, /^epoch 1\/5  train loss \d\.\d{4}  train acc \d\.\d{3}  test acc \d\.\d{3}  \d+\.\d s$/);
  assert.match(lines[5]!, /^loss \d\.\d{3}, train acc 1\.000, test acc 1\.000, \d+\.\d\d s\/epoch$/);
  assert.equal(shown, Array(5).fill("train.svg"));
  parseXml(figures.get("train.svg")!);
  assert.is(pauses, 5, "the host may paint after every epoch");
});

test("trainCh3's sanity checks throw when training fails; turned off, a line says they were skipped", async () => {
  const { net } = linearNet();
  const { host, text } = captureHost();
  const frozen = (): void => {}; // never updates: loss stays log 3
  await rejectsError(() => trainCh3(net, all, all, crossEntropy, 1, frozen, { host }), "trainCh3", "train loss 1.09");
  const result = await trainCh3(net, all, all, crossEntropy, 1, frozen, { host, sanityChecks: false });
  assert.ok(Math.abs(result.trainLoss - Math.log(3)) < 1e-6);
  assert.ok(text().trim().endsWith("trainCh3: the book's sanity checks (train loss < 0.5, accuracies > 0.7) were skipped: they hold at the book's settings only"), text());
  await rejectsError(() => trainCh3(net, all, all, crossEntropy, 0, frozen, { host }), "trainCh3", "numEpochs", "0");
});

test("an aborted signal stops trainCh3 after the current epoch", async () => {
  const { net } = linearNet();
  const { host, text } = captureHost();
  const controller = new AbortController();
  const stopping = { ...host, signal: controller.signal, pause: async () => controller.abort(new Error("stopped by the page")) };
  await rejectsError(() => trainCh3(net, all, all, crossEntropy, 5, () => {}, { host: stopping }), "stopped by the page");
  assert.is(text().trim().split("\n").length, 1, "one epoch line");
});

/** Awaits `fn`, which must reject with an Error whose message contains every fragment. */
async function rejectsError(fn: () => Promise<unknown>, ...fragments: string[]): Promise<void> {
  let caught: unknown;
  try {
    await fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof Error, "rejects with an Error");
  for (const f of fragments) assert.ok((caught as Error).message.includes(f), `${(caught as Error).message} mentions ${f}`);
}

test.run();
