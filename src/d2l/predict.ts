/** d2l 3.6's `predict_ch3`: a few test images with their true and predicted labels. */
import { noGrad, type Tensor } from "../index.js";
import { predictedClasses } from "./classification.js";
import { getFashionMnistLabels } from "./fashion-mnist.js";
import { showImages } from "./images.js";
import { applyNet, setTraining, splitBatch, type Batch, type Net } from "./net.js";
import type { ChapterHost } from "./host.js";

/** Options of {@link predictCh3}. */
export interface PredictCh3Options {
  /** Where the figure goes. */
  readonly host: ChapterHost;
  /** Name of the figure of the images titled "true\npred", e.g. `"3.6-predictions.svg"`. */
  readonly figure: string;
}

/** What {@link predictCh3} shows. */
export interface Predictions {
  /** True text labels of the first `n` test images. */
  readonly trues: string[];
  /** Predicted text labels. */
  readonly preds: string[];
}

/**
 * Classifies the first `n` images of the first test batch and writes them in a row, each titled
 * with its true label above the predicted one, shown as `host.figure(figure, svg)`. d2l: `d2l.predict_ch3(net, test_iter, n=6)`.
 * @example predictCh3(net, testIter, 6, { host, figure: "3.6-predictions.svg" }).preds
 */
export function predictCh3(net: Net, testIter: Iterable<Batch>, n: number, options: PredictCh3Options): Predictions {
  const first = testIter[Symbol.iterator]().next();
  if (first.done === true) throw new Error("predictCh3: the test iterator yielded no batch");
  const [X, y] = splitBatch(first.value, "predictCh3");
  const count = Math.min(n, X.shape[0]!);
  setTraining(net, false);
  const yHat: Tensor = noGrad(() => applyNet(net, X));
  const trues = getFashionMnistLabels(y.slice(0, 0, count));
  const preds = getFashionMnistLabels(predictedClasses(yHat).slice(0, 0, count));
  const titles = trues.map((t, i) => `${t}\n${preds[i]!}`);
  options.host.figure(options.figure, showImages(X.slice(0, 0, count), 1, count, { titles }));
  return { trues, preds };
}
