/**
 * The backward rules tfjs needs to train softmax regression, registered with `tf.registerGradient`.
 *
 * Gotcha: @tensorflow/tfjs-core's Node bundle (`dist/tf-core.node.js`) ships `tf.variableGrads`,
 * `tf.train.sgd` and `optimizer.minimize`, but registers no gradients: the registrations live in
 * `dist/register_all_gradients.js`, an ES-module tree that Node cannot load (directory imports), and
 * are bundled only by the @tensorflow/tfjs umbrella package, which is not a dependency. Without them
 * `minimize` fails with "gradient function not found for BatchMatMul". So the peer registers the four
 * kernels that `tf.losses.softmaxCrossEntropy(Y, tf.add(tf.matMul(X, W), b))` records on tfjs's tape
 * (the cross-entropy itself is a `tf.customGrad` op and brings its own gradient). Each rule is the
 * textbook derivative; registration is skipped for a kernel that already has one.
 */
import * as tf from "@tensorflow/tfjs-core";

/** Sums `dy` down to `shape`, undoing broadcasting (leading dims, then dims of size 1). */
function sumToShape(dy: tf.Tensor, shape: readonly number[]): tf.Tensor {
  const lead = dy.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < dy.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && dy.shape[i] !== 1)) axes.push(i);
  }
  return axes.length === 0 ? dy : tf.reshape(tf.sum(dy, axes), [...shape]);
}

function single(dy: tf.Tensor | tf.Tensor[]): tf.Tensor {
  if (Array.isArray(dy)) throw new Error("tfjs-gradients: expected one upstream gradient");
  return dy;
}

function saved2(saved: tf.Tensor[], kernel: string): [tf.Tensor, tf.Tensor] {
  const [a, b] = saved;
  if (a === undefined || b === undefined) throw new Error(`tfjs-gradients: ${kernel} saved no inputs`);
  return [a, b];
}

/** C = op(A)·op(B) with op = transpose or identity; 2-D only (the softmax model's products). */
const batchMatMul: tf.GradConfig = {
  kernelName: tf.BatchMatMul,
  inputsToSave: ["a", "b"],
  gradFunc: (dy, saved, attrs) => {
    const dC = single(dy);
    const [a, b] = saved2(saved, "BatchMatMul");
    if (a.rank !== 2 || b.rank !== 2) throw new Error(`tfjs-gradients: BatchMatMul gradient is 2-D only, got ranks ${a.rank} and ${b.rank}`);
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    // dA = dC·op(B)ᵀ and dB = op(A)ᵀ·dC, transposed back when the input was read transposed.
    if (!transposeA && !transposeB) return { a: () => tf.matMul(dC, b, false, true), b: () => tf.matMul(a, dC, true, false) };
    if (transposeA && !transposeB) return { a: () => tf.matMul(b, dC, false, true), b: () => tf.matMul(a, dC, false, false) };
    if (!transposeA && transposeB) return { a: () => tf.matMul(dC, b, false, false), b: () => tf.matMul(dC, a, true, false) };
    return { a: () => tf.matMul(b, dC, true, true), b: () => tf.matMul(dC, a, true, true) };
  },
};

const add: tf.GradConfig = {
  kernelName: tf.Add,
  inputsToSave: ["a", "b"],
  gradFunc: (dy, saved) => {
    const g = single(dy);
    const [a, b] = saved2(saved, "Add");
    return { a: () => sumToShape(g, a.shape), b: () => sumToShape(g, b.shape) };
  },
};

const realDiv: tf.GradConfig = {
  kernelName: tf.RealDiv,
  inputsToSave: ["a", "b"],
  gradFunc: (dy, saved) => {
    const g = single(dy);
    const [a, b] = saved2(saved, "RealDiv");
    return {
      a: () => sumToShape(tf.div(g, b), a.shape),
      b: () => sumToShape(tf.neg(tf.div(tf.mul(g, a), tf.square(b))), b.shape),
    };
  },
};

/** The gradient of a sum is its upstream gradient spread back over the summed axes. */
const sum: tf.GradConfig = {
  kernelName: tf.Sum,
  inputsToSave: ["x"],
  gradFunc: (dy, saved, attrs) => {
    const g = single(dy);
    const [x] = saved;
    if (x === undefined) throw new Error("tfjs-gradients: Sum saved no input");
    const { axis } = attrs as unknown as tf.SumAttrs;
    const axes = (Array.isArray(axis) ? axis : axis === undefined || axis === null ? x.shape.map((_, i) => i) : [axis]).map((d) => (d < 0 ? d + x.rank : d));
    const keptShape = x.shape.map((size, i) => (axes.includes(i) ? 1 : size));
    return { x: () => tf.broadcastTo(tf.reshape(g, keptShape), x.shape) };
  },
};

/** Registers the rules above for every kernel that has no gradient yet. Idempotent. */
export function registerSoftmaxRegressionGradients(): void {
  for (const config of [batchMatMul, add, realDiv, sum]) {
    if (tf.getGradient(config.kernelName) === undefined) tf.registerGradient(config);
  }
}
