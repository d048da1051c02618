/**
 * A helper thread of ./gemm-parallel.ts. It loads, warms gemm up, says it is ready, then loops for
 * good: sleep in `Atomics.wait` until the caller announces a job, spin until its operands are posted,
 * claim it unless the caller already has, take a newer data buffer if the job refers to one, run the
 * job, publish its time and number. It never returns to its event loop; the caller `unref()`s it, so
 * it ends with the process.
 */
import { platform } from "#platform";
import type { WorkerPort } from "../../platform/types.js";
import { BACKENDS, gemmFor } from "../backend.js";
import { claimJob, runGemmJob, Slot, type DataBufferMessage } from "./gemm-job.js";

/**
 * Runs each backend's gemm on small scratch products, every panel width and an edge strip, until V8 has
 * optimised it (the wasm kernels tier up from V8's baseline compiler after a few calls).
 * Measured: a cold first 128×784×10 product takes ~31 ms (interpreted micro-kernels), a warm one
 * 0.45 ms, and the caller would wait for it; this takes ~60 ms before the helper says it is ready.
 */
function warmUp(): void {
  const M = 66;
  const K = 256;
  // One shared buffer, as in the jobs: gemm optimised for plain Float32Arrays alone would deoptimise.
  const data = new Float32Array(new SharedArrayBuffer((M * K + K * 10 + M * 10) * Float32Array.BYTES_PER_ELEMENT));
  for (const gemm of BACKENDS.map((name) => gemmFor(name))) {
    for (let n = 4; n <= 10; n++) {
      for (let i = 0; i < 30; i++) gemm(M, n, K, data, 0, K, 1, data, M * K, n, 1, data, M * K + K * 10, n, false);
    }
  }
}

/**
 * Takes data buffers from `port` until it holds the one of `generation` (posted before the job): at
 * once under Node, after a turn of the event loop in a browser (the caller spins meanwhile).
 */
async function dataBuffer(port: WorkerPort, generation: number, current: DataBufferMessage): Promise<DataBufferMessage> {
  let latest = current;
  while (latest.generation !== generation) latest = (await port.receive()) as DataBufferMessage;
  return latest;
}

async function serve(port: WorkerPort, control: Int32Array): Promise<never> {
  let buffer: DataBufferMessage = { generation: 0, buffer: new SharedArrayBuffer(0) };
  let data = new Float32Array(buffer.buffer);
  let seen = Atomics.load(control, Slot.JOB);
  warmUp();
  Atomics.store(control, Slot.READY, 1);
  port.postMessage("ready");
  for (;;) {
    Atomics.wait(control, Slot.JOB, seen);
    // Woken before the operands are copied: spin until the job is posted (a later job may overtake it).
    let job = Atomics.load(control, Slot.JOB);
    if (job === seen) continue;
    while (Atomics.load(control, Slot.POSTED) !== job) job = Atomics.load(control, Slot.JOB);
    seen = job;
    if (!claimJob(control, job)) continue; // the caller got there first and computed it
    let failed = 0;
    try {
      const generation = Atomics.load(control, Slot.GENERATION);
      if (generation !== buffer.generation) {
        buffer = await dataBuffer(port, generation, buffer);
        data = new Float32Array(buffer.buffer);
      }
      const start = performance.now();
      runGemmJob(control, data);
      control[Slot.MICROS] = Math.round((performance.now() - start) * 1e3);
    } catch {
      failed = 1;
    }
    Atomics.store(control, Slot.FAILED, failed);
    Atomics.store(control, Slot.DONE, job);
    Atomics.notify(control, Slot.DONE);
  }
}

const port = await platform.workerPort();
await serve(port, new Int32Array((port.data as { control: SharedArrayBuffer }).control));
