import { platform } from "#platform";
import { base64, storedZlib } from "./zlib-stored.js";

/** 8-bit pixels, row-major, `channels` bytes per pixel: 1 = grayscale, 3 = RGB. */
export interface RasterImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
}

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** PNG colour types (ISO 15948 §11.2.2) by channel count. */
const COLOR_TYPE: Readonly<Record<1 | 3, number>> = { 1: 0, 3: 2 };
const FILTER_NONE = 0;

/** CRC-32 of the reflected polynomial 0xEDB88320, one entry per byte value. */
let crcTable: Uint32Array | undefined;

function getCrcTable(): Uint32Array {
  if (crcTable !== undefined) return crcTable;
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  crcTable = table;
  return table;
}

/**
 * CRC-32 as PNG chunks (and zlib's `crc32`) use it.
 *
 * @param bytes - the bytes to checksum
 * @returns the checksum as an unsigned 32-bit integer
 * @example crc32(new TextEncoder().encode("IEND")) // 0xae426082
 *
 * libpng: `crc32` (ISO 15948 annex D).
 */
export function crc32(bytes: Uint8Array): number {
  const table = getCrcTable();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i += 1) {
    c = (table[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** One chunk: length, type, data, CRC over type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i += 1) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function checkRaster(image: RasterImage): void {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`encodePng: width and height must be positive integers, got ${width}×${height}`);
  }
  if (channels !== 1 && channels !== 3) {
    throw new Error(`encodePng: channels must be 1 (gray) or 3 (RGB), got ${String(channels)}`);
  }
  if (data.length !== width * height * channels) {
    throw new Error(
      `encodePng: a ${width}×${height} image with ${channels} channel(s) needs ` +
        `${width * height * channels} bytes, got ${data.length}`,
    );
  }
}

/**
 * Encodes 8-bit grayscale or RGB pixels as a PNG file (no interlace, filter 0 on every row,
 * one IDAT chunk compressed with zlib; where no compressor is at hand, a browser, stored uncompressed
 * in zlib's format).
 *
 * @param image - width, height, channel count and the row-major pixel bytes
 * @returns the PNG file's bytes
 * @example encodePng({ width: 2, height: 1, channels: 1, data: Uint8Array.of(0, 255) })
 *
 * matplotlib: `imsave` / what `imshow` embeds in SVG output; Pillow: `Image.save(..., "PNG")`.
 */
export function encodePng(image: RasterImage): Uint8Array {
  checkRaster(image);
  const { width, height, channels, data } = image;
  const header = new Uint8Array(13);
  const headerView = new DataView(header.buffer);
  headerView.setUint32(0, width);
  headerView.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = COLOR_TYPE[channels];
  // Bytes 10..12 (compression, filter method, interlace) stay 0.

  const rowBytes = width * channels;
  const scanlines = new Uint8Array(height * (rowBytes + 1));
  for (let row = 0; row < height; row += 1) {
    const start = row * (rowBytes + 1);
    scanlines[start] = FILTER_NONE;
    scanlines.set(data.subarray(row * rowBytes, (row + 1) * rowBytes), start + 1);
  }

  const parts = [
    PNG_SIGNATURE,
    chunk("IHDR", header),
    chunk("IDAT", (platform.deflateSync ?? storedZlib)(scanlines)),
    chunk("IEND", new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Wraps PNG bytes in a `data:` URI for an SVG `<image href>`.
 *
 * @param png - the bytes of a PNG file
 * @returns `data:image/png;base64,…`
 * @example pngDataUri(encodePng(raster)) // "data:image/png;base64,iVBORw0KGgo…"
 *
 * matplotlib: the base64 image its SVG backend inlines (`svg.image_inline`).
 */
export function pngDataUri(png: Uint8Array): string {
  return `data:image/png;base64,${base64(png)}`;
}
