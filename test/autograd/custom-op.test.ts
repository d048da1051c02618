import { test } from "uvu";
import * as assert from "uvu/assert";
import { customOp, enableGrad, grad, gradcheck, gradgradcheck, noGrad, tensor, zeros, type Tensor } from "../../src/index.js";
import { record } from "../../src/autograd/node.js";
import { gradOf, throwsError } from "../helpers/assert.js";

/** x³ with a hand-written backward 3x²·g built from differentiable ops, so it can be differentiated again. */
const cube = customOp({
  name: "Cube",
  forward(ctx, x: Tensor) {
    ctx.saveForBackward(x);
    return x.mul(x).mul(x);
  },
  backward(ctx, g) {
    const [x] = ctx.savedTensors;
    return g.mul(x!.mul(x!).mul(3));
  },
});

test("a custom op records one node named after it, and backward runs its rule: d/dx x³ = 3x² (by hand: 3·2² = 12)", () => {
  const x = tensor([2, -1], { requiresGrad: true });
  const y = cube(x);
  assert.is(y.gradFn, "CubeBackward");
  assert.equal(Array.from(y.toFloat32Array()), [8, -1]);
  y.sum().backward();
  assert.equal(gradOf(x), [12, 3]);
});

test("a custom op passes gradcheck in float64 (PyTorch's tolerances), and so does its second derivative (6x by hand)", () => {
  const at = () => [tensor([0.5, -1.5, 2], { dtype: "float64", requiresGrad: true })];
  assert.ok(gradcheck(cube, at()));
  assert.ok(gradgradcheck(cube, at()));
  // The same by hand: gradcheck evaluates its finite differences under noGrad; the inner grad() needs recording on.
  const firstDerivative = (x: Tensor): Tensor => enableGrad(() => grad([cube(x).sum()], [x], { createGraph: true })[0]!);
  assert.ok(gradcheck(firstDerivative, at()));
  // The float32 mode (loose tolerances) passes too.
  assert.ok(gradcheck(cube, [tensor([0.5, -1.5, 2], { requiresGrad: true })]));
});

test("second-order gradients through a custom op: d²/dx² x³ = 6x", () => {
  const x = tensor([1, -2, 0.5], { requiresGrad: true });
  const [dy] = grad([cube(x).sum()], [x], { createGraph: true });
  assert.equal(Array.from(dy!.toFloat32Array()), [3, 12, 0.75]);
  const [d2y] = grad([dy!.sum()], [x]);
  assert.equal(Array.from(d2y!.toFloat32Array()), [6, -12, 3]);
});

test("a planted wrong-shaped gradient is reported by the engine with the function's name, the input index and both shapes", () => {
  const transposedGrad = customOp({
    name: "Transposed",
    forward: (_ctx, x: Tensor) => x.mul(2),
    backward: (_ctx, g) => g.T.contiguous(),
  });
  const x = zeros([2, 3], { requiresGrad: true });
  throwsError(() => transposedGrad(x).sum().backward(), "backward: TransposedBackward returned a gradient of shape [3, 2] for input 0 of shape [2, 3]");
});

test("a wrong number of gradients, or a non-tensor gradient, is reported naming the function", () => {
  const twoInputs = customOp({ name: "TwoInputs", forward: (_ctx, a: Tensor, b: Tensor) => a.add(b), backward: (_ctx, g) => [g] });
  const a = tensor([1], { requiresGrad: true });
  throwsError(() => twoInputs(a, tensor([2])).backward(), "backward: TwoInputsBackward returned 1 gradient for 2 arguments");
  const badValue = customOp({ name: "BadValue", forward: (_ctx, x: Tensor) => x.mul(1), backward: () => [3 as unknown as Tensor] });
  throwsError(() => badValue(tensor([1], { requiresGrad: true })).backward(), "BadValueBackward", "returned 3 as the gradient", "input 0");
});

test("the engine checks the gradients of every recorded rule, built-in or custom", () => {
  const x = zeros([2, 3], { requiresGrad: true });
  const y = record("MmBackward", x.detach().mul(1), [x], [], (g) => [g.T.contiguous()]);
  throwsError(() => y.sum().backward(), "backward: MmBackward returned a gradient of shape [3, 2] for input 0 of shape [2, 3]");
  // A gradient in a shape the input broadcasts to is summed down to the input's shape.
  const b = tensor([1, 2, 3], { requiresGrad: true });
  record("BroadcastBackward", b.detach().mul(1), [b], [], (g) => [g.expand(4, 3)]).sum().backward();
  assert.equal(gradOf(b), [4, 4, 4]);
});

test("needsInputGrad has one flag per argument; non-tensor arguments pass through and get no gradient", () => {
  const seen: boolean[][] = [];
  const scaled = customOp({
    name: "Scaled",
    forward(ctx: import("../../src/index.js").FunctionContext<number>, x: Tensor, w: Tensor, factor: number) {
      ctx.state = factor;
      seen.push([...ctx.needsInputGrad]);
      return x.mul(w).mul(factor);
    },
    backward(ctx, g) {
      seen.push([...ctx.needsInputGrad]);
      return [null, g.mul(ctx.state), null];
    },
  });
  const w = tensor([1, 2], { requiresGrad: true });
  scaled(tensor([5, 6]), w, 10).sum().backward();
  assert.equal(seen, [[false, true, false], [false, true, false]]);
  // d/dw Σ x·w·10 would be 10x; this backward returns 10·g (deliberately ignoring x) and the engine takes it as given.
  assert.equal(gradOf(w), [10, 10]);
});

test("under noGrad a custom op records nothing; forward itself always runs with recording off", () => {
  let innerRecorded: string | null = "unset";
  const probe = customOp({
    name: "Probe",
    forward(_ctx, x: Tensor) {
      const inner = x.mul(2);
      innerRecorded = inner.gradFn;
      return inner;
    },
    backward: (_ctx, g) => g.mul(2),
  });
  const x = tensor([1], { requiresGrad: true });
  assert.is(noGrad(() => probe(x)).gradFn, null);
  assert.is(probe(x).gradFn, "ProbeBackward");
  assert.is(innerRecorded, null);
});

test("a saved tensor modified in place before backward is caught by the version check", () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const h = x.mul(1);
  const y = cube(h);
  noGrad(() => h.add_(1));
  throwsError(() => y.sum().backward(), "modified by an inplace operation", "CubeBackward");
});

test("an argument returned unchanged gets a fresh view: the argument keeps its own history", () => {
  const identity = customOp({ name: "Identity", forward: (_ctx, x: Tensor) => x, backward: (_ctx, g) => g });
  const x = tensor([3], { requiresGrad: true });
  const y = identity(x);
  assert.ok(x.isLeaf);
  assert.is(y.gradFn, "IdentityBackward");
  y.mul(2).backward();
  assert.equal(gradOf(x), [2]);
});

test("customOp rejects a spec with a missing function or an unknown key", () => {
  throwsError(() => customOp({ name: "", forward: (_c, x: Tensor) => x, backward: (_c, g) => g }), "customOp: name must be a non-empty string");
  const withTypo = { name: "T", forward: (_c: unknown, x: Tensor) => x, backward: (_c: unknown, g: Tensor) => g, backwards: 1 };
  throwsError(() => customOp(withTypo), 'customOp: unknown option "backwards"', "name, forward, backward");
});

test.run();
