/** Node: downloading one file over HTTP(S) safely: redirects, progress, size and md5 checks, atomic rename. */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import { basename, dirname } from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ProgressBar } from "../progress-bar.js";
import type { DownloadOptions } from "../types.js";

const MAX_REDIRECTS = 10;

const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Downloads `url` to `dest`: follows redirects, streams into a temporary file next to `dest`, checks
 * size and md5, then renames it into place. On failure the temporary file is removed and the Error
 * names the URL and what went wrong; `dest` is never left half-written.
 * torchvision: `torchvision.datasets.utils.download_url`.
 * @example
 * await downloadFile("http://example.org/t10k-labels-idx1-ubyte.gz", "data/t10k-labels-idx1-ubyte.gz",
 *   { expectedMd5: "bb300cfdad3c16e7a12a480ee83cd310" });
 */
export async function downloadFile(url: string, dest: string, options: DownloadOptions = {}): Promise<void> {
  const { expectedMd5, expectedBytes, progress = process.stderr.isTTY === true, timeoutMs = 30_000 } = options;
  const temp = `${dest}.part-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  try {
    await mkdir(dirname(dest), { recursive: true });
    const { response, finalUrl } = await openFollowingRedirects(url, timeoutMs);
    const header = response.headers["content-length"];
    const contentLength = header === undefined ? undefined : Number(header);
    const bar = progress ? new ProgressBar(process.stderr, contentLength ?? expectedBytes, basename(dest)) : undefined;
    const hash = createHash("md5");
    let received = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        hash.update(chunk);
        received += chunk.length;
        bar?.update(received);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(response, meter, createWriteStream(temp));
    } catch (err) {
      const of = contentLength === undefined ? "" : ` of ${contentLength}`;
      throw new Error(`transfer broke off after ${received}${of} bytes (${errorMessage(err)})`);
    } finally {
      bar?.finish();
    }
    const from = finalUrl === url ? "" : ` (redirected to ${finalUrl})`;
    if (contentLength !== undefined && received !== contentLength) {
      throw new Error(`received ${received} bytes but the server announced ${contentLength}${from}`);
    }
    if (expectedBytes !== undefined && received !== expectedBytes) {
      throw new Error(`size mismatch: expected ${expectedBytes} bytes, found ${received}${from}`);
    }
    const md5 = hash.digest("hex");
    if (expectedMd5 !== undefined && md5 !== expectedMd5.toLowerCase()) {
      throw new Error(`md5 mismatch: expected ${expectedMd5}, found ${md5}${from}`);
    }
    await rename(temp, dest);
  } catch (err) {
    await rm(temp, { force: true });
    throw new Error(`downloadFile: ${url} → ${dest} failed: ${errorMessage(err)}`);
  }
}

/** GETs `url`, following up to MAX_REDIRECTS redirects; resolves with a 2xx response. */
async function openFollowingRedirects(
  url: string,
  timeoutMs: number,
): Promise<{ response: http.IncomingMessage; finalUrl: string }> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await get(current, timeoutMs);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location !== undefined) {
      response.resume();
      current = new URL(location, current).href;
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      const via = current === url ? "" : ` (after redirect to ${current})`;
      throw new Error(`HTTP ${status} ${response.statusMessage ?? ""}`.trimEnd() + via);
    }
    return { response, finalUrl: current };
  }
  throw new Error(`too many redirects (more than ${MAX_REDIRECTS})`);
}

/** One GET request; rejects on network errors and on `timeoutMs` of silence. */
function get(url: string, timeoutMs: number): Promise<http.IncomingMessage> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new Error(`invalid URL ${JSON.stringify(url)}`));
  }
  const client = parsed.protocol === "https:" ? https : parsed.protocol === "http:" ? http : undefined;
  if (client === undefined) return Promise.reject(new Error(`unsupported protocol ${parsed.protocol} (expected http: or https:)`));
  return new Promise((resolve, reject) => {
    const request = client.get(parsed, (response) => {
      response.setTimeout(timeoutMs, () => response.destroy(new Error(`no data for ${timeoutMs} ms`)));
      resolve(response);
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no response for ${timeoutMs} ms`)));
    request.on("error", reject);
  });
}
