/**
 * The page: one view per chapter section, and one worker (./chapter-worker.ts) that runs them. One
 * section runs at a time. Stop aborts the run's signal; a chapter that does not stop within a second
 * and a half (stuck in a long stretch without `pause`) is ended by restarting the worker.
 */
import type { FromWorker, RunArgs, ToWorker } from "./protocol.js";
import { SectionView } from "./section-view.js";

/** How long Stop waits for the chapter to notice its signal before the worker is restarted. */
const HARD_STOP_MS = 1500;

/** What tests and benchmarks read off the page (window.tsgradPage). */
interface PageMetrics {
  /** ms from navigation start to the worker's hello, and to the first figure shown. */
  helloMs?: number;
  firstFigureMs?: number;
  threads?: number;
  isolated?: boolean;
  /** The kernels the worker runs ("wasm" or "js") and whether its wasm gemm fuses multiply-adds. */
  backend?: string;
  relaxedSimd?: boolean;
  /** Every run: section, final state and seconds. */
  runs: { section: string; state: string; seconds?: number }[];
  /** When each figure was shown, ms since navigation start (the Animator's chart once per epoch). */
  figureTimes: Record<string, number[]>;
}

const metrics: PageMetrics = { runs: [], figureTimes: {} };
(globalThis as { tsgradPage?: PageMetrics }).tsgradPage = metrics;

const status = document.getElementById("status")!;
const container = document.getElementById("chapters")!;
const views = new Map<string, SectionView>();
let worker: Worker;
let nextId = 1;
let current: { id: number; section: string; hardStop?: ReturnType<typeof setTimeout>; ticker?: ReturnType<typeof setInterval> } | undefined;

function send(message: ToWorker): void {
  worker.postMessage(message);
}

function setRunnable(runnable: boolean): void {
  for (const view of views.values()) view.setRunnable(runnable);
}

function finish(state: "done" | "stopped" | "error", note: string, seconds?: number): void {
  if (current === undefined) return;
  clearTimeout(current.hardStop);
  clearInterval(current.ticker);
  views.get(current.section)?.setState(state, note);
  metrics.runs.push({ section: current.section, state, seconds });
  current = undefined;
  setRunnable(true);
}

function onMessage(message: FromWorker): void {
  if (message.type === "hello") {
    metrics.helloMs ??= performance.now();
    metrics.threads = message.threads;
    metrics.isolated = message.isolated;
    metrics.backend = message.backend;
    metrics.relaxedSimd = message.relaxedSimd;
    status.dataset["threads"] = String(message.threads);
    const kernels = message.backend === "wasm" ? `WebAssembly SIMD kernels${message.relaxedSimd ? " (relaxed, FMA)" : ""}` : "TypeScript kernels";
    status.textContent = `${message.threads} thread${message.threads === 1 ? "" : "s"} · ${message.isolated ? "cross-origin isolated" : "not cross-origin isolated: one thread"} · ${kernels}`;
    if (views.size === 0) {
      for (const chapter of message.chapters) {
        const view = new SectionView(chapter, { run, stop });
        views.set(chapter.section, view);
        container.append(view.root);
      }
    }
    return;
  }
  if (current === undefined || message.id !== current.id) return; // a run already ended by a hard stop
  const view = views.get(current.section)!;
  switch (message.type) {
    case "print":
      view.print(message.text);
      break;
    case "figure":
      metrics.firstFigureMs ??= performance.now();
      (metrics.figureTimes[message.name] ??= []).push(performance.now());
      view.figure(message.name, message.svg);
      break;
    case "done":
      finish("done", `done in ${message.seconds.toFixed(1)} s on ${message.threads} thread${message.threads === 1 ? "" : "s"}`, message.seconds);
      break;
    case "stopped":
      view.print("stopped");
      finish("stopped", "stopped");
      break;
    case "error":
      view.print(`error: ${message.message}`, true);
      finish("error", "failed");
      break;
  }
}

function startWorker(): void {
  worker = new Worker(new URL("./chapter-worker.js", import.meta.url), { type: "module" });
  worker.addEventListener("message", (event: MessageEvent<FromWorker>) => onMessage(event.data));
  worker.addEventListener("error", (event) => {
    status.textContent = `the worker failed: ${event.message}`;
    if (current !== undefined) {
      views.get(current.section)?.print(`error: ${event.message}`, true);
      finish("error", "failed");
    }
  });
}

function run(section: string, args: RunArgs): void {
  if (current !== undefined) return;
  const view = views.get(section)!;
  const id = nextId++;
  current = { id, section };
  view.clear();
  view.setState("running", "running…");
  // The elapsed time ticks while a run is quiet (fetching Fashion-MNIST, a long epoch).
  const started = performance.now();
  current.ticker = setInterval(() => {
    if (current?.id === id && view.root.dataset["state"] === "running") view.setState("running", `running… ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }, 500);
  setRunnable(false);
  send({ type: "run", id, section, args });
}

function stop(section: string): void {
  if (current === undefined || current.section !== section) return;
  const { id } = current;
  views.get(section)?.setState("stopping", "stopping…");
  send({ type: "stop", id });
  current.hardStop = setTimeout(() => {
    if (current?.id !== id) return;
    worker.terminate();
    views.get(section)?.print("stopped (the worker was restarted)");
    finish("stopped", "stopped");
    startWorker();
  }, HARD_STOP_MS);
}

startWorker();
