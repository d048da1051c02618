/**
 * Matrix-multiply throughput: tsgrad's packed kernel (through the public `matmul`) against the plain
 * triple loop (`matmulNaive`) and @tensorflow/tfjs-backend-cpu's `tf.matMul`, in the same process on
 * the same shapes: square n = 64 … 1024 and the three products of a softmax-regression step on
 * Fashion-MNIST (batch 256, 784 inputs, 10 classes). Transposed operands are views for tsgrad and
 * the transpose flags of `tf.matMul` for tfjs; tfjs is timed including `dataSync()`.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { manualSeed, matmul, matmulNaive, randn, transpose, type Tensor } from "../src/index.js";
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

export async function run(): Promise<void> {
  tf.enableProdMode(); // tfjs at its best: no debug checks (also silences its "install tfjs-node" notice)
  await tf.setBackend("cpu");
  manualSeed(0);
  const rows: (string | number | null)[][] = [];
  const details: unknown[] = [];
  for (const c of cases()) {
    const ta = tfOperand(c.a);
    const tb = tfOperand(c.b);
    const fns: Record<string, () => unknown> = {
      tsgrad: () => matmul(c.a.view, c.b.view),
      tfjs: () => {
        const out = tf.matMul(ta, tb, c.a.transposed, c.b.transposed);
        out.dataSync();
        out.dispose();
      },
    };
    if (c.M * c.N * c.K <= NAIVE_MAX_MULADDS) fns.naive = () => matmulNaive(c.a.view, c.b.view);
    const t = await compare(fns);
    ta.dispose();
    tb.dispose();
    const rate = (x: Timing | undefined): number | null => (x === undefined ? null : gflops(c, x));
    const g = { naive: rate(t.naive), tsgrad: rate(t.tsgrad)!, tfjs: rate(t.tfjs)! };
    rows.push([c.label, g.naive, g.tsgrad, g.tfjs, g.naive === null ? null : g.tsgrad / g.naive, g.tsgrad / g.tfjs]);
    details.push({ case: c.label, M: c.M, N: c.N, K: c.K, ms: { naive: ms(t.naive), tsgrad: ms(t.tsgrad), tfjs: ms(t.tfjs) }, gflops: g });
  }
  report({
    name: "matmul",
    title: "matmul throughput (GFLOP/s, median of ≥ 5 runs; tsgrad threads: see the machine line)",
    columns: ["case", "naive", "tsgrad", "tfjs-cpu", "tsgrad/naive", "tsgrad/tfjs"],
    rows,
    notes: [
      "GFLOP/s = 2·M·N·K / median time per call (runs of the three interleaved); each call allocates its output. tsgrad = public `matmul` (packed, " +
        "register-tiled gemm, transposed operands read as views); naive = `matmulNaive` (triple loop); tfjs-cpu = " +
        "@tensorflow/tfjs-backend-cpu 4.22 `tf.matMul` with transpose flags, prod mode, timed including dataSync().",
      `— : naive skipped above ${NAIVE_MAX_MULADDS.toLocaleString("en-US")} multiply-adds (1024³ would take tens of seconds per call).`,
    ],
    details,
  });
}
