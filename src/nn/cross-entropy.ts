import { Tensor } from "../tensor/tensor.js";
import { fmtShape } from "../tensor/shape.js";
import { logSoftmaxKernel } from "../tensor/kernels/log-sum-exp.js";
import { customOp, type FunctionContext } from "../autograd/custom-op.js";
import { div, mul, sub } from "../autograd/ops/elementwise.js";
import { softmax } from "../autograd/ops/reduce.js";
import { reshape } from "../autograd/ops/views.js";
import { checkLossArgs, checkReduction, LOSS_KEYS, type LossOptions, type Reduction } from "./reduction.js";
import { allocStorage, type DType } from "../tensor/dtype.js";

/**
 * Class indices of `labels` as integers, checked against the batch size and the number of classes.
 * Labels are int32 (PyTorch's int64) or uint8; whole-number float labels are accepted too, because a JS
 * number literal makes `tensor([0, 2])` float32 and a [N] target cannot be mistaken for PyTorch's
 * float class-probability target, which is [N, C].
 */
function readLabels(labels: Tensor, batch: number, classes: number, logitsShape: readonly number[]): Int32Array {
  if (labels.dtype === "bool") throw new Error("crossEntropy: labels must be class indices (int32), got a bool tensor");
  if (labels.ndim !== 1) {
    throw new Error(`crossEntropy: labels must be a 1-D tensor of class indices [N], got shape ${fmtShape(labels.shape)}`);
  }
  if (labels.shape[0] !== batch) {
    throw new Error(`crossEntropy: logits have batch size ${batch} but labels have ${labels.shape[0]} entries (logits ${fmtShape(logitsShape)}, labels ${fmtShape(labels.shape)})`);
  }
  const values = labels.toTypedArray();
  const out = new Int32Array(batch);
  for (let i = 0; i < batch; i++) {
    const y = values[i]!;
    if (!Number.isInteger(y)) throw new Error(`crossEntropy: label ${y} at position ${i} is not a whole number (labels are class indices)`);
    if (y < 0 || y >= classes) throw new Error(`crossEntropy: label ${y} at position ${i} is out of range for ${classes} classes`);
    out[i] = y;
  }
  return out;
}

/** What the backward of the fused cross-entropy needs besides the saved log-probabilities. */
interface CrossEntropyState {
  classes: Int32Array;
  reduction: Reduction;
}

/** Per-row losses −log softmax(o)[i, yᵢ] from the (contiguous [N, C]) log-probabilities. */
function rowLosses(logP: Tensor, classes: Int32Array): Float64Array {
  const c = logP.shape[1]!;
  const lp = logP.storage;
  const losses = new Float64Array(classes.length);
  for (let r = 0; r < classes.length; r++) losses[r] = -lp[r * c + classes[r]!]!;
  return losses;
}

/** The fused gradient (softmax(o) − onehot(y))·w, with w = g_i (none), g (sum) or g/N (mean). */
function fusedGradient(logP: Tensor, classes: Int32Array, g: Tensor, reduction: Reduction): Tensor {
  const [n, c] = logP.shape as [number, number];
  const gv = g.toTypedArray();
  const lp = logP.storage;
  const scale = reduction === "mean" ? 1 / n : 1;
  const out = allocStorage(logP.dtype, n * c);
  for (let r = 0; r < n; r++) {
    const w = (reduction === "none" ? gv[r]! : gv[0]!) * scale;
    const base = r * c;
    for (let j = 0; j < c; j++) out[base + j] = Math.exp(lp[base + j]!) * w;
    out[base + classes[r]!] = (Math.exp(lp[base + classes[r]!]!) - 1) * w;
  }
  return new Tensor(out, [n, c], undefined, 0, undefined, logP.dtype);
}

/** The same gradient from differentiable ops, so that a createGraph backward can be differentiated again. */
function recordedGradient(logits: Tensor, classes: Int32Array, g: Tensor, reduction: Reduction): Tensor {
  const [n, c] = logits.shape as [number, number];
  const onehot = allocStorage(logits.dtype, n * c);
  classes.forEach((y, r) => (onehot[r * c + y] = 1));
  const weight = reduction === "none" ? reshape(g, [n, 1]) : reduction === "mean" ? div(g, n) : g;
  return mul(sub(softmax(logits, 1), new Tensor(onehot, [n, c], undefined, 0, undefined, logits.dtype)), weight);
}

