/** Node: files and paths. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The bytes of a file (a view of Node's Buffer, no copy). @example readBytes("net.safetensors") */
export function readBytes(path: string): Uint8Array {
  return readFileSync(path);
}

/** True if `path` exists. @example fileExists("data/fashion-mnist/t10k-labels-idx1-ubyte.gz") */
export function fileExists(path: string): boolean {
  return existsSync(path);
}

/** Writes `contents` to `path`, creating parent directories; returns the absolute path. @example writeFileCreatingDirs("figures/a.svg", svg) */
export function writeFileCreatingDirs(path: string, contents: string | Uint8Array): string {
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, contents);
  return absolute;
}

export { join as joinPath, resolve as resolvePath };
