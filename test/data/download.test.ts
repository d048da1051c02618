import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { downloadFile } from "../../src/data/download.js";
import { formatProgress, ProgressBar } from "../../src/platform/progress-bar.js";
import { assertIncludesAll, rejectionMessage } from "./errors.js";
import { splitFilesGz, tempDir, tinySplit } from "./fixtures.js";
import { serveFiles } from "./server.js";

const files = splitFilesGz("t10k", tinySplit(7));
const name = "t10k-images-idx3-ubyte.gz";
const body = files[name]!;
const md5 = createHash("md5").update(body).digest("hex");

test("downloads with the right md5 and size, following a redirect", async () => {
  const server = await serveFiles(files);
  try {
    const dir = tempDir();
    const dest = join(dir, "sub", name);
    await downloadFile(`${server.base}redirect/${name}`, dest, { expectedMd5: md5, expectedBytes: body.length, progress: false });
    assert.equal(new Uint8Array(readFileSync(dest)), new Uint8Array(body));
    assert.equal(readdirSync(join(dir, "sub")), [name]);
    assert.equal(server.hits, [`/redirect/${name}`, `/files/${name}`]);
  } finally {
    await server.close();
  }
});

test("wrong md5, wrong size, 404, truncated body and refused connection: Error naming the URL, no file left", async () => {
  const server = await serveFiles(files);
  try {
    const dir = tempDir();
    const dest = join(dir, name);
    const url = `${server.base}files/${name}`;
    assertIncludesAll(await rejectionMessage(downloadFile(url, dest, { expectedMd5: "0".repeat(32), progress: false })), [url, "md5 mismatch", `expected ${"0".repeat(32)}, found ${md5}`]);
    assertIncludesAll(await rejectionMessage(downloadFile(url, dest, { expectedBytes: body.length + 1, progress: false })), [url, `expected ${body.length + 1} bytes, found ${body.length}`]);
    const missing = `${server.base}files/absent.gz`;
    assertIncludesAll(await rejectionMessage(downloadFile(missing, dest, { progress: false })), [missing, "HTTP 404 Not Found"]);
    const short = `${server.base}short/${name}`;
    assertIncludesAll(await rejectionMessage(downloadFile(short, dest, { progress: false })), [short, "transfer broke off after", `of ${body.length} bytes`]);
    assertIncludesAll(await rejectionMessage(downloadFile("http://127.0.0.1:1/x.gz", dest, { progress: false })), ["http://127.0.0.1:1/x.gz", "ECONNREFUSED"]);
    assertIncludesAll(await rejectionMessage(downloadFile("ftp://127.0.0.1/x.gz", dest, { progress: false })), ["unsupported protocol ftp:"]);
    assert.is(existsSync(dest), false);
    assert.equal(readdirSync(dir), [], "no temp file left behind");
  } finally {
    await server.close();
  }
});

test("progress bar: format and in-place redraws ending with a newline", async () => {
  assert.is(formatProgress(0, 100, 10), "[>         ] 0% 0.0/0.0 MB");
  assert.is(formatProgress(12_000_000, 26_400_000, 10), "[====>     ] 45% 12.0/26.4 MB");
  assert.is(formatProgress(26_400_000, 26_400_000, 10), "[==========] 100% 26.4/26.4 MB");
  assert.is(formatProgress(3_250_000, undefined), "3.3 MB");
  const written: string[] = [];
  const bar = new ProgressBar({ write: (s: string) => written.push(s) }, 2_000_000, "f.gz");
  bar.update(1_000_000);
  bar.update(1_000_001); // same line: not redrawn
  bar.update(2_000_000);
  bar.finish();
  assert.is(written.length, 3);
  assert.ok(written[0]!.startsWith("\rf.gz ["));
  assert.ok(written[1]!.endsWith("100% 2.0/2.0 MB"));
  assert.is(written[2], "\n");
});

test.run();
