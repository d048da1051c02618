/**
 * How many threads the kernels may use (today: large matmuls, see ./kernels/gemm-parallel.ts). Whether
 * helper threads can run at all is the platform's call (../platform): worker threads under Node, Web
 * Workers in a cross-origin isolated page, none elsewhere.
 */
import { platform } from "#platform";

/** Default cap: the d2l products are ~2 M multiply-adds, too small to split usefully more than two ways. */
const DEFAULT_MAX_THREADS = 2;
const ENV_VARIABLE = "TSGRAD_NUM_THREADS";

let numThreads: number | undefined;

/** A positive integer from $TSGRAD_NUM_THREADS, or undefined (unset, or invalid: a warning, then the default). */
function threadsFromEnvironment(): number | undefined {
  const raw = platform.env(ENV_VARIABLE);
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 1) return n;
  platform.warn(`${ENV_VARIABLE}=${JSON.stringify(raw)} is not a positive integer; it is ignored`);
  return undefined;
}

function defaultThreads(): number {
  if (!threadsAvailable()) return 1;
  return threadsFromEnvironment() ?? Math.max(1, Math.min(DEFAULT_MAX_THREADS, platform.hardwareThreads()));
}

/**
 * True where helper threads can share memory with this one: Node, or a cross-origin isolated page.
 * @example threadsAvailable() // false in a page served without COOP/COEP headers
 */
export function threadsAvailable(): boolean {
  return platform.hardwareThreads() > 1 || (platform.name === "node" && typeof SharedArrayBuffer === "function");
}

/**
 * Sets how many threads a large matmul may use: the calling thread plus n − 1 helper workers, started
 * on the first product big enough to split. 1 turns the helpers off. Where helper threads are not
 * available (a page that is not cross-origin isolated) every product runs on the calling thread and
 * `getNumThreads()` stays 1. PyTorch: `torch.set_num_threads`.
 * @example setNumThreads(1) // every product on the calling thread
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`setNumThreads: expected a positive integer number of threads, got ${n}`);
  numThreads = threadsAvailable() ? n : 1;
}

/**
 * The number of threads a large matmul may use: the last `setNumThreads`, else $TSGRAD_NUM_THREADS,
 * else min(2, cores); 1 where helper threads are not available. PyTorch: `torch.get_num_threads`.
 * @example getNumThreads() // 2 on a 2-core machine, 1 in a page that is not cross-origin isolated
 */
export function getNumThreads(): number {
  numThreads ??= defaultThreads();
  return numThreads;
}

/**
 * Where the helper thread's script is served, for pages that bundle tsgrad (the bundle moves it):
 * build `tsgrad`'s `src/tensor/kernels/gemm-worker.ts` (or `dist/tensor/kernels/gemm-worker.js`) as a
 * module of its own and pass its URL. Ignored under Node.
 * @example setWorkerUrl(new URL("./gemm-worker.js", import.meta.url))
 */
export function setWorkerUrl(url: string | URL): void {
  platform.setWorkerUrl("gemm", url);
}
