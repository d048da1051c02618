/**
 * The one WebAssembly instance per thread that holds every SIMD kernel, and its memory.
 *
 * The module is assembled from the kernel specs at first use, validated, and compiled synchronously
 * (`new WebAssembly.Module`: allowed for a module this small on a browser's main thread too).
 * Relaxed SIMD (FMA) kernels are built only where the engine validates `f32x4.relaxed_madd`.
 *
 * Memory is scratch, not storage: tensors keep their own Float32Arrays, and a kernel call copies
 * (or packs) its operands into this memory, runs, and copies its result out. The memory is not
 * shared and only grows; growing detaches the old ArrayBuffer, so views on it are never kept across
 * a `reserve` call: `heap()` re-creates its view whenever the buffer changed.
 */
import { assemble, f32x4, i32Ops, v128Ops, type FunctionSpec } from "./assembler.js";
import { elementwiseKernels } from "./elementwise-kernels.js";
import { gemmKernels } from "./gemm-kernel.js";
import { reduceKernels } from "./reduce-kernels.js";

/**
 * The part of the WebAssembly JS API used here, typed locally: the project's `lib` is ES2022 without
 * DOM, and @types/node 20 does not declare `WebAssembly`.
 */
export interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number }) => WebAssemblyMemory;
}
interface WebAssemblyMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;

/** The engine's `WebAssembly` object (typed as far as used here), or undefined where there is none. */
export const webAssemblyApi = (): WebAssemblyApi | undefined => api;

/** The kernels' exported functions: every argument and result is an i32. */
export type WasmExports = Record<string, (...args: number[]) => void>;

export interface WasmRuntime {
  /** The kernels, by exported name. */
  kernels: WasmExports;
  /** True when the FMA kernels were built (relaxed SIMD validated). */
  relaxed: boolean;
}

const PAGE_BYTES = 65536;

/** Every kernel of the module, FMA variants included when `relaxed`. */
const kernelSpecs = (relaxed: boolean): FunctionSpec[] => [...gemmKernels(relaxed), ...elementwiseKernels(), ...reduceKernels()];

let runtime: WasmRuntime | null | undefined;
let memory: WebAssemblyMemory | undefined;
let view = new Float32Array(0);

const probe = (body: FunctionSpec["build"]): Uint8Array => assemble([{ name: "probe", params: [], build: body }]);

let simd: boolean | undefined;
let relaxedSimd: boolean | undefined;

/** True where WebAssembly with fixed-width SIMD is available. */
export function simdSupported(): boolean {
  simd ??= api !== undefined && api.validate(probe(() => [v128Ops.store(i32Ops.const(0), f32x4.add(v128Ops.zero(), v128Ops.zero()))]));
  return simd;
}

/** True where relaxed SIMD (`f32x4.relaxed_madd`) validates: Chromium; Node 20 only behind a flag. */
export function relaxedSimdSupported(): boolean {
  relaxedSimd ??= simdSupported() && api!.validate(probe(() => [v128Ops.store(i32Ops.const(0), f32x4.relaxedMadd(v128Ops.zero(), v128Ops.zero(), v128Ops.zero()))]));
  return relaxedSimd;
}

/**
 * The instance with every registered kernel, built on first use; null where SIMD is unavailable.
 * @example wasmRuntime()?.relaxed // false on Node 20 without --experimental-wasm-relaxed-simd
 */
export function wasmRuntime(): WasmRuntime | null {
  if (runtime !== undefined) return runtime;
  if (!simdSupported()) return (runtime = null);
  const relaxed = relaxedSimdSupported();
  const bytes = assemble(kernelSpecs(relaxed));
  const wasm = api!;
  if (!wasm.validate(bytes)) throw new Error("wasm: the assembled kernel module does not validate (a bug in src/tensor/wasm)");
  try {
    memory = new wasm.Memory({ initial: 16 });
    const instance = new wasm.Instance(new wasm.Module(bytes), { env: { memory } });
    runtime = { kernels: instance.exports as unknown as WasmExports, relaxed };
  } catch {
    // E.g. Chromium < 114 refuses synchronous compilation of modules over 4 KB on the main thread (this one is ~12 KB).
    runtime = null;
  }
  return runtime;
}

/** Makes the memory at least `bytes` long (growing detaches earlier views: take `heap()` afterwards). */
export function reserve(bytes: number): void {
  const mem = memory!;
  const missing = bytes - mem.buffer.byteLength;
  if (missing > 0) mem.grow(Math.ceil(missing / PAGE_BYTES));
}

/** A Float32Array over the whole memory, current after the last `reserve`. */
export function heap(): Float32Array {
  const buffer = memory!.buffer;
  if (view.buffer !== buffer) view = new Float32Array(buffer);
  return view;
}

/** Rounds a byte count up to a multiple of 16 (one v128). */
export const align16 = (bytes: number): number => (bytes + 15) & ~15;
