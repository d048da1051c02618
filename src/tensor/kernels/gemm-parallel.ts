/**
 * Large products on several threads: the same `gemm` (./gemm.ts), with C cut into parts, the calling
 * thread computing the first part in place while persistent helper workers (./gemm-worker.ts) compute
 * the others.
 *
 * - A helper cannot read the caller's Float32Arrays, so each job copies the helper's operands (its rows
 *   of A, or its columns of B, and the other operand whole) into a SharedArrayBuffer, and the helper's
 *   part of C is copied back once it is done. Copies run along the operand's contiguous dim, so a
 *   transposed view is copied as fast as a plain matrix and read by `gemm` through transposed strides.
 * - Each helper has an Int32Array control block (the job's sizes and offsets and a few job counters, see
 *   `Slot`) on a SharedArrayBuffer of its own. The caller wakes the helper (`Atomics.notify`) before it
 *   copies the operands, since waking a sleeping thread takes ~75 µs on the target VM, about as long as
 *   the copy; then computes its own part, then spins briefly and sleeps in `Atomics.wait` (allowed on
 *   Node's main thread and in Web Workers; a page's main thread only spins) until the helper is done. A job the helper has not claimed by then (its vCPU was
 *   descheduled) is claimed and computed by the caller instead. The data buffer only grows: a bigger one
 *   is posted to the helper before the job that needs it, and the helper takes it synchronously
 *   (`receiveMessageOnPort`) once it sees a newer generation number.
 * - C is split by rows, or by columns when it is wider than tall (the copies are then smaller), in
 *   proportion to how fast each side computed the last products of the same shape (`helperSpeeds`). The
 *   result is bitwise that of one `gemm` call: every element is summed in the same order whatever tile
 *   computes it, but an element of an edge tile (the last M mod 4 rows, the last N mod nr columns) is
 *   rounded to float32 once more. So the cut keeps every part but the last a whole number of tiles and
 *   leaves the last part the same edge rows (or columns, with the same remainder) as the whole.
 * - Helpers start on the first product worth splitting and that product runs on one thread: nothing
 *   waits for a worker to boot. A helper that fails to start or to run a job is dropped for good (not
 *   replaced) and its part computed by the caller. Helpers are `unref()`ed: they never keep a process
 *   alive. Lowering the thread count leaves the extra helpers asleep, not ended. A helper that died in
 *   the middle of a job (it allocates nothing, so only a kill from outside could do it) would leave the
 *   caller waiting for good: a synchronous caller cannot see the worker's 'exit' event.
 */
import { platform } from "#platform";
import type { WorkerHandle } from "../../platform/types.js";
import { MR, panelWidthFor } from "./gemm.js";
import { copyLines } from "./copy-lines.js";
import { BACKENDS, gemmFor, getBackend, type Backend } from "../backend.js";
import { claimJob, CONTROL_SLOTS, Slot, type DataBufferMessage } from "./gemm-job.js";
import { checkGemmArgs, type Gemm } from "./gemm-contract.js";
import { getNumThreads, threadsAvailable } from "../threads.js";

/**
 * Below this many multiply-adds a product runs on one thread; it depends on how fast one thread is.
 * js (512 Ki), measured on the 2-core target (median µs, one thread → two): 32×784×10 (0.25 M) 178 → 211,
 * 64×784×10 (0.5 M) 346 → 314, 128×784×10 (1 M) 603 → 422, 256×784×10 (2 M) 1380 → 842; 64³ 134 → 200,
 * 96³ 666 → 435. wasm (8 Mi): the SIMD kernel finishes a d2l product in about the time it takes to wake
 * the helper and copy its operands (median ms, load 1.5): 256×784×10 (1.9 Mi) 0.35 → 0.47, 784×256×10
 * 0.34 → 0.36, 256×10×784 0.43 → 0.59; 256×784×256 (49 Mi) 5.65 → 3.73, 512³ 13.3 → 11.2.
 */
const PARALLEL_MIN_MULADDS: Readonly<Record<Backend, number>> = { js: 1 << 19, wasm: 1 << 23 };

/**
 * The smallest product (in multiply-adds) that `gemmParallel` splits on `backend`.
 * @example parallelThreshold("js") // 524288
 */
export function parallelThreshold(backend: Backend = getBackend()): number {
  return PARALLEL_MIN_MULADDS[backend];
}


/**
 * How long the caller spins on the done counter before it sleeps. A futex wake-up takes ~75 µs on the
 * target VM, as long as the whole imbalance between two halves of a d2l product; spinning costs
 * nothing, the caller has nothing else to do.
 */
const SPIN_MS = 1;

/** A persistent helper thread and the memory it shares with the caller. */
interface Helper {
  worker: WorkerHandle;
  control: Int32Array;
  data: Float32Array;
  generation: number;
  failed: boolean;
  /** Settles once the helper is ready (true) or has failed to start (false). */
  started: Promise<boolean>;
}

