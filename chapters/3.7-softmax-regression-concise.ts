/**
 * d2l 3.7 Concise softmax regression on Fashion-MNIST: `nn.Sequential(nn.Flatten(), nn.Linear(784, 10))`,
 * the LogSumExp-stable `nn.CrossEntropyLoss`, `optim.SGD`, trained with `trainCh3`.
 * Run: `npm run train`, or `npx tsx chapters/3.7-softmax-regression-concise.ts [--epochs 10] [--lr 0.1] [--batch-size 256] [--seed 0] [--out figures]`.
 */
import { nn, optim, tensor } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";

export const chapter: d2l.ChapterDefinition = {
  section: "3.7",
  title: "Concise Implementation of Softmax Regression",
  defaults: { epochs: 10, lr: 0.1, batchSize: 256 },
  async run(host) {
    const { epochs: numEpochs, lr, batchSize } = host.args; // the book's 10, 0.1, 256
    const [trainIter, testIter] = await d2l.loadDataFashionMnist(batchSize);

    host.print("## Initializing model parameters");
    // PyTorch does not implicitly reshape the inputs: the flatten layer reshapes them before the linear layer.
    const net = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 10));

    /** Linear layers get weights from N(0, 0.01²); biases keep their initial values. */
    function initWeights(m: nn.Module): void {
      if (m instanceof nn.Linear) nn.init.normal_(m.weight, 0, 0.01); // `type(m) == nn.Linear`
    }
    net.apply(initWeights);
    host.print(String(net));

    // Per-example losses (`reduction='none'`): trainCh3 takes their mean for the optimizer's step.
    const loss = new nn.CrossEntropyLoss({ reduction: "none" });

    host.print("\n## Softmax revisited: why the loss takes logits");
    const logits = tensor([[1000, 0, -1000]]);
    const label = tensor([0]);
    const naive = logits.exp().div(logits.exp().sum(1, true)).gather(1, label.reshape(-1, 1)).log().neg();
    host.print(`naive -log(softmax(o))[y] = ${naive.reshape(-1).toString()} (exp(1000) overflows)`);
    host.print(`CrossEntropyLoss (LogSumExp trick) = ${loss.forward(logits, label).toString()}`);

    host.print("\n## Optimization algorithm");
    const trainer = new optim.SGD(net.parameters(), { lr }); // the book's lr=0.1

    host.print("\n## Training");
    await d2l.trainCh3(net, trainIter, testIter, loss, numEpochs, trainer, {
      host,
      figure: "3.7-train.svg",
      sanityChecks: d2l.atBookSettings(host.args, chapter.defaults),
    });
  },
};

await d2l.runIfMain(import.meta.url, chapter);
