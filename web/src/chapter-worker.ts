/**
 * The worker that runs the chapters, so that training never blocks the page. Each run gets a host
 * whose `print` and `figure` post messages to the page, whose `signal` the stop button aborts, and whose
 * `pause` returns to this worker's event loop (where the stop message arrives). Large products use a
 * second thread (a nested Web Worker, ./gemm-worker.js) when the page is cross-origin isolated.
 */
import { getBackend, getNumThreads, setWorkerUrl, wasmFeatures } from "../../src/index.js";
import { CHAPTERS, runChapter, type ChapterArgs, type ChapterHost } from "./chapters.js";
import type { FromWorker, RunArgs, ToWorker } from "./protocol.js";

setWorkerUrl(new URL("./gemm-worker.js", import.meta.url));

const post = (message: FromWorker): void => postMessage(message);
const running = new Map<number, AbortController>();

/** A macrotask: lets this worker's queued messages (a stop) run. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function run(id: number, section: string, overrides: RunArgs): Promise<void> {
  const chapter = CHAPTERS.find((c) => c.section === section);
  if (chapter === undefined) {
    post({ type: "error", id, message: `no chapter ${section}` });
    return;
  }
  const controller = new AbortController();
  running.set(id, controller);
  const args: ChapterArgs = { epochs: 1, seed: 0, out: "", lr: 0.1, batchSize: 256, ...chapter.defaults, ...overrides };
  const host: ChapterHost = {
    args,
    signal: controller.signal,
    print: (text) => post({ type: "print", id, text }),
    figure: (name, svg) => post({ type: "figure", id, name, svg }),
    pause: nextTask,
  };
  const start = performance.now();
  try {
    await runChapter(chapter, host);
    post({ type: "done", id, seconds: (performance.now() - start) / 1000, threads: getNumThreads() });
  } catch (err) {
    if (controller.signal.aborted) post({ type: "stopped", id });
    else post({ type: "error", id, message: err instanceof Error ? err.message : String(err) });
  } finally {
    running.delete(id);
  }
}

addEventListener("message", (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === "run") void run(message.id, message.section, message.args);
  else running.get(message.id)?.abort();
});

post({
  type: "hello",
  chapters: CHAPTERS.map(({ section, title, defaults }) => ({ section, title, defaults })),
  threads: getNumThreads(),
  isolated: self.crossOriginIsolated,
  backend: getBackend(),
  relaxedSimd: wasmFeatures().relaxedSimd,
});
