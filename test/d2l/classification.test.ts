import { test } from "uvu";
import * as assert from "uvu/assert";
import { isGradEnabled, tensor, type Tensor } from "../../src/index.js";
import { accuracy, evaluateAccuracy, predictedClasses } from "../../src/d2l/index.js";
import { assertTensor, throwsError } from "../helpers/assert.js";

test("accuracy counts argmax hits: the book's example gives 1 of 2", () => {
  const yHat = tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]);
  assert.is(accuracy(yHat, tensor([0, 2])), 1);
  assert.is(accuracy(yHat, tensor([2, 2])), 2);
  assert.is(accuracy(yHat, tensor([[1], [0]])), 0, "labels shaped [n, 1] are reshaped");
  // int32 labels (as FashionMNIST gives them) and uint8 ones count the same.
  assert.is(accuracy(yHat, tensor([0, 2], { dtype: "int32" })), 1);
  assert.is(accuracy(yHat, tensor([2, 2], { dtype: "uint8" })), 2);
  assertTensor(predictedClasses(yHat), [2], [2, 2]);
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
  const net = {
    training: true,
    forward(X: Tensor): Tensor {
      seen.push(`${this.training ? "train" : "eval"} grad=${isGradEnabled()}`);
      return X; // the inputs are already class scores
    },
    train() { this.training = true; },
    eval() { this.training = false; },
  };
  assert.is(evaluateAccuracy(net, batches), 3 / 5);
  assert.equal(seen, ["eval grad=false", "eval grad=false"]);
  assert.is(evaluateAccuracy((X: Tensor) => X.neg(), batches), 2 / 5, "a plain function works as a net");
});

test.run();
