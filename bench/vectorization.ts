/**
 * The looped-versus-vectorized ladder (d2l 3.1's vectorization demo, extended): the same result
 * computed element by element and in one vectorized call, timed side by side in one process.
 *
 *   add, n = 10⁴ and 10⁶:  (a) per element through the Tensor API (the book's `c[i] = a[i] + b[i]`:
 *                          `c.narrow(0, i, 1).copy_(a.narrow(0, i, 1).add(b.narrow(0, i, 1)))`),
 *                          (b) per element over raw Float32Arrays, (c) one `a.add(b)` on the js backend
 *                          (the scalar TypeScript kernel), then on the wasm backend (WebAssembly SIMD);
 *   matmul, n = 256:       (d) `matmulNaive` (triple loop) versus `matmul` (packed gemm), js then wasm;
 *   linear regression:     (e) one epoch of minibatch SGD on d2l 3.2's data (w = [2, −3.4], b = 4.2,
 *                          10⁵ examples, lr 0.03) with batches of 1, 10, 256, and the loss reached;
 *   softmax regression:    (f) the 3.7 model's forward over the 10,000 test images, one image at a time
 *                          versus one batch.
 *
 * Prints the table (time, speed-up over the group's loop), writes vectorization.json (bench/out/, or bench/results/ with --save) and
 * a log-scale bar chart of the ladder to figures/vectorization.svg.
 */
import { fileURLToPath } from "node:url";
import {
  Generator, data, getBackend, manualSeed, matmul, matmulNaive, noGrad, normal, ones, randn, setBackend, tensor, zeros, type Backend, type Tensor,
} from "../src/index.js";
import * as d2l from "../src/d2l/index.js";
import { barChart, DEFAULT_COLORS, writeFigure } from "../src/plot/index.js";
import { compare, report, type MeasureOptions, type Timing } from "./harness.js";
import { softmaxNet } from "./peers/softmax-setup.js";

/** One way of computing a group's result. */
interface Rung {
  label: string;
  /** Its name on the chart (slanted labels must stay short). */
  bar: string;
  fn: () => unknown;
  /** The timing is of a sample of the work; multiply by this for the whole. */
  scale?: number;
  /** PyTorch 1.13's time for the same rung, in seconds, quoted from d2l-ch3 notes (not measured here). */
  pytorch?: number;
}

/** Rungs computing the same result; the first is the loop the others are compared with. */
interface Group {
  title: string;
  /** Short name for the chart's bar labels. */
  short: string;
  rungs: Rung[];
  options?: MeasureOptions;
  /** Extra cell per rung after timing (e.g. the loss an epoch reached). */
  extra?: (label: string) => string | null;
}

/** Keeps results observable so V8 cannot drop the work. */
let sink = 0;

/** The book's loop: `c[i] = a[i] + b[i]` for the first `count` elements, each step a Tensor op on 1-element views. */
function tensorLoopAdd(a: Tensor, b: Tensor, count: number): Tensor {
  const c = zeros([a.shape[0]!]);
  for (let i = 0; i < count; i++) c.narrow(0, i, 1).copy_(a.narrow(0, i, 1).add(b.narrow(0, i, 1)));
  return c;
}

function rawLoopAdd(a: Float32Array, b: Float32Array): Float32Array {
  const c = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) c[i] = a[i]! + b[i]!;
  return c;
}

/** `fn` run with `backend` selected (and the previous backend put back). */
const on = (backend: Backend, fn: () => unknown) => (): unknown => {
  const before = getBackend();
  setBackend(backend);
  try {
    return fn();
  } finally {
    setBackend(before);
  }
};

/** Above this many elements, rung (a) times a sample of {@link ADD_SAMPLE} elements and scales up (its cost per element is constant). */
const ADD_SAMPLE = 100_000;

