/** Test doubles for the d2l helpers: a capturing host, a hand-driven clock, temporary directories. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, type ChapterArgs, type ChapterHost } from "../../src/d2l/index.js";

/** A host that records the lines printed and the figures shown (the latest SVG of each name). */
export interface Capture {
  readonly host: ChapterHost;
  /** Every printed line, each followed by "\n". */
  readonly text: () => string;
  readonly figures: Map<string, string>;
  /** Names of the figures in the order shown, one entry per `figure` call. */
  readonly shown: string[];
}

export function captureHost(args: Partial<ChapterArgs> = {}): Capture {
  const lines: string[] = [];
  const figures = new Map<string, string>();
  const shown: string[] = [];
  const host: ChapterHost = {
    args: { ...parseArgs([], {}), ...args },
    print: (text) => lines.push(`${text}\n`),
    figure: (name, svg) => {
      figures.set(name, svg);
      shown.push(name);
    },
  };
  return { host, text: () => lines.join(""), figures, shown };
}

/** A clock the test advances by hand (milliseconds). */
export function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

/** Runs `fn` with a fresh temporary directory, removed afterwards. */
export function withTempDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "tsgrad-d2l-"));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
