/** What every chapter script does around its body: flags, seeding, and reporting failure. */
import { manualSeed } from "../index.js";
import { parseArgs, type ScriptArgs, type ScriptDefaults } from "./args.js";

/**
 * Parses the flags (`--epochs`, `--seed`, `--out`), seeds the global generator, and runs
 * `main`. An error is printed to stderr as `error: <message>` and sets exit code 1.
 * @example
 * runScript({ epochs: 3 }, ({ epochs, out }) => { ... });
 */
export async function runScript(defaults: ScriptDefaults, main: (args: ScriptArgs) => void | Promise<void>): Promise<void> {
  try {
    const args = parseArgs(process.argv.slice(2), defaults);
    manualSeed(args.seed);
    await main(args);
  } catch (err) {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
