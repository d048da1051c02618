/**
 * Matrix-multiply throughput: tsgrad's packed kernels (through the public `matmul`, with the wasm SIMD
 * and the js backends) against the plain triple loop (`matmulNaive`) and tfjs's `tf.matMul` on
 * @tensorflow/tfjs-backend-wasm (XNNPACK, SIMD) and tfjs-backend-cpu, in the same process on the same
 * shapes: square n = 64 … 1024 and the three products of a softmax-regression step on Fashion-MNIST
 * (batch 256, 784 inputs, 10 classes). Transposed operands are views for tsgrad and the transpose
 * flags of `tf.matMul` for tfjs; tfjs is timed including `dataSync()`, each tfjs backend on tensors it
 * created (switching backends between calls moves no data).
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import { getBackend, manualSeed, matmul, matmulNaive, randn, setBackend, transpose, type Backend, type Tensor } from "../src/index.js";
import { compare, report, type Timing } from "./harness.js";

interface MatmulCase {
  label: string;
  M: number;
  N: number;
  K: number;
  /** A as tsgrad reads it (possibly a transposed view) and as tfjs stores it, with its transpose flag. */
  a: { view: Tensor; stored: Tensor; transposed: boolean };
  b: { view: Tensor; stored: Tensor; transposed: boolean };
}

/** An operand: stored [rows, cols] or stored [cols, rows] and read transposed. */
function operand(rows: number, cols: number, transposed: boolean): MatmulCase["a"] {
  const stored = transposed ? randn([cols, rows]) : randn([rows, cols]);
  return { view: transposed ? transpose(stored, 0, 1) : stored, stored, transposed };
}

function matmulCase(label: string, M: number, K: number, N: number, aTransposed = false, bTransposed = false): MatmulCase {
  return { label, M, N, K, a: operand(M, K, aTransposed), b: operand(K, N, bTransposed) };
}

function cases(): MatmulCase[] {
  return [
    ...[64, 128, 256, 512, 1024].map((n) => matmulCase(`${n}×${n} @ ${n}×${n}`, n, n, n)),
    matmulCase("X·W: [256,784]@[784,10]", 256, 784, 10),
    matmulCase("Xᵀ·G: [784,256]ᵀview@[256,10]", 784, 256, 10, true, false),
    matmulCase("G·Wᵀ: [256,10]@[10,784]ᵀview", 256, 10, 784, false, true),
  ];
}

/** The naive loop at 1024³ takes tens of seconds per call on the target machine; above this it is skipped. */
const NAIVE_MAX_MULADDS = 512 ** 3;

const gflops = (c: MatmulCase, t: Timing): number => (2 * c.M * c.N * c.K) / t.median / 1e9;
const ms = (t: Timing | undefined): { median: number; min: number; max: number } | null =>
  t === undefined ? null : { median: t.median * 1e3, min: t.min * 1e3, max: t.max * 1e3 };

function tfOperand(x: MatmulCase["a"]): tf.Tensor2D {
  const [rows, cols] = x.stored.shape as [number, number];
  return tf.tensor2d(x.stored.toFloat32Array(), [rows, cols]);
}

/** `tf.matMul` on tfjs backend `backend`, over operands created there (switching backends is a no-op when already active). */
async function tfMatmul(backend: "cpu" | "wasm", c: MatmulCase): Promise<{ call: () => Promise<void>; dispose: () => void }> {
  await tf.setBackend(backend);
  const ta = tfOperand(c.a);
  const tb = tfOperand(c.b);
  return {
    call: async () => {
      if (tf.getBackend() !== backend) await tf.setBackend(backend);
      const out = tf.matMul(ta, tb, c.a.transposed, c.b.transposed);
      out.dataSync();
      out.dispose();
    },
    dispose: () => {
      ta.dispose();
      tb.dispose();
    },
  };
}

/** tsgrad's `matmul` on `backend`. */
const tsgradMatmul = (backend: Backend, c: MatmulCase) => (): Tensor => {
  setBackend(backend);
  return matmul(c.a.view, c.b.view);
};

export async function run(): Promise<void> {
  tf.enableProdMode(); // tfjs at its best: no debug checks (also silences its "install tfjs-node" notice)
  await tf.setBackend("wasm");
  const tfjsWasm = `tfjs-wasm SIMD ${tf.env().getBool("WASM_HAS_SIMD_SUPPORT") ? "on" : "off"}, threads ${tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT") ? "on" : "off"}`;
  const defaultBackend = getBackend();
  manualSeed(0);
  const rows: (string | number | null)[][] = [];
  const details: unknown[] = [];
  for (const c of cases()) {
    const tfCpu = await tfMatmul("cpu", c);
    const tfWasm = await tfMatmul("wasm", c);
    const fns: Record<string, () => unknown> = {
      wasm: tsgradMatmul("wasm", c),
      js: tsgradMatmul("js", c),
      tfjsWasm: tfWasm.call,
      tfjsCpu: tfCpu.call,
    };
    if (c.M * c.N * c.K <= NAIVE_MAX_MULADDS) fns.naive = () => matmulNaive(c.a.view, c.b.view);
    const t = await compare(fns);
    tfCpu.dispose();
    tfWasm.dispose();
    const rate = (x: Timing | undefined): number | null => (x === undefined ? null : gflops(c, x));
    const g = { wasm: rate(t.wasm)!, js: rate(t.js)!, naive: rate(t.naive), tfjsWasm: rate(t.tfjsWasm)!, tfjsCpu: rate(t.tfjsCpu)! };
    rows.push([c.label, g.wasm, g.js, g.naive, g.tfjsWasm, g.tfjsCpu, g.wasm / g.js, g.wasm / g.tfjsWasm]);
    details.push({
      case: c.label, M: c.M, N: c.N, K: c.K,
      ms: { wasm: ms(t.wasm), js: ms(t.js), naive: ms(t.naive), tfjsWasm: ms(t.tfjsWasm), tfjsCpu: ms(t.tfjsCpu) },
      gflops: g,
    });
  }
  setBackend(defaultBackend);
  report({
    name: "matmul",
    title: "matmul throughput (GFLOP/s, median of ≥ 5 runs; tsgrad threads: see the machine line)",
    columns: ["case", "tsgrad-wasm", "tsgrad-js", "naive", "tfjs-wasm", "tfjs-cpu", "wasm/js", "wasm/tfjs-wasm"],
    rows,
    notes: [
      "GFLOP/s = 2·M·N·K / median time per call (runs of all columns interleaved); each call allocates its output. tsgrad-wasm / tsgrad-js = public " +
        "`matmul` with setBackend(\"wasm\") (WebAssembly SIMD gemm assembled by src/tensor/wasm) / setBackend(\"js\") (packed, register-tiled " +
        "TypeScript gemm); transposed operands read as views; naive = `matmulNaive` (triple loop); tfjs-wasm = @tensorflow/tfjs-backend-wasm 4.22 " +
        `(XNNPACK; ${tfjsWasm}), tfjs-cpu = tfjs-backend-cpu 4.22: \`tf.matMul\` with transpose flags, prod mode, timed including dataSync().`,
      `— : naive skipped above ${NAIVE_MAX_MULADDS.toLocaleString("en-US")} multiply-adds (1024³ would take tens of seconds per call).`,
    ],
    details,
  });
}
