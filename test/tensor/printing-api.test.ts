import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { inspect } from "node:util";
import { arange, tensor, zeros } from "../../src/index.js";
import { arbShape, arbStrided, buildStrided, expectedOf } from "../helpers/arbitraries.js";
import { refToNested } from "../helpers/reference.js";

test("property: toFloat32Array and toArray read strided views in row-major order, as fresh copies", () => {
  fc.assert(
    fc.property(arbStrided(arbShape({ maxRank: 4 })), (c) => {
      const t = buildStrided(c);
      const e = expectedOf(c);
      const flat = t.toFloat32Array();
      assert.equal([...flat], [...e.data].map(Math.fround));
      assert.ok(flat.buffer !== t.storage.buffer, "toFloat32Array copies");
      assert.equal(t.toArray(), refToNested({ shape: e.shape, data: Float64Array.from(e.data, Math.fround) }));
    }),
    { numRuns: 150 },
  );
});

test("size() and dim() read the shape like PyTorch's, negative dims included", () => {
  const t = zeros(2, 3, 4);
  assert.equal(t.size(), [2, 3, 4]);
  assert.is(t.size(0), 2);
  assert.is(t.size(-1), 4);
  assert.is(t.dim(), 3);
  assert.throws(() => t.size(3), /size: dimension out of range \(expected to be in range of \[-3, 2\], but got 3\)/);
});

test("item() reads the single element of any one-element view (offsets, strides, 0-d)", () => {
  const x = arange(24).reshape(2, 3, 4);
  assert.is(x.narrow(0, 1, 1).narrow(1, 2, 1).narrow(2, 3, 1).item(), 23);
  assert.is(x.T.slice(0, 2, 3).slice(1, 1, 2).slice(2, 1, 2).item(), 18);
  assert.is(tensor([[3]]).item(), 3);
  assert.is(tensor(-1.5).item(), -1.5);
  assert.is(x.sum().item(), 276);
  assert.is(tensor(7).expand(1, 1).item(), 7);
});

test("toArray of edge shapes: 0-d gives a number, empty dims give empty arrays", () => {
  assert.is(tensor(2).toArray(), 2);
  assert.equal(zeros(0).toArray(), []);
  assert.equal(zeros(2, 0).toArray(), [[], []]);
  assert.equal(tensor([[1, 2], [3, 4]]).T.toArray(), [[1, 3], [2, 4]]);
  assert.equal([...tensor([[1, 2], [3, 4]]).T.toFloat32Array()], [1, 3, 2, 4]);
});

test("toString prints like PyTorch, with requiresGrad on leaves and gradFn on results; console.log uses it", () => {
  assert.is(tensor([[1, 2], [3, 4]]).toString(), "tensor([[1., 2.],\n        [3., 4.]])");
  assert.is(tensor([[1, 2], [3, 4]]).T.toString(), "tensor([[1., 3.],\n        [2., 4.]])");
  const w = tensor([1, 2], { requiresGrad: true });
  assert.is(w.toString(), "tensor([1., 2.], requiresGrad=true)");
  assert.is(w.mul(2).toString(), "tensor([2., 4.], gradFn=<MulBackward>)");
  assert.is(w.mul(2).gradFn, "MulBackward");
  assert.is(inspect(tensor(1.5)), "tensor(1.5000)");
  assert.match(arange(2000).toString(), /\.\.\./);
});

test("JSON.stringify(tensor) gives the shape, the values and the autograd flags, not storage or graph internals", () => {
  assert.is(JSON.stringify(tensor([[1, 2], [3, 4]]).T), '{"shape":[2,2],"data":[[1,3],[2,4]],"requiresGrad":false}');
  const y = tensor([1.5], { requiresGrad: true }).mul(2);
  assert.equal(JSON.parse(JSON.stringify({ y })), { y: { shape: [1], data: [3], requiresGrad: true, gradFn: "MulBackward" } });
  assert.is(JSON.stringify(tensor(7)), '{"shape":[],"data":7,"requiresGrad":false}');
});

test.run();
