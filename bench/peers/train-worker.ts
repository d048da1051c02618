/**
 * One library's softmax-regression training in a process of its own, so that its peak RSS is its own:
 *
 *   node --import tsx bench/peers/train-worker.ts <tsgrad|tfjs|tfjs-wasm|data> [--epochs N] [--seed S]
 *
 * Sets up d2l 3.7 (see ./softmax-setup.ts), then per epoch times one training pass and one test
 * evaluation, and prints a {@link WorkerReport} as one JSON line after `REPORT_MARKER`. `data` runs the
 * shared loaders without a model: the cost of producing the batches, and the RSS of the dataset alone.
 * Only the chosen library is imported.
 */
import * as d2l from "../../src/d2l/index.js";
import { REPORT_MARKER, seededSetup, type EpochRecord, type SoftmaxSetup, type SoftmaxTrainer, type WorkerReport } from "./softmax-setup.js";

const MB = 1e6;

/** Draws every batch and does nothing with it. */
function dataOnlyTrainer(): SoftmaxTrainer {
  const drain = (batches: Iterable<unknown>): void => {
    for (const _ of batches);
  };
  return {
    trainEpoch: (train) => (drain(train), [NaN, NaN]),
    evaluate: (test) => (drain(test), NaN),
  };
}

const TRAINERS: Record<string, (setup: SoftmaxSetup) => Promise<SoftmaxTrainer>> = {
  tsgrad: async (setup) => (await import("./tsgrad-softmax.js")).createTrainer(setup),
  tfjs: async (setup) => (await import("./tfjs-softmax.js")).createTrainer(setup),
  "tfjs-wasm": async (setup) => (await import("./tfjs-softmax.js")).createTrainer(setup, "wasm"),
  data: async () => dataOnlyTrainer(),
};

async function main(argv: readonly string[]): Promise<void> {
  const [lib = "", ...flags] = argv;
  const makeTrainer = TRAINERS[lib];
  if (makeTrainer === undefined) throw new Error(`train-worker: unknown library "${lib}"; expected one of ${Object.keys(TRAINERS).join(", ")}`);
  const { epochs, seed } = d2l.parseArgs(flags, { epochs: 3 });
  const setup = await seededSetup(seed);
  const trainer = await makeTrainer(setup);
  const rssAfterSetupMB = process.memoryUsage().rss / MB;
  const records: EpochRecord[] = [];
  const timer = new d2l.Timer();
  for (let epoch = 0; epoch < epochs; epoch++) {
    timer.start();
    const [trainLoss, trainAcc] = trainer.trainEpoch(setup.train);
    const trainSeconds = timer.stop();
    timer.start();
    const testAcc = trainer.evaluate(setup.test);
    records.push({ trainSeconds, evalSeconds: timer.stop(), trainLoss, trainAcc, testAcc });
  }
  // maxRSS is in kibibytes.
  const report: WorkerReport = { lib, epochs: records, rssAfterSetupMB, peakRssMB: (process.resourceUsage().maxRSS * 1024) / MB };
  process.stdout.write(`${REPORT_MARKER}${JSON.stringify(report)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