/** The reduced loss in the logits' dtype: [N] for `"none"`, a 0-d tensor otherwise (summed in float64). */
function reduced(losses: Float64Array, reduction: Reduction, dtype: DType): Tensor {
  let values: Float64Array = losses;
  if (reduction !== "none") {
    let total = 0;
    for (let i = 0; i < losses.length; i++) total += losses[i]!;
    values = Float64Array.of(reduction === "mean" ? total / losses.length : total);
  }
  const out = allocStorage(dtype, values.length);
  out.set(values);
  return new Tensor(out, reduction === "none" ? [values.length] : [], undefined, 0, undefined, dtype);
}

/**
 * The fused cross-entropy of [N, C] logits as a custom op: forward through the shared LogSumExp kernel,
 * backward the fused softmax(o) − onehot(y) (or, under createGraph, the same from differentiable ops).
 */
const fusedCrossEntropy = customOp({
  name: "CrossEntropy",
  forward(ctx: FunctionContext<CrossEntropyState>, logits: Tensor, classes: Int32Array, reduction: Reduction): Tensor {
    const logP = logSoftmaxKernel("crossEntropy", logits, [1]);
    ctx.saveForBackward(logits, logP);
    ctx.state = { classes, reduction };
    return reduced(rowLosses(logP, classes), reduction, logP.dtype);
  },
  backward(ctx, g) {
    const [logits, logP] = ctx.savedTensors as [Tensor, Tensor];
    const { classes, reduction } = ctx.state;
    const dLogits = ctx.createGraph ? recordedGradient(logits, classes, g, reduction) : fusedGradient(logP, classes, g, reduction);
    return [dLogits, null, null];
  },
});

/**
 * Cross-entropy of unnormalised floating logits `[N, C]` (or `[C]`) against int32 class indices `[N]`
 * (or `[]`; whole-number floats work too): lᵢ = log Σⱼ exp(oᵢⱼ) − oᵢ,yᵢ, computed with the LogSumExp trick (d2l 3.7) so logits of
 * ±1000 give a finite loss and gradient, then reduced (`"mean"` by default). One recorded op whose backward
 * is the fused softmax(o) − onehot(y), scaled by the incoming gradient (and 1/N for the mean).
 * PyTorch: `F.cross_entropy(input, target, reduction)`.
 * @example crossEntropy(tensor([[0, 0, 0]]), tensor([2])) // log 3 = 1.0986
 */
export function crossEntropy(logits: Tensor, labels: Tensor, options: LossOptions = {}): Tensor {
  const reduction = checkReduction("crossEntropy", checkLossArgs("crossEntropy", logits, labels, options, LOSS_KEYS).reduction);
  if (logits.ndim === 1) {
    // One example of C classes: PyTorch takes a 0-d class index; named here in the user's shapes.
    if (labels.ndim !== 0 && !(labels.ndim === 1 && labels.shape[0] === 1)) {
      throw new Error(`crossEntropy: 1-D logits ${fmtShape(logits.shape)} are one example, so labels must be a 0-d class index, got shape ${fmtShape(labels.shape)}`);
    }
    const classes = logits.shape[0]!;
    const loss = fusedCrossEntropy(reshape(logits, [1, classes]), readLabels(reshape(labels, [1]), 1, classes, logits.shape), reduction);
    return reshape(loss, []);
  }
  if (logits.ndim !== 2) {
    throw new Error(`crossEntropy: logits must be [N, C] (or [C]), got shape ${fmtShape(logits.shape)}`);
  }
  if (logits.dtype !== "float32" && logits.dtype !== "float64") {
    throw new Error(`crossEntropy: logits must be a floating point tensor, got ${logits.dtype}`);
  }
  const [n, c] = logits.shape as [number, number];
  return fusedCrossEntropy(logits, readLabels(labels, n, c, logits.shape), reduction);
}
