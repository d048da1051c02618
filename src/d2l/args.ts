/**
 * The command-line flags of the chapter scripts: `--epochs N --seed S --out DIR`, and `--lr X`
 * `--batch-size N` in the chapters that declare those settings; `--help` prints {@link usage}.
 */
import type { ChapterArgs, ChapterDefinition } from "./host.js";

/** Environment variable naming the figures directory when `--out` is absent. */
export const FIGURES_ENV = "TSGRAD_FIGURES";
const DEFAULT_FIGURES_DIR = "figures";

/** One flag: its name, value placeholder, description, and whether a chapter's defaults enable it. */
interface FlagSpec {
  readonly flag: string;
  readonly value: string;
  readonly about: string;
  readonly key?: keyof ChapterArgs;
  /** Accepted only when the chapter declares this setting in its defaults. */
  readonly declared?: boolean;
}

const FLAGS: readonly FlagSpec[] = [
  { flag: "--epochs", value: "N", about: "training epochs", key: "epochs" },
  { flag: "--lr", value: "X", about: "learning rate", key: "lr", declared: true },
  { flag: "--batch-size", value: "N", about: "minibatch size", key: "batchSize", declared: true },
  { flag: "--seed", value: "S", about: "seed of the global random generator", key: "seed" },
  { flag: "--out", value: "DIR", about: `directory for figures (or $${FIGURES_ENV})`, key: "out" },
  { flag: "--help", value: "", about: "print this message and exit" },
];

/** The flags a chapter with these defaults accepts. */
function flagsFor(defaults: Partial<ChapterArgs>): FlagSpec[] {
  return FLAGS.filter((f) => f.declared !== true || (f.key !== undefined && defaults[f.key] !== undefined));
}

function shortUsage(defaults: Partial<ChapterArgs>): string {
  return `usage: ${flagsFor(defaults).map((f) => `[${f.flag}${f.value === "" ? "" : ` ${f.value}`}]`).join(" ")}`;
}

/**
 * The `--help` text of a chapter: its section and title, then every flag it takes with its default.
 * @example usage(chapter, "chapters/3.7-softmax-regression-concise.ts")
 */
export function usage(chapter: Pick<ChapterDefinition, "section" | "title" | "defaults">, script: string): string {
  const defaults = chapter.defaults;
  const shown = parseArgs([], defaults, {});
  const rows = flagsFor(defaults).map((f) => {
    const name = `${f.flag}${f.value === "" ? "" : ` ${f.value}`}`;
    const current = f.key === undefined ? "" : ` (default ${shown[f.key]})`;
    return `  ${name.padEnd(16)} ${f.about}${current}`;
  });
  return [`d2l ${chapter.section} ${chapter.title}`, `usage: npx tsx ${script} [options]`, ...rows].join("\n");
}

/**
 * True when the flags ask for help (`--help` or `-h`).
 * @example wantsHelp(["--help"]) // true
 */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes("--help") || argv.includes("-h");
}

function parseNumber(flag: string, raw: string | undefined, integer: boolean, min: number, defaults: Partial<ChapterArgs>): number {
  const value = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  const ok = integer ? Number.isInteger(value) && value >= min : Number.isFinite(value) && value > min;
  if (!ok) {
    const expected = integer ? `an integer >= ${min}` : `a number > ${min}`;
    throw new Error(`parseArgs: ${flag} expects ${expected}, got ${JSON.stringify(raw ?? null)} (${shortUsage(defaults)})`);
  }
  return value;
}

/**
 * Parses a chapter's flags (`--epochs 3`, `--seed=7`, `--lr 0.03`, `--batch-size 64`, `--out /tmp/figs`).
 * The figures directory falls back to `$TSGRAD_FIGURES`, then `figures`. Unknown flags, and `--lr` or
 * `--batch-size` in a chapter whose defaults do not declare them, are errors naming the flag.
 * d2l: none (the book's notebooks hard-code these); Python: `argparse`.
 * @example
 * parseArgs(["--epochs", "1"], { epochs: 10, lr: 0.1, batchSize: 256 }) // { epochs: 1, seed: 0, out: "figures", lr: 0.1, batchSize: 256 }
 */
export function parseArgs(
  argv: readonly string[],
  defaults: Partial<ChapterArgs> = {},
  env: Readonly<Record<string, string | undefined>> = {},
): ChapterArgs {
  const known = new Set(flagsFor(defaults).map((f) => f.flag));
  // NaN marks a setting the chapter does not have (it takes no --lr, so it never reads args.lr).
  let { epochs = 1, seed = 0, lr = NaN, batchSize = NaN } = defaults;
  let out = env[FIGURES_ENV] || defaults.out || DEFAULT_FIGURES_DIR;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (!known.has(flag) || flag === "--help") {
      throw new Error(`parseArgs: unknown argument ${JSON.stringify(arg)} (${shortUsage(defaults)})`);
    }
    // `--epochs=3` carries its value; `--epochs 3` takes the next word.
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (flag === "--epochs") epochs = parseNumber(flag, value, true, 1, defaults);
    else if (flag === "--seed") seed = parseNumber(flag, value, true, 0, defaults);
    else if (flag === "--lr") lr = parseNumber(flag, value, false, 0, defaults);
    else if (flag === "--batch-size") batchSize = parseNumber(flag, value, true, 1, defaults);
    else {
      if (value === undefined || value === "") throw new Error(`parseArgs: --out expects a directory (${shortUsage(defaults)})`);
      out = value;
    }
  }
  return { epochs, seed, out, lr, batchSize };
}

/**
 * True when `args` are the book's settings in `defaults` (epochs, learning rate, batch size): the
 * book's sanity bounds on the final accuracy only hold there.
 * @example atBookSettings(host.args, chapter.defaults)
 */
export function atBookSettings(args: ChapterArgs, defaults: Partial<ChapterArgs>): boolean {
  return (["epochs", "lr", "batchSize"] as const).every((key) => defaults[key] === undefined || args[key] === defaults[key]);
}
