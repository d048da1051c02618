import { test } from "uvu";
import * as assert from "uvu/assert";
import "../../src/autograd/methods.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { fromArray } from "../../src/tensor/creation.js";
import { SGD, type SGDOptions } from "../../src/optim/index.js";
import { allClose, throwsError } from "../helpers/assert.js";

// Loss Σ (½a·θ² + d·θ) has gradient a·θ + d, which changes with θ: each step sees a new gradient.
const a = [1, 0.5, 2];
const d = [0.3, -0.2, 0.1];
const theta0 = [0.5, -1.5, 2];

function lossOf(p: Tensor): Tensor {
  const aT = fromArray(a, [3]);
  return p.mul(p).mul(aT).mul(0.5).add(p.mul(fromArray(d, [3]))).sum();
}

/** PyTorch's SGD update, applied by hand in float64 for `steps` steps. */
function sgdByHand(options: Partial<SGDOptions> & { lr: number }, steps: number): number[] {
  const { lr, momentum = 0, dampening = 0, weightDecay = 0, nesterov = false, maximize = false } = options;
  const theta = [...theta0];
  let buf: number[] | null = null;
  for (let t = 0; t < steps; t++) {
    let g = theta.map((x, i) => a[i]! * x + d[i]!);
    if (maximize) g = g.map((v) => -v);
    g = g.map((v, i) => v + weightDecay * theta[i]!);
    if (momentum !== 0) {
      const b: number[] = buf === null ? [...g] : buf.map((v, i) => momentum * v + (1 - dampening) * g[i]!);
      buf = b;
      g = nesterov ? g.map((v, i) => v + momentum * b[i]!) : b;
    }
    for (let i = 0; i < 3; i++) theta[i] = theta[i]! - lr * g[i]!;
  }
  return theta;
}

const CONFIGS: (Partial<SGDOptions> & { lr: number })[] = [
  { lr: 0.1 },
  { lr: 0.1, weightDecay: 0.05 },
  { lr: 0.1, momentum: 0.9 },
  { lr: 0.1, momentum: 0.9, dampening: 0.3, weightDecay: 0.01 },
  { lr: 0.05, momentum: 0.8, nesterov: true, weightDecay: 0.1 },
  { lr: 0.1, momentum: 0.5, maximize: true },
];

for (const options of CONFIGS) {
  test(`3 steps of SGD ${JSON.stringify(options)} equal PyTorch's formula by hand`, () => {
    const p = fromArray(theta0, [3], { requiresGrad: true });
    const storage = p.storage;
    const opt = new SGD([p], options);
    for (let t = 0; t < 3; t++) {
      opt.zeroGrad();
      lossOf(p).backward();
      opt.step();
    }
    allClose(p, sgdByHand(options, 3), { atol: 1e-6, rtol: 1e-6 });
    assert.is(p.storage, storage, "updated in place");
    assert.ok(p.isLeaf && p.requiresGrad);
  });
}

test("the momentum buffer starts as the first gradient (not (1 − dampening)·g)", () => {
  const p = fromArray([1, 2], [2], { requiresGrad: true });
  const opt = new SGD([p], { lr: 0.1, momentum: 0.9, dampening: 0.5 });
  p.grad = fromArray([1, -1], [2]);
  opt.step();
  assert.equal([...opt.state.get(p)!.momentumBuffer!.toFloat32Array()], [1, -1]);
  allClose(p, [0.9, 2.1]);
  opt.step();
  allClose(opt.state.get(p)!.momentumBuffer!, [0.9 + 0.5, -0.9 - 0.5]);
});

test("params without a grad are skipped; zeroGrad sets grads to null or to zeros", () => {
  const used = fromArray([1, 2], [2], { requiresGrad: true });
  const unused = fromArray([3, 4], [2], { requiresGrad: true });
  const opt = new SGD([used, unused], { lr: 0.5, momentum: 0.9, weightDecay: 0.1 });
  used.mul(used).sum().backward();
  opt.step();
  allClose(used, [1 - 0.5 * (2 + 0.1), 2 - 0.5 * (4 + 0.2)]);
  assert.equal([...unused.toFloat32Array()], [3, 4]);
  assert.is(opt.state.has(unused), false);
  const grad = used.grad!;
  opt.zeroGrad({ setToNone: false });
  assert.is(used.grad, grad);
  assert.equal([...grad.toFloat32Array()], [0, 0]);
  opt.zeroGrad();
  assert.is(used.grad, null);
});

