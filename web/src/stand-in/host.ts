/**
 * STAND-IN until the chapter restructuring (issue 16, branch `book`) lands on main: the shape of
 * src/d2l/host.ts there, so that the page is built against the real interface. Deleted at that merge.
 */
import { manualSeed } from "../../../src/index.js";

export interface ChapterArgs {
  readonly epochs: number;
  readonly seed: number;
  readonly out: string;
  readonly lr: number;
  readonly batchSize: number;
}

export interface ChapterHost {
  print(text: string): void;
  figure(name: string, svg: string): void;
  readonly args: ChapterArgs;
  readonly signal?: AbortSignal;
  pause?(): Promise<void>;
}

export interface ChapterDefinition {
  readonly section: string;
  readonly title: string;
  readonly defaults: Partial<ChapterArgs>;
  run(host: ChapterHost): Promise<void>;
}

export async function runChapter(chapter: ChapterDefinition, host: ChapterHost): Promise<void> {
  manualSeed(host.args.seed);
  await chapter.run(host);
}
