import { platform } from "#platform";
import type { Module, StateDict } from "./module.js";
import { decodeSafetensors, encodeSafetensors } from "./safetensors.js";

/**
 * Saving and loading weights as safetensors: to and from files (Node), or as bytes (anywhere, e.g. a
 * page keeping them in IndexedDB or offering a download). The bytes hold the state dict: names, shapes
 * and float32 values, bit-exact; never code.
 */

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Writes `tensors` to `path` as a safetensors file (Node). PyTorch: `safetensors.torch.save_file`.
 * @example saveSafetensors(net.stateDict(), "net.safetensors")
 */
export function saveSafetensors(tensors: StateDict, path: string): void {
  const bytes = encodeSafetensors(tensors);
  try {
    platform.writeFile(path, bytes);
  } catch (e) {
    throw new Error(`save: cannot write ${path}: ${describe(e)}`);
  }
}

/**
 * Reads a safetensors file into tensors by name (Node), with a clear error for a missing or corrupt
 * file. PyTorch: `safetensors.torch.load_file`.
 * @example const sd = loadSafetensors("net.safetensors"); sd["0.weight"]!.shape
 */
export function loadSafetensors(path: string): StateDict {
  let bytes: Uint8Array;
  try {
    bytes = platform.readFileSync(path);
  } catch (e) {
    throw new Error(`load: cannot read ${path}: ${describe(e)}`);
  }
  return decodeSafetensors(bytes, path);
}

/**
 * Saves `module`'s parameters (its `stateDict()`) as safetensors: to the file `path` (Node), or, with
 * no path, returned as bytes (anywhere). PyTorch: `torch.save(module.state_dict(), path_or_buffer)`.
 * @example
 * save(net, "softmax-regression.safetensors");
 * const bytes = save(net); // Uint8Array, e.g. for a download link in a page
 */
export function save(module: Module, path: string): void;
export function save(module: Module): Uint8Array;
export function save(module: Module, path?: string): void | Uint8Array {
  if (path === undefined) return encodeSafetensors(module.stateDict());
  saveSafetensors(module.stateDict(), path);
}

/**
 * Loads parameters saved by `save` into `module` in place (strict: every key must match, shapes too)
 * and returns `module`; `source` is a file path (Node) or the safetensors bytes (anywhere).
 * PyTorch: `module.load_state_dict(torch.load(path_or_buffer))`.
 * @example
 * load(new Sequential(new Flatten(), new Linear(784, 10)), "softmax-regression.safetensors")
 * load(net, bytes) // bytes from save(net)
 */
export function load<M extends Module>(module: M, source: string | Uint8Array): M {
  const isPath = typeof source === "string";
  const name = isPath ? source : "safetensors bytes";
  const state = isPath ? loadSafetensors(source) : decodeSafetensors(source, name);
  try {
    module.loadStateDict(state);
  } catch (e) {
    throw new Error(`load: ${name} does not fit ${module.constructor.name}: ${describe(e)}`, { cause: e });
  }
  return module;
}
