/**
 * Per-op overhead on tiny tensors, where the arithmetic costs nothing and the time is bookkeeping
 * (dispatch, allocation, the tape): a 2×2 `add` without grad, and forward+backward of
 * `(x*x + x).sum()` on a 2×2 leaf. @tensorflow/tfjs-backend-cpu runs the same `add` in the same
 * process (result disposed); it has no peer figure for the backward case, because tfjs-core registers
 * no gradients without the @tensorflow/tfjs umbrella package, which is not a dependency.
 *
 * Targets: ≤ 0.5 µs and ≤ 5 µs. PyTorch 1.13 measured on this machine: 1.3 µs and 27 µs (quoted,
 * not re-measured here: PyTorch is not a dependency).
 *
 * Each timed call runs the op `BATCH` times, so the harness's per-call loop does not weigh on a
 * sub-microsecond figure; the table gives µs per op.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { tensor } from "../src/index.js";
import { compare, report, type Timing } from "./harness.js";

const BATCH = 1000;

/** Keeps results observable so V8 cannot drop the work. */
let sink = 0;

function repeat(body: () => void): () => void {
  return () => {
    for (let i = 0; i < BATCH; i++) body();
  };
}

const perOpUs = (t: Timing): number => (t.median / BATCH) * 1e6;

export async function run(): Promise<void> {
  tf.enableProdMode();
  await tf.setBackend("cpu");

  const a = tensor([[1, 2], [3, 4]]);
  const b = tensor([[5, 6], [7, 8]]);
  const ta = tf.tensor2d([[1, 2], [3, 4]]);
  const tb = tf.tensor2d([[5, 6], [7, 8]]);
  const add = await compare({
    tsgrad: repeat(() => {
      sink += a.add(b).storage[0]!;
    }),
    tfjs: repeat(() => {
      tf.add(ta, tb).dispose();
    }),
  });

  const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
  const backward = await compare({
    tsgrad: repeat(() => {
      x.mul(x).add(x).sum().backward();
      sink += x.grad!.storage[0]!;
      x.grad = null;
    }),
  });

  const row = (name: string, t: { tsgrad: Timing; tfjs?: Timing }, target: number, pytorch: number): (string | number | null)[] => {
    const ours = perOpUs(t.tsgrad);
    const peer = t.tfjs === undefined ? null : perOpUs(t.tfjs);
    return [name, ours, target, ours <= target ? "met" : "MISSED", peer, pytorch, pytorch / ours, peer === null ? null : peer / ours];
  };
  report({
    name: "overhead",
    title: "Per-op overhead on 2×2 tensors (µs per op, median)",
    columns: ["case", "tsgrad µs", "target µs", "target", "tfjs-cpu µs", "PyTorch 1.13 µs (quoted)", "PyTorch / tsgrad", "tfjs / tsgrad"],
    rows: [row("add 2×2", add, 0.5, 1.3), row("(x*x+x).sum() forward+backward 2×2", backward, 5, 27)],
    digits: 3,
    notes: [
      `Each timed call repeats the op ${BATCH} times; ≥ 5 timed runs of ≥ 20 ms after warm-up, tsgrad and tfjs interleaved.`,
      "PyTorch figures are quoted from a run of PyTorch 1.13 on this machine, not measured by this script.",
      "No tfjs figure for forward+backward: tfjs-core alone registers no gradients.",
    ],
    details: { add, backward, batch: BATCH, sink: Number.isFinite(sink) },
  });
}
