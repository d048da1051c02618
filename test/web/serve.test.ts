import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseServeFlags, serveWeb } from "../../web/serve.js";
import { splitFilesGz, tinySplit } from "../data/fixtures.js";
import { throwsError } from "../helpers/assert.js";

// The page's server: COOP/COEP only when isolated, Fashion-MNIST from the search path under
// /data/fashion-mnist/, nothing outside the site's directory.

const site = mkdtempSync(join(tmpdir(), "tsgrad-serve-"));
writeFileSync(join(site, "index.html"), "<!doctype html><title>t</title>");
mkdirSync(join(site, "sub"));
writeFileSync(join(site, "sub", "a.js"), "export {};");
const dataDir = join(site, "..", `${site.split("/").pop()}-data`);
mkdirSync(dataDir);
const labels = splitFilesGz("t10k", tinySplit(3))["t10k-labels-idx1-ubyte.gz"]!;
writeFileSync(join(dataDir, "t10k-labels-idx1-ubyte.gz"), labels);
test.after(() => {
  rmSync(site, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

/** A raw GET (fetch would normalise `..` away): status, headers, body. */
function get(url: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(url), { path, method: "GET" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("isolated: the page and its modules come with COOP/COEP and their content types", async () => {
  const server = await serveWeb({ port: 0, root: site });
  try {
    const page = await get(server.url, "/");
    assert.is(page.status, 200);
    assert.is(page.headers["cross-origin-opener-policy"], "same-origin");
    assert.is(page.headers["cross-origin-embedder-policy"], "require-corp");
    assert.is(page.headers["content-type"], "text/html; charset=utf-8");
    const script = await get(server.url, "/sub/a.js");
    assert.is(script.headers["content-type"], "text/javascript; charset=utf-8");
    assert.is(script.body.toString(), "export {};");
  } finally {
    await server.close();
  }
});

test("not isolated: no COOP/COEP headers", async () => {
  const server = await serveWeb({ port: 0, root: site, isolated: false });
  try {
    const page = await get(server.url, "/");
    assert.is(page.status, 200);
    assert.is(page.headers["cross-origin-opener-policy"], undefined);
    assert.is(page.headers["cross-origin-embedder-policy"], undefined);
  } finally {
    await server.close();
  }
});

test("Fashion-MNIST files come from the search path ($FASHION_MNIST_DIR first); other names and missing files are 404s with a hint", async () => {
  const saved = process.env["FASHION_MNIST_DIR"];
  process.env["FASHION_MNIST_DIR"] = dataDir;
  const server = await serveWeb({ port: 0, root: site });
  try {
    const file = await get(server.url, "/data/fashion-mnist/t10k-labels-idx1-ubyte.gz");
    assert.is(file.status, 200);
    assert.equal(new Uint8Array(file.body), new Uint8Array(labels));
    assert.is(file.headers["content-type"], "application/gzip");
    const other = await get(server.url, "/data/fashion-mnist/passwd");
    assert.is(other.status, 404);
    assert.match(other.body.toString(), "FASHION_MNIST_DIR");
  } finally {
    await server.close();
    if (saved === undefined) delete process.env["FASHION_MNIST_DIR"];
    else process.env["FASHION_MNIST_DIR"] = saved;
  }
});

test("nothing outside the site's directory is served", async () => {
  const server = await serveWeb({ port: 0, root: join(site, "sub") });
  try {
    for (const path of ["/../index.html", "/%2e%2e/index.html", "/..%2Findex.html"]) {
      assert.is((await get(server.url, path)).status, 404, path);
    }
    assert.is((await get(server.url, "/a.js")).status, 200);
  } finally {
    await server.close();
  }
});

test("flags: --port N, --port=N, --no-isolation; anything else is an error naming it", () => {
  assert.equal(parseServeFlags(["--port", "9000"]), { port: 9000 });
  assert.equal(parseServeFlags(["--port=0", "--no-isolation"]), { port: 0, isolated: false });
  throwsError(() => parseServeFlags(["--port", "http"]), "serve: --port expects a port number 0…65535, got http");
  throwsError(() => parseServeFlags(["--verbose"]), 'serve: unknown argument "--verbose"');
});

test.run();
