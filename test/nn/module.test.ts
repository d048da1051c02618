import { test } from "uvu";
import * as assert from "uvu/assert";
import { inspect } from "node:util";
import "../../src/autograd/methods.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { fromArray, randn, zeros } from "../../src/tensor/creation.js";
import { Generator } from "../../src/tensor/random.js";
import { Module, Parameter, Linear, Sequential, Flatten, ReLU, MSELoss, CrossEntropyLoss } from "../../src/nn/index.js";
import { throwsError } from "../helpers/assert.js";

/** A module with a parameter of its own, a plain tensor attribute and a child container. */
class Scaled extends Module {
  scale = new Parameter(fromArray([2], [1]));
  notAParameter = zeros(3);
  body = new Sequential(new Linear(3, 2), new ReLU(), new Linear(2, 1, { bias: false }));
  override forward(x: Tensor): Tensor {
    return this.body.forward(x).mul(this.scale);
  }
}

const names = (m: Module): string[] => m.namedParameters().map(([n]) => n);

test("namedParameters: dotted names in definition order, own parameters first, plain tensors ignored", () => {
  assert.equal(names(new Sequential(new Flatten(), new Linear(784, 10))), ["1.weight", "1.bias"]);
  assert.equal(names(new Scaled()), ["scale", "body.0.weight", "body.0.bias", "body.2.weight"]);
  const m = new Scaled();
  assert.equal(m.parameters(), [m.scale, m.body.at<Linear>(0).weight, m.body.at<Linear>(0).bias!, m.body.at<Linear>(2).weight]);
  assert.ok(m.parameters().every((p) => p.requiresGrad && p.isLeaf));
});

test("children, namedChildren, namedModules", () => {
  const m = new Scaled();
  assert.equal(m.namedChildren().map(([n]) => n), ["body"]);
  assert.equal(m.children(), [m.body]);
  assert.equal(m.body.namedChildren().map(([n, c]) => `${n}:${c.constructor.name}`), ["0:Linear", "1:ReLU", "2:Linear"]);
  assert.equal(m.namedModules().map(([n]) => n), ["", "body", "body.0", "body.1", "body.2"]);
  assert.is(m.modules().length, 5);
});

test("a parameter shared by two modules: once in parameters(), under both names in stateDict()", () => {
  const a = new Linear(2, 2);
  const b = new Linear(2, 2);
  b.weight = a.weight;
  const net = new Sequential(a, b);
  assert.equal(names(net), ["0.weight", "0.bias", "1.bias"]);
  assert.equal(Object.keys(net.stateDict()), ["0.weight", "0.bias", "1.weight", "1.bias"]);
});

test("apply visits every descendant before its parent, children in order", () => {
  const inner = new Sequential(new ReLU(), new Linear(2, 1));
  const net = new Sequential(new Linear(3, 2), inner);
  const visited: Module[] = [];
  const returned = net.apply((m) => visited.push(m));
  assert.is(returned, net);
  assert.equal(visited, [net.at(0), inner.at(0), inner.at(1), inner, net]);
});

test("train() / eval() set the flag on every module", () => {
  const m = new Scaled();
  assert.ok(m.modules().every((x) => x.training));
  assert.is(m.eval(), m);
  assert.ok(m.modules().every((x) => !x.training));
  m.train();
  assert.ok(m.modules().every((x) => x.training));
  m.train(false);
  assert.ok(m.modules().every((x) => !x.training));
});

test("zeroGrad drops the grads, or zeroes them in place with setToNone: false", () => {
  const net = new Sequential(new Linear(3, 2));
  const x = randn([4, 3], { generator: new Generator(1) });
  net.forward(x).sum().backward();
  const w = net.at<Linear>(0).weight;
  const grad = w.grad!;
  assert.ok(grad.toFloat32Array().some((v) => v !== 0));
  net.zeroGrad({ setToNone: false });
  assert.is(w.grad, grad, "same tensor, zeroed in place");
  assert.equal([...grad.toFloat32Array()], new Array(6).fill(0));
  net.zeroGrad();
  assert.is(w.grad, null);
  assert.is(net.at<Linear>(0).bias!.grad, null);
});

