/**
 * Worked answers to the exercises of d2l 3.1 (Linear Regression) that have code: the constant that
 * minimises squared error, the closed-form solution against SGD (and where it breaks), and the
 * Laplace-noise variant. Run: `npx tsx chapters/exercises/3.1-exercises.ts`.
 */
import { cat, linalg, noGrad, normal, ones, tensor, zeros, type Tensor } from "../../src/index.js";
import * as d2l from "../../src/d2l/index.js";

export const chapter: d2l.ChapterDefinition = {
  section: "3.1",
  title: "Linear Regression: exercises",
  defaults: {},
  async run(host) {
    host.print("## Exercise 1: the b minimising Σ(x_i − b)² is the mean");
    // d/db Σ(x_i − b)² = −2 Σ(x_i − b) = 0  ⇒  b = (1/n) Σ x_i.
    const x = tensor([1, 2, 2, 3, 9]);
    const squaredError = (b: number): number => x.sub(b).pow(2).sum().item();
    const mean = x.mean().item();
    host.print(`x = ${x.toString()}, mean ${mean.toFixed(4)}`);
    host.print(`Σ(x − b)² at b = mean − 0.1, mean, mean + 0.1: ${[mean - 0.1, mean, mean + 0.1].map((b) => squaredError(b).toFixed(4)).join(", ")}`);
    // The same answer by gradient descent on b.
    const b = zeros(1, { requiresGrad: true });
    for (let step = 0; step < 100; step++) {
      const l = x.sub(b).pow(2).sum();
      l.backward();
      noGrad(() => b.sub_(b.grad!.mul(0.05)));
      b.grad!.zero_();
    }
    host.print(`gradient descent on b: ${b.item().toFixed(4)}`);
    // It relates to the normal distribution: the mean is the maximum-likelihood estimate of μ.

    host.print("\n## Exercise 2: the closed-form solution w* = (XᵀX)⁻¹Xᵀy");
    // (1) With a column of ones appended, X̃ = [X, 1] and w̃ = [w; b]: the loss is ½‖y − X̃w̃‖².
    // (2) Its gradient is X̃ᵀ(X̃w̃ − y).  (3) Zero gradient: X̃ᵀX̃ w̃ = X̃ᵀy, solved below without inverting.
    const trueW = tensor([2, -3.4]);
    const trueB = 4.2;
    const [features, labels] = d2l.syntheticData(trueW, trueB, 1000);
    const Xt = cat([features, ones(features.shape[0]!, 1)], 1); // [1000, 3]
    const closedForm = linalg.solve(Xt.T.matmul(Xt), Xt.T.matmul(labels)).reshape(-1); // [w1, w2, b]
    host.print(`closed form: w = ${closedForm.narrow(0, 0, 2).toString()}, b = ${closedForm.narrow(0, 2, 1).toString()}`);
    host.print(`error of the closed form in estimating w: ${trueW.sub(closedForm.narrow(0, 0, 2)).toString()}`);

    // 3.2's minibatch SGD on the same data, for comparison.
    const w = normal(0, 0.01, [2, 1], { requiresGrad: true });
    const bias = zeros(1, { requiresGrad: true });
    const loader = d2l.loadArray([features, labels], 10);
    for (let epoch = 0; epoch < 3; epoch++) {
      for (const [X, y] of loader) {
        d2l.squaredLoss(d2l.linreg(X, w, bias), y).sum().backward();
        d2l.sgd([w, bias], 0.03, X.shape[0]!);
      }
    }
    const sgdParams = cat([w.detach().reshape(-1), bias.detach()]);
    host.print(`SGD, 3 epochs: w = ${sgdParams.narrow(0, 0, 2).toString()}, b = ${sgdParams.narrow(0, 2, 1).toString()}`);
    host.print(`max |closed form − SGD| = ${closedForm.sub(sgdParams).abs().max().item().toExponential(2)}`);
    // (4) Better than SGD when d is small enough to form and solve a d×d system (here 3×3) and the data
    // fit in memory: one pass, no learning rate. It breaks when XᵀX is singular or ill-conditioned —
    // e.g. a feature that copies another, or more features than examples — and costs O(nd² + d³).
    const duplicated = cat([Xt, features.narrow(1, 0, 1)], 1); // a fourth column equal to the first
    try {
      linalg.solve(duplicated.T.matmul(duplicated), duplicated.T.matmul(labels));
      host.print("duplicated feature: solved (unexpected)");
    } catch (err) {
      host.print(`duplicated feature: ${(err as Error).message}`);
    }

    host.print("\n## Exercise 3: Laplace noise, p(ε) = ½ exp(−|ε|)");
    // −log P(y | X) = Σ |y_i − x_iᵀw − b| + n log 2: maximum likelihood minimises the absolute error.
    // For a constant b, the minimiser of Σ|x_i − b| is the median (the mean for squared error); the
    // absolute error has no closed form in general and a gradient ±1 that does not shrink near the
    // optimum, so SGD needs a decreasing learning rate.
    const candidates = Array.from({ length: 901 }, (_, i) => i / 100); // b over [0, 9]
    const absError = (c: number): number => x.sub(c).abs().sum().item();
    const best = candidates.reduce((argmin, c) => (absError(c) < absError(argmin) ? c : argmin));
    host.print(`argmin over a grid of Σ|x − b|: ${best.toFixed(2)} (median ${median(x).toFixed(2)}, mean ${mean.toFixed(2)})`);
  },
};

function median(t: Tensor): number {
  const sorted = Array.from(t.toFloat32Array()).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

await d2l.runIfMain(import.meta.url, chapter);
