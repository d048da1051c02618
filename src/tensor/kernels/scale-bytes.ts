/**
 * The data pipeline's batch build: rows of bytes (pixels) gathered by index and scaled to float32.
 * On the wasm backend a SIMD kernel (../wasm/elementwise.ts) does it; the loop here is the reference
 * and the fallback, and the two give the same bits.
 */
import { getBackend } from "../backend.js";
import { scaleBytesWasm } from "../wasm/elementwise.js";

/** Below this many bytes the copies into WebAssembly memory cost more than the loop. */
const MIN_BYTES = 4096;

/**
 * out[r·rowLength + j] = bytes[indices[r]·rowLength + j] / scale: the rows `indices` of a byte matrix,
 * scaled, written one after another from the start of `out` (which must hold indices.length·rowLength
 * floats). Indices are not checked here. torchvision: `ToTensor()` on a batch of images.
 * @example scaleBytes(X, images, [7, 3], 784, 255) // two 28×28 images in [0, 1]
 */
export function scaleBytes(out: Float32Array, bytes: Uint8Array, indices: ArrayLike<number>, rowLength: number, scale: number): void {
  if (getBackend() === "wasm" && indices.length * rowLength >= MIN_BYTES) {
    scaleBytesWasm(out, bytes, indices, rowLength, scale);
    return;
  }
  for (let r = 0; r < indices.length; r++) {
    const src = indices[r]! * rowLength;
    const dst = r * rowLength;
    for (let j = 0; j < rowLength; j++) out[dst + j] = bytes[src + j]! / scale;
  }
}
