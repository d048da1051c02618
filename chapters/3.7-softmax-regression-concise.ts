/**
 * d2l 3.7 Concise softmax regression on Fashion-MNIST: `nn.Sequential(nn.Flatten(), nn.Linear(784, 10))`,
 * the LogSumExp-stable `nn.CrossEntropyLoss`, `optim.SGD`, trained with `trainCh3`.
 * Run: `npm run train`, or `npx tsx chapters/3.7-softmax-regression-concise.ts [--epochs 10] [--seed 0] [--out figures]`.
 */
import { nn, optim, tensor } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";

const BOOK_EPOCHS = 10;

/** Linear layers get weights from N(0, 0.01²); biases keep their initial values. d2l: `init_weights`. */
function initWeights(m: nn.Module): void {
  if (m instanceof nn.Linear) nn.init.normal_(m.weight, 0, 0.01);
}

await d2l.runScript({ epochs: BOOK_EPOCHS }, async ({ epochs, out }) => {
  const batchSize = 256;
  const [trainIter, testIter] = await d2l.loadDataFashionMnist(batchSize);

  const net = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 10));
  net.apply(initWeights);
  console.log(String(net));

  const loss = new nn.CrossEntropyLoss({ reduction: "none" });

  console.log("\n## Softmax revisited: why the loss takes logits");
  const logits = tensor([[1000, 0, -1000]]);
  const label = tensor([0]);
  const naive = logits.exp().div(logits.exp().sum(1, true)).gather(1, label.reshape(-1, 1)).log().neg();
  console.log(`naive -log(softmax(o))[y] = ${naive.reshape(-1).toString()} (exp(1000) overflows)`);
  console.log(`CrossEntropyLoss (LogSumExp trick) = ${loss.forward(logits, label).toString()}`);

  console.log("\n## Training");
  const trainer = new optim.SGD(net.parameters(), { lr: 0.1 });
  d2l.trainCh3(net, trainIter, testIter, loss, epochs, trainer, {
    figure: d2l.figurePath(out, "3.7-train.svg"),
    sanityChecks: epochs >= BOOK_EPOCHS,
  });
});
