import { test } from "uvu";
import * as assert from "uvu/assert";
import "../../src/autograd/methods.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { fromArray, randn } from "../../src/tensor/creation.js";
import { Generator } from "../../src/tensor/random.js";
import { Sequential, Linear, MSELoss, init } from "../../src/nn/index.js";
import { SGD } from "../../src/optim/index.js";

test("d2l 3.3: Sequential(Linear(2, 1)) + MSELoss + SGD(lr 0.03) recovers w = [2, −3.4], b = 4.2 within 0.01", () => {
  const g = new Generator(42);
  const trueW = [2, -3.4];
  const trueB = 4.2;
  const n = 1000;
  // synthetic_data(w, b, n): y = Xw + b + N(0, 0.01²), built here by hand.
  const X = randn([n, 2], { generator: g });
  const xs = X.toFloat32Array();
  const noise = randn([n], { generator: g }).toFloat32Array();
  const y = fromArray(Array.from({ length: n }, (_, i) => xs[2 * i]! * trueW[0]! + xs[2 * i + 1]! * trueW[1]! + trueB + 0.01 * noise[i]!), [n, 1]);

  const net = new Sequential(new Linear(2, 1));
  init.normal_(net.at<Linear>(0).weight, 0, 0.01, { generator: g });
  init.zeros_(net.at<Linear>(0).bias!);
  const loss = new MSELoss();
  const trainer = new SGD(net.parameters(), { lr: 0.03 });
  const batchSize = 10;
  for (let epoch = 0; epoch < 3; epoch++) {
    const order = g.permutation(n);
    for (let start = 0; start < n; start += batchSize) {
      const index = new Tensor(Float32Array.from(order.subarray(start, start + batchSize)), [batchSize]);
      const l = loss.forward(net.forward(X.indexSelect(0, index)), y.indexSelect(0, index));
      trainer.zeroGrad();
      l.backward();
      trainer.step();
    }
  }
  const [w0, w1] = net.at<Linear>(0).weight.toFloat32Array();
  const b = net.at<Linear>(0).bias!.item();
  assert.ok(Math.abs(w0! - trueW[0]!) < 0.01 && Math.abs(w1! - trueW[1]!) < 0.01, `w = [${w0}, ${w1}]`);
  assert.ok(Math.abs(b - trueB) < 0.01, `b = ${b}`);
  const finalLoss = loss.forward(net.forward(X), y).item();
  assert.ok(finalLoss < 1e-3, `final loss ${finalLoss}`);
});

test.run();