function addGroup(n: number, exponent: string, pytorch?: { loop: number; vectorized: number }): Group {
  const a = ones([n]);
  const b = ones([n]);
  const [ra, rb] = [a.toFloat32Array(), b.toFloat32Array()];
  const count = Math.min(n, ADD_SAMPLE);
  const sampled = count < n ? ` (timed on ${count.toLocaleString("en-US")} elements, ×${n / count})` : "";
  return {
    title: `add, n = 10${exponent}`,
    short: `add 10${exponent}`,
    rungs: [
      { label: `(a) Tensor API, element by element${sampled}`, bar: "Tensor loop", fn: () => (sink += tensorLoopAdd(a, b, count).storage[0]!), scale: n / count, pytorch: pytorch?.loop },
      { label: "(b) Float32Array loop", bar: "array loop", fn: () => (sink += rawLoopAdd(ra, rb)[0]!) },
      { label: "(c) vectorized a.add(b), js backend (TypeScript kernel)", bar: "a.add(b) js", fn: on("js", () => (sink += a.add(b).storage[0]!)) },
      { label: "(c) vectorized a.add(b), wasm backend (SIMD)", bar: "a.add(b) SIMD", fn: on("wasm", () => (sink += a.add(b).storage[0]!)), pytorch: pytorch?.vectorized },
    ],
  };
}

function matmulGroup(n: number): Group {
  manualSeed(0);
  const a = randn([n, n]);
  const b = randn([n, n]);
  return {
    title: `matmul, ${n}×${n} @ ${n}×${n}`,
    short: `matmul ${n}`,
    rungs: [
      { label: "(d) matmulNaive (triple loop)", bar: "naive", fn: () => (sink += matmulNaive(a, b).storage[0]!) },
      { label: "(d) matmul, js backend (packed, tiled TypeScript gemm)", bar: "packed js", fn: on("js", () => (sink += matmul(a, b).storage[0]!)) },
      { label: "(d) matmul, wasm backend (SIMD gemm)", bar: "packed SIMD", fn: on("wasm", () => (sink += matmul(a, b).storage[0]!)) },
    ],
  };
}

const LINREG_EXAMPLES = 100_000;
const LINREG_LR = 0.03;

/** (e): one epoch of d2l 3.2's minibatch SGD per call, from the same initial weights and shuffle each time. */
function linregGroup(): Group {
  manualSeed(1); // the book's syntheticData draws from the global generator
  const [features, labels] = d2l.syntheticData(tensor([2, -3.4]), 4.2, LINREG_EXAMPLES);
  const dataset = new data.TensorDataset(features, labels);
  const trained = new Map<string, [Tensor, Tensor]>();
  const epoch = (label: string, batchSize: number) => (): void => {
    const generator = new Generator(2);
    const w = normal(0, 0.01, [2, 1], { requiresGrad: true, generator });
    const b = zeros([1], { requiresGrad: true });
    for (const [X, y] of new data.DataLoader(dataset, { batchSize, shuffle: true, generator })) {
      d2l.squaredLoss(d2l.linreg(X!, w, b), y!).sum().backward();
      d2l.sgd([w, b], LINREG_LR, X!.shape[0]!);
    }
    trained.set(label, [w, b]);
  };
  const lossAfter = (label: string): string | null => {
    const params = trained.get(label);
    if (params === undefined) return null;
    const loss = noGrad(() => d2l.squaredLoss(d2l.linreg(features, params[0], params[1]), labels).mean().item());
    return loss.toExponential(2);
  };
  const rungs = [1, 10, 256].map((batchSize) => {
    const label = batchSize === 1 ? "(e) SGD, one example at a time" : `(e) minibatches of ${batchSize}`;
    return { label, bar: `batch ${batchSize}`, fn: epoch(label, batchSize) };
  });
  // One warm-up call is enough for a multi-second epoch; the harness still warms the fast rungs for 500 ms.
  return { title: `linear regression, 1 epoch of ${LINREG_EXAMPLES.toLocaleString("en-US")} (lr ${LINREG_LR})`, short: "linreg", rungs, options: { warmup: 1, runs: 5 }, extra: lossAfter };
}

/** (f): the 3.7 model (seeded weights) on the real test images. */
function softmaxForwardGroup(): Group {
  const test = new data.FashionMNIST({ train: false });
  const [X] = test.getBatch(Int32Array.from({ length: test.length }, (_, i) => i));
  manualSeed(0);
  const { net } = softmaxNet();
  const images = X.shape[0]!;
  const oneAtATime = (): void =>
    noGrad(() => {
      for (let i = 0; i < images; i++) sink += net.forward(X.narrow(0, i, 1)).storage[0]!;
    });
  return {
    title: `softmax regression forward, ${images.toLocaleString("en-US")} test images`,
    short: "softmax fwd",
    rungs: [
      { label: "(f) one image at a time", bar: "per image", fn: oneAtATime },
      { label: "(f) one batch", bar: "one batch", fn: () => noGrad(() => (sink += net.forward(X).storage[0]!)) },
    ],
  };
}

