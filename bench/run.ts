/**
 * Runs the registered benchmarks: `npm run bench` runs all of them, `npm run bench -- matmul train`
 * the ones named. To add one, write `bench/<name>.ts` exporting `run(): Promise<void>` (see
 * ./harness.ts) and list it below.
 */
import type { BenchmarkModule } from "./harness.js";

/** Every benchmark, in the order `npm run bench` runs them. Loaded lazily so one can run alone. */
const BENCHMARKS: Record<string, () => Promise<BenchmarkModule>> = {
  matmul: () => import("./matmul.js"),
  overhead: () => import("./overhead.js"),
  vectorization: () => import("./vectorization.js"),
  train: () => import("./train.js"),
};

async function main(names: readonly string[]): Promise<void> {
  const available = Object.keys(BENCHMARKS);
  const chosen = names.length === 0 ? available : names;
  const unknown = chosen.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    throw new Error(`bench: unknown benchmark ${unknown.map((n) => `"${n}"`).join(", ")}; available: ${available.join(", ")}`);
  }
  for (const name of chosen) {
    const module = await BENCHMARKS[name]!();
    await module.run();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
