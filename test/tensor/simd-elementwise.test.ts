import { test } from "uvu";
import * as assert from "uvu/assert";
import { getBackend, setBackend, type Backend } from "../../src/tensor/backend.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { Generator } from "../../src/tensor/random.js";
import { binaryKernel, reduceKernel, unaryKernel, type BinaryKernelName, type UnaryKernelName } from "../../src/tensor/kernels/elementwise.js";
import { expandView, transposeView } from "../../src/tensor/views.js";
import { scaleBytesWasm } from "../../src/tensor/wasm/elementwise.js";
import { allClose } from "../helpers/assert.js";

const before = getBackend();
test.after(() => setBackend(before));

/** A contiguous tensor of `shape` with values uniform in [-2, 2] (a few exact zeros, NaN and ±Infinity planted). */
function values(shape: number[], seed: number): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  const data = new Float32Array(n);
  new Generator(seed).fillUniform(data, -2, 2);
  for (const [i, v] of [[0, 0], [5, -0], [17, NaN], [33, Infinity], [70, -Infinity]] as const) if (i < n) data[i] = v;
  return new Tensor(data, shape);
}

/** Runs `f` on each backend and returns the outputs' storages, in the order js, wasm. */
function onBoth(f: () => Tensor): [Float32Array, Float32Array] {
  const run = (b: Backend): Float32Array => {
    setBackend(b);
    return Float32Array.from(f().toFloat32Array());
  };
  return [run("js"), run("wasm")];
}

const bits = (x: Float32Array): Uint32Array => new Uint32Array(x.buffer);
const sameBits = (js: Float32Array, wasm: Float32Array, label: string): void => {
  // NaN payloads may differ between the engines' scalar and vector paths; compare NaN as NaN.
  const canon = (x: Float32Array): Uint32Array => bits(x.map((v) => (Number.isNaN(v) ? NaN : v)));
  const [a, b] = [canon(js), canon(wasm)];
  const i = a.findIndex((v, k) => v !== b[k]);
  assert.is(i, -1, `${label}: element ${i} is ${js[i]} (js) but ${wasm[i]} (wasm)`);
};

// IEEE +, −, ×, ÷, sqrt of float32 values computed in float64 and rounded once are the float32 results,
// so these agree bit for bit between the scalar (float64) and the SIMD (float32) kernels.
const EXACT_BINARY: BinaryKernelName[] = ["add", "sub", "mul", "div", "maximum", "minimum", "eq", "ne", "gt", "ge", "lt", "le"];
const EXACT_UNARY: UnaryKernelName[] = ["neg", "abs", "sqrt", "relu"];

test("unary SIMD kernels equal the TypeScript ones bit for bit on 1…4099 elements", () => {
  for (const n of [1023, 1024, 1025, 4099]) {
    const x = values([n], n);
    for (const name of EXACT_UNARY) {
      const [js, wasm] = onBoth(() => unaryKernel(name, x));
      sameBits(js, wasm, `${name} n=${n}`);
    }
    const [js, wasm] = onBoth(() => unaryKernel("clamp", x, -0.5, 1.25));
    sameBits(js, wasm, `clamp n=${n}`);
  }
});

test("binary SIMD kernels: same shape, a row broadcast down (bias), one value per row, a scalar", () => {
  const x = values([64, 36], 1);
  const cases: [string, Tensor][] = [
    ["same", values([64, 36], 2)],
    ["row", values([36], 3)],
    ["column", values([64, 1], 4)],
    ["scalar", new Tensor(Float32Array.of(0.75), [])],
    // Not taken by SIMD (a transposed operand, an inner size that is not a multiple of 4): must still agree.
    ["transposed", transposeView(values([36, 64], 5), 0, 1)],
  ];
  for (const [label, y] of cases) {
    for (const name of EXACT_BINARY) {
      const [js, wasm] = onBoth(() => binaryKernel(name, x, y));
      sameBits(js, wasm, `${name} ${label}`);
    }
  }
  const odd = values([100, 30], 6);
  const [js, wasm] = onBoth(() => binaryKernel("add", odd, values([30], 7)));
  sameBits(js, wasm, "add, row of 30");
});

test("addScaled (the SGD step) and affine agree within float32 rounding, in place too", () => {
  const w = values([784, 10], 8).toFloat32Array().map((v) => (Number.isFinite(v) ? v : 0));
  const g = values([784, 10], 9).toFloat32Array().map((v) => (Number.isFinite(v) ? v : 0));
  const step = (): Tensor => {
    const target = new Tensor(Float32Array.from(w), [784, 10]);
    binaryKernel("addScaled", target, new Tensor(g, [784, 10]), "sub_", target, -0.1);
    return target;
  };
  const [js, wasm] = onBoth(step);
  allClose(wasm, js, { atol: 1e-6, rtol: 1e-6 }, "addScaled");
  const [a, b] = onBoth(() => unaryKernel("affine", new Tensor(w, [7840]), 0.3, -0.1));
  allClose(b, a, { atol: 1e-6, rtol: 1e-6 }, "affine");
});

test("an expanded (stride 0) input and a strided output fall back to the TypeScript kernel", () => {
  const row = values([1, 2048], 10);
  const [js, wasm] = onBoth(() => unaryKernel("neg", expandView(row, [3, 2048])));
  sameBits(js, wasm, "neg of an expanded view");
});

test("sum, max and min over the last dim: max/min exact (NaN kept), sum within float32 rounding", () => {
  for (const shape of [[64, 36], [40, 34], [3, 1000], [2, 5, 128]]) {
    const x = values(shape, shape[1]!);
    const finite = new Tensor(x.toFloat32Array().map((v) => (Number.isFinite(v) ? v : 1)), shape);
    const last = shape.length - 1;
    for (const name of ["max", "min"] as const) {
      const [js, wasm] = onBoth(() => reduceKernel(name, x, [last], false));
      // Which of +0 and −0 a tie keeps depends on the order of comparisons: compare zeros as zeros.
      sameBits(js.map((v) => v + 0), wasm.map((v) => v + 0), `${name} ${shape}`);
    }
    const [js, wasm] = onBoth(() => reduceKernel("sum", finite, [last], true));
    allClose(wasm, js, { atol: 1e-4, rtol: 1e-5 }, `sum ${shape}`);
    assert.ok(Number.isNaN(onBoth(() => reduceKernel("sum", x, [last], false))[1][0]), "a NaN in row 0 makes its sum NaN");
  }
});

test("sum, max and min over the leading dims (a bias gradient) equal the TypeScript kernel bit for bit", () => {
  for (const [shape, dims] of [[[256, 36], [0]], [[4, 64, 8], [0, 1]], [[3, 20, 32], [0]]] as [number[], number[]][]) {
    const x = values(shape, shape[0]!);
    for (const name of ["sum", "max", "min"] as const) {
      const [js, wasm] = onBoth(() => reduceKernel(name, x, dims, false));
      sameBits(js, wasm, `${name} over ${dims} of ${shape}`);
    }
  }
});

test("bytes scaled to float32 by SIMD are bitwise the scalar x / 255, rows gathered in index order", () => {
  const bytes = Uint8Array.from({ length: 5 * 260 }, (_, i) => (i * 37) % 256);
  const indices = [4, 0, 2];
  const out = new Float32Array(3 * 260);
  scaleBytesWasm(out, bytes, indices, 260, 255);
  const expected = Float32Array.from(indices.flatMap((r) => Array.from(bytes.subarray(r * 260, r * 260 + 260), (v) => v / 255)));
  assert.equal(bits(out), bits(expected));
});

test.run();
