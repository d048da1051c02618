/**
 * Which kernels run: `"wasm"`, the WebAssembly SIMD kernels our TypeScript assembles at load time
 * (./wasm/), or `"js"`, the scalar TypeScript kernels (./kernels/), the readable reference and the
 * fallback. Both implement the same kernel interface; only float32 matmul, contiguous elementwise
 * ops, reductions over the last or leading dims, the SGD update and the uint8 → float32 batch
 * scaling have SIMD versions, everything else runs the TypeScript kernel whatever the backend.
 */
import { platform } from "#platform";
import { gemm } from "./kernels/gemm.js";
import type { Gemm } from "./kernels/gemm-contract.js";
import { gemmWasm } from "./wasm/gemm.js";
import { relaxedSimdSupported, simdSupported, wasmRuntime } from "./wasm/module.js";

export type Backend = "wasm" | "js";

/** The backends by their number in a gemm helper's control block (see ./kernels/gemm-parallel.ts). */
export const BACKENDS: readonly Backend[] = ["js", "wasm"];
const ENV_VARIABLE = "TSGRAD_BACKEND";

let backend: Backend | undefined;

/** True where the SIMD kernels validate and their module compiled. */
const wasmAvailable = (): boolean => wasmRuntime() !== null;

function checkAvailable(op: string, name: Backend): void {
  if (name === "wasm" && !wasmAvailable()) {
    throw new Error(`${op}: the "wasm" backend needs WebAssembly SIMD, which this engine does not provide; use "js"`);
  }
}

/** The backend named by $TSGRAD_BACKEND, or undefined (unset, or invalid: a warning, then the default). */
function backendFromEnvironment(): Backend | undefined {
  const raw = platform.env(ENV_VARIABLE);
  if (raw === undefined || raw.trim() === "") return undefined;
  const name = raw.trim();
  if ((name === "wasm" && wasmAvailable()) || name === "js") return name;
  platform.warn(`${ENV_VARIABLE}=${JSON.stringify(raw)} is not an available backend ("wasm" needs WebAssembly SIMD, or "js"); it is ignored`);
  return undefined;
}

/**
 * Chooses the kernels: `"wasm"` (WebAssembly SIMD, the default wherever the engine validates SIMD) or
 * `"js"` (scalar TypeScript). Results agree within float32 rounding; each backend is deterministic.
 * Helper threads of a split matmul use the caller's backend. PyTorch has no direct equivalent (it is
 * like choosing a BLAS).
 * @example setBackend("js") // the TypeScript reference kernels from here on
 */
export function setBackend(name: Backend): void {
  if (name !== "wasm" && name !== "js") throw new Error(`setBackend: unknown backend ${JSON.stringify(name)}; expected "wasm" or "js"`);
  checkAvailable("setBackend", name);
  backend = name;
}

/**
 * The backend in use: the last `setBackend`, else $TSGRAD_BACKEND, else `"wasm"` where WebAssembly SIMD
 * validates and `"js"` where it does not.
 * @example getBackend() // "wasm" on Node 20 and current browsers
 */
export function getBackend(): Backend {
  backend ??= backendFromEnvironment() ?? (wasmAvailable() ? "wasm" : "js");
  return backend;
}

/**
 * What the wasm backend runs here: whether SIMD validates and whether its gemm uses relaxed SIMD's
 * fused multiply-add (`f32x4.relaxed_madd`) or `f32x4.mul` + `f32x4.add`.
 * @example wasmFeatures() // { simd: true, relaxedSimd: false } on Node 20 without flags
 */
export function wasmFeatures(): { simd: boolean; relaxedSimd: boolean } {
  return { simd: simdSupported(), relaxedSimd: relaxedSimdSupported() };
}

/**
 * The single-threaded gemm of `name` (default: the current backend).
 * @example gemmFor("js") === gemm // the TypeScript kernel
 */
export function gemmFor(name: Backend = getBackend()): Gemm {
  return name === "wasm" ? gemmWasm : gemm;
}
