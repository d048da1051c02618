/**
 * The benchmark harness every `bench/<name>.ts` uses.
 *
 * A benchmark is a module `bench/<name>.ts` that exports `run(): Promise<void>` (the
 * `BenchmarkModule` interface) and is listed in the registry of `bench/run.ts`:
 *
 *   npm run bench            # every registered benchmark, in order
 *   npm run bench -- matmul  # just one (several names may be given)
 *
 * Inside `run`, time each case with `measure(fn)`, or several implementations of it with
 * `compare({ a: fnA, b: fnB })` (warm-up, then ≥ 5 timed runs, each long enough for the clock,
 * interleaved across implementations; median/min/max seconds per call), collect a `BenchTable`, and
 * hand it to `report(table)`, which prints it as a markdown table and writes
 * `bench/out/<name>.json` (`bench/results/` with `--save`) with the machine it ran on. Report ratios measured in the same process:
 * machines are shared and absolute figures drift.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { getBackend, getNumThreads, wasmFeatures } from "../src/index.js";
import { fileURLToPath } from "node:url";

/** What `bench/run.ts` expects of `bench/<name>.ts`. */
export interface BenchmarkModule {
  /** `flags`: what followed the benchmark names on the command line (`--epochs 10`); most ignore them. */
  run(flags?: readonly string[]): Promise<void>;
}

/** How to time one case. */
export interface MeasureOptions {
  /**
   * Untimed warm-up (JIT tiers, caches, scratch buffers): at least `warmup` calls and `warmupMs` ms. Defaults 3
   * and 500: measured here, 200 ms left the first case of a process ~30% slow although every function had
   * already been optimised once.
   */
  warmup?: number;
  warmupMs?: number;
  /** Timed runs; at least 5. Default 7. */
  runs?: number;
  /** Each run repeats the call until it has lasted about this long, so fast calls rise above timer noise. Default 20. */
  minRunMs?: number;
}

/** Seconds per call, over the timed runs. */
export interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number;
  /** Calls per run. */
  repeats: number;
}

const nowNs = (): bigint => process.hrtime.bigint();

/** Runs `fn` `times` times and returns the elapsed seconds; a returned promise is awaited, a plain value is not (no microtask per call). */
async function timeCalls(fn: () => unknown, times: number): Promise<number> {
  const start = nowNs();
  for (let i = 0; i < times; i++) {
    const result = fn();
    if (result instanceof Promise) await result;
  }
  return Number(nowNs() - start) / 1e9;
}

/**
 * Median of a non-empty list (the mean of the middle two for an even count).
 * @example median([3, 1, 2]) // 2
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Warms `fn` up and returns how many calls make one run of about `minRunMs`. */
async function warmUp(fn: () => unknown, options: MeasureOptions): Promise<number> {
  const minCalls = Math.max(1, options.warmup ?? 3);
  const minTime = (options.warmupMs ?? 500) / 1e3;
  let calls = 0;
  let elapsed = 0;
  let last = 0;
  while (calls < minCalls || elapsed < minTime) {
    last = await timeCalls(fn, 1);
    elapsed += last;
    calls++;
  }
  return Math.max(1, Math.ceil((options.minRunMs ?? 20) / 1e3 / Math.max(last, 1e-9)));
}

/**
 * Times several implementations of the same case, interleaved: after each one's warm-up, run r of every
 * implementation is timed before run r + 1 of any, so a burst of load on a shared machine hits all of
 * them alike. Returns seconds per call (median/min/max over ≥ 5 runs) under the same keys.
 * @example const t = await compare({ ours: () => matmul(a, b), theirs: () => tfMatMul() }); t.ours.median
 */
export async function compare<K extends string>(fns: Record<K, () => unknown>, options: MeasureOptions = {}): Promise<Record<K, Timing>> {
  const names = Object.keys(fns) as K[];
  const runs = Math.max(5, options.runs ?? 7);
  const repeats = new Map<K, number>();
  const samples = new Map<K, number[]>();
  for (const name of names) {
    repeats.set(name, await warmUp(fns[name], options));
    samples.set(name, []);
  }
  for (let r = 0; r < runs; r++) {
    for (const name of names) {
      const times = repeats.get(name)!;
      samples.get(name)!.push((await timeCalls(fns[name], times)) / times);
    }
  }
  const result = {} as Record<K, Timing>;
  for (const name of names) {
    const s = samples.get(name)!;
    result[name] = { median: median(s), min: Math.min(...s), max: Math.max(...s), runs, repeats: repeats.get(name)! };
  }
  return result;
}

/**
 * Times one function: warm-up, then ≥ 5 timed runs. Seconds per call.
 * @example const t = await measure(() => matmul(a, b)); console.log(t.median * 1e3, "ms");
 */
