import { test } from "uvu";
import * as assert from "uvu/assert";
import "../../src/autograd/methods.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { fromArray, randn } from "../../src/tensor/creation.js";
import { Generator } from "../../src/tensor/random.js";
import { Module, Sequential, Linear, Flatten, ReLU } from "../../src/nn/index.js";
import { allClose, throwsError } from "../helpers/assert.js";

test("at (typed), negative indices, length, iteration, append", () => {
  const first = new Linear(4, 3);
  const act = new ReLU();
  const net = new Sequential(first, act);
  assert.is(net.length, 2);
  assert.is(net.at(0), first);
  assert.is(net.at<Linear>(0).weight, first.weight);
  assert.is(net.at(-1), act);
  assert.equal([...net], [first, act]);
  const last = new Linear(3, 1);
  assert.is(net.append(last), net);
  assert.is(net.length, 3);
  assert.equal(net.namedParameters().map(([n]) => n), ["0.weight", "0.bias", "2.weight", "2.bias"]);
  throwsError(() => net.at(3), "Sequential.at: index 3 is out of range for a Sequential of length 3");
  throwsError(() => net.at(-4), "index -4 is out of range");
  throwsError(() => new Sequential(new ReLU(), {} as Module), "Sequential: argument 1 is not a Module");
});

test("forward runs the modules in order", () => {
  const g = new Generator(3);
  const net = new Sequential(new Flatten(), new Linear(6, 4), new ReLU(), new Linear(4, 2));
  const x = randn([5, 2, 3], { generator: g });
  const byHand = net.at<Linear>(3).forward(net.at<Linear>(1).forward(x.reshape(5, 6)).relu());
  allClose(net.forward(x), byHand.toFloat32Array(), { atol: 0, rtol: 0 });
  const empty = new Sequential();
  assert.is(empty.forward(x), x);
});

test("Flatten keeps the batch dim by default; other ranges; ReLU zeroes negatives", () => {
  const x = new Tensor(new Float32Array(2 * 3 * 4 * 5), [2, 3, 4, 5]);
  assert.equal(new Flatten().forward(x).shape, [2, 60]);
  assert.equal(new Flatten(0).forward(x).shape, [120]);
  assert.equal(new Flatten(1, 2).forward(x).shape, [2, 12, 5]);
  assert.equal(new Flatten(-2).forward(x).shape, [2, 3, 20]);
  assert.is(new Flatten(1, 2).extraRepr(), "start_dim=1, end_dim=2");
  assert.equal([...new ReLU().forward(fromArray([-2, 0, 3], [3])).toFloat32Array()], [0, 0, 3]);
});

test.run();
