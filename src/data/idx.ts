/** Reader for the IDX files of MNIST and Fashion-MNIST (optionally gzipped). */
import { platform } from "#platform";
import { numelOf } from "../tensor/shape.js";
import { errorMessage } from "./errors.js";

/** Which IDX file a caller expects: images (idx3, magic 2051) or labels (idx1, magic 2049). */
export type IdxKind = "images" | "labels";

/** A parsed IDX file. `data` is a view of the decoded bytes after the header; no copy. */
export interface IdxFile {
  /** The uint8 payload: `count` labels, or `count × rows × cols` pixels row-major. */
  data: Uint8Array;
  /** Number of items (images or labels). */
  count: number;
  /** Image height (images only). */
  rows?: number;
  /** Image width (images only). */
  cols?: number;
}

/** Magic number (big-endian uint32 at offset 0) and header size of each kind. */
const FORMATS: Record<IdxKind, { magic: number; headerBytes: number }> = {
  images: { magic: 2051, headerBytes: 16 },
  labels: { magic: 2049, headerBytes: 8 },
};

/**
 * Reads an IDX file (gunzipped first when it starts with the gzip magic `1f 8b`) and checks its
 * magic number, dims and exact byte count. Every mismatch throws an Error naming the file and
 * what was expected versus found. torchvision: `read_image_file` / `read_label_file`.
 * @example
 * const { data, count, rows, cols } = readIdxFile("t10k-images-idx3-ubyte.gz", { kind: "images" });
 * // count 10000, rows 28, cols 28, data.length 7840000
 */
export function readIdxFile(path: string, options: { kind: IdxKind }): IdxFile {
  const gunzipSync = platform.gunzipSync;
  if (!platform.hasFileSystem || gunzipSync === undefined) {
    throw new Error(`readIdxFile: ${path} cannot be read synchronously here (no file system); use await decodeIdx(await fetchBytes(url), ...)`);
  }
  let raw: Uint8Array;
  try {
    raw = platform.readFileSync(path);
  } catch (err) {
    throw new Error(`readIdxFile: cannot read ${path} (${errorMessage(err)})`);
  }
  if (!isGzip(raw, path)) return parseIdx(raw, options.kind, path);
  let decoded: Uint8Array;
  try {
    decoded = gunzipSync(raw);
  } catch (err) {
    throw corruptGzip(path, err);
  }
  return parseIdx(decoded, options.kind, path);
}

/**
 * Decodes the bytes of an IDX file (gunzipping them first when they start with `1f 8b`), anywhere:
 * in a browser the gunzip is `DecompressionStream`'s. `source` (a path or URL) names the file in errors.
 * @example const labels = await decodeIdx(await fetchBytes(url), "labels", url);
 */
export async function decodeIdx(raw: Uint8Array, kind: IdxKind, source: string): Promise<IdxFile> {
  if (!isGzip(raw, source)) return parseIdx(raw, kind, source);
  let decoded: Uint8Array;
  try {
    decoded = await platform.gunzip(raw);
  } catch (err) {
    throw corruptGzip(source, err);
  }
  return parseIdx(decoded, kind, source);
}

/** True when `raw` starts with the gzip magic `1f 8b`; a `.gz` name without it is an error. */
function isGzip(raw: Uint8Array, source: string): boolean {
  const gzip = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  if (!gzip && source.endsWith(".gz")) {
    throw new Error(`readIdxFile: ${source} ends in .gz but is not gzip (first bytes ${hexBytes(raw, 4)}, expected 1f 8b)`);
  }
  return gzip;
}

function corruptGzip(source: string, err: unknown): Error {
  return new Error(`readIdxFile: ${source} is a corrupt or truncated gzip file (${errorMessage(err)})`);
}

/**
 * Parses decoded IDX bytes; `source` names the file in errors. See `readIdxFile`.
 * @example parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 1, 7]), "labels", "mem") // { data: [7], count: 1 }
 */
export function parseIdx(bytes: Uint8Array, kind: IdxKind, source: string): IdxFile {
  const { magic: expectedMagic, headerBytes } = FORMATS[kind];
  const tooShort = (): Error =>
    new Error(`readIdxFile: ${source} is too short for an IDX ${kind} header (found ${bytes.length} bytes, expected at least ${headerBytes})`);
  if (bytes.length < 4) throw tooShort();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic) {
    throw new Error(`readIdxFile: ${source} has magic number ${magic} (${describeMagic(magic)}), expected ${expectedMagic} (IDX ${kind})`);
  }
  if (bytes.length < headerBytes) throw tooShort();
  const count = view.getUint32(4, false);
  const dims = kind === "images" ? [count, view.getUint32(8, false), view.getUint32(12, false)] : [count];
  const expectedBytes = numelOf(dims);
  const foundBytes = bytes.length - headerBytes;
  if (foundBytes !== expectedBytes) {
    const problem = foundBytes < expectedBytes ? "truncated" : "trailing bytes";
    throw new Error(`readIdxFile: ${source} holds ${foundBytes} data bytes, expected ${dims.length > 1 ? `${dims.join(" × ")} = ` : ""}${expectedBytes} (${problem}: header count and data disagree)`);
  }
  const data = bytes.subarray(headerBytes);
  return kind === "images" ? { data, count, rows: dims[1]!, cols: dims[2]! } : { data, count };
}

function describeMagic(magic: number): string {
  if (magic === FORMATS.images.magic) return "IDX images";
  if (magic === FORMATS.labels.magic) return "IDX labels";
  return `0x${magic.toString(16).padStart(8, "0")}, not an IDX file`;
}

function hexBytes(bytes: Uint8Array, n: number): string {
  return Array.from(bytes.subarray(0, n), (b) => b.toString(16).padStart(2, "0")).join(" ") || "(empty file)";
}