/** Seconds with a unit that keeps three significant digits readable. */
function formatSeconds(seconds: number): string {
  const units: [number, string][] = [[1, "s"], [1e-3, "ms"], [1e-6, "µs"], [1e-9, "ns"]];
  const [scale, unit] = units.find(([s]) => seconds >= s) ?? [1e-9, "ns"];
  return `${(seconds / scale).toPrecision(3)} ${unit}`;
}

interface Measured {
  group: Group;
  rung: Rung;
  timing: Timing;
  /** Median seconds for the whole work (sampled rungs scaled up). */
  seconds: number;
}

async function measureGroup(group: Group): Promise<Measured[]> {
  const fns = Object.fromEntries(group.rungs.map((r) => [r.label, r.fn]));
  const timings = await compare(fns, group.options);
  return group.rungs.map((rung) => {
    const timing = timings[rung.label]!;
    return { group, rung, timing, seconds: timing.median * (rung.scale ?? 1) };
  });
}

/** The chart, relative to the repository root (and absolute). */
const FIGURE_PATH = "figures/vectorization.svg";
const FIGURE = fileURLToPath(new URL(`../${FIGURE_PATH}`, import.meta.url));

function chart(results: readonly Measured[], groups: readonly Group[]): string {
  const bars = results.map((m) => ({
    label: `${m.group.short}: ${m.rung.bar}`,
    value: m.seconds,
    color: DEFAULT_COLORS[groups.indexOf(m.group) % DEFAULT_COLORS.length],
  }));
  return writeFigure(FIGURE, barChart({ bars, ylabel: "seconds (median, log scale)", yscale: "log", title: "Looped versus vectorized (tsgrad)", width: 1100, height: 560 }));
}

export async function run(): Promise<void> {
  const groups = [
    addGroup(10_000, "⁴", { loop: 39e-3, vectorized: 3.3e-6 }),
    addGroup(1_000_000, "⁶"),
    matmulGroup(256),
    linregGroup(),
    softmaxForwardGroup(),
  ];
  const results: Measured[] = [];
  for (const group of groups) results.push(...(await measureGroup(group)));

  const rows = results.map((m) => {
    const baseline = results.find((r) => r.group === m.group)!;
    const scale = m.rung.scale ?? 1;
    return [
      m.group.title,
      m.rung.label,
      formatSeconds(m.seconds),
      formatSeconds(m.timing.min * scale),
      formatSeconds(m.timing.max * scale),
      baseline.seconds / m.seconds,
      m.group.extra?.(m.rung.label) ?? null,
      m.rung.pytorch === undefined ? null : formatSeconds(m.rung.pytorch),
    ];
  });
  const figure = chart(results, groups);
  report({
    name: "vectorization",
    title: "Looped versus vectorized: the same result, element by element and in one call (median of ≥ 5 runs)",
    columns: ["group", "variant", "time", "min", "max", "speed-up over the loop", "loss after 1 epoch", "PyTorch 1.13 (quoted)"],
    rows,
    digits: 1,
    notes: [
      "Speed-up = median of the group's first (looped) variant / median of this one; each group's variants are timed interleaved in one process.",
      `(a) at 10⁶ is sampled: the loop runs over the first ${ADD_SAMPLE.toLocaleString("en-US")} elements and its time is multiplied by 10 (narrow is O(1), so the cost per element does not depend on n).`,
      "(e) trains from the same initial weights and shuffle in every call (d2l 3.2's linreg, squaredLoss summed, sgd, lr 0.03, DataLoader over a TensorDataset); the loss is the mean squared loss over all 10⁵ examples after the epoch (noise floor: 0.01²/2 = 5e-5).",
      "PyTorch figures: d2l-ch3 notes, PyTorch 1.13 on the dev machine (loop 39 ms, a + b 3.3 µs), not measured here.",
      `Chart of the ladder (log scale): ${FIGURE_PATH}.`,
    ],
    details: {
      results: results.map((m) => ({ group: m.group.title, variant: m.rung.label, seconds: m.seconds, scale: m.rung.scale ?? 1, timing: m.timing })),
      sinkFinite: Number.isFinite(sink),
    },
  });
  console.log(`\nwrote ${figure}`);
}
