/** The book's sections the page offers, in the book's order: the same modules `tsx` runs. */
import { chapter as softmaxConcise } from "./stand-in/softmax-concise.js";
import type { ChapterDefinition } from "./stand-in/host.js";

export type { ChapterArgs, ChapterDefinition, ChapterHost } from "./stand-in/host.js";
export { runChapter } from "./stand-in/host.js";

export const CHAPTERS: readonly ChapterDefinition[] = [softmaxConcise];
