/** Node: helper threads on `worker_threads`, started from the build or, from source, through tsx. */
import { parentPort, receiveMessageOnPort, Worker, workerData } from "node:worker_threads";
import type { WorkerHandle, WorkerKind, WorkerPort } from "../types.js";

/** Each kind's script, relative to this file. */
const SCRIPTS: Record<WorkerKind, string> = { gemm: "../../tensor/kernels/gemm-worker" };

/** How to start `kind`'s script: the .js in the build; from source, a bootstrap that loads the .ts through tsx. */
function workerScript(kind: WorkerKind): { script: URL | string; eval: boolean } {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return { script: new URL(`${SCRIPTS[kind]}.js`, here), eval: false };
  // Node 20 ignores --import in a worker's execArgv and workers do not inherit the parent's loader hooks,
  // so the bootstrap registers tsx itself. tsx is resolved from this file where import.meta.resolve
  // exists (ES module), else (uvu -r tsx compiles to CommonJS) from the working directory.
  const tsxApi = typeof import.meta.resolve === "function" ? import.meta.resolve("tsx/esm/api") : "tsx/esm/api";
  const worker = new URL(`${SCRIPTS[kind]}.ts`, here).href;
  return { script: `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`, eval: true };
}

/**
 * Starts `kind`'s script on a worker thread (unref'd), or null if a Worker cannot be constructed.
 * @example spawnWorker("gemm", { control: control.buffer })
 */
export function spawnWorker(kind: WorkerKind, data: unknown): WorkerHandle | null {
  const { script, eval: isSource } = workerScript(kind);
  let worker: Worker;
  try {
    // execArgv [] from source: the tsx CLI's own flags are for the main thread.
    worker = new Worker(script, { eval: isSource, execArgv: isSource ? [] : undefined, workerData: data });
  } catch {
    return null;
  }
  worker.unref();
  const started = new Promise<boolean>((resolve) => {
    worker.once("message", () => resolve(true));
    worker.once("error", () => resolve(false));
    worker.once("exit", () => resolve(false));
  });
  return {
    started,
    postMessage: (message) => worker.postMessage(message),
    terminate: () => void worker.terminate(),
    ref: () => worker.ref(),
    unref: () => worker.unref(),
  };
}

/**
 * The port of the worker thread this code runs on; rejects on the main thread.
 * @example const port = await workerPort(); port.data // the Worker's workerData
 */
export function workerPort(): Promise<WorkerPort> {
  const port = parentPort;
  if (port === null) return Promise.reject(new Error("workerPort: this script runs as a worker thread of tsgrad, not on its own"));
  return Promise.resolve({
    data: workerData,
    postMessage: (message: unknown) => port.postMessage(message),
    // Synchronous: the helper never returns to its event loop, so a message is taken off the port directly.
    receive: (): unknown => {
      for (;;) {
        const received = receiveMessageOnPort(port);
        if (received !== undefined) return received.message;
      }
    },
  });
}
