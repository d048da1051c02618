/** The Node platform: `node:fs`, `node:zlib`, `node:worker_threads`, `process`. See ../types.ts. */
import { availableParallelism } from "node:os";
import type { Platform } from "../types.js";
import { downloadFile } from "./download.js";
import { fileExists, joinPath, readBytes, resolvePath, writeFileCreatingDirs } from "./files.js";
import { deflateSync, gunzip, gunzipSync } from "./gzip.js";
import { spawnWorker, workerPort } from "./workers.js";

const warned = new Set<string>();

/** What tsgrad uses of Node, behind the interface of ../types.ts; `#platform` under the "node" condition. */
export const platform: Platform = {
  name: "node",
  env: (name) => process.env[name],
  warn: (message) => {
    if (warned.has(message)) return;
    warned.add(message);
    process.emitWarning(message);
  },
  canBlock: true,
  hardwareThreads: () => (typeof SharedArrayBuffer === "function" ? availableParallelism() : 1),
  spawnWorker,
  setWorkerUrl: () => {},
  workerPort,
  hasFileSystem: true,
  readFileSync: readBytes,
  fileExists,
  writeFile: writeFileCreatingDirs,
  resolvePath: (path) => resolvePath(path),
  joinPath: (dir, name) => joinPath(dir, name),
  gunzipSync,
  gunzip,
  deflateSync,
  downloadFile,
};