test("param groups: per-group options over the defaults; lr can be changed between steps", () => {
  const p = fromArray([1], [1], { requiresGrad: true });
  const q = fromArray([1], [1], { requiresGrad: true });
  const opt = new SGD([{ params: [p] }, { params: [q], lr: 0.5 }], { lr: 0.1 });
  assert.equal(opt.paramGroups.map((g) => g.lr), [0.1, 0.5]);
  assert.equal(opt.paramGroups[1]!.momentum, 0);
  p.grad = fromArray([1], [1]);
  q.grad = fromArray([1], [1]);
  opt.step();
  allClose(p, [0.9]);
  allClose(q, [0.5]);
  opt.paramGroups[0]!.lr = 0.2;
  opt.step();
  allClose(p, [0.7]);
  const r = fromArray([1], [1], { requiresGrad: true });
  opt.addParamGroup({ params: [r], lr: 1 });
  r.grad = fromArray([2], [1]);
  opt.step();
  allClose(r, [-1]);
  const onlyGroups = new SGD([{ params: [fromArray([0], [1], { requiresGrad: true })], lr: 0.3 }]);
  assert.is(onlyGroups.paramGroups[0]!.lr, 0.3);
});

test("step(closure) evaluates the loss with grad mode on and returns it", () => {
  const p = fromArray([2], [1], { requiresGrad: true });
  const opt = new SGD([p], { lr: 0.25 });
  const loss = opt.step(() => {
    opt.zeroGrad();
    const l = p.mul(p).sum();
    l.backward();
    return l;
  });
  assert.is(loss!.item(), 4);
  allClose(p, [2 - 0.25 * 4]);
  assert.is(opt.step(), undefined);
});

test("invalid options and params are clear errors", () => {
  const p = (): Tensor => fromArray([1], [1], { requiresGrad: true });
  throwsError(() => new SGD([p()], { lr: -0.1 }), "SGD: invalid learning rate -0.1");
  throwsError(() => new SGD([p()], {}), "SGD: lr is required");
  throwsError(() => new SGD([p()], { lr: 0.1, momentum: -1 }), "SGD: invalid momentum -1");
  throwsError(() => new SGD([p()], { lr: 0.1, weightDecay: -1 }), "SGD: invalid weightDecay -1");
  throwsError(() => new SGD([p()], { lr: 0.1, nesterov: true }), "SGD: nesterov momentum requires momentum > 0 and zero dampening (got momentum 0, dampening 0)");
  throwsError(() => new SGD([p()], { lr: 0.1, nesterov: true, momentum: 0.9, dampening: 0.1 }), "requires momentum > 0 and zero dampening");
  throwsError(() => new SGD([p()], { lr: 0.1, weight_decay: 0.1 } as Partial<SGDOptions>), 'SGD: unknown option "weight_decay"');
  throwsError(() => new SGD([{ params: [p()], lr: -1 }], { lr: 0.1 }), "SGD: invalid learning rate -1");
  throwsError(() => new SGD([], { lr: 0.1 }), "SGD: got an empty parameter list");
  throwsError(() => new SGD(p() as unknown as Tensor[], { lr: 0.1 }), "SGD: params must be an iterable", "a single Tensor");
  throwsError(() => new SGD([{ params: p() }] as unknown as Tensor[], { lr: 0.1 }), "SGD: the params of group 0 must be an iterable of Tensors, got a single Tensor");
  throwsError(() => new SGD([p().mul(2)], { lr: 0.1 }), "SGD: can't optimize a non-leaf Tensor (param 0 of group 0 was produced by MulBackward)");
  const shared = p();
  throwsError(() => new SGD([shared, shared], { lr: 0.1 }), "SGD: param 1 of group 0 appears twice in the group");
  throwsError(() => new SGD([{ params: [shared] }, { params: [shared] }], { lr: 0.1 }), "SGD: param 0 of group 1 already appears in another parameter group");
  throwsError(() => new SGD([shared, { params: [p()] }] as unknown as Tensor[], { lr: 0.1 }), "SGD: params must be all Tensors or all param groups");
  throwsError(() => new SGD([{ params: [1] as unknown as Tensor[] }], { lr: 0.1 }), "SGD: param 0 of group 0 is not a Tensor");
});

test("a learning rate given as a string is quoted in the error, so it does not read like a valid number", () => {
  const p = (): Tensor => fromArray([1], [1], { requiresGrad: true });
  throwsError(() => new SGD([p()], { lr: "0.1" as unknown as number }), 'SGD: invalid learning rate "0.1" (a string)');
  throwsError(() => new SGD([p()], { lr: 0.1, momentum: "0.9" as unknown as number }), 'SGD: invalid momentum "0.9" (a string)');
});

test.run();
