/**
 * The browser platform (also any runtime without Node's modules): URLs instead of paths, fetch and
 * `DecompressionStream` instead of files and zlib, Web Workers in cross-origin isolated pages, no
 * environment variables. See ../types.ts.
 */
import type { Platform } from "../types.js";
import { gunzip } from "./gzip.js";
import { setWorkerUrl, sharesMemory, spawnWorker, workerPort } from "./workers.js";

const warned = new Set<string>();

/** The page's (or worker's) URL, which relative URLs are resolved against. */
function baseUrl(): string | undefined {
  return (globalThis as { location?: { href: string } }).location?.href;
}

function noFileSystem(what: string, path: string): Error {
  return new Error(`${what}: there is no file system here (a browser); cannot use ${path}. Fetch a URL or keep the bytes instead`);
}

/** What tsgrad uses of a browser, behind the interface of ../types.ts; `#platform` under "browser" and "default". */
export const platform: Platform = {
  name: "browser",
  env: () => undefined,
  warn: (message) => {
    if (warned.has(message)) return;
    warned.add(message);
    console.warn(message);
  },
  canBlock: typeof (globalThis as { document?: unknown }).document === "undefined",
  hardwareThreads: () => (sharesMemory() ? Math.max(1, navigator.hardwareConcurrency || 1) : 1),
  spawnWorker,
  setWorkerUrl,
  workerPort,
  hasFileSystem: false,
  readFileSync: (path) => {
    throw noFileSystem("readFile", path);
  },
  fileExists: () => false,
  writeFile: (path) => {
    throw noFileSystem("writeFile", path);
  },
  resolvePath: (path) => new URL(path, baseUrl()).href,
  joinPath: (dir, name) => new URL(name, new URL(dir.endsWith("/") ? dir : `${dir}/`, baseUrl())).href,
  gunzipSync: undefined,
  gunzip,
  deflateSync: undefined,
  downloadFile: (url, dest) => Promise.reject(noFileSystem("downloadFile", `${dest} (for ${url})`)),
};
