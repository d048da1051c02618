/** Where figures go and how the scripts say so. */
import { isAbsolute, join, relative, resolve } from "node:path";
import { writeFigure } from "../plot/index.js";

/** Somewhere to print: `process.stdout`, or a capture in tests. `isTTY` enables in-place redraws. */
export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Prefix of the line announcing a written file; tests look for it. */
const WROTE_PREFIX = "wrote ";

/**
 * `path` as a reader wants to see it: relative to the working directory when inside it, else absolute.
 * @example displayPath("/work/main/figures/a.svg") // "figures/a.svg" when run from /work/main
 */
function displayPath(path: string): string {
  const absolute = resolve(path);
  const rel = relative(process.cwd(), absolute);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? absolute : rel;
}

/**
 * Path of a figure file inside the output directory.
 * @example figurePath("figures", "3.1-normal.svg") // "figures/3.1-normal.svg"
 */
export function figurePath(outDir: string, fileName: string): string {
  return join(outDir, fileName);
}

/**
 * Prints `wrote <path>` for a file a script wrote.
 * @example announceFile("figures/3.7-train.svg") // prints "wrote figures/3.7-train.svg"
 */
export function announceFile(path: string, sink: TextSink = process.stdout): void {
  sink.write(`${WROTE_PREFIX}${displayPath(path)}\n`);
}

/**
 * Writes an SVG figure (creating directories), prints `wrote <path>`, returns the absolute path.
 * matplotlib: `plt.savefig(path)` where the book shows the figure inline.
 * @example saveFigure("figures/3.1-normal.svg", lineChart({ series }))
 */
export function saveFigure(path: string, svg: string, sink: TextSink = process.stdout): string {
  const written = writeFigure(path, svg);
  announceFile(written, sink);
  return written;
}