export async function measure(fn: () => unknown, options: MeasureOptions = {}): Promise<Timing> {
  return (await compare({ fn }, options)).fn;
}

/** A result table: `columns` headers, `rows` of cells (numbers are printed with `digits` decimals). */
export interface BenchTable {
  /** File stem of the result: `bench/results/<name>.json`. */
  name: string;
  title: string;
  columns: string[];
  rows: (string | number | null)[][];
  /** Decimals for numeric cells. Default 2. */
  digits?: number;
  /** Lines printed under the table (and saved): units, skipped cells, caveats. */
  notes?: string[];
  /** Anything else worth keeping in the JSON (raw timings, parameters). */
  details?: unknown;
}

/** The machine a result was measured on. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  arch: string;
  /** tsgrad's matmul threads in this process (`getNumThreads()`; `TSGRAD_NUM_THREADS` sets it). */
  threads: number;
  /** tsgrad's default kernels in this process (`getBackend()`; `TSGRAD_BACKEND` sets it). */
  backend: string;
  /** What the wasm backend's gemm runs here: FMA (relaxed SIMD) or mul+add. */
  wasmSimd: string;
  /** 1-minute load average when the result was written: the machine is shared, read timings with it. */
  load: number;
  date: string;
}

/** "relaxed SIMD (f32x4.relaxed_madd)", "SIMD f32x4.mul + f32x4.add (relaxed SIMD not validated)" or "no SIMD". */
function wasmSimdLabel(): string {
  const { simd, relaxedSimd } = wasmFeatures();
  if (!simd) return "no WebAssembly SIMD";
  return relaxedSimd ? "wasm gemm: relaxed SIMD FMA (f32x4.relaxed_madd)" : "wasm gemm: SIMD f32x4.mul + f32x4.add (relaxed SIMD does not validate)";
}

/**
 * CPU model and count (os.cpus()), Node version, platform and the current date, for a result file.
 * @example machineInfo().cores // 2
 */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    threads: getNumThreads(),
    backend: getBackend(),
    wasmSimd: wasmSimdLabel(),
    load: loadavg()[0] ?? 0,
    date: new Date().toISOString(),
  };
}

function formatCell(cell: string | number | null, digits: number): string {
  if (cell === null) return "—";
  return typeof cell === "number" ? cell.toFixed(digits) : cell;
}

/**
 * The table as GitHub markdown, numbers right-aligned with `digits` decimals, null cells as "—".
 * @example markdownTable({ name: "x", title: "x", columns: ["n", "GFLOP/s"], rows: [[64, 3.5]] })
 */
export function markdownTable(table: BenchTable): string {
  const digits = table.digits ?? 2;
  const numeric = table.columns.map((_, c) => table.rows.some((row) => typeof row[c] === "number"));
  const line = (cells: string[]): string => `| ${cells.join(" | ")} |`;
  return [
    line(table.columns),
    line(numeric.map((n) => (n ? "---:" : "---"))),
    ...table.rows.map((row) => line(row.map((cell) => formatCell(cell, digits)))),
  ].join("\n");
}

/** The committed reference results (`--save` writes here), next to this file. */
export const RESULTS_DIR = fileURLToPath(new URL("./results/", import.meta.url));
/** Where an ordinary run writes its JSON: `bench/out/`, gitignored, so a run never rewrites tracked files. */
export const OUT_DIR = fileURLToPath(new URL("./out/", import.meta.url));

let resultsDir = OUT_DIR;
/** Makes `report` write into the committed `bench/results/` (`npm run bench -- --save`). */
export function saveResults(): void {
  resultsDir = RESULTS_DIR;
}

/**
 * Prints `table` (title, machine, markdown table, notes) and writes `<name>.json` into `bench/out/`
 * (or `bench/results/` after `saveResults()`).
 * Returns the path written.
 * @example report({ name: "matmul", title: "matmul GFLOP/s", columns: ["case", "tsgrad"], rows: [["64³", 3.9]] })
 */
export function report(table: BenchTable): string {
  const machine = machineInfo();
  console.log(`\n## ${table.title}\n`);
  console.log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, tsgrad threads ${machine.threads}, backend ${machine.backend} (${machine.wasmSimd}), load ${machine.load.toFixed(2)}, ${machine.date}\n`);
  console.log(markdownTable(table));
  for (const note of table.notes ?? []) console.log(`\n${note}`);
  mkdirSync(resultsDir, { recursive: true });
  const path = `${resultsDir}${table.name}.json`;
  const { name, title, columns, rows, notes, details } = table;
  writeFileSync(path, `${JSON.stringify({ name, title, machine, columns, rows, notes: notes ?? [], details: details ?? null }, null, 2)}\n`);
  console.log(`\n(wrote ${path})`);
  return path;
}
