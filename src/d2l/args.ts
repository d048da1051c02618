/** The command-line flags every chapter script understands: `--epochs N --seed S --out DIR`. */
import { platform } from "#platform";

/** What a chapter script runs with. */
export interface ScriptArgs {
  /** Training epochs (the book's number unless `--epochs` says otherwise). */
  readonly epochs: number;
  /** Seed of the global generator, passed to `manualSeed` before anything random happens. */
  readonly seed: number;
  /** Directory the script writes its figures into. */
  readonly out: string;
}

/** The defaults a script fills in for flags that are not given. */
export interface ScriptDefaults {
  readonly epochs?: number;
  readonly seed?: number;
  readonly out?: string;
}

/** Environment variable naming the figures directory when `--out` is absent. */
export const FIGURES_ENV = "TSGRAD_FIGURES";
const DEFAULT_FIGURES_DIR = "figures";

const USAGE = "usage: [--epochs N] [--seed S] [--out DIR]";

function parseInteger(flag: string, raw: string | undefined, min: number): number {
  const value = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`parseArgs: ${flag} expects an integer >= ${min}, got ${JSON.stringify(raw ?? null)} (${USAGE})`);
  }
  return value;
}

/**
 * Parses a chapter script's flags (`--epochs 3`, `--seed=7`, `--out /tmp/figs`). The figures
 * directory falls back to `$TSGRAD_FIGURES`, then `figures`. Unknown flags are an error.
 * d2l: none (the book's notebooks hard-code these); Python: `argparse`.
 * @example
 * parseArgs(["--epochs", "1"], { epochs: 10 }) // { epochs: 1, seed: 0, out: "figures" }
 */
export function parseArgs(
  argv: readonly string[] = platform.args(),
  defaults: ScriptDefaults = {},
  env: Readonly<Record<string, string | undefined>> = { [FIGURES_ENV]: platform.env(FIGURES_ENV) },
): ScriptArgs {
  let epochs = defaults.epochs ?? 1;
  let seed = defaults.seed ?? 0;
  let out = env[FIGURES_ENV] || defaults.out || DEFAULT_FIGURES_DIR;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    // `--epochs=3` carries its value; `--epochs 3` takes the next word.
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    switch (flag) {
      case "--epochs":
        epochs = parseInteger(flag, value, 1);
        break;
      case "--seed":
        seed = parseInteger(flag, value, 0);
        break;
      case "--out":
        if (value === undefined || value === "") throw new Error(`parseArgs: --out expects a directory (${USAGE})`);
        out = value;
        break;
      default:
        throw new Error(`parseArgs: unknown argument ${JSON.stringify(arg)} (${USAGE})`);
    }
  }
  return { epochs, seed, out };
}
