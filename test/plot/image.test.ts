import { test } from "uvu";
import * as assert from "uvu/assert";
import { inflateSync } from "node:zlib";
import { applyColormap, viridis } from "../../src/plot/colormap.js";
import { imageGrid, type ImageGridOptions } from "../../src/plot/image-grid.js";
import { crc32, encodePng, pngDataUri } from "../../src/plot/png.js";
import { findAll, numberAttr, parseXml, textContent, withClass } from "../helpers/xml.js";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** CRC-32 bit by bit, straight from the definition (reflected polynomial 0xEDB88320). */
function referenceCrc(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

interface Chunk {
  type: string;
  data: Uint8Array;
}

/** Walks a PNG file's chunks, checking the signature and every chunk's CRC against {@link referenceCrc}. */
function readChunks(png: Uint8Array): Chunk[] {
  assert.equal([...png.subarray(0, 8)], SIGNATURE, "PNG signature");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Chunk[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    const type = String.fromCharCode(...typeAndData.subarray(0, 4));
    assert.is(view.getUint32(offset + 8 + length), referenceCrc(typeAndData), `CRC of ${type}`);
    chunks.push({ type, data: typeAndData.subarray(4) });
    offset += 12 + length;
  }
  assert.is(offset, png.length, "chunks fill the file exactly");
  return chunks;
}

/** Decodes what our encoder writes (8-bit, filter 0, no interlace) back to pixel bytes. */
function decodePng(png: Uint8Array): { width: number; height: number; colorType: number; pixels: Uint8Array } {
  const chunks = readChunks(png);
  assert.equal(
    chunks.map((c) => c.type),
    ["IHDR", "IDAT", "IEND"],
  );
  const header = chunks[0]!.data;
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const [bitDepth, colorType, compression, filter, interlace] = header.subarray(8);
  assert.equal([bitDepth, compression, filter, interlace], [8, 0, 0, 0], "IHDR depth and methods");
  const channels = colorType === 2 ? 3 : 1;
  const scanlines = new Uint8Array(inflateSync(chunks[1]!.data));
  const rowBytes = width * channels;
  assert.is(scanlines.length, height * (rowBytes + 1));
  const pixels = new Uint8Array(height * rowBytes);
  for (let row = 0; row < height; row += 1) {
    assert.is(scanlines[row * (rowBytes + 1)], 0, `filter byte of row ${row}`);
    pixels.set(scanlines.subarray(row * (rowBytes + 1) + 1, (row + 1) * (rowBytes + 1)), row * rowBytes);
  }
  return { width, height, colorType: colorType ?? -1, pixels };
}

function fromDataUri(uri: string): Uint8Array {
  const prefix = "data:image/png;base64,";
  assert.ok(uri.startsWith(prefix), `a PNG data URI: ${uri.slice(0, 30)}`);
  return new Uint8Array(Buffer.from(uri.slice(prefix.length), "base64"));
}

test("crc32 matches the standard check value and the bitwise definition", () => {
  const ascii = new TextEncoder().encode("123456789");
  assert.is(crc32(ascii), 0xcbf43926);
  const random = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919 + 13) % 256);
  assert.is(crc32(random), referenceCrc(random));
  assert.is(crc32(new Uint8Array(0)), 0);
});

test("grayscale PNG: signature, IHDR size, chunk CRCs, and scanlines equal the pixels", () => {
  const data = Uint8Array.from({ length: 5 * 3 }, (_, i) => i * 17);
  const decoded = decodePng(encodePng({ width: 5, height: 3, channels: 1, data }));
  assert.is(decoded.width, 5);
  assert.is(decoded.height, 3);
  assert.is(decoded.colorType, 0);
  assert.equal([...decoded.pixels], [...data]);
});

test("RGB PNG: colour type 2, three bytes per pixel", () => {
  const data = Uint8Array.from({ length: 2 * 2 * 3 }, (_, i) => 255 - i);
  const decoded = decodePng(encodePng({ width: 2, height: 2, channels: 3, data }));
  assert.is(decoded.colorType, 2);
  assert.equal([...decoded.pixels], [...data]);
});

test("encodePng rejects sizes that do not match the data", () => {
  assert.throws(() => encodePng({ width: 2, height: 2, channels: 1, data: new Uint8Array(3) }), /encodePng: a 2×2 image with 1 channel\(s\) needs 4 bytes, got 3/);
  assert.throws(() => encodePng({ width: 0, height: 2, channels: 1, data: new Uint8Array(0) }), /positive integers, got 0×2/);
});

test("applyColormap: gray levels are round(255 v), clamped, NaN reads as 0", () => {
  const raster = applyColormap([0, 0.5, 1, -0.5, 1.5, NaN], 3, 2, "gray");
  assert.is(raster.channels, 1);
  assert.equal([...raster.data], [0, 128, 255, 0, 255, 0]);
  assert.throws(() => applyColormap([0, 1], 3, 1, "gray"), /applyColormap: a 1×3 image needs 3 values, got 2/);
});

