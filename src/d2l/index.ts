/**
 * The helpers of *Dive into Deep Learning* chapter 3, names in camelCase (`d2l.train_ch3` →
 * `trainCh3`). Built on the public API only; everything shown goes through a {@link ChapterHost}.
 * @example
 * import * as d2l from "tsgrad/d2l";
 * const [trainIter, testIter] = await d2l.loadDataFashionMnist(256);
 */
export {
  runIfMain, runChapter, type ChapterHost, type ChapterArgs, type ChapterDefinition,
} from "./host.js";
export { parseArgs, usage, wantsHelp, atBookSettings, FIGURES_ENV } from "./args.js";
export { Timer, type Clock } from "./timer.js";
export { Accumulator } from "./accumulator.js";
export { linreg, squaredLoss, sgd } from "./linear-regression.js";
export {
  applyNet, applyLoss, setTraining, isOptimizer, splitBatch,
  type Net, type ModuleLike, type Loss, type OptimizerLike, type Updater, type Batch,
} from "./net.js";
export { accuracy, evaluateAccuracy, predictedClasses } from "./classification.js";
export { trainEpochCh3, trainCh3, type DataIter, type TrainCh3Options, type TrainCh3Result } from "./train.js";
export { predictCh3, type PredictCh3Options, type Predictions } from "./predict.js";
export { loadDataFashionMnist, getFashionMnistLabels, type LoadFashionMnistOptions, type FashionMnistIters } from "./fashion-mnist.js";
export { Animator, type AnimatorOptions } from "./animator.js";
export { showImages, toGrayImages, type ShowImagesOptions } from "./images.js";
export { plot } from "./plot.js";
export { type AxesOptions, type Values } from "./chart.js";
export { lossLine, formatShape, estimationError, printEstimationErrors } from "./report.js";
