/**
 * Dtypes: storage, promotion, per-dtype kernels, conversion, printing. Expected dtypes and values are
 * PyTorch 2.x's (torch.promote_types, torch.result_type and the ops below, whose printed results are
 * quoted in the comments with int64 read as our int32) or worked out by hand.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  arange, argmax, eye, nn, fromArray, full, matmul, ones, promoteTypes, randint, randn, resultType, canCast, tensor, zeros, zerosLike,
  type DType, type Tensor,
} from "../../src/index.js";
import fc from "fast-check";
import { throwsError } from "../helpers/assert.js";
import { arbBroadcastPair, arbStridedOf, buildStrided, expectedOf } from "../helpers/arbitraries.js";
import { refMap, type Ref } from "../helpers/reference.js";

const int = (values: number[]): Tensor => tensor(values, { dtype: "int32" });
const u8 = (values: number[]): Tensor => tensor(values, { dtype: "uint8" });
const f64 = (values: number[]): Tensor => tensor(values, { dtype: "float64" });

function assertValues(t: Tensor, dtype: DType, values: unknown): void {
  assert.is(t.dtype, dtype, `dtype of ${t.toString()}`);
  assert.equal(t.toArray(), values);
}

test("each dtype is stored in its typed array; float32 is the default for JS numbers", () => {
  assert.ok(tensor([1, 2]).storage instanceof Float32Array);
  assert.ok(f64([1]).storage instanceof Float64Array);
  assert.ok(int([1]).storage instanceof Int32Array);
  assert.ok(u8([1]).storage instanceof Uint8Array);
  const b = tensor([true, false]);
  assert.is(b.dtype, "bool");
  assert.ok(b.storage instanceof Uint8Array);
  assert.equal(b.toArray(), [true, false]);
  assert.is(tensor([1, 2]).dtype, "float32");
  assert.is(tensor(3).dtype, "float32");
  assertValues(tensor([[true], [false]], { dtype: "float32" }), "float32", [[1], [0]]);
  throwsError(() => tensor([true, 2]), "tensor:", "mixed booleans and numbers");
});

test("{ dtype } on every creation function", () => {
  assertValues(zeros([2], { dtype: "int32" }), "int32", [0, 0]);
  assertValues(ones(2, { dtype: "bool" }), "bool", [true, true]);
  assertValues(full([2], 7.9, { dtype: "int32" }), "int32", [7, 7]);
  assertValues(arange(3, { dtype: "int32" }), "int32", [0, 1, 2]);
  assertValues(eye(2, { dtype: "uint8" }), "uint8", [[1, 0], [0, 1]]);
  assertValues(zerosLike(int([5, 6])), "int32", [0, 0]);
  assertValues(zerosLike(int([5]), { dtype: "float64" }), "float64", [0]);
  assert.is(randn([2], { dtype: "float64" }).dtype, "float64");
  // torch.randint gives int64 (our int32); torch.randn of an integer dtype is an error.
  assert.is(randint(0, 10, [4]).dtype, "int32");
  throwsError(() => randn([2], { dtype: "int32" }), "randn:", "floating point", "int32");
  throwsError(() => zeros([2], { dtype: "int64" as DType }), "zeros:", "int64", "float32");
  // Typed arrays keep their dtype (and their buffer) in fromArray.
  const data = Int32Array.of(1, 2, 3);
  const t = fromArray(data);
  assert.is(t.dtype, "int32");
  assert.is(t.storage, data);
  assertValues(fromArray([0, 2, 0.5], [3], { dtype: "bool" }), "bool", [false, true, true]);
});

test("promoteTypes: PyTorch's table over the five dtypes", () => {
  // torch.promote_types(a, b) for each pair (symmetric): bool < uint8 < int32 < float32 < float64 here.
  const table: [DType, DType, DType][] = [
    ["bool", "bool", "bool"], ["bool", "uint8", "uint8"], ["bool", "int32", "int32"], ["bool", "float32", "float32"], ["bool", "float64", "float64"],
    ["uint8", "uint8", "uint8"], ["uint8", "int32", "int32"], ["uint8", "float32", "float32"], ["uint8", "float64", "float64"],
    ["int32", "int32", "int32"], ["int32", "float32", "float32"], ["int32", "float64", "float64"],
    ["float32", "float32", "float32"], ["float32", "float64", "float64"], ["float64", "float64", "float64"],
  ];
  for (const [a, b, expected] of table) {
    assert.is(promoteTypes(a, b), expected, `${a}, ${b}`);
    assert.is(promoteTypes(b, a), expected, `${b}, ${a}`);
  }
});

test("resultType: dimensioned tensors, 0-d tensors and JS numbers as PyTorch ranks them", () => {
  const dim = (dtype: DType) => ({ dtype, ndim: 1 });
  const zero = (dtype: DType) => ({ dtype, ndim: 0 });
  // torch.result_type(torch.tensor([1], dtype=torch.int32), 2) == torch.int32, and so on.
  const cases: [Parameters<typeof resultType>[0], DType][] = [
    [[dim("int32"), 2], "int32"],
    [[dim("int32"), 2.5], "float32"],
    [[dim("uint8"), 300], "uint8"],
    [[dim("bool"), 1], "int32"], // PyTorch: int64
    [[dim("bool"), true], "bool"],
    [[dim("float64"), 2.5], "float64"],
    [[dim("float32"), 2], "float32"],
    [[dim("uint8"), zero("int32")], "uint8"],
    [[dim("int32"), zero("float64")], "float64"],
    [[dim("float32"), zero("float64")], "float32"],
    [[dim("int32"), dim("float32")], "float32"],
    [[dim("uint8"), zero("bool")], "uint8"],
    [[zero("int32"), zero("float32")], "float32"],
    [[zero("uint8"), 2.5], "float32"],
    [[zero("uint8"), 2], "uint8"],
  ];
  for (const [operands, expected] of cases) assert.is(resultType(operands), expected, JSON.stringify(operands));
  // torch.can_cast
  assert.ok(canCast("int32", "float32"));
  assert.not.ok(canCast("float32", "int32"));
  assert.not.ok(canCast("uint8", "bool"));
  assert.ok(canCast("float64", "float32"));
});

test("ops follow the promotion: numbers act as Python scalars", () => {
  // torch.tensor([1, 2], dtype=torch.int32) * 2      -> tensor([2, 4], dtype=torch.int32)
  assertValues(int([1, 2]).mul(2), "int32", [2, 4]);
  // torch.tensor([1, 2], dtype=torch.int32) * 2.5    -> tensor([2.5000, 5.0000])
  assertValues(int([1, 2]).mul(2.5), "float32", [2.5, 5]);
  // torch.tensor([1, 2], dtype=torch.int32) + torch.tensor([0.5, 0.25]) -> tensor([1.5000, 2.2500])
  assertValues(int([1, 2]).add(tensor([0.5, 0.25])), "float32", [1.5, 2.25]);
  // torch.tensor([1.], dtype=torch.float64) + torch.tensor([1e-10]) is float64; 1e-10 survives only in float64.
  assert.is(f64([1]).add(tensor([0.5])).dtype, "float64");
  assert.ok(Math.abs((f64([1]).add(1e-10).sub(1).toArray() as number[])[0]! / 1e-10 - 1) < 1e-6);
  assert.equal(tensor([1]).add(1e-10).sub(1).toArray(), [0]);
  // torch.tensor([200, 100], dtype=torch.uint8) + torch.tensor([100, 100], dtype=torch.uint8) -> tensor([ 44, 200], dtype=torch.uint8)
  assertValues(u8([200, 100]).add(u8([100, 100])), "uint8", [44, 200]);
  // uint8 tensor + a 0-d int32 tensor stays uint8 (the 0-d tensor yields).
  assertValues(u8([250]).add(int([10]).sum()), "uint8", [4]);
  // int32 wraps like PyTorch's int32: 2^31 - 1 + 1 and 65536 * 65536.
  assertValues(int([2147483647]).add(1), "int32", [-2147483648]);
  assertValues(int([65536]).mul(int([65536])), "int32", [0]);
  // torch.tensor([True, False]) + torch.tensor([True, True]) -> tensor([True, True]); True * 3 -> int64.
  assertValues(tensor([true, false]).add(tensor([true, true])), "bool", [true, true]);
  assertValues(tensor([true, false]).mul(3), "int32", [3, 0]);
  throwsError(() => tensor([true]).neg(), "neg:", "bool");
  throwsError(() => tensor([true]).sub(tensor([false])), "sub:", "bool");
});

test("integer true division is float; comparisons are bool; exp/log/sqrt of integers are float32", () => {
  // torch.tensor([1, 2, 3]) / 2 -> tensor([0.5000, 1.0000, 1.5000])
  assertValues(int([1, 2, 3]).div(2), "float32", [0.5, 1, 1.5]);
  assertValues(int([1, 4]).div(int([2, 8])), "float32", [0.5, 0.5]);
  // torch.tensor([1, 2, 3]) > 1.5 -> tensor([False,  True,  True])
  assertValues(int([1, 2, 3]).gt(1.5), "bool", [false, true, true]);
  assertValues(f64([1, 2]).eq(tensor([1, 3])), "bool", [true, false]);
  assertValues(int([0]).exp(), "float32", [1]);
  assertValues(u8([4]).sqrt(), "float32", [2]);
  assertValues(int([-2, 3]).abs(), "int32", [2, 3]);
  assertValues(int([-2, 3]).relu(), "int32", [0, 3]);
  // clamp bounds promote as scalars: torch.clamp(torch.tensor([1, 5]), 0.5, 2) -> tensor([1., 2.])
  assertValues(int([1, 5]).clamp(0, 2), "int32", [1, 2]);
  assertValues(int([1, 5]).clamp(0.5, 2), "float32", [1, 2]);
});

test("reductions: sum of bool/uint8/int32 is int32, max/min keep the dtype, mean of an integer is an error", () => {
  // torch.tensor([True, False, True]).sum() -> tensor(2) (int64)
  assertValues(tensor([true, false, true]).sum(), "int32", 2);
  assertValues(u8([200, 200]).sum(), "int32", 400);
  assertValues(tensor([[1, 2], [3, 4]], { dtype: "int32" }).sum(0), "int32", [4, 6]);
  assertValues(f64([0.5, 0.25]).sum(), "float64", 0.75);
  // max/min start from the dtype's own extremes (not ±Infinity, which an Int32Array cannot hold).
  assertValues(int([-5, -3]).max(), "int32", -3);
  assertValues(u8([7, 200]).min(), "uint8", 7);
  assertValues(tensor([false, true]).max(), "bool", true);
  throwsError(() => int([1, 2]).mean(), "mean:", "int32", "floating point");
  throwsError(() => int([1, 2]).softmax(0), "softmax:", "int32");
  // torch.argmax gives int64 (our int32)
  assertValues(argmax(tensor([[1, 5], [7, 2]]), 1), "int32", [1, 0]);
  assertValues(tensor([3, 1, 2]).argmin(), "int32", 1);
});

test("to(), float(), double(), int(), bool(): C casts, as PyTorch converts", () => {
  const x = tensor([1.7, -1.7, 0, 0.5]);
  // torch.tensor([1.7, -1.7, 0, 0.5]).int() -> tensor([ 1, -1,  0,  0], dtype=torch.int32)
  assertValues(x.int(), "int32", [1, -1, 0, 0]);
  // .bool() is x != 0, NaN included: torch.tensor([0., 0.5, -0., nan]).bool() -> tensor([False,  True, False,  True])
  assertValues(tensor([0, 0.5, -0, NaN]).bool(), "bool", [false, true, false, true]);
  assertValues(int([1, 2]).double(), "float64", [1, 2]);
  assertValues(tensor([true, false]).float(), "float32", [1, 0]);
  assert.is(x.to("float32"), x, "to() of the same dtype is the tensor itself");
  throwsError(() => x.to("half" as DType), "to:", "half");
});

test("printing: integers without a point, bools as True/False, a dtype suffix for non-default dtypes", () => {
  // torch.argmax(...) prints tensor([1, 0]) in PyTorch (int64, no suffix); int32 plays int64's part here and prints the same.
  assert.is(argmax(tensor([[1, 5], [7, 2]]), 1).toString(), "tensor([1, 0])");
  assert.is(tensor([true, false]).toString(), "tensor([ True, False])");
  assert.is(tensor([true, true]).toString(), "tensor([True, True])");
  assert.is(f64([1.5, 2]).toString(), "tensor([1.5000, 2.0000], dtype=float64)");
  assert.is(u8([0, 255]).toString(), "tensor([  0, 255], dtype=uint8)");
  // PyTorch (int64): tensor([-1, 10]), and tensor([], dtype=torch.int64) for an empty one (it names the dtype
  // only when nothing shows it); ours prints the empty int32 tensor as tensor([]).
  assert.is(int([-1, 10]).toString(), "tensor([-1, 10])");
  assert.is(int([]).toString(), "tensor([])");
  assert.is(tensor([1], { dtype: "float64", requiresGrad: true }).toString(), "tensor([1.], dtype=float64, requiresGrad=true)");
  assert.is(int([3]).sum().toString(), "tensor(3)"); // PyTorch: tensor(3)
});

test("autograd only on floating dtypes; integer inputs get no gradient; grads have their input's dtype", () => {
  throwsError(() => tensor([1], { dtype: "int32", requiresGrad: true }), "only Tensors of floating point dtype can require gradients", "int32");
  throwsError(() => { int([1]).requiresGrad = true; }, "only Tensors of floating point dtype can require gradients");
  const w = tensor([1, 2], { requiresGrad: true });
  const y = w.mul(int([3, 4])).sum();
  y.backward();
  assert.equal(w.grad!.toArray(), [3, 4]);
  // A float32 leaf in a float64 product gets a float32 grad; the float64 leaf a float64 one.
  const a = tensor([1, 2], { requiresGrad: true });
  const b = tensor([3, 4], { dtype: "float64", requiresGrad: true });
  const out = a.mul(b).sum();
  assert.is(out.dtype, "float64");
  out.backward();
  assert.is(a.grad!.dtype, "float32");
  assert.is(b.grad!.dtype, "float64");
  assert.equal(a.grad!.toArray(), [3, 4]);
  // Conversions between floating dtypes are differentiable; into integers they are not.
  const c = tensor([1.5], { requiresGrad: true });
  c.double().mul(2).sum().backward();
  assert.equal(c.grad!.toArray(), [2]);
  assert.is(c.int().requiresGrad, false);
  assert.is(c.gt(0).requiresGrad, false);
  // nn.Parameter keeps its data's dtype, and refuses an integer one.
  assert.is(new nn.Parameter(zeros([2], { dtype: "float64" })).dtype, "float64");
  throwsError(() => new nn.Parameter(zeros([2], { dtype: "int32" })), "only Tensors of floating point dtype");
});

test("matmul in float64 and int32 (the scalar path); mixed dtypes are an error as in PyTorch", () => {
  // [[1, 2], [3, 4]] @ [[5, 6], [7, 8]] = [[19, 22], [43, 50]] by hand.
  const a = [[1, 2], [3, 4]];
  const b = [[5, 6], [7, 8]];
  assertValues(matmul(tensor(a, { dtype: "float64" }), tensor(b, { dtype: "float64" })), "float64", [[19, 22], [43, 50]]);
  assertValues(matmul(tensor(a, { dtype: "int32" }), tensor(b, { dtype: "int32" })), "int32", [[19, 22], [43, 50]]);
  assertValues(tensor(a, { dtype: "float64" }).T.matmul(f64([1, 1])), "float64", [4, 6]);
  // batched, broadcast batch dims: [2, 2, 2] @ [2, 2]
  const batch = tensor([a, b], { dtype: "float64" });
  assertValues(batch.matmul(eye(2, { dtype: "float64" })), "float64", [a, b]);
  throwsError(() => matmul(tensor(a), tensor(b, { dtype: "float64" })), "matmul:", "float32", "float64");
  // The scalar float64 path against the float32 gemm on batched, broadcast, transposed operands.
  const x = randn([2, 1, 5, 7]);
  const y = randn([3, 6, 7]).transpose(-1, -2);
  const fast = matmul(x, y).toFloat32Array();
  const exact = matmul(x.double(), y.double());
  assert.equal(exact.shape, [2, 3, 5, 6]);
  const e = exact.toTypedArray();
  fast.forEach((v, i) => assert.ok(Math.abs(v - e[i]!) <= 1e-5 * (1 + Math.abs(e[i]!)), `element ${i}: ${v} vs ${e[i]}`));
});

test("in-place ops keep the target's dtype and refuse a float result in an integer tensor", () => {
  const x = int([1, 2]);
  x.add_(3);
  assertValues(x, "int32", [4, 5]);
  // torch.tensor([1, 2]).add_(0.5) -> RuntimeError: result type Float can't be cast to the desired output type Long
  throwsError(() => int([1]).add_(0.5), "add_:", "float32", "int32");
  throwsError(() => int([1]).div_(2), "div_:", "float32", "int32");
  const f = tensor([1, 2]);
  f.add_(int([1, 1]));
  assertValues(f, "float32", [2, 3]);
  const target = zeros([2], { dtype: "int32" });
  target.copy_(tensor([1.9, -1.9]));
  assertValues(target, "int32", [1, -1]);
});

// Each dtype's compiled loops on broadcast, permuted, sliced and expanded views, against a reference
// computed in doubles and stored as the dtype stores it (by hand: int32 wraps like Math.imul / |0,
// uint8 like & 255). float64 products of integers up to 2^24 are exact, which float32 would round.
const STORE: Record<"float64" | "int32" | "uint8", (v: number) => number> = { float64: (v) => v, int32: (v) => v | 0, uint8: (v) => v & 255 };
const RANGE = { float64: 1 << 24, int32: 1 << 20, uint8: 255 };
for (const dtype of ["float64", "int32", "uint8"] as const) {
  test(`property: ${dtype} add, mul, maximum, gt and sum on strided views match a reference stored as ${dtype}`, () => {
    const value = fc.integer({ min: dtype === "uint8" ? 0 : -RANGE[dtype], max: RANGE[dtype] });
    const arb = arbBroadcastPair(3, 3).chain(([sa, sb]) => fc.tuple(arbStridedOf(sa, value), arbStridedOf(sb, value)));
    fc.assert(
      fc.property(arb, ([ca, cb]) => {
        const [a, b] = [buildStrided(ca, dtype), buildStrided(cb, dtype)];
        const [ra, rb] = [expectedOf(ca), expectedOf(cb)];
        const store = STORE[dtype];
        const mul = dtype === "int32" ? Math.imul : (x: number, z: number) => x * z;
        // Compared as the dtype's own values (allClose reads float32, which would round these).
        const same = (out: Tensor, ref: Ref, what: string): void => {
          assert.equal(out.shape, ref.shape, what);
          assert.equal(Array.from(out.toTypedArray()), Array.from(ref.data), what);
        };
        for (const [name, out, f] of [
          ["add", a.add(b), (x: number, z: number) => store(x + z)],
          ["mul", a.mul(b), (x: number, z: number) => store(mul(x, z))],
          ["maximum", a.maximum(b), (x: number, z: number) => Math.max(x, z)],
        ] as const) {
          assert.is(out.dtype, dtype, name);
          same(out, refMap(f, ra, rb), name);
        }
        const gt = a.gt(b);
        assert.is(gt.dtype, "bool");
        same(gt, refMap((x, z) => (x > z ? 1 : 0), ra, rb), "gt");
        const total = a.sum();
        assert.is(total.dtype, dtype === "float64" ? "float64" : "int32");
        assert.is(total.item(), Array.from(ra.data).reduce((p, v) => p + v, 0));
      }),
      { numRuns: 60 },
    );
  });
}

test.run();
