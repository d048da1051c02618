/**
 * Copies `lines` lines of `length` elements (source lines `srcLineStride` apart, elements `srcStep`
 * apart) to `dst`, lines `dstLineStride` apart and elements contiguous: how gemm operands move into
 * a helper thread's buffer (./gemm-parallel.ts) or into WebAssembly memory (../wasm/gemm.ts).
 * @example copyLines(src, 0, 784, 1, dst, 0, 784, 256, 784) // a 256×784 block, one memcpy
 */
export function copyLines(
  src: Float32Array, srcOffset: number, srcLineStride: number, srcStep: number,
  dst: Float32Array, dstOffset: number, dstLineStride: number,
  lines: number, length: number,
): void {
  if (srcStep === 1 && srcLineStride === length && dstLineStride === length) {
    dst.set(src.subarray(srcOffset, srcOffset + lines * length), dstOffset);
    return;
  }
  for (let l = 0; l < lines; l++) {
    const s = srcOffset + l * srcLineStride;
    const d = dstOffset + l * dstLineStride;
    // A memcpy beats the loop on long contiguous lines; on short ones creating the subarray costs more.
    if (srcStep === 1 && length >= 64) {
      dst.set(src.subarray(s, s + length), d);
      continue;
    }
    for (let i = 0; i < length; i++) dst[d + i] = src[s + i * srcStep]!;
  }
}
