/**
 * Worked answers to the exercises of d2l 3.3 (Concise Linear Regression) that have code: a summed
 * loss and its learning rate, Huber's loss (`nn.SmoothL1Loss`, also against outliers), and the
 * gradient of the linear layer's weight. Run: `npx tsx chapters/exercises/3.3-exercises.ts [--epochs 3]`.
 */
import { manualSeed, nn, noGrad, optim, sub, tensor, type Tensor } from "../../src/index.js";
import * as d2l from "../../src/d2l/index.js";

/** 3.3's model: Linear(2, 1) with weight ~ N(0, 0.01²) and bias 0. */
function linearNet(): nn.Sequential {
  const net = new nn.Sequential(new nn.Linear(2, 1));
  net.at<nn.Linear>(0).weight.data.normal_(0, 0.01);
  net.at<nn.Linear>(0).bias!.data.fill_(0);
  return net;
}

/** 3.3's training loop; returns the layer's weight and bias. */
function train(net: nn.Sequential, loss: nn.Loss, lr: number, dataIter: Iterable<[Tensor, Tensor]>, epochs: number): [Tensor, Tensor] {
  const trainer = new optim.SGD(net.parameters(), { lr });
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const [X, y] of dataIter) {
      const l = loss.forward(net.forward(X), y);
      trainer.zeroGrad();
      l.backward();
      trainer.step();
    }
  }
  return [net.at<nn.Linear>(0).weight.data.reshape(-1), net.at<nn.Linear>(0).bias!.data];
}

export const chapter: d2l.ChapterDefinition = {
  section: "3.3",
  title: "Concise Implementation of Linear Regression: exercises",
  defaults: { epochs: 3 },
  async run(host) {
    const { epochs, seed } = host.args;
    const trueW = tensor([2, -3.4]);
    const trueB = 4.2;
    const [features, labels] = d2l.syntheticData(trueW, trueB, 1000);
    const batchSize = 10;
    const dataIter = d2l.loadArray([features, labels], batchSize);

    host.print("## Exercise 1: a summed loss needs the learning rate divided by the batch size");
    // Σ_i l_i = batchSize · mean_i l_i, so its gradient is batchSize times larger: lr / batchSize gives
    // the same steps. Same seed, same initial weights and shuffles: the two runs agree to rounding.
    manualSeed(seed + 1);
    const [wMean, bMean] = train(linearNet(), new nn.MSELoss(), 0.03, dataIter, epochs);
    manualSeed(seed + 1);
    const [wSum, bSum] = train(linearNet(), new nn.MSELoss({ reduction: "sum" }), 0.03 / batchSize, dataIter, epochs);
    host.print(`mean loss, lr 0.03: w = ${wMean.toString()}, b = ${bMean.toString()}`);
    host.print(`summed loss, lr 0.003: w = ${wSum.toString()}, b = ${bSum.toString()}`);
    host.print(`max |mean − sum| = ${Math.max(wMean.sub(wSum).abs().max().item(), bMean.sub(bSum).abs().max().item()).toExponential(2)}`);

    host.print("\n## Exercise 2: Huber's loss");
    // The book's formula, l = |y − y'| − σ/2 if |y − y'| > σ, else (y − y')²/(2σ), is PyTorch's
    // SmoothL1Loss with beta = σ (HuberLoss(delta) is the same times delta). Near the optimum its
    // gradient is d/σ, half of MSELoss's 2d at σ = 1, so at the same lr it converges more slowly.
    const sigma = 1;
    const [wHuber, bHuber] = train(linearNet(), new nn.SmoothL1Loss({ beta: sigma }), 0.03, dataIter, epochs);
    host.print(`SmoothL1Loss (σ = ${sigma}): error in estimating w: ${trueW.sub(wHuber).toString()}, b: ${sub(trueB, bHuber).toString()}`);
    // Where it pays off: outliers. Shift 5% of the labels by +30; squared error lets them pull the fit
    // with a force that grows with the residual, Huber's loss with a force of at most 1.
    const corrupted = labels.clone();
    const stride = 20;
    for (let i = 0; i < corrupted.shape[0]!; i += stride) corrupted.narrow(0, i, 1).add_(30);
    const noisyIter = d2l.loadArray([features, corrupted], batchSize);
    for (const [name, loss] of [["MSELoss", new nn.MSELoss()], ["SmoothL1Loss", new nn.SmoothL1Loss({ beta: sigma })]] as const) {
      const [wO, bO] = train(linearNet(), loss, 0.03, noisyIter, epochs);
      const error = Math.max(trueW.sub(wO).abs().max().item(), Math.abs(trueB - bO.item()));
      host.print(`with outliers, ${name}: max error in w and b ${error.toFixed(4)}`);
    }

    host.print("\n## Exercise 3: the gradient of the linear layer's weight");
    // `net[0].weight.grad` → `net.at<nn.Linear>(0).weight.grad`, filled by backward().
    const net = linearNet();
    const X = features.narrow(0, 0, batchSize);
    const y = labels.narrow(0, 0, batchSize);
    new nn.MSELoss().forward(net.forward(X), y).backward();
    const weightGrad = net.at<nn.Linear>(0).weight.grad!;
    host.print(`net.at(0).weight.grad = ${weightGrad.toString()}`);
    // By hand: MSE = (1/n) Σ (x_iᵀw + b − y_i)², so ∂/∂w = (2/n) Σ (x_iᵀw + b − y_i) x_iᵀ.
    const byHand = noGrad(() => net.forward(X).sub(y).T.matmul(X).mul(2 / batchSize));
    host.print(`(2/n) (Xw + b − y)ᵀ X = ${byHand.toString()}`);
    host.print(`max |autograd − by hand| = ${weightGrad.sub(byHand).abs().max().item().toExponential(2)}`);
  },
};

await d2l.runIfMain(import.meta.url, chapter);
