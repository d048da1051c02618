/**
 * What tsgrad needs from the place it runs: files, gunzip, downloads, environment variables and worker
 * threads. `#platform` (package.json `imports`) picks `./node/index.ts` under Node and
 * `./browser/index.ts` in bundlers and browsers; the rest of `src/` imports only this interface's
 * implementation through `#platform`, never a `node:` module.
 */

/** Progress of one transfer, as `onProgress` callbacks receive it. */
export interface TransferProgress {
  /** What is being fetched (a URL, or a file name). */
  readonly name: string;
  /** Bytes received so far. */
  readonly loaded: number;
  /** Bytes announced by the server, when it announced them. */
  readonly total: number | undefined;
}

/** Options of `downloadFile`. */
export interface DownloadOptions {
  /** Hex md5 the downloaded bytes must have. */
  expectedMd5?: string;
  /** Exact size the download must have. */
  expectedBytes?: number;
  /** Draw a progress bar on stderr. Default: only when stderr is a terminal. */
  progress?: boolean;
  /** Give up when no data arrives for this long. Default 30 000 ms. */
  timeoutMs?: number;
}

/** The two helper-thread scripts tsgrad starts. Only "gemm" today (./src/tensor/kernels/gemm-worker.ts). */
export type WorkerKind = "gemm";

/** The caller's side of a helper thread. */
export interface WorkerHandle {
  postMessage(message: unknown): void;
  /** Settles true once the worker posts its first message, false if it fails to load or exits. */
  readonly started: Promise<boolean>;
  terminate(): void;
  /** Keep the process alive while the worker runs (Node; a no-op in browsers). */
  ref(): void;
  /** Let the process exit while the worker runs (Node; a no-op in browsers). */
  unref(): void;
}

/** A helper thread's side: the data it was started with, and its messages. */
export interface WorkerPort {
  /** What the caller passed to `spawnWorker`. */
  readonly data: unknown;
  postMessage(message: unknown): void;
  /** The next message from the caller (synchronous under Node when one is queued). */
  receive(): unknown;
}

/** Everything platform-specific, one object per platform. */
export interface Platform {
  /** "node" or "browser" (any runtime without Node's modules). */
  readonly name: "node" | "browser";
  /** An environment variable, or undefined (always undefined in a browser). */
  env(name: string): string | undefined;
  /** Prints a warning once per message (process.emitWarning / console.warn). */
  warn(message: string): void;
  /** Whether this thread may sleep in `Atomics.wait` (not a browser's main thread). */
  readonly canBlock: boolean;
  /** Threads that can run at once here: 1 where workers cannot share memory (a page that is not cross-origin isolated). */
  hardwareThreads(): number;
  /** Starts a helper thread running `kind`'s script with `data`, or returns null where none can be started. */
  spawnWorker(kind: WorkerKind, data: unknown): WorkerHandle | null;
  /** Where `kind`'s worker script is served (browsers, when tsgrad is bundled; ignored under Node). */
  setWorkerUrl(kind: WorkerKind, url: string | URL): void;
  /** Inside a helper thread: its port (throws elsewhere). */
  workerPort(): Promise<WorkerPort>;
  /** Whether `readFileSync`, `fileExists` and `writeFile` work (false in a browser). */
  readonly hasFileSystem: boolean;
  readFileSync(path: string): Uint8Array;
  fileExists(path: string): boolean;
  /** Writes `contents` to `path`, creating parent directories; returns the absolute path. */
  writeFile(path: string, contents: string | Uint8Array): string;
  /** An absolute path (Node) or absolute URL (browser: relative to the page). */
  resolvePath(path: string): string;
  /** `dir` and `name` joined: a path under Node, a URL in a browser. */
  joinPath(dir: string, name: string): string;
  /** Synchronous gunzip (Node), or undefined where only `gunzip` is available. */
  readonly gunzipSync: ((gz: Uint8Array) => Uint8Array) | undefined;
  /** Gunzips `gz` (zlib under Node, `DecompressionStream` in a browser). */
  gunzip(gz: Uint8Array): Promise<Uint8Array>;
  /** zlib-compresses (RFC 1950) synchronously, or undefined where no compressor is at hand. */
  readonly deflateSync: ((bytes: Uint8Array) => Uint8Array) | undefined;
  /** Downloads `url` into the file `dest` (Node; throws in a browser). */
  downloadFile(url: string, dest: string, options: DownloadOptions): Promise<void>;
}
