/**
 * Worked answers to the exercises of d2l 3.2 (Linear Regression from Scratch) that have code: zero
 * initialisation, second derivatives with `grad(..., { createGraph: true })`, why `squaredLoss`
 * reshapes, learning rates, and a last minibatch that is smaller.
 * Run: `npx tsx chapters/exercises/3.2-exercises.ts [--epochs 3]`.
 */
import { cat, grad, noGrad, sub, tensor, zeros, type Tensor } from "../../src/index.js";
import * as d2l from "../../src/d2l/index.js";

/** 3.2's training loop (minibatches from 3.3's loadArray) from given starting parameters; the mean training loss after each epoch. */
function train(features: Tensor, labels: Tensor, w: Tensor, b: Tensor, lr: number, epochs: number, batchSize = 10): number[] {
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const [X, y] of d2l.loadArray([features, labels], batchSize)) {
      d2l.squaredLoss(d2l.linreg(X, w, b), y).sum().backward();
      d2l.sgd([w, b], lr, X.shape[0]!); // the true size of this batch (see exercise 7)
    }
    losses.push(noGrad(() => d2l.squaredLoss(d2l.linreg(features, w, b), labels).mean().item()));
  }
  return losses;
}

export const chapter: d2l.ChapterDefinition = {
  section: "3.2",
  title: "Linear Regression Implementation from Scratch: exercises",
  defaults: { epochs: 3 },
  async run(host) {
    const { epochs } = host.args;
    const trueW = tensor([2, -3.4]);
    const trueB = 4.2;
    const [features, labels] = d2l.syntheticData(trueW, trueB, 1000);

    host.print("## Exercise 1: initialising the weights to zero");
    // It works: the loss is a convex quadratic in (w, b), so any start reaches the same minimum, and
    // the gradient at w = 0 is −Xᵀ(y − b), not zero. (In networks with hidden layers, zero weights make
    // every hidden unit identical — a symmetry SGD cannot break; a single linear layer has none.)
    const w0 = zeros([2, 1], { requiresGrad: true });
    const b0 = zeros(1, { requiresGrad: true });
    const zeroLosses = train(features, labels, w0, b0, 0.03, epochs);
    zeroLosses.forEach((l, i) => host.print(`zero init: epoch ${i + 1}, loss ${l.toFixed(6)}`));
    noGrad(() => {
      host.print(`zero init: error in estimating w: ${trueW.sub(w0.reshape(trueW.shape)).toString()}`);
      host.print(`zero init: error in estimating b: ${sub(trueB, b0).toString()}`);
    });

    host.print("\n## Exercise 4: second derivatives");
    // The Hessian of L(w) = ½ Σ (x_iᵀw + b − y_i)² with respect to w is XᵀX. Autograd gets it by
    // differentiating the gradient, which must itself be recorded: `grad(..., { createGraph: true })`
    // (PyTorch: create_graph=True). The problems: the first backward normally frees the graph and
    // records nothing, and a d-dimensional w needs d more backward passes (one Hessian row each).
    const w = tensor([[0.5], [-1]], { requiresGrad: true });
    const b = tensor([0.1]);
    const X = features.narrow(0, 0, 100);
    const y = labels.narrow(0, 0, 100);
    const L = d2l.squaredLoss(d2l.linreg(X, w, b), y).sum();
    const [g] = grad([L], [w], { createGraph: true }); // ∂L/∂w, differentiable, [2, 1]
    const rows = [0, 1].map((i) => {
      const [row] = grad([g!.narrow(0, i, 1).sum()], [w], { retainGraph: true });
      return row!.reshape(1, 2);
    });
    const H = cat(rows); // [2, 2]
    const XtX = X.T.matmul(X);
    host.print(`Hessian by autograd:\n${H.toString()}`);
    host.print(`XᵀX:\n${XtX.toString()}`);
    host.print(`max |Hessian − XᵀX| / max |XᵀX| = ${(H.sub(XtX).abs().max().item() / XtX.abs().max().item()).toExponential(2)}`);

    host.print("\n## Exercise 5: why squaredLoss reshapes y");
    // ŷ is [n, 1] and y may come as [n]. Without the reshape, ŷ − y broadcasts to [n, n]: every
    // prediction against every label, a loss that is silently wrong.
    const yHat = tensor([[1], [2], [3]]);
    const yFlat = tensor([1, 2, 3]);
    host.print(`without reshape: (yHat − y) has shape ${d2l.formatShape(yHat.sub(yFlat).shape)}, summed loss ${yHat.sub(yFlat).pow(2).div(2).sum().item()}`);
    host.print(`with reshape: shape ${d2l.formatShape(d2l.squaredLoss(yHat, yFlat).shape)}, summed loss ${d2l.squaredLoss(yHat, yFlat).sum().item()}`);

    host.print("\n## Exercise 6: learning rates");
    // X ~ N(0, 1), so the averaged squared loss has curvature ≈ 1 along every direction: SGD's step
    // shrinks the error by ≈ (1 − lr) per update. Small rates crawl, about 1 is fastest, and past ≈ 2
    // the iterates oscillate and diverge.
    for (const lr of [0.001, 0.03, 0.3, 1, 2.5]) {
      const wl = zeros([2, 1], { requiresGrad: true });
      const bl = zeros(1, { requiresGrad: true });
      const last = train(features, labels, wl, bl, lr, epochs).at(-1)!;
      host.print(`lr ${lr}: loss after ${epochs} epochs ${Number.isFinite(last) && last < 1e6 ? last.toExponential(3) : "diverged"}`);
    }

    host.print("\n## Exercise 7: when batchSize does not divide the number of examples");
    // 3.2's dataIter, like loadArray's DataLoader (PyTorch: drop_last=False), ends with a smaller batch;
    // sgd must then divide by that batch's size, X.shape[0], not by batchSize — `train` above does.
    const sizes = [...d2l.loadArray([features, labels], 300)].map(([Xb]) => Xb.shape[0]!);
    host.print(`batch sizes with batchSize 300 over 1000 examples: ${sizes.join(", ")}`);
  },
};

await d2l.runIfMain(import.meta.url, chapter);
