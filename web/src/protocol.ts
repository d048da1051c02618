/** Messages between the page (./main.ts) and the worker that runs the chapters (./chapter-worker.ts). */
import type { ChapterArgs } from "./chapters.js";

/** What the page shows of a chapter before running it. */
export interface ChapterSummary {
  readonly section: string;
  readonly title: string;
  readonly defaults: Partial<ChapterArgs>;
}

/** The settings the page's controls can change. */
export type RunArgs = Partial<Pick<ChapterArgs, "epochs" | "lr" | "batchSize" | "seed">>;

export type ToWorker =
  | { readonly type: "run"; readonly id: number; readonly section: string; readonly args: RunArgs }
  | { readonly type: "stop"; readonly id: number };

export type FromWorker =
  | { readonly type: "hello"; readonly chapters: readonly ChapterSummary[]; readonly threads: number; readonly isolated: boolean; readonly backend: string; readonly relaxedSimd: boolean }
  | { readonly type: "print"; readonly id: number; readonly text: string }
  | { readonly type: "figure"; readonly id: number; readonly name: string; readonly svg: string }
  | { readonly type: "done"; readonly id: number; readonly seconds: number; readonly threads: number }
  | { readonly type: "stopped"; readonly id: number }
  | { readonly type: "error"; readonly id: number; readonly message: string };
