/** Node: gzip and zlib through `node:zlib`. */
import { deflateSync as zlibDeflate, gunzip as zlibGunzip, gunzipSync as zlibGunzipSync } from "node:zlib";

/**
 * One output chunk big enough for the whole file, from the gzip trailer's ISIZE (uncompressed size
 * mod 2^32): zlib then fills a single buffer instead of concatenating 16 KB chunks into a copy,
 * halving peak memory for the 47 MB training images. +1 so a full chunk does not trigger another.
 * ISIZE is only a hint (it may lie in a corrupt file), so it is clamped to deflate's maximum ratio.
 */
function outputChunkSize(gz: Uint8Array): number {
  const n = gz.length;
  const isize = n >= 18 ? (gz[n - 4]! | (gz[n - 3]! << 8) | (gz[n - 2]! << 16) | (gz[n - 1]! << 24)) >>> 0 : 0;
  const MAX_DEFLATE_RATIO = 1032;
  return Math.max(64 * 1024, Math.min(isize + 1, n * MAX_DEFLATE_RATIO, 2 ** 30));
}

/**
 * Gunzips `gz` in one output buffer. zlib: `gunzipSync`.
 * @example gunzipSync(readFileSync("t10k-labels-idx1-ubyte.gz")).length // 10008
 */
export function gunzipSync(gz: Uint8Array): Uint8Array {
  return zlibGunzipSync(gz, { chunkSize: outputChunkSize(gz) });
}

/**
 * Gunzips `gz` on libuv's thread pool. zlib: `gunzip`.
 * @example await gunzip(gz)
 */
export function gunzip(gz: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    zlibGunzip(gz, { chunkSize: outputChunkSize(gz) }, (err, out) => (err === null ? resolve(out) : reject(err)));
  });
}

/**
 * zlib-compresses `bytes` (RFC 1950), as PNG's IDAT wants. zlib: `deflateSync`.
 * @example deflateSync(scanlines)
 */
export function deflateSync(bytes: Uint8Array): Uint8Array {
  return zlibDeflate(bytes);
}
