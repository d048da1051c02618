import { test } from "uvu";
import * as assert from "uvu/assert";
import "../../src/autograd/methods.js";
import { zeros } from "../../src/tensor/creation.js";
import { Generator, manualSeed } from "../../src/tensor/random.js";
import { init, Linear, Parameter } from "../../src/nn/index.js";
import { throwsError } from "../helpers/assert.js";
import { assertFillsInterval, statsOf as stats } from "./by-hand.js";

const param = (...shape: number[]): Parameter => new Parameter(zeros(shape));

test("fans of [out, in] and [out, in, k, k] weights; fewer than 2 dims is an error", () => {
  assert.equal(init.fans(zeros(10, 784)), { fanIn: 784, fanOut: 10 });
  assert.equal(init.fans(zeros(6, 3, 5, 5)), { fanIn: 75, fanOut: 150 });
  throwsError(() => init.fans(zeros(5)), "init: fan in and fan out can not be computed for a tensor with fewer than 2 dimensions (shape [5])");
});

test("calculateGain matches PyTorch's table", () => {
  assert.is(init.calculateGain("linear"), 1);
  assert.is(init.calculateGain("sigmoid"), 1);
  assert.is(init.calculateGain("tanh"), 5 / 3);
  assert.is(init.calculateGain("relu"), Math.sqrt(2));
  assert.is(init.calculateGain("leakyRelu"), Math.sqrt(2 / (1 + 0.01 ** 2)));
  assert.is(init.calculateGain("leakyRelu", Math.sqrt(5)), Math.sqrt(1 / 3));
  assert.is(init.calculateGain("selu"), 0.75);
  throwsError(() => init.calculateGain("gelu" as init.Nonlinearity), 'calculateGain: unsupported nonlinearity "gelu"');
});

test("constant_, zeros_, ones_ fill a parameter in place (no noGrad needed) and return it", () => {
  const p = param(2, 3);
  const storage = p.storage;
  assert.is(init.constant_(p, 0.25), p);
  assert.equal([...p.toFloat32Array()], new Array(6).fill(0.25));
  init.ones_(p);
  assert.equal([...p.toFloat32Array()], new Array(6).fill(1));
  init.zeros_(p);
  assert.equal([...p.toFloat32Array()], new Array(6).fill(0));
  assert.is(p.storage, storage);
  assert.ok(p.requiresGrad && p.isLeaf);
});

test("normal_ and uniform_: moments and range; a generator makes them repeatable", () => {
  const w = param(200, 100);
  init.normal_(w, 1, 0.5, { generator: new Generator(1) });
  const s = stats(w);
  assert.ok(Math.abs(s.mean - 1) < 0.01 && Math.abs(s.std - 0.5) < 0.01, `normal ${JSON.stringify(s)}`);
  const again = param(200, 100);
  init.normal_(again, 1, 0.5, { generator: new Generator(1) });
  assert.equal(again.toFloat32Array(), w.toFloat32Array());
  init.uniform_(w, -2, 3, { generator: new Generator(2) });
  const v = w.toFloat32Array();
  assert.ok(v.every((x) => x >= -2 && x < 3));
  const u = stats(w);
  assert.ok(Math.abs(u.mean - 0.5) < 0.03 && Math.abs(u.std - 5 / Math.sqrt(12)) < 0.02, `uniform ${JSON.stringify(u)}`);
  manualSeed(5);
  const a = init.normal_(param(3, 3)).toFloat32Array();
  manualSeed(5);
  assert.equal(init.normal_(param(3, 3)).toFloat32Array(), a, "the global generator is used by default");
});

test("xavierUniform_ / xavierNormal_: bound and std gain·√(6 or 2 / (fanIn + fanOut))", () => {
  const w = param(300, 500);
  init.xavierUniform_(w, { generator: new Generator(3) });
  const bound = Math.sqrt(6 / 800);
  assertFillsInterval(w, bound, "xavierUniform_");
  assert.ok(Math.abs(stats(w).std - bound / Math.sqrt(3)) < 0.01 * bound);
  init.xavierNormal_(w, { gain: 2, generator: new Generator(4) });
  const n = stats(w);
  assert.ok(Math.abs(n.std - 2 * Math.sqrt(2 / 800)) < 0.01 * n.std, `xavier normal std ${n.std}`);
});

test("kaimingUniform_ / kaimingNormal_: fan-in by default, fanOut on request, a = √5 gives Linear's U(±1/√in)", () => {
  const w = param(400, 250);
  init.kaimingUniform_(w, { a: Math.sqrt(5), generator: new Generator(5) });
  assertFillsInterval(w, 1 / Math.sqrt(250), "kaimingUniform_ with a = √5");
  init.kaimingUniform_(w, { generator: new Generator(6) });
  assertFillsInterval(w, Math.sqrt(2) * Math.sqrt(3 / 250), "kaimingUniform_ for ReLU");
  init.kaimingNormal_(w, { mode: "fanOut", nonlinearity: "relu", generator: new Generator(7) });
  const std = Math.sqrt(2) / Math.sqrt(400);
  assert.ok(Math.abs(stats(w).std - std) < 0.01 * std, `kaiming normal std ${stats(w).std} vs ${std}`);
  throwsError(() => init.kaimingUniform_(w, { mode: "fan_in" as "fanIn" }), 'kaiming: mode must be "fanIn" or "fanOut"');
});

test("d2l 3.7: net.apply(initWeights) sets every Linear's weight from N(0, 0.01²); empty tensors are a no-op", () => {
  const layer = new Linear(784, 10);
  layer.apply((m) => {
    if (m instanceof Linear) init.normal_(m.weight, 0, 0.01, { generator: new Generator(8) });
  });
  assert.ok(Math.abs(stats(layer.weight).std - 0.01) < 0.0005);
  const empty = param(0, 5);
  assert.is(init.kaimingUniform_(empty), empty);
  assert.equal(new Linear(0, 3).bias!.toFloat32Array(), new Float32Array(3));
});

test.run();
