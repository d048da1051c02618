/**
 * One chapter source, two hosts: a chapter is a module exporting its body, and everything it shows
 * (lines of text, figures) goes through a {@link ChapterHost} — the terminal in Node, the page in a
 * browser. Imports no `node:` module; the Node host lives in `node-host.ts`, loaded only by Node.
 */
import { manualSeed } from "../index.js";

/** The settings a chapter runs with: parsed flags, the chapter's defaults filling the rest. */
export interface ChapterArgs {
  /** Training epochs (`--epochs N`). */
  readonly epochs: number;
  /** Seed of the global generator, set before the chapter runs (`--seed S`). */
  readonly seed: number;
  /** Directory figures are written to in Node (`--out DIR`); the page ignores it. */
  readonly out: string;
  /** Learning rate (`--lr X`, training chapters only). */
  readonly lr: number;
  /** Minibatch size (`--batch-size N`, chapters that read minibatches only). */
  readonly batchSize: number;
}

/** Where a chapter's output goes. */
export interface ChapterHost {
  /** Shows one line of text. Node: one line to stdout. */
  print(text: string): void;
  /** Shows figure `name` (e.g. `"3.6-train.svg"`). Node: writes `<out>/<name>` and prints `wrote <path>`; page: shows or replaces it. */
  figure(name: string, svg: string): void;
  /** Parsed flags with the chapter's defaults applied. */
  readonly args: ChapterArgs;
  /** Aborted by the page's stop button; long loops check it between batches and epochs. */
  readonly signal?: AbortSignal;
  /** Lets the browser paint; called between epochs and every few batches. */
  pause?(): Promise<void>;
}

/** A chapter script: what the book calls the section, the flags' defaults, and its body. */
export interface ChapterDefinition {
  /** The book's section number, `"3.6"`. */
  readonly section: string;
  /** The section's title, `"Implementation of Softmax Regression from Scratch"`. */
  readonly title: string;
  /**
   * The book's settings. `epochs`, `lr` and `batchSize` present here are the flags the chapter
   * takes (`--epochs` is always accepted); `seed` and `out` always are.
   */
  readonly defaults: Partial<ChapterArgs>;
  /** The section's code, from top to bottom. */
  run(host: ChapterHost): Promise<void>;
}

/**
 * Seeds the global generator with `host.args.seed`, then runs the chapter. Both hosts start
 * chapters this way.
 * @example await runChapter(chapter, pageHost)
 */
export async function runChapter(chapter: ChapterDefinition, host: ChapterHost): Promise<void> {
  manualSeed(host.args.seed);
  await chapter.run(host);
}

/** The part of Node's `process` this file may look at without importing it. */
interface ProcessLike {
  readonly argv?: readonly string[];
}

/**
 * Runs `chapter` with the command-line host when the module at `moduleUrl` is Node's entry script
 * (`npx tsx chapters/3.6-….ts`), and does nothing otherwise (imported by a test, bundled into the
 * page). End every chapter with `await runIfMain(import.meta.url, chapter)`. Python: `if __name__ == "__main__":`.
 * @example await runIfMain(import.meta.url, chapter);
 */
export async function runIfMain(moduleUrl: string, chapter: ChapterDefinition): Promise<void> {
  const process = (globalThis as { process?: ProcessLike }).process;
  if (process?.argv?.[1] === undefined) return;
  // A computed specifier: bundlers leave it alone, so the page never sees the Node host's `node:` imports.
  const nodeHost = "./node-host.js";
  const { runIfEntry } = (await import(nodeHost)) as typeof import("./node-host.js");
  await runIfEntry(moduleUrl, chapter);
}

/** Where a book helper shows what it draws: the host, and the name of its figure (none when absent). */
export interface Display {
  readonly host: ChapterHost;
  /** e.g. `"3.6-train.svg"`; Node writes it under `--out`, the page shows it under this name. */
  readonly figure?: string;
}
