/** Where figures go and how the scripts say so. */
import { platform } from "#platform";
import { writeFigure } from "../plot/index.js";
import type { TextSink } from "../platform/types.js";

export type { TextSink } from "../platform/types.js";

/** Prefix of the line announcing a written file; tests look for it. */
const WROTE_PREFIX = "wrote ";

/** `path` as a reader wants to see it: relative to the working directory when inside it, else absolute. */
const displayPath = (path: string): string => platform.displayPath(path);

/**
 * Path of a figure file inside the output directory.
 * @example figurePath("figures", "3.1-normal.svg") // "figures/3.1-normal.svg"
 */
export function figurePath(outDir: string, fileName: string): string {
  return platform.joinPath(outDir, fileName);
}

/**
 * Prints `wrote <path>` for a file a script wrote.
 * @example announceFile("figures/3.7-train.svg") // prints "wrote figures/3.7-train.svg"
 */
export function announceFile(path: string, sink: TextSink = platform.stdout()): void {
  sink.write(`${WROTE_PREFIX}${displayPath(path)}\n`);
}

/**
 * Writes an SVG figure (creating directories), prints `wrote <path>`, returns the absolute path.
 * matplotlib: `plt.savefig(path)` where the book shows the figure inline.
 * @example saveFigure("figures/3.1-normal.svg", lineChart({ series }))
 */
export function saveFigure(path: string, svg: string, sink: TextSink = platform.stdout()): string {
  const written = writeFigure(path, svg);
  announceFile(written, sink);
  return written;
}
