/**
 * The worked exercise answers, run in-process with a capturing host: what each prints must be the
 * answer the exercise asks for. Expected values are worked out by hand or follow from the math in
 * the comments; the Fashion-MNIST sweep (3.7) needs the dataset.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runChapter, type ChapterDefinition } from "../../src/d2l/index.js";
import { captureHost } from "../d2l/support.js";
import { hasFashionMnist } from "../helpers/fashion-mnist.js";
import { findAll, parseXml, withClass } from "../helpers/xml.js";

const EXERCISES = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "chapters", "exercises");

async function run(file: string, args: Record<string, number> = {}): Promise<{ text: string; figures: Map<string, string> }> {
  const chapter = ((await import(join(EXERCISES, file))) as { chapter: ChapterDefinition }).chapter;
  const capture = captureHost({ ...chapter.defaults, ...args });
  await runChapter(chapter, capture.host);
  return { text: capture.text(), figures: capture.figures };
}

/** The numbers on the first line starting with `prefix`, after it. */
function numbersAfter(text: string, prefix: string): number[] {
  const line = text.split("\n").find((l) => l.startsWith(prefix));
  if (line === undefined) throw new Error(`no line starts with ${JSON.stringify(prefix)} in:\n${text}`);
  return (line.slice(prefix.length).match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?|\binf\b|\bnan\b/g) ?? []).map((s) => (s === "inf" ? Infinity : s === "nan" ? NaN : Number(s)));
}

test("3.1: the mean minimises squared error, the closed form agrees with SGD, a duplicated feature is singular, the median minimises |·|", async () => {
  const { text } = await run("3.1-exercises.ts");
  // x = [1, 2, 2, 3, 9]: mean 17/5 = 3.4, Σ(x − 3.4)² = 5.76 + 1.96·2 + 0.16 + 31.36 = 41.2, and +0.1² · 5 = 41.25 either side.
  assert.equal(numbersAfter(text, "Σ(x − b)² at b = mean − 0.1, mean, mean + 0.1: ").slice(-3), [41.25, 41.2, 41.25]);
  assert.equal(numbersAfter(text, "gradient descent on b: "), [3.4]);
  for (const e of numbersAfter(text, "error of the closed form in estimating w: ")) assert.ok(Math.abs(e) < 0.005, `${e}`);
  assert.ok(numbersAfter(text, "max |closed form − SGD| = ")[0]! < 0.005, text);
  assert.ok(text.includes("duplicated feature: linalg.solve: the matrix of shape [4, 4] is singular"), text);
  assert.equal(numbersAfter(text, "argmin over a grid of Σ|x − b|: "), [2, 2, 3.4]);
});

test("3.2: zero initialisation trains, the autograd Hessian is XᵀX, broadcasting without reshape, rates, the short last batch", async () => {
  const { text } = await run("3.2-exercises.ts");
  assert.ok(numbersAfter(text, "zero init: epoch 3, loss ")[0]! < 1e-4, text);
  for (const e of [...numbersAfter(text, "zero init: error in estimating w: "), ...numbersAfter(text, "zero init: error in estimating b: ")]) {
    assert.ok(Math.abs(e) < 0.01, `${e}`);
  }
  assert.ok(numbersAfter(text, "max |Hessian − XᵀX| / max |XᵀX| = ")[0]! < 1e-5, text);
  // yHat = [[1], [2], [3]], y = [1, 2, 3]: the [3, 3] differences i − j sum, squared and halved, to (2·1 + 2·1 + 2·4)/2 = 6.
  assert.equal(numbersAfter(text, "without reshape: (yHat − y) has shape "), [3, 3, 6]);
  assert.equal(numbersAfter(text, "with reshape: shape "), [3, 1, 0]);
  assert.ok(numbersAfter(text, "lr 0.001: loss after 3 epochs ")[0]! > 1, "too small a rate has not converged");
  assert.ok(numbersAfter(text, "lr 0.03: loss after 3 epochs ")[0]! < 1e-4);
  assert.ok(text.includes("lr 2.5: loss after 3 epochs diverged"), text);
  assert.ok(text.includes("batch sizes with batchSize 300 over 1000 examples: 300, 300, 300, 100"));
});

test("3.3: a summed loss with lr / batchSize matches the mean; Huber resists outliers; the weight's gradient by hand", async () => {
  const { text } = await run("3.3-exercises.ts");
  assert.ok(numbersAfter(text, "max |mean − sum| = ")[0]! < 1e-5, text);
  const mse = numbersAfter(text, "with outliers, MSELoss: max error in w and b ")[0]!;
  const huber = numbersAfter(text, "with outliers, SmoothL1Loss: max error in w and b ")[0]!;
  // 5% of labels shifted by 30 move the least-squares intercept by ≈ 0.05 · 30 = 1.5.
  assert.ok(mse > 1, `MSELoss error ${mse}`);
  assert.ok(huber < 0.2 && huber < mse / 5, `SmoothL1Loss error ${huber}`);
  assert.ok(numbersAfter(text, "max |autograd − by hand| = ")[0]! < 1e-4, text);
});

