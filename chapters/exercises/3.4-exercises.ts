/**
 * Numerical checks of the exercises of d2l 3.4 (Softmax Regression), which are derivations: the
 * second derivative of the cross-entropy is the covariance of softmax(o), and RealSoftMax(a, b) =
 * log(exp(a) + exp(b)) is a smooth upper bound of max(a, b). Run: `npx tsx chapters/exercises/3.4-exercises.ts`.
 */
import { cat, grad, noGrad, tensor } from "../../src/index.js";
import * as d2l from "../../src/d2l/index.js";

export const chapter: d2l.ChapterDefinition = {
  section: "3.4",
  title: "Softmax Regression: exercises",
  defaults: {},
  async run(host) {
    host.print("## Exercise 1: the second derivative of the cross-entropy is the variance of softmax(o)");
    // l(y, ŷ) = log Σ_k exp(o_k) − Σ_j y_j o_j, so ∂l/∂o = softmax(o) − y and ∂²l/∂o∂oᵀ = diag(p) − ppᵀ
    // with p = softmax(o): the covariance matrix of the one-hot vector of a class drawn from p.
    const o = tensor([0.5, -1, 2, 0], { requiresGrad: true });
    const y = tensor([0, 0, 1, 0]);
    const l = o.logsumexp(0).sub(o.mul(y).sum());
    const [g] = grad([l], [o], { createGraph: true });
    const rows = [0, 1, 2, 3].map((i) => grad([g!.narrow(0, i, 1).sum()], [o], { retainGraph: true })[0]!.reshape(1, 4));
    const hessian = cat(rows);
    const p = Array.from(noGrad(() => o.softmax(0)).toFloat32Array());
    // The covariance E[eeᵀ] − E[e]E[e]ᵀ of e = one-hot(class), class ~ p: diag(p) − ppᵀ.
    const covariance = tensor(p.map((pi, i) => p.map((pj, j) => pi * ((i === j ? 1 : 0) - pj))));
    host.print(`Hessian by autograd:\n${hessian.toString()}`);
    host.print(`diag(p) − ppᵀ:\n${covariance.toString()}`);
    host.print(`max |Hessian − covariance| = ${hessian.sub(covariance).abs().max().item().toExponential(2)}`);
    host.print(`the gradient softmax(o) − y = ${g!.detach().toString()} sums to ${g!.detach().sum().item().toExponential(1)}`);

    host.print("\n## Exercise 3: RealSoftMax(a, b) = log(exp(a) + exp(b))");
    // (1) RealSoftMax(a, b) > max(a, b): the sum exceeds its largest term. (2) λ⁻¹ RealSoftMax(λa, λb)
    // > max(a, b) for λ > 0 likewise, and (3) it tends to max(a, b) as λ → ∞, within log(2)/λ.
    const [a, b] = [1, 1.5];
    const realSoftMax = (u: number, v: number): number => tensor([u, v]).logsumexp(0).item();
    host.print(`RealSoftMax(${a}, ${b}) = ${realSoftMax(a, b).toFixed(4)} > max = ${Math.max(a, b)}`);
    for (const lambda of [1, 10, 100]) {
      host.print(`λ = ${lambda}: RealSoftMax(λa, λb) / λ = ${(realSoftMax(lambda * a, lambda * b) / lambda).toFixed(6)}`);
    }
    // (4) The softmin is softmax(−o); (5) for more than two numbers the same holds with logsumexp.
  },
};

await d2l.runIfMain(import.meta.url, chapter);
