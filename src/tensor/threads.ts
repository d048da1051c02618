/**
 * How many threads the kernels may use (today: large matmuls, see ./kernels/gemm-parallel.ts), and access
 * to Node's threading modules without a static `import` of them, so that the tensor layer still loads
 * in a browser (where everything runs on one thread).
 */
import type * as WorkerThreads from "node:worker_threads";

/** Default cap: the d2l products are ~2 M multiply-adds, too small to split usefully more than two ways. */
const DEFAULT_MAX_THREADS = 2;
const ENV_VARIABLE = "TSGRAD_NUM_THREADS";

let workerThreads: typeof WorkerThreads | null | undefined;
let numThreads: number | undefined;

/**
 * Node's `node:worker_threads`, or null where it cannot be had (a browser, Node < 20.16 without
 * `process.getBuiltinModule`, or a runtime without SharedArrayBuffer).
 * @example nodeWorkerThreads()?.isMainThread // true in Node's main thread, undefined in a browser
 */
export function nodeWorkerThreads(): typeof WorkerThreads | null {
  if (workerThreads === undefined) {
    workerThreads =
      typeof process === "undefined" || typeof process.getBuiltinModule !== "function" || typeof SharedArrayBuffer !== "function"
        ? null
        : (process.getBuiltinModule("node:worker_threads") ?? null);
  }
  return workerThreads;
}

/** A positive integer from $TSGRAD_NUM_THREADS, or undefined (unset, or invalid: a warning, then the default). */
function threadsFromEnvironment(): number | undefined {
  const raw = typeof process === "undefined" ? undefined : process.env[ENV_VARIABLE];
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 1) return n;
  process.emitWarning(`${ENV_VARIABLE}=${JSON.stringify(raw)} is not a positive integer; it is ignored`);
  return undefined;
}

function defaultThreads(): number {
  const fromEnv = threadsFromEnvironment();
  if (fromEnv !== undefined) return fromEnv;
  if (nodeWorkerThreads() === null) return 1;
  const os = process.getBuiltinModule("node:os");
  return Math.max(1, Math.min(DEFAULT_MAX_THREADS, os.availableParallelism()));
}

/**
 * Sets how many threads a large matmul may use: the calling thread plus n − 1 helper workers, started
 * on the first product big enough to split. 1 turns the helpers off. Where worker threads are not
 * available (a browser) every product runs on the calling thread whatever n is. PyTorch:
 * `torch.set_num_threads`.
 * @example setNumThreads(1) // every product on the calling thread
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`setNumThreads: expected a positive integer number of threads, got ${n}`);
  numThreads = n;
}

/**
 * The number of threads a large matmul may use: the last `setNumThreads`, else $TSGRAD_NUM_THREADS,
 * else min(2, cores) where worker threads are available and 1 where they are not. PyTorch:
 * `torch.get_num_threads`.
 * @example getNumThreads() // 2 on a 2-core machine
 */
export function getNumThreads(): number {
  numThreads ??= defaultThreads();
  return numThreads;
}
