/**
 * The helpers of *Dive into Deep Learning* chapter 3, names in camelCase (`d2l.train_ch3` →
 * `trainCh3`). The book's own definitions (`Timer`, `syntheticData`, `linreg`, `sgd`, `loadArray`,
 * `loadDataFashionMnist`, `showImages`, `accuracy`, `Accumulator`, `trainCh3`, `predictCh3`, …) are
 * generated from the chapters' `//@save` definitions into `./book/`; `./support.ts` is the rest.
 * Built on the public API only; everything shown goes through a {@link ChapterHost}.
 * @example
 * import * as d2l from "tsgrad/d2l";
 * const [trainIter, testIter] = await d2l.loadDataFashionMnist(256);
 */
export * from "./book/index.js";
export * from "./support.js";
