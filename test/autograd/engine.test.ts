import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  backward, enableGrad, grad, isGradEnabled, noGrad, ones, setGradEnabled, tapeStats, tensor, zeros,
} from "../../src/index.js";
import { assertTensor, gradOf, throwsError } from "../helpers/assert.js";

test("backward on a non-scalar needs a gradient of the output's shape", () => {
  const x = tensor([1, 2, 3], { requiresGrad: true });
  throwsError(() => x.mul(2).backward(), "backward:", "scalar outputs", "[3]");
  throwsError(() => x.mul(2).backward(ones(2)), "backward:", "[2]", "[3]");
  x.mul(2).backward(tensor([1, 10, 100]));
  assert.equal(gradOf(x), [2, 20, 200]);
  throwsError(() => tensor([1]).backward(), "backward:", "does not require grad");
  throwsError(() => noGrad(() => x.mul(2)).sum().backward(), "backward:", "does not require grad");
});

test("a second backward through a freed graph says to pass retainGraph; with it, gradients accumulate", () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const y = x.mul(x).sum();
  y.backward();
  throwsError(() => y.backward(), "backward: the graph was freed", "retainGraph: true");
  // A new op on top of a freed intermediate also reaches the freed node.
  const h = tensor([3], { requiresGrad: true });
  const mid = h.exp();
  mid.sum().backward();
  throwsError(() => mid.mul(2).sum().backward(), "retainGraph");

  const z = tensor([1, 2], { requiresGrad: true });
  const out = z.mul(z).sum();
  out.backward(undefined, { retainGraph: true });
  out.backward(undefined, { retainGraph: true });
  assert.equal(gradOf(z), [4, 8], "2 × 2z");
  out.backward();
  assert.equal(gradOf(z), [6, 12]);
  throwsError(() => out.backward(), "retainGraph");
});

test("leaf gradients accumulate across separate graphs until zeroed", () => {
  const w = tensor([1, -1], { requiresGrad: true });
  w.mul(3).sum().backward();
  const first = w.grad!;
  w.mul(w).sum().backward();
  assert.ok(w.grad === first, "accumulated in place into the same gradient tensor");
  assert.equal(gradOf(w), [5, 1]);
  noGrad(() => w.grad!.zero_());
  w.sum().backward();
  assert.equal(gradOf(w), [1, 1]);
});

test("with createGraph, each leaf gets its own gradient tensor (no aliasing between leaves)", () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const y = tensor([3, 4], { requiresGrad: true });
  x.add(y).sum().backward(undefined, { createGraph: true });
  assert.ok(x.grad !== y.grad);
  x.sum().backward();
  assert.equal(gradOf(x), [2, 2]);
  assert.equal(gradOf(y), [1, 1]);
  noGrad(() => x.grad!.zero_());
  assert.equal(gradOf(y), [1, 1]);
});

test("argmax/argmin of a tensor that requires grad record nothing", () => {
  const x = tensor([[1, 5], [7, 2]], { requiresGrad: true });
  const before = { ...tapeStats };
  for (const r of [x.argmax(), x.argmin(), x.argmax(1), x.argmin(0, true), tensor(3, { requiresGrad: true }).argmax(0)]) {
    assert.is(r.requiresGrad, false);
  }
  assert.equal({ ...tapeStats }, before);
});

test("noGrad records nothing; enableGrad inside noGrad records; modes restore, also after a throw", () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const before = { ...tapeStats };
  const y = noGrad(() => x.mul(2).add(1).exp().sum());
  assert.is(y.gradFn, null);
  assert.is(y.requiresGrad, false);
  assert.equal({ ...tapeStats }, before, "tapeStats unchanged");
  assert.ok(isGradEnabled());

  const z = noGrad(() => {
    assert.not.ok(isGradEnabled());
    const inner = enableGrad(() => x.mul(3));
    assert.not.ok(isGradEnabled(), "noGrad resumes after enableGrad");
    return inner;
  });
  assert.is(z.gradFn, "MulBackward");
  z.sum().backward();
  assert.equal(gradOf(x), [3, 3]);

  assert.throws(() => noGrad(() => {
    throw new Error("boom");
  }));
  assert.ok(isGradEnabled(), "grad mode restored after an exception");
  const previous = setGradEnabled(false);
  assert.ok(previous);
  assert.is(x.mul(2).gradFn, null);
  setGradEnabled(true);
});

test("grad() returns gradients without touching .grad; unused inputs are an error unless allowUnused", () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const u = tensor([5], { requiresGrad: true });
  const [gx] = grad([x.mul(x).sum()], [x]);
  assertTensor(gx!, [2], [2, 4]);
  assert.is(x.grad, null);
  throwsError(() => grad([x.sum()], [x, u]), "grad: input 1 was not used", "allowUnused");
  const [a, b] = grad([x.sum()], [x, u], { allowUnused: true });
  assertTensor(a!, [2], [1, 1]);
  assert.is(b, null);
  throwsError(() => grad([x.sum()], [tensor([1])]), "grad: input 0 does not require grad");
  const [gv] = grad([x.mul(2)], [x], { gradOutputs: [tensor([1, -1])] });
  assertTensor(gv!, [2], [2, -2]);
});

test("detach, .data and requiresGrad_: cut from the graph, same storage", () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const d = x.detach();
  assert.ok(d.storage === x.storage);
  assert.is(d.requiresGrad, false);
  assert.is(d.gradFn, null);
  const y = x.mul(d).sum(); // d is a constant: dy/dx = d
  y.backward();
  assert.equal(gradOf(x), [1, 2]);
  assert.is(d.grad, null);
  assert.ok(x.data.storage === x.storage && !x.data.requiresGrad);

  const t = zeros(2);
  assert.ok(t.requiresGrad_() === t);
  assert.ok(t.requiresGrad);
  t.requiresGrad_(false);
  assert.not.ok(t.requiresGrad);
  throwsError(() => x.mul(2).requiresGrad_(false), "requiresGrad_:", "leaf");
  // Gradients do not flow into a detached branch.
  const w = tensor([3], { requiresGrad: true });
  const q = w.mul(w).detach().mul(w).sum();
  q.backward();
  assert.equal(gradOf(w), [9]);
});

test("isLeaf, gradFn names and requiresGrad propagation", () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const c = tensor([3, 4]);
  assert.ok(x.isLeaf);
  assert.is(c.add(c).requiresGrad, false);
  assert.is(c.add(c).gradFn, null);
  const y = x.add(c);
  assert.not.ok(y.isLeaf);
  assert.is(y.gradFn, "AddBackward");
  assert.is(x.sum().gradFn, "SumBackward");
  assert.is(x.reshape(2, 1).gradFn, "ReshapeBackward");
  assert.is(x.exp().gradFn, "ExpBackward");
  assert.is(x.unsqueeze(0).matmul(x.unsqueeze(1)).gradFn, "MmBackward");
});

test("backward through a graph with a branch that does not require grad, and the functional backward()", () => {
  const x = tensor([2], { requiresGrad: true });
  const k = tensor([5]);
  const y = x.mul(k).add(k.mul(k)).sum();
  backward(y);
  assert.equal(gradOf(x), [5]);
  assert.is(k.grad, null);
});

test.run();