test("viridis: matplotlib's end colours, monotone brightening green channel", () => {
  assert.equal(viridis(0), [68, 1, 84]);
  assert.equal(viridis(1), [253, 231, 37]);
  assert.equal(viridis(2), viridis(1));
  for (let i = 1; i <= 20; i += 1) assert.ok(viridis(i / 20)[1] >= viridis((i - 1) / 20)[1]);
  const raster = applyColormap([0, 1], 2, 1, "viridis");
  assert.is(raster.channels, 3);
  assert.equal([...raster.data], [68, 1, 84, 253, 231, 37]);
});

function fashionLike(count: number): ImageGridOptions["images"] {
  return Array.from({ length: count }, (_, k) => ({
    height: 28,
    width: 28,
    pixels: Float32Array.from({ length: 784 }, (_, i) => ((i + k) % 29) / 28),
  }));
}

test("image grid: numRows × numCols images, each a PNG of its pixels, with the titles", () => {
  const images = fashionLike(18);
  const titles = images.map((_, i) => `label ${i}`);
  const doc = parseXml(imageGrid({ images, numRows: 2, numCols: 9, titles }));
  const pictures = findAll(doc, "image");
  assert.is(pictures.length, 18);
  pictures.forEach((picture, i) => {
    const decoded = decodePng(fromDataUri(picture.attrs["href"] ?? ""));
    assert.is(decoded.width, 28);
    assert.is(decoded.height, 28);
    const expected = Array.from(images[i]!.pixels, (v) => Math.round(v * 255));
    assert.equal([...decoded.pixels], expected, `pixels of image ${i}`);
  });
  const shown = findAll(doc, "text", withClass("title")).map(textContent);
  assert.equal(shown, titles);
  // d2l's figsize: numCols × numRows cells of `scale` inches (72 px each), titles above.
  assert.is(numberAttr(doc, "width"), 9 * 1.5 * 72);
  const xs = pictures.slice(0, 9).map((p) => numberAttr(p, "x"));
  for (let i = 1; i < 9; i += 1) assert.ok(Math.abs((xs[i] ?? 0) - (xs[i - 1] ?? 0) - 108) < 0.011, "cells 108 px apart");
});

test("image grid: two-line titles ('true\\npred') become two lines", () => {
  const doc = parseXml(imageGrid({ images: fashionLike(2), numRows: 1, numCols: 2, titles: ["t-shirt\nshirt", "bag\nbag"] }));
  const titles = findAll(doc, "text", withClass("title"));
  assert.equal(
    titles.map((t) => findAll(t, "tspan").map(textContent)),
    [
      ["t-shirt", "shirt"],
      ["bag", "bag"],
    ],
  );
});

test("image grid: viridis cells are RGB; fewer images than cells is fine; scale sets the cell size", () => {
  const doc = parseXml(imageGrid({ images: fashionLike(3), numRows: 2, numCols: 2, cmap: "viridis", scale: 1 }));
  const pictures = findAll(doc, "image");
  assert.is(pictures.length, 3);
  assert.is(decodePng(fromDataUri(pictures[0]!.attrs["href"] ?? "")).colorType, 2);
  assert.is(numberAttr(doc, "width"), 2 * 72);
});

test("image grid: non-square images keep their aspect ratio", () => {
  const wide = { height: 10, width: 20, pixels: new Float32Array(200) };
  const [picture] = findAll(parseXml(imageGrid({ images: [wide], numRows: 1, numCols: 1 })), "image");
  assert.ok(picture !== undefined);
  assert.ok(Math.abs(numberAttr(picture, "width") / numberAttr(picture, "height") - 2) < 1e-3);
});

test("image grid: bad input is an Error naming imageGrid and the values", () => {
  const images = fashionLike(3);
  assert.throws(() => imageGrid({ images, numRows: 1, numCols: 2 }), /imageGrid: 3 images do not fit in 1 rows × 2 columns/);
  assert.throws(() => imageGrid({ images, numRows: 0, numCols: 2 }), /numRows and numCols must be positive integers, got 0 and 2/);
  assert.throws(
    () => imageGrid({ images: [{ height: 2, width: 2, pixels: [0, 1, 0] }], numRows: 1, numCols: 1 }),
    /imageGrid: image 0 is 2×2 but has 3 pixels \(expected 4\)/,
  );
  assert.throws(() => imageGrid({ images, numRows: 1, numCols: 3, titles: ["a", "b", "c", "d"] }), /got 4 titles for 3 images/);
  assert.throws(() => imageGrid({ images, numRows: 1, numCols: 3, scale: 0 }), /imageGrid: scale must be a positive finite number, got 0/);
});

test("pngDataUri is base64 of the bytes", () => {
  const png = encodePng({ width: 1, height: 1, channels: 1, data: Uint8Array.of(7) });
  assert.equal([...fromDataUri(pngDataUri(png))], [...png]);
});

test.run();
