import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { getBackend, setBackend, wasmFeatures, type Backend } from "../../src/tensor/backend.js";
import { Generator } from "../../src/tensor/random.js";
import { randn } from "../../src/tensor/creation.js";
import { addmmForward, matmulForward } from "../../src/tensor/matmul.js";
import { transposeView } from "../../src/tensor/views.js";
import { allClose, throwsError } from "../helpers/assert.js";

const repo = resolve(import.meta.dirname, "..", "..");
const before = getBackend();
test.after(() => setBackend(before));

test("WebAssembly SIMD validates on the Node this suite runs on (Node ≥ 20), relaxed SIMD only behind a flag", () => {
  assert.is(wasmFeatures().simd, true);
  assert.is(wasmFeatures().relaxedSimd, process.execArgv.includes("--experimental-wasm-relaxed-simd"));
});

test("setBackend / getBackend, and a clear error for an unknown name", () => {
  setBackend("js");
  assert.is(getBackend(), "js");
  setBackend("wasm");
  assert.is(getBackend(), "wasm");
  throwsError(() => setBackend("gpu" as Backend), 'setBackend: unknown backend "gpu"; expected "wasm" or "js"');
  assert.is(getBackend(), "wasm");
});

test("both backends give the same products within float32 rounding, and each the same bits run to run", () => {
  const gen = new Generator(5);
  const x = randn([256, 784], { generator: gen });
  const w = randn([10, 784], { generator: gen });
  const bias = randn([10], { generator: gen });
  const g = randn([256, 10], { generator: gen });
  const run = (backend: Backend): Float32Array[] => {
    setBackend(backend);
    return [addmmForward(bias, x, transposeView(w, 0, 1)), matmulForward(transposeView(x, 0, 1), g), matmulForward(g, w)].map((t) => t.storage);
  };
  const [js, wasm, wasmAgain] = [run("js"), run("wasm"), run("wasm")];
  wasm.forEach((out, i) => {
    allClose(out, js[i]!, { atol: 1e-3, rtol: 1e-5 }, `product ${i}`);
    assert.equal(new Uint32Array(out.buffer), new Uint32Array(wasmAgain[i]!.buffer));
  });
});

test("$TSGRAD_BACKEND picks the default backend; an unknown value warns and is ignored", () => {
  const script = 'const { getBackend } = await import("./src/tensor/backend.ts"); console.log(getBackend());';
  const run = (value: string): { out: string; err: string } => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: repo, encoding: "utf8", env: { ...process.env, TSGRAD_BACKEND: value }, timeout: 60_000,
    });
    return { out: result.stdout.trim(), err: result.stderr };
  };
  assert.is(run("js").out, "js");
  assert.is(run("wasm").out, "wasm");
  assert.is(run("").out, "wasm");
  const unknown = run("cuda");
  assert.is(unknown.out, "wasm");
  assert.ok(unknown.err.includes('TSGRAD_BACKEND="cuda" is not an available backend'), unknown.err);
});

test("with relaxed SIMD enabled (node --experimental-wasm-relaxed-simd) the FMA gemm kernels run and agree with js", () => {
  // Node 20 validates f32x4.relaxed_madd only behind this flag (Chromium without one): the child checks the
  // FMA variants, which this process cannot build.
  const script = [
    'const { gemmWasm } = await import("./src/tensor/wasm/gemm.ts");',
    'const { gemm } = await import("./src/tensor/kernels/gemm.ts");',
    'const { relaxedSimdSupported } = await import("./src/tensor/wasm/module.ts");',
    "const worst = [];",
    "for (const [M, N, K] of [[67, 10, 300], [33, 40, 600], [256, 784, 10]]) {",
    "  const a = Float32Array.from({ length: M * K }, (_, i) => Math.sin(i));",
    "  const b = Float32Array.from({ length: K * N }, (_, i) => Math.cos(i));",
    "  const bias = Float32Array.from({ length: N }, (_, i) => i / N);",
    "  const [x, y] = [new Float32Array(M * N), new Float32Array(M * N)];",
    "  gemm(M, N, K, a, 0, 1, M, b, 0, N, 1, x, 0, N, false, bias);",
    "  gemmWasm(M, N, K, a, 0, 1, M, b, 0, N, 1, y, 0, N, false, bias);",
    "  worst.push(x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i]) / (1 + Math.abs(v))), 0));",
    "}",
    "console.log(JSON.stringify({ relaxed: relaxedSimdSupported(), worst: Math.max(...worst) }));",
  ].join("\n");
  const result = spawnSync(process.execPath, ["--experimental-wasm-relaxed-simd", "--import", "tsx", "--input-type=module", "-e", script], {
    cwd: repo, encoding: "utf8", timeout: 60_000,
  });
  assert.is(result.status, 0, result.stderr);
  const out = JSON.parse(result.stdout.trim()) as { relaxed: boolean; worst: number };
  assert.is(out.relaxed, true, result.stderr);
  assert.ok(out.worst < 1e-5, `FMA gemm differs from js by ${out.worst} (relative)`);
});

test.run();
