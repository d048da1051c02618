/**
 * The command-line host: flags from `process.argv`, text to stdout, figures to files under `--out`.
 * Only Node loads this file (through `runIfMain`); the page implements {@link ChapterHost} itself.
 */
import { realpathSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFigure } from "../plot/index.js";
import { parseArgs, usage, wantsHelp } from "./args.js";
import { runChapter, type ChapterArgs, type ChapterDefinition, type ChapterHost } from "./host.js";

/** Somewhere to write text: `process.stdout`, or a capture in tests. */
export interface TextSink {
  write(text: string): unknown;
}

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
 * A host printing to `stdout` and writing figures into `args.out`. The first write of a figure is
 * announced as `wrote <path>`; rewrites of it (the Animator's, every epoch) are silent.
 * @example const host = nodeHost(parseArgs(["--epochs", "1"], chapter.defaults));
 */
export function nodeHost(args: ChapterArgs, stdout: TextSink = process.stdout): ChapterHost {
  const announced = new Set<string>();
  return {
    args,
    print: (text) => stdout.write(`${text}\n`),
    figure: (name, svg) => {
      const written = writeFigure(join(args.out, name), svg);
      if (announced.has(written)) return;
      announced.add(written);
      stdout.write(`wrote ${displayPath(written)}\n`);
    },
  };
}

/**
 * Runs a chapter from the command line: `--help` prints its usage; otherwise the flags are parsed,
 * the generator seeded and the chapter run. An error is printed to stderr as `error: <message>`
 * and sets exit code 1.
 * @example await runCli(chapter, ["--epochs", "1"])
 */
export async function runCli(chapter: ChapterDefinition, argv: readonly string[] = process.argv.slice(2), script = process.argv[1] ?? "chapter.ts"): Promise<void> {
  try {
    if (wantsHelp(argv)) {
      process.stdout.write(`${usage(chapter, displayPath(script))}\n`);
      return;
    }
    await runChapter(chapter, nodeHost(parseArgs(argv, chapter.defaults, process.env)));
  } catch (err) {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Runs the chapter with {@link runCli} when the module at `moduleUrl` is the script Node was started with.
 * @example await runIfEntry(import.meta.url, chapter)
 */
export async function runIfEntry(moduleUrl: string, chapter: ChapterDefinition): Promise<void> {
  const entry = process.argv[1];
  if (entry === undefined || !moduleUrl.startsWith("file:")) return;
  if (realPath(entry) !== realPath(fileURLToPath(moduleUrl))) return;
  await runCli(chapter);
}
