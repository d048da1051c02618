import { readFileSync, writeFileSync } from "node:fs";
import type { Module, StateDict } from "./module.js";
import { decodeSafetensors, encodeSafetensors } from "./safetensors.js";

/**
 * Saving and loading weights as safetensors files (Node only). The file holds the state dict: names,
 * shapes and float32 values, bit-exact; never code.
 */

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Writes `tensors` to `path` as a safetensors file. PyTorch: `safetensors.torch.save_file`.
 * @example saveSafetensors(net.stateDict(), "net.safetensors")
 */
export function saveSafetensors(tensors: StateDict, path: string): void {
  const bytes = encodeSafetensors(tensors);
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new Error(`save: cannot write ${path}: ${describe(e)}`);
  }
}

/**
 * Reads a safetensors file into tensors by name, with a clear error for a missing or corrupt file.
 * PyTorch: `safetensors.torch.load_file`.
 * @example const sd = loadSafetensors("net.safetensors"); sd["0.weight"]!.shape
 */
export function loadSafetensors(path: string): StateDict {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`load: cannot read ${path}: ${describe(e)}`);
  }
  return decodeSafetensors(bytes, path);
}

/**
 * Saves `module`'s parameters (its `stateDict()`) to `path` as safetensors.
 * PyTorch: `torch.save(module.state_dict(), path)`.
 * @example save(net, "softmax-regression.safetensors")
 */
export function save(module: Module, path: string): void {
  saveSafetensors(module.stateDict(), path);
}

/**
 * Loads the parameters saved by `save` into `module` in place (strict: every key must match, shapes too)
 * and returns `module`. PyTorch: `module.load_state_dict(torch.load(path))`.
 * @example load(new Sequential(new Flatten(), new Linear(784, 10)), "softmax-regression.safetensors")
 */
export function load<M extends Module>(module: M, path: string): M {
  const state = loadSafetensors(path);
  try {
    module.loadStateDict(state);
  } catch (e) {
    throw new Error(`load: ${path} does not fit ${module.constructor.name}: ${describe(e)}`, { cause: e });
  }
  return module;
}
