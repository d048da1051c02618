/**
 * Browsers: helper threads on module Web Workers. A Worker shares memory only in a cross-origin
 * isolated page (COOP/COEP headers), so `spawnWorker` returns null elsewhere and tsgrad stays on one
 * thread. The worker learns its data from its first message (browsers have no `workerData`).
 */
import type { WorkerHandle, WorkerKind, WorkerPort } from "../types.js";

/** Where each kind's script was set with `setWorkerUrl`; unset, relative to this module as in the build (dist/). */
const workerUrls = new Map<WorkerKind, string | URL>();
const DEFAULT_SCRIPTS: Record<WorkerKind, string> = { gemm: "../../tensor/kernels/gemm-worker.js" };

/** The first message a browser worker receives: the data a Node worker gets as `workerData`. */
interface StartMessage {
  tsgradWorkerData: unknown;
}

/**
 * Sets the URL of `kind`'s worker script: needed when tsgrad is bundled, since the bundle moves the
 * script away from where this module expects it. tsgrad's own page builds it as `gemm-worker.js`.
 * @example setWorkerUrl("gemm", new URL("./gemm-worker.js", import.meta.url))
 */
export function setWorkerUrl(kind: WorkerKind, url: string | URL): void {
  workerUrls.set(kind, url);
}

/** True in a cross-origin isolated page or worker, where SharedArrayBuffer and Atomics.wait work across Workers. */
export function sharesMemory(): boolean {
  const scope = globalThis as { crossOriginIsolated?: boolean };
  return scope.crossOriginIsolated === true && typeof SharedArrayBuffer === "function" && typeof Worker === "function";
}

/**
 * Starts `kind`'s script as a module Web Worker and posts it `data` as its first message, or returns
 * null where it could not share memory with this thread (not cross-origin isolated).
 * @example spawnWorker("gemm", { control: control.buffer })
 */
export function spawnWorker(kind: WorkerKind, data: unknown): WorkerHandle | null {
  if (!sharesMemory()) return null;
  let worker: Worker;
  try {
    const url = workerUrls.get(kind) ?? new URL(DEFAULT_SCRIPTS[kind], import.meta.url);
    worker = new Worker(url, { type: "module", name: `tsgrad-${kind}` });
  } catch {
    return null;
  }
  const start: StartMessage = { tsgradWorkerData: data };
  worker.postMessage(start);
  const started = new Promise<boolean>((resolve) => {
    worker.addEventListener("message", () => resolve(true), { once: true });
    worker.addEventListener("error", () => resolve(false), { once: true });
  });
  return { started, postMessage: (m) => worker.postMessage(m), terminate: () => worker.terminate(), ref: () => {}, unref: () => {} };
}

/**
 * Inside a worker: waits for the start message, then queues every later message for `receive`.
 * @example const port = await workerPort(); port.data // what spawnWorker was given
 */
export function workerPort(): Promise<WorkerPort> {
  const scope = globalThis as unknown as { postMessage?: (m: unknown) => void; addEventListener?: typeof addEventListener };
  const post = scope.postMessage;
  const listen = scope.addEventListener;
  if (post === undefined || listen === undefined || typeof (globalThis as { document?: unknown }).document !== "undefined") {
    return Promise.reject(new Error("workerPort: this script runs as a Web Worker of tsgrad, not on a page"));
  }
  return new Promise((resolveStart) => {
    const queue: unknown[] = [];
    const waiting: ((m: unknown) => void)[] = [];
    let started = false;
    listen.call(globalThis, "message", (event: Event) => {
      const message = (event as MessageEvent).data;
      if (!started) {
        started = true;
        resolveStart({
          data: (message as StartMessage).tsgradWorkerData,
          postMessage: (m: unknown) => post.call(globalThis, m),
          // A promise: a Web Worker receives messages only on its event loop.
          receive: () => (queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((r) => waiting.push(r))),
        });
        return;
      }
      const next = waiting.shift();
      if (next === undefined) queue.push(message);
      else next(message);
    });
  });
}
