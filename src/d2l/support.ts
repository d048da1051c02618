/**
 * The hand-written part of `d2l`: what the chapters' `//@save` definitions lean on but the book does
 * not define in chapter 3 — the hosts, flags, `plot` (chapter 2's), and the drawing behind
 * `showImages` and the `Animator` (matplotlib's part). The generated book part (`./book/`) imports
 * this as `d2l`; nothing here imports the book part.
 */
export {
  runIfMain, runChapter, type ChapterHost, type ChapterArgs, type ChapterDefinition, type Display,
} from "./host.js";
export { parseArgs, usage, wantsHelp, atBookSettings, FIGURES_ENV } from "./args.js";
export { plot } from "./plot.js";
export { drawLines, type AxesOptions, type Values } from "./chart.js";
export { toGrayImages } from "./images.js";
export { formatShape } from "./format.js";
