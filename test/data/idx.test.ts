import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseIdx, readIdxFile } from "../../src/data/idx.js";
import { assertIncludesAll, thrownMessage } from "./errors.js";
import { idxBytes, tempDir } from "./fixtures.js";

const dir = tempDir();
const pixels = Uint8Array.from({ length: 3 * 2 * 4 }, (_, k) => (k * 37) % 256);
const images = idxBytes(2051, [3, 2, 4], pixels);
const labels = idxBytes(2049, [5], Uint8Array.from([9, 0, 3, 255, 1]));

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

test("reads a gzipped images file exactly", () => {
  const file = readIdxFile(write("img.gz", gzipSync(images)), { kind: "images" });
  assert.is(file.count, 3);
  assert.is(file.rows, 2);
  assert.is(file.cols, 4);
  assert.equal(Array.from(file.data), Array.from(pixels));
});

test("reads an uncompressed labels file exactly (no .gz, no gzip magic)", () => {
  const file = readIdxFile(write("labels-idx1-ubyte", labels), { kind: "labels" });
  assert.is(file.count, 5);
  assert.is(file.rows, undefined);
  assert.equal(Array.from(file.data), [9, 0, 3, 255, 1]);
});

test("gzip is detected by magic, not by name", () => {
  const file = readIdxFile(write("labels.bin", gzipSync(labels)), { kind: "labels" });
  assert.equal(Array.from(file.data), [9, 0, 3, 255, 1]);
});

test("wrong magic names the file and both numbers", () => {
  const path = write("swapped.gz", gzipSync(labels));
  assertIncludesAll(thrownMessage(() => readIdxFile(path, { kind: "images" })), [path, "magic number 2049 (IDX labels)", "expected 2051"]);
  const junk = write("junk", idxBytes(0x12345678, [1], new Uint8Array(1)));
  assertIncludesAll(thrownMessage(() => readIdxFile(junk, { kind: "labels" })), [junk, "0x12345678, not an IDX file", "expected 2049"]);
});

test("truncated data, wrong count and trailing bytes are errors with expected vs found", () => {
  const truncated = write("trunc.gz", gzipSync(images.subarray(0, images.length - 5)));
  assertIncludesAll(thrownMessage(() => readIdxFile(truncated, { kind: "images" })), [truncated, "holds 19 data bytes", "expected 3 × 2 × 4 = 24", "truncated"]);
  const wrongCount = write("count", idxBytes(2049, [6], Uint8Array.from([1, 2, 3, 4, 5])));
  assertIncludesAll(thrownMessage(() => readIdxFile(wrongCount, { kind: "labels" })), [wrongCount, "holds 5 data bytes, expected 6 (truncated"]);
  const trailing = write("trailing", idxBytes(2049, [2], Uint8Array.from([1, 2, 3])));
  assertIncludesAll(thrownMessage(() => readIdxFile(trailing, { kind: "labels" })), ["holds 3 data bytes, expected 2 (trailing bytes"]);
});

test("a header cut short is an error, not a RangeError from DataView", () => {
  assertIncludesAll(thrownMessage(() => parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0]), "images", "mem")), ["mem", "found 6 bytes", "at least 16"]);
});

test("a .gz that is not gzip, a corrupt gzip and a missing file are clear errors", () => {
  const notGzip = write("plain.gz", labels);
  assertIncludesAll(thrownMessage(() => readIdxFile(notGzip, { kind: "labels" })), [notGzip, "ends in .gz but is not gzip", "00 00 08 01", "expected 1f 8b"]);
  const gz = gzipSync(images);
  const cut = write("cut.gz", gz.subarray(0, gz.length >> 1));
  assertIncludesAll(thrownMessage(() => readIdxFile(cut, { kind: "images" })), [cut, "corrupt or truncated gzip"]);
  const missing = join(dir, "nope.gz");
  assertIncludesAll(thrownMessage(() => readIdxFile(missing, { kind: "images" })), [`cannot read ${missing}`, "ENOENT"]);
});

test.run();
