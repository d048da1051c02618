import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { bilinearAxis, resizeBilinear } from "../../src/data/resize.js";
import { Tensor } from "../../src/tensor/tensor.js";

test("a constant image stays exactly constant at any size", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.float({ min: -5, max: 5, noNaN: true }), (h, w, oh, ow, c) => {
      const value = Math.fround(c);
      const out = resizeBilinear(new Tensor(new Float32Array(h * w).fill(value), [h, w]), [oh, ow]);
      assert.equal(out.shape, [oh, ow]);
      for (const v of out.toFloat32Array()) assert.is(v, value);
    }),
    { numRuns: 60 },
  );
});

test("2×2 → 4×4 by hand: sample points 0, 0.25, 0.75, 1 along each axis", () => {
  // Output pixel d samples source coordinate max((d + 0.5) / 2 - 0.5, 0) = 0, 0.25, 0.75, 1.25→clamped to pixel 1.
  // For the image [[0, 1], [2, 3]] the bilinear value at (py, px) is px + 2 py.
  const p = [0, 0.25, 0.75, 1];
  const expected = p.flatMap((py) => p.map((px) => px + 2 * py));
  const out = resizeBilinear(new Tensor(Float32Array.of(0, 1, 2, 3), [1, 1, 2, 2]), 4);
  assert.equal(out.shape, [1, 1, 4, 4]);
  assert.equal(Array.from(out.toFloat32Array()), expected);
  assert.equal(Array.from(bilinearAxis(2, 4).weightHi), [0, 0.25, 0.75, 0.25]);
});

test("4×4 → 2×2 averages each 2×2 block; same size is the identity; leading dims and strided input", () => {
  const img = Float32Array.from({ length: 16 }, (_, k) => k);
  assert.equal(Array.from(resizeBilinear(new Tensor(img, [4, 4]), 2).toFloat32Array()), [2.5, 4.5, 10.5, 12.5]);
  assert.equal(resizeBilinear(new Tensor(img, [4, 4]), 4).toFloat32Array(), img);
  // Two planes stored transposed ([2, 4, 4] read through permuted strides).
  const planes = new Tensor(Float32Array.from({ length: 32 }, (_, k) => k % 16), [2, 4, 4], [1, 2, 8]);
  const out = resizeBilinear(planes, [2, 2]).toFloat32Array();
  assert.is(out.length, 8);
  assert.ok(Number.isFinite(out[7]!));
  assert.throws(() => resizeBilinear(new Tensor(img, [16]), 4), /resizeBilinear: expected a tensor shaped \[\.\.\., H, W\], found \[16\]/);
  assert.throws(() => resizeBilinear(new Tensor(img, [4, 4]), 0), /resize: outH must be a positive integer, found 0/);
});

test("outputs stay within the input's range (a convex combination of neighbours)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 1000 }), (h, w, size, seed) => {
      const img = Float32Array.from({ length: h * w }, (_, k) => ((k * 7919 + seed) % 256) / 255);
      const lo = Math.min(...img);
      const hi = Math.max(...img);
      for (const v of resizeBilinear(new Tensor(img, [h, w]), size).toFloat32Array()) assert.ok(v >= lo - 1e-6 && v <= hi + 1e-6);
    }),
    { numRuns: 60 },
  );
});

test.run();
