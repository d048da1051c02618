/** Node: files and paths. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";

/** The bytes of a file (a view of Node's Buffer, no copy). */
export function readBytes(path: string): Uint8Array {
  return readFileSync(path);
}

/** True if `path` exists. */
export function fileExists(path: string): boolean {
  return existsSync(path);
}

/** Writes `contents` to `path`, creating parent directories; returns the absolute path. */
export function writeFileCreatingDirs(path: string, contents: string | Uint8Array): string {
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, contents);
  return absolute;
}

/** `path` relative to the working directory when inside it, else absolute. */
export function displayPath(path: string): string {
  const absolute = resolve(path);
  const rel = relative(process.cwd(), absolute);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? absolute : rel;
}

export { join as joinPath, resolve as resolvePath };