const helpers: Helper[] = [];
/**
 * A helper's speed on its part relative to the caller's on its own, smoothed over the products of one
 * key (sizes and strides); the next cut of that key gives each side rows (or columns) in proportion.
 * Measured on the d2l products: ~0.75 for X·W (the helper reads operands the caller has just written,
 * from the other core's cache) and ~1.25 for Xᵀ·G (the caller reads the transposed X 3 KB apart per
 * step of k, the helper a compact copy).
 */
const helperSpeeds = new Map<string, number>();
/** Products whose helper speed is remembered; past this many shapes the memory starts over. */
const SPEED_MEMORY = 64;
/** Set when a Worker cannot even be constructed here: no further attempts. */
let spawningFailed = false;
let parallelProducts = 0;

/** Starts a helper on the platform's worker threads (./gemm-worker.ts), or null where none can be had. */
function spawnHelper(): Helper | null {
  if (spawningFailed || !threadsAvailable()) return null;
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const worker = platform.spawnWorker("gemm", { control: control.buffer });
  if (worker === null) {
    spawningFailed = true;
    return null;
  }
  const helper: Helper = { worker, control, data: new Float32Array(0), generation: 0, failed: false, started: worker.started };
  helper.started = worker.started.then((ok) => {
    if (!ok) helper.failed = true;
    return ok;
  });
  return helper;
}

/** Starts helpers up to `count` and returns those ready now (never waits for one). */
function readyHelpers(count: number): Helper[] {
  while (helpers.length < count) {
    const helper = spawnHelper();
    if (helper === null) break;
    helpers.push(helper);
  }
  return helpers.slice(0, count).filter((h) => !h.failed && Atomics.load(h.control, Slot.READY) === 1);
}

/**
 * Starts the helper threads `getNumThreads()` asks for and resolves, once each has started or failed,
 * with how many are ready: lets a benchmark or a test have its first large product split too. Keeps
 * the process alive only while it waits.
 * @example await startGemmHelpers() // 1 on a 2-core machine
 */
export async function startGemmHelpers(): Promise<number> {
  readyHelpers(getNumThreads() - 1);
  const wanted = helpers.slice(0, Math.max(0, getNumThreads() - 1));
  for (const h of wanted) h.worker.ref();
  const started = await Promise.all(wanted.map((h) => h.started));
  for (const h of wanted) h.worker.unref();
  return started.filter(Boolean).length;
}

/**
 * How many products have been split across threads since the module loaded (for tests and benchmarks).
 * @example const before = parallelProductCount(); matmul(a, b); parallelProductCount() - before // 1 or 0
 */
export function parallelProductCount(): number {
  return parallelProducts;
}