test("3.6: the naive softmax gives NaN for large inputs, the stable one does not; −log 0 is inf, the logits' form is 120", async () => {
  const { text } = await run("3.6-exercises.ts");
  const lines = text.split("\n");
  const naive = lines.indexOf("naive softmax:");
  assert.ok(lines[naive + 1]!.includes("nan") && lines[naive + 2]!.includes("nan"), text);
  assert.not.ok(lines.slice(naive + 4, naive + 8).join(" ").includes("nan"), "stable rows are finite");
  assert.equal(numbersAfter(text, "rows of the stable softmax sum to "), [1, 1, 1]);
  // o = [[−120, 0], [0, 1]], y = [0, 1]: −log softmax(o)_y = log(1 + e^−120) + 120 ≈ 120 and log(1 + e^−1) ≈ 0.3133.
  const naiveLoss = numbersAfter(text, "naive crossEntropy(softmax(o), y) = ");
  assert.is(naiveLoss[0], Infinity);
  const stable = numbersAfter(text, "from the logits, logsumexp(o) − o_y = ");
  assert.ok(Math.abs(stable[0]! - 120) < 1e-3 && Math.abs(stable[1]! - Math.log(1 + Math.exp(-1))) < 1e-4, `${stable}`);
  assert.ok(Math.abs(numbersAfter(text, "clamped at 1e-12: ")[0]! + Math.log(1e-12)) < 1e-3, "capped at −log ε = 27.63");
});

test("3.4: the autograd Hessian of the cross-entropy is diag(p) − ppᵀ; RealSoftMax bounds max and tends to it", async () => {
  const { text } = await run("3.4-exercises.ts");
  assert.ok(numbersAfter(text, "max |Hessian − covariance| = ")[0]! < 1e-6, text);
  assert.ok(Math.abs(numbersAfter(text, "the gradient softmax(o) − y = ").at(-1)!) < 1e-6, "sums to 0");
  // log(e + e^1.5) = 1.5 + log(1 + e^−0.5) = 1.974077 (by hand); at λ = 10: 1.5 + log(1 + e^−5)/10 = 1.500672.
  assert.equal(numbersAfter(text, "RealSoftMax(1, 1.5) = "), [1.9741, 1.5]);
  assert.equal(numbersAfter(text, "λ = 10: RealSoftMax(λa, λb) / λ = "), [1.500672]);
  assert.equal(numbersAfter(text, "λ = 100: RealSoftMax(λa, λb) / λ = "), [1.5]);
});

const fashionMnist = hasFashionMnist("the 3.7 sweep");

test("3.5: reading speed for each batch size", async () => {
  if (!fashionMnist) return;
  const { text } = await run("3.5-exercises.ts");
  // Speeds are for reading, not asserting (timings belong in benchmarks): each size reports one.
  for (const size of [1, 16, 256, 1024]) assert.ok(numbersAfter(text, `batch size ${size}: `)[0]! > 0, text);
});

test("3.7: one line per learning rate and batch size, and a figure of each sweep", async () => {
  if (!fashionMnist) return;
  const { text, figures } = await run("3.7-exercises.ts");
  for (const lr of [0.01, 0.1, 0.3, 1]) {
    const [loss, trainAcc, testAcc] = numbersAfter(text, `lr ${lr}: `);
    assert.ok(Number.isFinite(loss) && trainAcc! > 0.5 && testAcc! > 0.5 && testAcc! <= 1, `lr ${lr}: ${loss} ${trainAcc} ${testAcc}`);
  }
  const slow = numbersAfter(text, "lr 0.01: ")[2]!;
  const book = numbersAfter(text, "lr 0.1: ")[2]!;
  assert.ok(book > slow, `after one epoch lr 0.1 (${book}) is ahead of lr 0.01 (${slow})`);
  for (const size of [64, 1024]) assert.ok(numbersAfter(text, `batch size ${size}: `).length >= 3, text);
  for (const name of ["3.7-sweep-lr.svg", "3.7-sweep-batch-size.svg"]) {
    const svg = parseXml(figures.get(name)!);
    assert.equal(findAll(svg, "path", withClass("series")).map((c) => c.attrs["data-name"]), ["train acc", "test acc"], name);
  }
});

test.run();
