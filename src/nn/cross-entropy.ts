import { Tensor } from "../tensor/tensor.js";
import { fmtShape } from "../tensor/shape.js";
import { rowOffsets } from "../tensor/strided-offsets.js";
import { isGradEnabled } from "../autograd/grad-mode.js";
import { needsGrad, record } from "../autograd/node.js";
import { div, mul, sub } from "../autograd/ops/elementwise.js";
import { softmax } from "../autograd/ops/reduce.js";
import { reshape } from "../autograd/ops/views.js";
import { checkReduction, type LossOptions, type Reduction } from "./reduction.js";

/** Class indices of `labels` as integers, checked against the batch size and the number of classes. */
function readLabels(labels: Tensor, batch: number, classes: number, logitsShape: readonly number[]): Int32Array {
  if (labels.ndim !== 1) {
    throw new Error(`crossEntropy: labels must be a 1-D tensor of class indices [N], got shape ${fmtShape(labels.shape)}`);
  }
  if (labels.shape[0] !== batch) {
    throw new Error(`crossEntropy: logits have batch size ${batch} but labels have ${labels.shape[0]} entries (logits ${fmtShape(logitsShape)}, labels ${fmtShape(labels.shape)})`);
  }
  const values = labels.toFloat32Array();
  const out = new Int32Array(batch);
  for (let i = 0; i < batch; i++) {
    const y = values[i]!;
    if (!Number.isInteger(y)) throw new Error(`crossEntropy: label ${y} at position ${i} is not a whole number (labels are class indices)`);
    if (y < 0 || y >= classes) throw new Error(`crossEntropy: label ${y} at position ${i} is out of range for ${classes} classes`);
    out[i] = y;
  }
  return out;
}

/**
 * Per-row loss logsumexp(o) − o_y in float64 with the max shift, and (when `probs` is given) softmax(o)
 * written into it row-major. A row whose max is ±∞ is not shifted, so ∞ and NaN come out as the math says.
 */
function lossAndSoftmax(logits: Tensor, classes: Int32Array, probs: Float32Array | null): Float64Array {
  const [n, c] = logits.shape as [number, number];
  const rows = rowOffsets(logits.shape, logits.strides, logits.offset, 1);
  const s = logits.strides[1]!;
  const x = logits.storage;
  const losses = new Float64Array(n);
  const shifted = new Float64Array(c);
  for (let r = 0; r < n; r++) {
    const base = rows[r]!;
    let m = -Infinity;
    for (let j = 0; j < c; j++) {
      const v = x[base + j * s]!;
      if (v > m) m = v;
    }
    if (!Number.isFinite(m)) m = 0;
    let total = 0;
    for (let j = 0; j < c; j++) {
      const e = Math.exp(x[base + j * s]! - m);
      shifted[j] = e;
      total += e;
    }
    losses[r] = m + Math.log(total) - x[base + classes[r]! * s]!;
    if (probs !== null) for (let j = 0; j < c; j++) probs[r * c + j] = shifted[j]! / total;
  }
  return losses;
}

/** The fused gradient (softmax(o) − onehot(y))·w, with w = g_i (none), g (sum) or g/N (mean). */
function fusedGradient(probs: Float32Array, classes: Int32Array, g: Tensor, reduction: Reduction, c: number): Tensor {
  const n = classes.length;
  const gv = g.toFloat32Array();
  const scale = reduction === "mean" ? 1 / n : 1;
  const out = new Float32Array(n * c);
  for (let r = 0; r < n; r++) {
    const w = (reduction === "none" ? gv[r]! : gv[0]!) * scale;
    const base = r * c;
    for (let j = 0; j < c; j++) out[base + j] = probs[base + j]! * w;
    out[base + classes[r]!] = (probs[base + classes[r]!]! - 1) * w;
  }
  return new Tensor(out, [n, c]);
}

/** The same gradient from differentiable ops, so that a createGraph backward can be differentiated again. */
function recordedGradient(logits: Tensor, classes: Int32Array, g: Tensor, reduction: Reduction): Tensor {
  const [n, c] = logits.shape as [number, number];
  const onehot = new Float32Array(n * c);
  classes.forEach((y, r) => (onehot[r * c + y] = 1));
  const weight = reduction === "none" ? reshape(g, [n, 1]) : reduction === "mean" ? div(g, n) : g;
  return mul(sub(softmax(logits, 1), new Tensor(onehot, [n, c])), weight);
}

/** The reduced loss as a float32 tensor: [N] for `"none"`, a 0-d tensor otherwise (summed in float64). */
function reduced(losses: Float64Array, reduction: Reduction): Tensor {
  if (reduction === "none") return new Tensor(Float32Array.from(losses), [losses.length]);
  let total = 0;
  for (let i = 0; i < losses.length; i++) total += losses[i]!;
  return new Tensor(Float32Array.of(reduction === "mean" ? total / losses.length : total), []);
}

/**
 * Cross-entropy of unnormalised logits `[N, C]` (or `[C]`) against class indices `[N]` (or `[]`), float32
 * whole numbers: lᵢ = log Σⱼ exp(oᵢⱼ) − oᵢ,yᵢ, computed with the LogSumExp trick (d2l 3.7) so logits of
 * ±1000 give a finite loss and gradient, then reduced (`"mean"` by default). One recorded op whose backward
 * is the fused softmax(o) − onehot(y), scaled by the incoming gradient (and 1/N for the mean).
 * PyTorch: `F.cross_entropy(input, target, reduction)`.
 * @example crossEntropy(tensor([[0, 0, 0]]), tensor([2])) // log 3 = 1.0986
 */
export function crossEntropy(logits: Tensor, labels: Tensor, options: LossOptions = {}): Tensor {
  const reduction = checkReduction("crossEntropy", options.reduction);
  if (logits.ndim === 1) {
    const loss = crossEntropy(reshape(logits, [1, -1]), reshape(labels, [-1]), { reduction });
    return reshape(loss, []);
  }
  if (logits.ndim !== 2) {
    throw new Error(`crossEntropy: logits must be [N, C] (or [C]), got shape ${fmtShape(logits.shape)}`);
  }
  const [n, c] = logits.shape as [number, number];
  const classes = readLabels(labels, n, c, logits.shape);
  const probs = needsGrad([logits]) ? new Float32Array(n * c) : null;
  const out = reduced(lossAndSoftmax(logits, classes, probs), reduction);
  return record(
    "CrossEntropyBackward",
    out,
    [logits],
    // The engine turns grad mode on during backward exactly when createGraph was asked for.
    (g) => [isGradEnabled() ? recordedGradient(logits, classes, g, reduction) : fusedGradient(probs!, classes, g, reduction, c)],
    [logits],
  );
}
