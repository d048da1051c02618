import { test } from "uvu";
import * as assert from "uvu/assert";
import { gzipSync } from "node:zlib";
import { platform } from "../../src/platform/browser/index.js";
import { throwsError } from "../helpers/assert.js";

// The browser side of #platform, exercised under Node, which has the same web APIs
// (DecompressionStream, URL) but no page: no location, no cross-origin isolation.

test("gunzip through DecompressionStream gives zlib's bytes back; corrupt input rejects", async () => {
  const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 251);
  assert.equal(await platform.gunzip(gzipSync(bytes)), bytes);
  let rejected = false;
  await platform.gunzip(gzipSync(bytes).subarray(0, 100)).catch(() => (rejected = true));
  assert.ok(rejected, "a truncated stream rejects");
});

test("URLs instead of paths: joinPath adds a missing slash, resolvePath keeps absolute URLs", () => {
  assert.is(platform.joinPath("http://127.0.0.1:8080/data/fashion-mnist", "t10k-labels-idx1-ubyte.gz"), "http://127.0.0.1:8080/data/fashion-mnist/t10k-labels-idx1-ubyte.gz");
  assert.is(platform.joinPath("http://h/a/", "b.gz"), "http://h/a/b.gz");
  assert.is(platform.resolvePath("https://example.org/x/../y/"), "https://example.org/y/");
});

test("no file system, no environment, one thread where memory is not shared", async () => {
  assert.is(platform.hasFileSystem, false);
  assert.is(platform.fileExists("/etc/hostname"), false);
  assert.is(platform.env("HOME"), undefined);
  throwsError(() => platform.readFileSync("net.safetensors"), "readFile: there is no file system here (a browser); cannot use net.safetensors");
  throwsError(() => platform.writeFile("figures/a.svg", "<svg/>"), "writeFile: there is no file system here");
  assert.is(platform.gunzipSync, undefined);
  assert.is(platform.hardwareThreads(), 1);
  assert.is(platform.spawnWorker("gemm", {}), null);
  let message = "";
  await platform.downloadFile("http://h/a.gz", "a.gz", {}).catch((e: Error) => (message = e.message));
  assert.match(message, "downloadFile: there is no file system here");
});

test.run();
