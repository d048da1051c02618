import { test } from "uvu";
import * as assert from "uvu/assert";
import { inflateSync } from "node:zlib";
import fc from "fast-check";
import { adler32, base64, storedZlib } from "../../src/plot/zlib-stored.js";

test("adler32 of 'Wikipedia' is 0x11e60398 (the worked example of the Adler-32 article), of nothing 1", () => {
  assert.is(adler32(new TextEncoder().encode("Wikipedia")), 0x11e60398);
  assert.is(adler32(new Uint8Array(0)), 1);
});

test("storedZlib of [1, 2] is the stream worked out by hand from RFC 1950/1951", () => {
  // 78 01 header; final stored block: 01, LEN 0002 LE, NLEN fffd LE, data; adler32 = (b=6, a=4) big-endian.
  assert.equal([...storedZlib(Uint8Array.of(1, 2))], [0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0x01, 0x02, 0x00, 0x06, 0x00, 0x04]);
});

test("zlib inflates storedZlib back to the input, across block boundaries and for empty input", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 140_000 }), fc.integer({ min: 0, max: 255 }), (length, seed) => {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
      assert.equal(new Uint8Array(inflateSync(storedZlib(bytes))), bytes);
    }),
    { numRuns: 12 },
  );
});

test("base64 matches Node's Buffer encoding for every length mod 3", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 50 }), (bytes) => {
      assert.is(base64(bytes), Buffer.from(bytes).toString("base64"));
    }),
  );
  assert.is(base64(new TextEncoder().encode("Man")), "TWFu");
});

test.run();
