/**
 * Every method the typed table in src/autograd/methods.ts installs on Tensor calls the op of the same
 * name with the same arguments: each method's result is compared with the function's on the same inputs.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as tsgrad from "../../src/index.js";
import { METHOD_NAMES } from "../../src/autograd/methods.js";
import * as inplace from "../../src/autograd/ops/inplace.js";
import { Generator, tensor, type Tensor } from "../../src/index.js";

const x = (): Tensor => tensor([[1, -2, 3], [0.5, 4, -1]]);
const other = tensor([[2, 1, -1], [3, 0.5, 2]]);
const index = tensor([[2, 0, 1], [1, 1, 0]]);
const positive = (): Tensor => tensor([[1, 2, 3], [0.5, 4, 1]]);

type Call = (t: Tensor) => unknown;
/** For each method: how to call it, and how to compute the same with the function of the same name. */
const CASES: Record<(typeof METHOD_NAMES)[number], [method: Call, fn: Call, input?: () => Tensor]> = {
  add: [(t) => t.add(other), (t) => tsgrad.add(t, other)],
  sub: [(t) => t.sub(other), (t) => tsgrad.sub(t, other)],
  mul: [(t) => t.mul(other), (t) => tsgrad.mul(t, other)],
  div: [(t) => t.div(other), (t) => tsgrad.div(t, other)],
  pow: [(t) => t.pow(other), (t) => tsgrad.pow(t, other), positive],
  maximum: [(t) => t.maximum(other), (t) => tsgrad.maximum(t, other)],
  minimum: [(t) => t.minimum(other), (t) => tsgrad.minimum(t, other)],
  neg: [(t) => t.neg(), (t) => tsgrad.neg(t)],
  exp: [(t) => t.exp(), (t) => tsgrad.exp(t)],
  log: [(t) => t.log(), (t) => tsgrad.log(t), positive],
  sqrt: [(t) => t.sqrt(), (t) => tsgrad.sqrt(t), positive],
  abs: [(t) => t.abs(), (t) => tsgrad.abs(t)],
  relu: [(t) => t.relu(), (t) => tsgrad.relu(t)],
  sigmoid: [(t) => t.sigmoid(), (t) => tsgrad.sigmoid(t)],
  tanh: [(t) => t.tanh(), (t) => tsgrad.tanh(t)],
  clamp: [(t) => t.clamp(-1, 2), (t) => tsgrad.clamp(t, -1, 2)],
  eq: [(t) => t.eq(3), (t) => tsgrad.eq(t, 3)],
  ne: [(t) => t.ne(3), (t) => tsgrad.ne(t, 3)],
  gt: [(t) => t.gt(other), (t) => tsgrad.gt(t, other)],
  ge: [(t) => t.ge(other), (t) => tsgrad.ge(t, other)],
  lt: [(t) => t.lt(other), (t) => tsgrad.lt(t, other)],
  le: [(t) => t.le(other), (t) => tsgrad.le(t, other)],
  where: [(t) => t.where(other.gt(1), 7), (t) => tsgrad.where(other.gt(1), t, 7)],
  sum: [(t) => t.sum(1, true), (t) => tsgrad.sum(t, 1, true)],
  mean: [(t) => t.mean(0), (t) => tsgrad.mean(t, 0)],
  max: [(t) => t.max(1), (t) => tsgrad.max(t, 1)],
  min: [(t) => t.min(0, true), (t) => tsgrad.min(t, 0, true)],
  amax: [(t) => t.amax([0, 1]), (t) => tsgrad.amax(t, [0, 1])],
  amin: [(t) => t.amin(1, true), (t) => tsgrad.amin(t, 1, true)],
  argmax: [(t) => t.argmax(1), (t) => tsgrad.argmax(t, 1)],
  argmin: [(t) => t.argmin(0), (t) => tsgrad.argmin(t, 0)],
  logsumexp: [(t) => t.logsumexp(1), (t) => tsgrad.logsumexp(t, 1)],
  softmax: [(t) => t.softmax(0), (t) => tsgrad.softmax(t, 0)],
  logSoftmax: [(t) => t.logSoftmax(1), (t) => tsgrad.logSoftmax(t, 1)],
  matmul: [(t) => t.matmul(other.T), (t) => tsgrad.matmul(t, other.T)],
  mm: [(t) => t.mm(other.T), (t) => tsgrad.mm(t, other.T)],
  reshape: [(t) => t.reshape(3, 2), (t) => tsgrad.reshape(t, [3, 2])],
  view: [(t) => t.view([-1]), (t) => tsgrad.view(t, [-1])],
  transpose: [(t) => t.transpose(0, 1), (t) => tsgrad.transpose(t, 0, 1)],
  permute: [(t) => t.permute(1, 0), (t) => tsgrad.permute(t, [1, 0])],
  expand: [(t) => t.reshape(2, 1, 3).expand(2, 4, 3), (t) => tsgrad.expand(tsgrad.reshape(t, [2, 1, 3]), [2, 4, 3])],
  expandAs: [(t) => t.sum(0).expandAs(other), (t) => tsgrad.expand(tsgrad.sum(t, 0), other.shape)],
  flatten: [(t) => t.flatten(), (t) => tsgrad.flatten(t)],
  squeeze: [(t) => t.reshape(2, 1, 3).squeeze(1), (t) => tsgrad.squeeze(tsgrad.reshape(t, [2, 1, 3]), 1)],
  unsqueeze: [(t) => t.unsqueeze(1), (t) => tsgrad.unsqueeze(t, 1)],
  narrow: [(t) => t.narrow(1, 1, 2), (t) => tsgrad.narrow(t, 1, 1, 2)],
  slice: [(t) => t.slice(1, 0, 3, 2), (t) => tsgrad.slice(t, 1, 0, 3, 2)],
  contiguous: [(t) => t.T.contiguous(), (t) => tsgrad.contiguous(t.T)],
  to: [(t) => t.to("float64"), (t) => tsgrad.to(t, "float64")],
  float: [(t) => t.to("int32").float(), (t) => tsgrad.to(tsgrad.to(t, "int32"), "float32")],
  double: [(t) => t.double(), (t) => tsgrad.to(t, "float64")],
  int: [(t) => t.int(), (t) => tsgrad.to(t, "int32")],
  bool: [(t) => t.bool(), (t) => tsgrad.to(t, "bool")],
  clone: [(t) => t.clone(), (t) => tsgrad.clone(t)],
  detach: [(t) => t.detach(), (t) => tsgrad.detach(t)],
  gather: [(t) => t.gather(1, index), (t) => tsgrad.gather(t, 1, index)],
  indexSelect: [(t) => t.indexSelect(1, tensor([2, 0])), (t) => tsgrad.indexSelect(t, 1, tensor([2, 0]))],
  add_: [(t) => t.add_(other, 2), (t) => inplace.add_(t, other, 2)],
  sub_: [(t) => t.sub_(other, 2), (t) => inplace.sub_(t, other, 2)],
  mul_: [(t) => t.mul_(other), (t) => inplace.mul_(t, other)],
  div_: [(t) => t.div_(other), (t) => inplace.div_(t, other)],
  zero_: [(t) => t.zero_(), (t) => inplace.zero_(t)],
  fill_: [(t) => t.fill_(5), (t) => inplace.fill_(t, 5)],
  copy_: [(t) => t.copy_(other), (t) => inplace.copy_(t, other)],
  normal_: [(t) => t.normal_(1, 2, { generator: new Generator(3) }), (t) => inplace.normal_(t, 1, 2, { generator: new Generator(3) })],
  uniform_: [(t) => t.uniform_(-1, 1, { generator: new Generator(4) }), (t) => inplace.uniform_(t, -1, 1, { generator: new Generator(4) })],
  requiresGrad_: [(t) => t.requiresGrad_().requiresGrad, () => true],
  backward: [
    (t) => {
      const leaf = t.requiresGrad_();
      leaf.mul(other).sum().backward();
      return leaf.grad;
    },
    (t) => {
      const leaf = t.requiresGrad_();
      tsgrad.backward(tsgrad.sum(tsgrad.mul(leaf, other)));
      return leaf.grad;
    },
  ],
};

const plain = (v: unknown): unknown => (v instanceof tsgrad.Tensor ? { dtype: v.dtype, shape: v.shape, values: Array.from(v.toFloat32Array()) } : v);

test("every method in the table has a case here, and nothing else does", () => {
  assert.equal([...METHOD_NAMES].sort(), Object.keys(CASES).sort());
});

for (const name of METHOD_NAMES) {
  test(`x.${name}(…) equals ${name}(x, …)`, () => {
    const [method, fn, input = x] = CASES[name];
    const viaMethod = plain(method(input()));
    const viaFunction = plain(fn(input()));
    assert.equal(viaMethod, viaFunction);
  });
}

test.run();
