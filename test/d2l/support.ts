/** Test doubles for the d2l helpers: a capturing output sink, a hand-driven clock, temporary directories. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TextSink } from "../../src/d2l/index.js";

/** A sink that records what is written, posing as a terminal or not. */
export interface Capture {
  readonly sink: TextSink;
  readonly text: () => string;
}

export function captureSink(isTTY = false): Capture {
  const chunks: string[] = [];
  return { sink: { isTTY, write: (s: string) => chunks.push(s) }, text: () => chunks.join("") };
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
