/**
 * tfjs's side of the training benchmark (@tensorflow/tfjs-backend-cpu, or tfjs-backend-wasm): the same model, initial weights,
 * batches and per-batch metrics as tsgrad's `trainEpochCh3`, written the way a tfjs user would:
 * `tf.variable`s, `tf.losses.softmaxCrossEntropy` (LogSumExp-stable, mean over the batch) and
 * `tf.train.sgd(0.1).minimize`, each step inside `tf.tidy`. Batches arrive as tsgrad tensors from the
 * shared loader and are wrapped with `tf.tensor2d` (no copy of the values on the CPU backend).
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import type { Tensor } from "../../src/index.js";
import { registerSoftmaxRegressionGradients } from "./tfjs-gradients.js";
import { LEARNING_RATE, NUM_CLASSES, type Batches, type ImageBatch, type SoftmaxSetup, type SoftmaxTrainer } from "./softmax-setup.js";

/** A tensor's values in row-major order, without copying when it already owns a packed buffer. */
function values(t: Tensor): Float32Array {
  return t.isContiguous() && t.offset === 0 && t.storage.length === t.numel() ? t.storage : t.toFloat32Array();
}

/** Images `[B, 784]` and int32 labels `[B]` as tfjs tensors (owned by the enclosing `tf.tidy`). */
function toTf([X, y]: ImageBatch): { X: tf.Tensor2D; labels: tf.Tensor1D } {
  const n = X.shape[0]!;
  const labels = Int32Array.from(values(y));
  return { X: tf.tensor2d(values(X), [n, X.numel() / n]), labels: tf.tensor1d(labels, "int32") };
}

/** Number of rows of `logits` whose argmax is the label. */
function countCorrect(logits: tf.Tensor, labels: tf.Tensor1D): number {
  return tf.sum(tf.equal(tf.argMax(logits, 1), labels)).dataSync()[0]!;
}

/** Copies tsgrad's initial weights (W transposed to tfjs's `[784, 10]` layout) and builds the trainer. */
export async function createTrainer({ linear }: SoftmaxSetup, backend: "cpu" | "wasm" = "cpu"): Promise<SoftmaxTrainer> {
  tf.enableProdMode(); // no per-op debug checks; also silences the "install tfjs-node" notice
  await tf.setBackend(backend);
  registerSoftmaxRegressionGradients();
  const [outputs, inputs] = linear.weight.shape as [number, number];
  const W = tf.variable(tf.tensor2d(linear.weight.transpose(0, 1).toFloat32Array(), [inputs, outputs]));
  const b = tf.variable(tf.tensor1d(linear.bias!.toFloat32Array()));
  const optimizer = tf.train.sgd(LEARNING_RATE);
  const forward = (X: tf.Tensor2D): tf.Tensor2D => tf.add(tf.matMul(X, W), b);

  function trainEpoch(train: Batches): [number, number] {
    let lossSum = 0;
    let correct = 0;
    let count = 0;
    for (const batch of train) {
      tf.tidy(() => {
        const { X, labels } = toTf(batch);
        const Y = tf.cast(tf.oneHot(labels, NUM_CLASSES), "float32");
        // minimize runs the loss under its own tidy; the logits are kept out of it for the accuracy.
        const kept: { logits?: tf.Tensor2D } = {};
        const cost = optimizer.minimize(() => {
          const logits = forward(X);
          kept.logits = tf.keep(logits);
          return tf.losses.softmaxCrossEntropy(Y, logits);
        }, true, [W, b])!;
        const n = labels.shape[0];
        lossSum += cost.dataSync()[0]! * n;
        correct += countCorrect(kept.logits!, labels);
        kept.logits!.dispose();
        count += n;
      });
    }
    return [lossSum / count, correct / count];
  }

  function evaluate(test: Batches): number {
    let correct = 0;
    let count = 0;
    for (const batch of test) {
      tf.tidy(() => {
        const { X, labels } = toTf(batch);
        correct += countCorrect(forward(X), labels);
        count += labels.shape[0];
      });
    }
    return correct / count;
  }

  return { trainEpoch, evaluate };
}
