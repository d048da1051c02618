import { test } from "uvu";
import * as assert from "uvu/assert";
import { decodeIdx } from "../../src/data/idx.js";
import { fetchBytes, type TransferProgress } from "../../src/data/fetch-bytes.js";
import { rejectionMessage } from "./errors.js";
import { splitFilesGz, tinySplit } from "./fixtures.js";
import { serveFiles } from "./server.js";

const files = splitFilesGz("t10k", tinySplit(7));
const name = "t10k-labels-idx1-ubyte.gz";

test("fetchBytes follows a redirect, returns the body and reports progress up to the announced size", async () => {
  const server = await serveFiles(files);
  try {
    const seen: TransferProgress[] = [];
    const bytes = await fetchBytes(`${server.base}redirect/${name}`, { onProgress: (p) => seen.push(p) });
    assert.equal(bytes, new Uint8Array(files[name]!));
    const last = seen.at(-1)!;
    assert.is(last.loaded, files[name]!.length);
    assert.is(last.total, files[name]!.length);
    assert.ok(seen.every((p, i) => i === 0 || p.loaded >= seen[i - 1]!.loaded));
  } finally {
    await server.close();
  }
});

test("fetchBytes: a 404 and a body cut short are errors naming the URL", async () => {
  const server = await serveFiles(files);
  try {
    const missing = await rejectionMessage(fetchBytes(`${server.base}files/nothing.gz`));
    assert.match(missing, `fetchBytes: ${server.base}files/nothing.gz answered HTTP 404`);
    const short = await rejectionMessage(fetchBytes(`${server.base}short/${name}`));
    assert.match(short, `${server.base}short/${name}`);
  } finally {
    await server.close();
  }
});

test("decodeIdx gunzips asynchronously and parses as readIdxFile does; non-gzip .gz is named", async () => {
  const labels = await decodeIdx(new Uint8Array(files[name]!), "labels", name);
  assert.is(labels.count, 7);
  assert.equal([...labels.data], [...tinySplit(7).labels]);
  const message = await rejectionMessage(decodeIdx(Uint8Array.of(0, 0, 8, 1), "labels", "x.gz"));
  assert.match(message, "x.gz ends in .gz but is not gzip");
  const corrupt = await rejectionMessage(decodeIdx(new Uint8Array(files[name]!).subarray(0, 12), "labels", name));
  assert.match(corrupt, `${name} is a corrupt or truncated gzip file`);
});

test.run();
