/**
 * Runs the registered benchmarks: `npm run bench` runs all of them, `npm run bench -- matmul train`
 * the ones named; flags after the names go to every benchmark run (`npm run bench -- train --epochs 10`). To add one, write `bench/<name>.ts` exporting `run(): Promise<void>` (see
 * ./harness.ts) and list it below.
 */
import type { BenchmarkModule } from "./harness.js";

/** Every benchmark, in the order `npm run bench` runs them. Loaded lazily so one can run alone. */
const BENCHMARKS: Record<string, () => Promise<BenchmarkModule>> = {
  matmul: () => import("./matmul.js"),
  overhead: () => import("./overhead.js"),
  vectorization: () => import("./vectorization.js"),
  train: () => import("./train.js"),
  mlp: () => import("./mlp.js"),
  browser: () => import("./browser.js"),
};

async function main(args: readonly string[]): Promise<void> {
  const firstFlag = args.findIndex((a) => a.startsWith("--"));
  const names = firstFlag < 0 ? args : args.slice(0, firstFlag);
  const flags = firstFlag < 0 ? [] : args.slice(firstFlag);
  const available = Object.keys(BENCHMARKS);
  const chosen = names.length === 0 ? available : names;
  const unknown = chosen.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    throw new Error(`bench: unknown benchmark ${unknown.map((n) => `"${n}"`).join(", ")}; available: ${available.join(", ")}`);
  }
  for (const name of chosen) {
    const module = await BENCHMARKS[name]!();
    await module.run(flags);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