test("stateDict shares storage; loadStateDict copies values in place, keeping the parameters' identity", () => {
  const source = new Sequential(new Flatten(), new Linear(4, 3));
  const target = new Sequential(new Flatten(), new Linear(4, 3));
  const sd = source.stateDict();
  assert.equal(Object.keys(sd), ["1.weight", "1.bias"]);
  assert.is(sd["1.weight"]!.requiresGrad, false);
  assert.is(sd["1.weight"]!.storage, source.at<Linear>(1).weight.storage);
  const weight = target.at<Linear>(1).weight;
  const result = target.loadStateDict(sd);
  assert.equal(result, { missingKeys: [], unexpectedKeys: [] });
  assert.is(target.at<Linear>(1).weight, weight);
  assert.equal(weight.toFloat32Array(), source.at<Linear>(1).weight.toFloat32Array());
  assert.equal(target.at<Linear>(1).bias!.toFloat32Array(), source.at<Linear>(1).bias!.toFloat32Array());
  assert.ok(weight.requiresGrad);
});

test("loadStateDict: shape mismatch, missing and unexpected keys are errors, and nothing is written", () => {
  const net = new Sequential(new Linear(4, 3));
  const before = net.at<Linear>(0).bias!.toFloat32Array();
  const bad = { "0.weight": zeros(3, 5), "0.bias": zeros(3) };
  throwsError(() => net.loadStateDict(bad), 'size mismatch for "0.weight"', "[3, 5]", "[3, 4]");
  assert.equal(net.at<Linear>(0).bias!.toFloat32Array(), before, "bias untouched after the failed load");
  throwsError(() => net.loadStateDict({ "0.weight": zeros(3, 4) }), 'missing keys "0.bias"');
  throwsError(() => net.loadStateDict({ "0.weight": zeros(3, 4), "0.bias": zeros(3), "0.extra": zeros(1) }), 'unexpected keys "0.extra"');
  throwsError(() => net.loadStateDict({ "0.weight": zeros(3, 4), "0.bias": [0, 0, 0] as unknown as Tensor }), '"0.bias" is not a Tensor');
  const loose = net.loadStateDict({ "0.weight": zeros(3, 4), extra: zeros(1) }, { strict: false });
  assert.equal(loose, { missingKeys: ["0.bias"], unexpectedKeys: ["extra"] });
  assert.equal([...net.at<Linear>(0).weight.toFloat32Array()], new Array(12).fill(0));
  throwsError(() => net.loadStateDict({ "0.weight": zeros(4, 3), "0.bias": zeros(3) }, { strict: false }), "size mismatch");
});

test("printing matches PyTorch's module repr, nested children indented", () => {
  const net = new Sequential(new Flatten(), new Linear(784, 10));
  const expected = "Sequential(\n  (0): Flatten(start_dim=1, end_dim=-1)\n  (1): Linear(in_features=784, out_features=10, bias=True)\n)";
  assert.is(String(net), expected);
  assert.is(inspect(net), expected);
  const nested = new Sequential(new Linear(2, 3, { bias: false }), new Sequential(new ReLU(), new Linear(3, 1)));
  assert.is(
    nested.toString(),
    [
      "Sequential(",
      "  (0): Linear(in_features=2, out_features=3, bias=False)",
      "  (1): Sequential(",
      "    (0): ReLU()",
      "    (1): Linear(in_features=3, out_features=1, bias=True)",
      "  )",
      ")",
    ].join("\n"),
  );
  assert.is(String(new Scaled()).split("\n")[0], "Scaled(");
  assert.is(String(new MSELoss()), "MSELoss()");
  assert.is(String(new CrossEntropyLoss({ reduction: "none" })), "CrossEntropyLoss()");
  assert.is(String(new Sequential()), "Sequential()");
});

test("Parameter shares its data's storage, is a leaf requiring grad, and prints with a header", () => {
  const data = fromArray([1, 2], [2]);
  const p = new Parameter(data);
  assert.ok(p instanceof Tensor);
  assert.is(p.storage, data.storage);
  assert.ok(p.requiresGrad && p.isLeaf);
  assert.is(new Parameter(data, false).requiresGrad, false);
  assert.ok(String(p).startsWith("Parameter containing:\ntensor("));
  const tracked = fromArray([1, 2], [2], { requiresGrad: true }).mul(1);
  assert.ok(!tracked.isLeaf);
  assert.ok(new Parameter(tracked).isLeaf, "a Parameter is cut from the graph");
});

test("train() rejects a non-boolean mode", () => {
  throwsError(() => new ReLU().train(1 as unknown as boolean), "train: expected mode to be true or false, got 1");
});

test.run();
