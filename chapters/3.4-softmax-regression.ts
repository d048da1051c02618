/**
 * d2l 3.4 Softmax regression: the section's formulas as small computations — softmax,
 * cross-entropy, its gradient softmax(o) − y (by autograd and by finite differences), entropy.
 * Run: `npx tsx chapters/3.4-softmax-regression.ts`.
 */
import { eye, fromArray, randn, tensor, type Tensor } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";

/** Cross-entropy of one-hot labels `Y` and probabilities `yHat`, per example: −Σ_j y_j log ŷ_j. */
function crossEntropyOneHot(yHat: Tensor, Y: Tensor): Tensor {
  return Y.mul(yHat.log()).sum(1).neg();
}

/** The same loss from logits: log Σ_k exp(o_k) − Σ_j y_j o_j. */
function crossEntropyFromLogits(o: Tensor, Y: Tensor): Tensor {
  return o.logsumexp(1).sub(o.mul(Y).sum(1));
}

/** Central differences of the summed loss with respect to each logit. */
function numericGradient(o: Tensor, Y: Tensor, eps: number): Tensor {
  const values = o.toFloat32Array();
  const lossAt = (v: Float32Array): number => crossEntropyFromLogits(fromArray(v, o.shape), Y).sum().item();
  const grad = values.map((_, i) => {
    const plus = values.slice();
    const minus = values.slice();
    plus[i] = values[i]! + eps;
    minus[i] = values[i]! - eps;
    return (lossAt(plus) - lossAt(minus)) / (2 * eps);
  });
  return fromArray(grad, o.shape);
}

export const chapter: d2l.ChapterDefinition = {
  section: "3.4",
  title: "Softmax Regression",
  defaults: {},
  async run(host) {
    host.print("## A fully connected layer");
    const inputs = 4;
    const outputs = 3;
    host.print(`${inputs} inputs, ${outputs} outputs: ${inputs * outputs} weights + ${outputs} biases = ${inputs * outputs + outputs} parameters`);

    host.print("\n## Softmax");
    const o = tensor([1, 2, 3]);
    const p = o.softmax(0);
    host.print(`softmax(${o.toString()}) = ${p.toString()}`);
    host.print(`sums to ${p.sum().item().toFixed(4)}; argmax of o ${o.argmax().item()}, of softmax(o) ${p.argmax().item()}`);

    host.print("\n## Cross-entropy loss");
    const y = tensor([0, 2]);
    const Y = eye(3).indexSelect(0, y); // one-hot rows
    const yHat = tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]);
    host.print(`labels ${y.toString()}, one-hot\n${Y.toString()}`);
    host.print(`yHat\n${yHat.toString()}`);
    host.print(`-sum(y * log(yHat)) = ${crossEntropyOneHot(yHat, Y).toString()}`);
    host.print(`from logits o = log(yHat): logsumexp(o) - sum(y * o) = ${crossEntropyFromLogits(yHat.log(), Y).toString()}`);

    host.print("\n## The gradient of the loss is softmax(o) - y");
    const logits = randn([2, 3], { requiresGrad: true });
    crossEntropyFromLogits(logits, Y).sum().backward();
    const autograd = logits.grad!;
    const formula = logits.detach().softmax(1).sub(Y);
    const numeric = numericGradient(logits.detach(), Y, 1e-2);
    host.print(`autograd\n${autograd.toString()}`);
    host.print(`softmax(o) - y\n${formula.toString()}`);
    host.print(`max |autograd - formula| = ${autograd.sub(formula).abs().max().item().toExponential(2)}`);
    host.print(`max |autograd - finite differences| = ${autograd.sub(numeric).abs().max().item().toExponential(2)}`);

    host.print("\n## Entropy and cross-entropy");
    const uniform = tensor([0.25, 0.25, 0.25, 0.25]);
    const skewed = tensor([0.7, 0.1, 0.1, 0.1]);
    const entropy = (P: Tensor): number => P.mul(P.log()).sum().neg().item();
    const crossEntropy = (P: Tensor, Q: Tensor): number => P.mul(Q.log()).sum().neg().item();
    host.print(`H[uniform over 4] = ${entropy(uniform).toFixed(4)} nats (log 4 = ${Math.log(4).toFixed(4)})`);
    host.print(`H[P] = ${entropy(skewed).toFixed(4)}, H(P, P) = ${crossEntropy(skewed, skewed).toFixed(4)}, H(P, uniform) = ${crossEntropy(skewed, uniform).toFixed(4)} >= H[P]`);

    host.print("\n## Accuracy");
    const predicted = yHat.argmax(1);
    host.print(`predicted ${predicted.toString()}, labels ${y.toString()}: accuracy ${d2l.accuracy(yHat, y) / y.numel()}`);
  },
};

await d2l.runIfMain(import.meta.url, chapter);
