/**
 * Worked answers to the exercises of d2l 3.6 (Softmax Regression from Scratch) that have code: the
 * naive softmax overflows for large inputs, the naive cross-entropy takes log(0); and their fixes.
 * Run: `npx tsx chapters/exercises/3.6-exercises.ts`.
 */
import { tensor, type Tensor } from "../../src/index.js";
import * as d2l from "../../src/d2l/index.js";

/** 3.6's softmax: exp, then divide by the row sums. */
function naiveSoftmax(X: Tensor): Tensor {
  const XExp = X.exp();
  return XExp.div(XExp.sum(1, true));
}

/** softmax(X) = softmax(X − c) for any c per row; with c = the row maximum, exp never sees a positive input. */
function stableSoftmax(X: Tensor): Tensor {
  return naiveSoftmax(X.sub(X.max(1, true)));
}

/** 3.6's cross-entropy: −log of the probability of the true class. */
function naiveCrossEntropy(yHat: Tensor, y: Tensor): Tensor {
  return yHat.gather(1, y.reshape(-1, 1)).reshape(-1).log().neg();
}

/** The loss from the logits o: −log softmax(o)_y = logsumexp(o) − o_y, never a log of 0 (3.7's LogSumExp trick). */
function crossEntropyFromLogits(o: Tensor, y: Tensor): Tensor {
  return o.logsumexp(1).sub(o.gather(1, y.reshape(-1, 1)).reshape(-1));
}

export const chapter: d2l.ChapterDefinition = {
  section: "3.6",
  title: "Implementation of Softmax Regression from Scratch: exercises",
  defaults: {},
  async run(host) {
    host.print("## Exercise 1: the naive softmax overflows");
    // float32's exp overflows to Infinity above ≈ 88.7, and Infinity / Infinity is NaN. A row of very
    // negative inputs underflows instead: every exp is 0 and 0 / 0 is NaN too.
    const X = tensor([[100, 101, 102], [-1000, -1001, -1002], [1, 2, 3]]);
    host.print(`naive softmax:\n${naiveSoftmax(X).toString()}`);
    host.print(`minus the row maximum:\n${stableSoftmax(X).toString()}`);
    host.print(`rows of the stable softmax sum to ${stableSoftmax(X).sum(1).toString()}`);

    host.print("\n## Exercise 2: the naive cross-entropy takes log(0)");
    // When the true class's probability underflows to 0 (logits far apart), −log 0 = Infinity, and
    // its gradient 1/ŷ is Infinity too: one such example turns the whole loss and step into Inf/NaN.
    const o = tensor([[-120, 0], [0, 1]]);
    const y = tensor([0, 1]);
    const probabilities = stableSoftmax(o);
    host.print(`softmax(o) = ${probabilities.toString()}`);
    host.print(`naive crossEntropy(softmax(o), y) = ${naiveCrossEntropy(probabilities, y).toString()}`);
    // Fix 1: compute the loss from the logits, log ŷ_j = o_j − logsumexp(o) (what nn.CrossEntropyLoss does).
    host.print(`from the logits, logsumexp(o) − o_y = ${crossEntropyFromLogits(o, y).toString()}`);
    // Fix 2 (a patch): clamp the probability away from 0. The loss is then finite but capped at −log ε.
    const eps = 1e-12;
    host.print(`clamped at ${eps}: ${naiveCrossEntropy(probabilities.clamp(eps, 1), y).toString()}`);
    // Exercise 3 (always predicting the most likely label) and 4 (a large vocabulary) have no code:
    // with unequal costs of mistakes (a medical test) the decision should weigh them, not take argmax.
  },
};

await d2l.runIfMain(import.meta.url, chapter);