/** One part of C: rows [r0, r1) × columns [c0, c1). */
interface Part {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/** Columns of an n-column product that `gemm` computes in full tiles (the rest are edge columns). */
const fullColumns = (n: number): number => n - (n % panelWidthFor(n));

/**
 * Cuts `size` into ≤ `count` chunks: the first is the caller's, the others go to helpers that compute
 * `helperSpeed` times as fast, so that all finish together. All but the last are a multiple of `unit`,
 * every chunk has ≥ 1 unit, the last takes the rest.
 */
function cut(size: number, count: number, unit: number, helperSpeed: number): [number, number][] {
  const n = Math.min(count, Math.floor(size / unit));
  if (n < 2) return [[0, size]];
  const ownShare = 1 / (1 + (n - 1) * helperSpeed);
  const own = Math.min(Math.max(unit, Math.round((size * ownShare) / unit) * unit), size - (n - 1) * unit);
  const chunk = Math.floor((size - own) / ((n - 1) * unit)) * unit;
  return Array.from({ length: n }, (_, i): [number, number] => (i === 0 ? [0, own] : [own + (i - 1) * chunk, i === n - 1 ? size : own + i * chunk]));
}

/**
 * The parts of an M×N product for `count` threads, each computed bitwise as in one `gemm` call (see the
 * file comment), or null if it cannot be cut in two. Wider-than-tall products are cut by columns.
 */
function splitProduct(M: number, N: number, count: number, helperSpeed: number): Part[] | null {
  const byRows = (): Part[] | null => {
    const rows = cut(M, count, MR, helperSpeed);
    return rows.length < 2 ? null : rows.map(([r0, r1]) => ({ r0, r1, c0: 0, c1: N }));
  };
  const byColumns = (): Part[] | null => {
    const cols = cut(N, count, panelWidthFor(N), helperSpeed);
    const edges = (c0: number, c1: number): number => c1 - c0 - fullColumns(c1 - c0);
    const sameEdges = cols.every(([c0, c1]) => edges(c0, c1) === (c1 === N ? N - fullColumns(N) : 0));
    return cols.length < 2 || !sameEdges ? null : cols.map(([c0, c1]) => ({ r0: 0, r1: M, c0, c1 }));
  };
  return N > M ? (byColumns() ?? byRows()) : (byRows() ?? byColumns());
}

/**
 * Copies a rows×cols strided block densely to `dst` at `dstOffset`, line by line along its smaller
 * stride (a transposed view stays column-major), and returns the copy's [rowStride, colStride].
 */
function copyBlock(
  src: Float32Array, offset: number, rows: number, cols: number, rowStride: number, colStride: number,
  dst: Float32Array, dstOffset: number,
): [number, number] {
  if (Math.abs(colStride) <= Math.abs(rowStride)) {
    copyLines(src, offset, rowStride, colStride, dst, dstOffset, cols, rows, cols);
    return [cols, 1];
  }
  copyLines(src, offset, colStride, rowStride, dst, dstOffset, rows, cols, rows);
  return [1, rows];
}

/** The arguments of one gemm call. */
interface GemmArgs {
  M: number; N: number; K: number;
  a: Float32Array; aOffset: number; aRowStride: number; aColStride: number;
  b: Float32Array; bOffset: number; bRowStride: number; bColStride: number;
  c: Float32Array; cOffset: number; ldc: number;
  accumulate: boolean;
  bias: Float32Array | undefined; biasOffset: number; biasStride: number;
}

/** Offsets of `part` into the operands of `g`: where its rows of A, columns of B, block of C and bias start. */
function partOffsets(g: GemmArgs, p: Part): { a: number; b: number; c: number; bias: number } {
  return {
    a: g.aOffset + p.r0 * g.aRowStride,
    b: g.bOffset + p.c0 * g.bColStride,
    c: g.cOffset + p.r0 * g.ldc + p.c0,
    bias: g.biasOffset + p.c0 * g.biasStride,
  };
}

/** Computes `part` of the product on this thread, in place. */
function runPartHere(g: GemmArgs, p: Part): void {
  const at = partOffsets(g, p);
  gemmFor()(
    p.r1 - p.r0, p.c1 - p.c0, g.K,
    g.a, at.a, g.aRowStride, g.aColStride,
    g.b, at.b, g.bRowStride, g.bColStride,
    g.c, at.c, g.ldc,
    g.accumulate, g.bias, at.bias, g.biasStride,
  );
}

/** Makes the helper's data buffer hold `size` floats, handing a new buffer over when it has to grow. */
function reserve(h: Helper, size: number): void {
  if (h.data.length >= size) return;
  const buffer = new SharedArrayBuffer(Math.max(size, 2 * h.data.length) * Float32Array.BYTES_PER_ELEMENT);
  h.data = new Float32Array(buffer);
  h.generation = (h.generation + 1) | 0;
  const message: DataBufferMessage = { generation: h.generation, buffer };
  h.worker.postMessage(message);
}

/**
 * Wakes the helper, copies `part`'s operands into its buffer and posts the job; returns the job number.
 * The wake-up comes first so that the helper's ~75 µs of waking overlap the copy.
 */
function postPart(h: Helper, g: GemmArgs, p: Part): number {
  const rows = p.r1 - p.r0;
  const cols = p.c1 - p.c0;
  const { K } = g;
  const aAt = 0;
  const bAt = rows * K;
  const cAt = bAt + K * cols;
  const biasAt = g.bias === undefined ? -1 : cAt + rows * cols;
  reserve(h, cAt + rows * cols + (g.bias === undefined ? 0 : cols));
  const job = (Atomics.load(h.control, Slot.JOB) + 1) | 0;
  Atomics.store(h.control, Slot.JOB, job);
  Atomics.notify(h.control, Slot.JOB);
  const at = partOffsets(g, p);
  const [ars, acs] = copyBlock(g.a, at.a, rows, K, g.aRowStride, g.aColStride, h.data, aAt);
  const [brs, bcs] = copyBlock(g.b, at.b, K, cols, g.bRowStride, g.bColStride, h.data, bAt);
  if (g.accumulate) copyLines(g.c, at.c, g.ldc, 1, h.data, cAt, cols, rows, cols);
  if (g.bias !== undefined) copyLines(g.bias, at.bias, 0, g.biasStride, h.data, biasAt, 0, 1, cols);
  const fields: [number, number][] = [
    [Slot.GENERATION, h.generation], [Slot.M, rows], [Slot.N, cols], [Slot.K, K],
    [Slot.A, aAt], [Slot.A_ROW_STRIDE, ars], [Slot.A_COL_STRIDE, acs],
    [Slot.B, bAt], [Slot.B_ROW_STRIDE, brs], [Slot.B_COL_STRIDE, bcs],
    [Slot.C, cAt], [Slot.LDC, cols], [Slot.ACCUMULATE, g.accumulate ? 1 : 0], [Slot.BIAS, biasAt],
    [Slot.BACKEND, BACKENDS.indexOf(getBackend())],
  ];
  for (const [slot, value] of fields) h.control[slot] = value;
  Atomics.store(h.control, Slot.POSTED, job); // publishes the plain writes above
  return job;
}

/**
 * Finishes job `job` of the helper: computes it here if the helper has not started it, else waits for
 * it and copies its part of C back (or computes it here if the helper failed). Returns how long the
 * helper took in µs, or null if it did not compute the part.
 */
function finishPart(h: Helper, job: number, g: GemmArgs, p: Part): number | null {
  if (claimJob(h.control, job)) {
    runPartHere(g, p);
    return null;
  }
  const spinUntil = performance.now() + SPIN_MS;
  let done = Atomics.load(h.control, Slot.DONE);
  for (let spins = 0; done !== job; done = Atomics.load(h.control, Slot.DONE)) {
    // A browser's main thread may not block: it spins until the helper is done.
    if ((++spins & 1023) === 0 && platform.canBlock && performance.now() > spinUntil) Atomics.wait(h.control, Slot.DONE, done);
  }
  if (Atomics.load(h.control, Slot.FAILED) !== 0) {
    h.failed = true;
    h.worker.terminate();
    runPartHere(g, p);
    return null;
  }
  const cols = p.c1 - p.c0;
  copyLines(h.data, h.control[Slot.C]!, cols, 1, g.c, partOffsets(g, p).c, g.ldc, p.r1 - p.r0, cols);
  return h.control[Slot.MICROS]!;
}

const area = (p: Part): number => (p.r1 - p.r0) * (p.c1 - p.c0);

/** Folds one measurement (the caller's part took `ownMicros`, a helper's `micros`) into the speed of `key`. */
function updateHelperSpeed(key: string, own: Part, ownMicros: number, part: Part, micros: number): void {
  const sample = area(part) / Math.max(micros, 1) / (area(own) / Math.max(ownMicros, 1));
  // One preempted run must not swing the cut: clamp each sample, smooth over ~10 products.
  const clamp = (x: number): number => Math.min(2, Math.max(0.5, x));
  const speed = clamp(0.9 * (helperSpeeds.get(key) ?? 1) + 0.1 * clamp(sample));
  if (helperSpeeds.size >= SPEED_MEMORY && !helperSpeeds.has(key)) helperSpeeds.clear();
  helperSpeeds.set(key, speed);
}

/**
 * `gemm` on up to `getNumThreads()` threads: same arguments, same result bit for bit. Products of at
 * least 512 Ki multiply-adds (and not matrix-vector) are cut into parts, one computed by the calling
 * thread and the others by helper workers; smaller ones, and all while the helpers are starting, run
 * on the calling thread. PyTorch: `torch.addmm(bias, a, b, out=c)` with `torch.set_num_threads(n)`.
 * @example
 * const c = new Float32Array(512 * 512);
 * gemmParallel(512, 512, 512, a, 0, 512, 1, b, 0, 512, 1, c, 0, 512, false); // a, b: 512×512 row-major
 */
export const gemmParallel: Gemm = (
  M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, accumulate,
  bias, biasOffset = 0, biasStride = 1,
) => {
  const work = M * N * K;
  const threshold = parallelThreshold();
  // No part gets fewer than half the threshold: finer cuts cost more than they save (whatever setNumThreads says).
  const threads = M > 1 && N > 1 && work >= threshold ? Math.min(getNumThreads(), Math.floor(work / (threshold / 2))) : 1;
  const team = threads > 1 ? readyHelpers(threads - 1) : [];
  const key = team.length > 0 ? `${M},${N},${K},${aRowStride},${aColStride},${bRowStride},${bColStride}` : "";
  const parts = team.length > 0 ? splitProduct(M, N, team.length + 1, helperSpeeds.get(key) ?? 1) : null;
  if (parts === null) {
    gemmFor()(M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, accumulate, bias, biasOffset, biasStride);
    return;
  }
  // Checked before copying: an out-of-range read would copy undefined, i.e. NaN, silently.
  checkGemmArgs("gemmParallel", M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, bias, biasOffset, biasStride);
  const g: GemmArgs = { M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, accumulate, bias, biasOffset, biasStride };
  const [own, ...rest] = parts as [Part, ...Part[]];
  const jobs = rest.map((p, i) => postPart(team[i]!, g, p));
  const start = performance.now();
  runPartHere(g, own);
  const ownMicros = (performance.now() - start) * 1e3;
  rest.forEach((p, i) => {
    const micros = finishPart(team[i]!, jobs[i]!, g, p);
    if (micros !== null) updateHelperSpeed(key, own, ownMicros, p, micros);
  });
  parallelProducts++;
};
