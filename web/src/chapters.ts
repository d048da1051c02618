/** The book's sections the page offers, in the book's order: the very modules `tsx` runs from chapters/. */
import { chapter as linearRegression } from "../../chapters/3.1-linear-regression.js";
import { chapter as linearScratch } from "../../chapters/3.2-linear-regression-scratch.js";
import { chapter as linearConcise } from "../../chapters/3.3-linear-regression-concise.js";
import { chapter as softmaxRegression } from "../../chapters/3.4-softmax-regression.js";
import { chapter as imageDataset } from "../../chapters/3.5-image-classification-dataset.js";
import { chapter as softmaxScratch } from "../../chapters/3.6-softmax-regression-scratch.js";
import { chapter as softmaxConcise } from "../../chapters/3.7-softmax-regression-concise.js";
import type { ChapterDefinition } from "../../src/d2l/host.js";

export type { ChapterArgs, ChapterDefinition, ChapterHost } from "../../src/d2l/host.js";
export { runChapter } from "../../src/d2l/host.js";

export const CHAPTERS: readonly ChapterDefinition[] = [
  linearRegression, linearScratch, linearConcise, softmaxRegression, imageDataset, softmaxScratch, softmaxConcise,
];
