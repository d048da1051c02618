/** tsgrad's side of the training benchmark: d2l 3.7 exactly, through the book's `trainEpochCh3`. */
import { nn, optim } from "../../src/index.js";
import * as d2l from "../../src/d2l/index.js";
import { LEARNING_RATE, type SoftmaxSetup, type SoftmaxTrainer } from "./softmax-setup.js";

/**
 * `CrossEntropyLoss({ reduction: "none" })` and `optim.SGD(lr 0.1)`, trained with `d2l.trainEpochCh3`
 * (zeroGrad, mean loss backward, step, plus the per-batch loss and accuracy sums) and evaluated with
 * `d2l.evaluateAccuracy`.
 */
export function createTrainer({ net }: SoftmaxSetup): SoftmaxTrainer {
  const loss = new nn.CrossEntropyLoss({ reduction: "none" });
  const trainer = new optim.SGD(net.parameters(), { lr: LEARNING_RATE });
  return {
    trainEpoch: (train) => d2l.trainEpochCh3(net, train, loss, trainer),
    evaluate: (test) => d2l.evaluateAccuracy(net, test),
  };
}
