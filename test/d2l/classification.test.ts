import { test } from "uvu";
import * as assert from "uvu/assert";
import { isGradEnabled, nn, tensor, type Tensor } from "../../src/index.js";
import { accuracy, evaluateAccuracy } from "../../src/d2l/index.js";
import { throwsError } from "../helpers/assert.js";

test("accuracy counts argmax hits: the book's example gives 1 of 2", () => {
  const yHat = tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]);
  assert.is(accuracy(yHat, tensor([0, 2])), 1);
  assert.is(accuracy(yHat, tensor([2, 2])), 2);
  assert.is(accuracy(yHat, tensor([[1], [0]])), 0, "labels shaped [n, 1] are reshaped");
});

test("accuracy takes 1-D predictions as class indices and rejects mismatched sizes", () => {
  assert.is(accuracy(tensor([1, 0, 3]), tensor([1, 1, 3])), 2);
  throwsError(() => accuracy(tensor([[0.1, 0.9]]), tensor([1, 0])), "accuracy", "1 predictions", "2 labels");
});

test("evaluateAccuracy: fraction correct over all batches, eval mode, grad off", () => {
  const batches: [Tensor, Tensor][] = [
    [tensor([[1, 0], [0, 1]]), tensor([0, 1])], // both right
    [tensor([[1, 0], [1, 0], [0, 1]]), tensor([1, 0, 0])], // one right of three
  ];
  const seen: string[] = [];
  /** A module whose inputs are already class scores, recording its mode and grad mode. */
  class Scores extends nn.Module {
    forward(X: Tensor): Tensor {
      seen.push(`${this.training ? "train" : "eval"} grad=${isGradEnabled()}`);
      return X;
    }
  }
  assert.is(evaluateAccuracy(new Scores(), batches), 3 / 5);
  assert.equal(seen, ["eval grad=false", "eval grad=false"]);
  assert.is(evaluateAccuracy((X: Tensor) => X.neg(), batches), 2 / 5, "a plain function works as a net");
});

test.run();
