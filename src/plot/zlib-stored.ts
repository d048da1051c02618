/** zlib streams without compression, and base64: what PNG data URIs need where no zlib is at hand. */

/** Largest stored deflate block (RFC 1951 §3.2.4: LEN is 16 bits). */
const MAX_STORED_BLOCK = 65535;
/** Adler-32's modulus, the largest prime below 2^16 (RFC 1950 §8). */
const ADLER_MOD = 65521;

/**
 * Adler-32 of `bytes` (RFC 1950), the checksum that ends a zlib stream.
 * @example adler32(new TextEncoder().encode("Wikipedia")) // 0x11e60398
 */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  // 5552 bytes is the most that can be summed before b overflows 2^32 (zlib's NMAX).
  for (let start = 0; start < bytes.length; start += 5552) {
    const end = Math.min(start + 5552, bytes.length);
    for (let i = start; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= ADLER_MOD;
    b %= ADLER_MOD;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * A valid zlib stream (RFC 1950) holding `bytes` in stored (uncompressed) deflate blocks: what any
 * inflater, e.g. a PNG decoder, reads back exactly. zlib: `compress2(..., level 0)`.
 * @example storedZlib(Uint8Array.of(1, 2)) // 78 01 01 02 00 fd ff 01 02 00 06 00 04
 */
export function storedZlib(bytes: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(bytes.length / MAX_STORED_BLOCK));
  const out = new Uint8Array(2 + blocks * 5 + bytes.length + 4);
  out[0] = 0x78; // CM 8 (deflate), CINFO 7 (32 KB window)
  out[1] = 0x01; // FLEVEL 0, FCHECK so that 0x7801 is a multiple of 31
  let at = 2;
  for (let block = 0; block < blocks; block++) {
    const start = block * MAX_STORED_BLOCK;
    const length = Math.min(MAX_STORED_BLOCK, bytes.length - start);
    out[at] = block === blocks - 1 ? 1 : 0; // BFINAL, BTYPE 00 (stored)
    out[at + 1] = length & 0xff;
    out[at + 2] = length >>> 8;
    out[at + 3] = ~length & 0xff;
    out[at + 4] = (~length >>> 8) & 0xff;
    out.set(bytes.subarray(start, start + length), at + 5);
    at += 5 + length;
  }
  new DataView(out.buffer).setUint32(at, adler32(bytes)); // big-endian, RFC 1950
  return out;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Standard base64 (RFC 4648 §4) with `=` padding.
 * @example base64(new TextEncoder().encode("Man")) // "TWFu"
 */
export function base64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    parts.push(
      ALPHABET[(n >>> 18) & 63]! + ALPHABET[(n >>> 12) & 63]! +
        (left > 1 ? ALPHABET[(n >>> 6) & 63]! : "=") + (left > 2 ? ALPHABET[n & 63]! : "="),
    );
  }
  return parts.join("");
}
