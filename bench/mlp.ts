/**
 * d2l 4.3's concise MLP on Fashion-MNIST: Flatten, Linear(784, 256), ReLU, Linear(256, 10), weights
 * ~ N(0, 0.01²), biases 0, cross-entropy, SGD lr 0.1, batch 256, trained with the book's
 * `trainEpochCh3`, once per backend from the same initial weights and the same batch order:
 *
 *   npm run bench -- mlp                 # 1 epoch per backend
 *   npm run bench -- mlp --epochs 3
 *
 * Nearly all the work is matmul (each step: 256×784·784×256 forward, its weight gradient, and three small
 * products), so this is where the wasm backend's gemm shows. PyTorch is not installed on the dev machine
 * (`/usr/bin/python3 -c "import torch"` fails), so there is no PyTorch column.
 */
import { getBackend, manualSeed, nn, optim, setBackend, type Backend } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";
import { median, report } from "./harness.js";

const BATCH_SIZE = 256;
const LEARNING_RATE = 0.1;

/** The MLP of d2l 4.3 with its `init_weights`. */
function mlp(): nn.Sequential {
  const net = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
  for (const i of [1, 3]) {
    const layer = net.at<nn.Linear>(i);
    nn.init.normal_(layer.weight, 0, 0.01);
    nn.init.zeros_(layer.bias!);
  }
  return net;
}

interface BackendRun {
  backend: Backend;
  epochSeconds: number[];
  trainLoss: number;
  trainAcc: number;
  testAcc: number;
}

async function train(backend: Backend, epochs: number, seed: number): Promise<BackendRun> {
  setBackend(backend);
  manualSeed(seed);
  const net = mlp();
  const [trainIter, testIter] = await d2l.loadDataFashionMnist(BATCH_SIZE);
  const loss = new nn.CrossEntropyLoss({ reduction: "none" });
  const trainer = new optim.SGD(net.parameters(), { lr: LEARNING_RATE });
  const timer = new d2l.Timer();
  const epochSeconds: number[] = [];
  let metrics: [number, number] = [NaN, NaN];
  for (let e = 0; e < epochs; e++) {
    timer.start();
    metrics = d2l.trainEpochCh3(net, trainIter, loss, trainer);
    epochSeconds.push(timer.stop());
  }
  return { backend, epochSeconds, trainLoss: metrics[0], trainAcc: metrics[1], testAcc: d2l.evaluateAccuracy(net, testIter) };
}

export async function run(flags: readonly string[] = []): Promise<void> {
  const { epochs, seed } = d2l.parseArgs(flags, { epochs: 1 });
  const before = getBackend();
  const runs = [await train("wasm", epochs, seed), await train("js", epochs, seed)];
  setBackend(before);
  const [wasm, js] = runs as [BackendRun, BackendRun];
  const row = (r: BackendRun): (string | number)[] => [
    `tsgrad, ${r.backend} backend`, median(r.epochSeconds), Math.min(...r.epochSeconds), Math.round(60_000 / median(r.epochSeconds)).toLocaleString("en-US"), r.trainLoss, r.trainAcc, r.testAcc,
  ];
  report({
    name: "mlp",
    title: `d2l 4.3 MLP (784→256→10, ReLU) on Fashion-MNIST, batch 256, SGD lr 0.1, ${epochs} epoch(s) per backend`,
    columns: ["run", "s/epoch (median)", "min", "images/s", "train loss", "train acc", "test acc"],
    rows: [row(wasm), row(js)],
    digits: 3,
    notes: [
      `wasm/js: ${(median(js.epochSeconds) / median(wasm.epochSeconds)).toFixed(2)}× per epoch. Same seed, weights and batch order for both backends; ` +
        "the losses differ only by float32 rounding. s/epoch times `trainEpochCh3` (forward, loss, backward, SGD step, metrics, drawing the batches).",
      "No PyTorch column: /usr/bin/python3 has no torch on this machine (issue 13's goal is within 3× of PyTorch per epoch).",
    ],
    details: { epochs, seed, runs },
  });
}
