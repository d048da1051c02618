/** Fetching a file's bytes with progress, over the web platform's `fetch` (browsers, and Node ≥ 18). */
import type { TransferProgress } from "../platform/types.js";

export type { TransferProgress } from "../platform/types.js";

/** Options of {@link fetchBytes}. */
export interface FetchBytesOptions {
  /** Called as chunks arrive (and once at the end). */
  onProgress?: (progress: TransferProgress) => void;
  /** Aborts the transfer. */
  signal?: AbortSignal;
}

/**
 * GETs `url` and returns its body as bytes, reporting progress as chunks arrive. A non-2xx status or
 * a body shorter than its Content-Length is an Error naming the URL.
 * @example const gz = await fetchBytes("data/fashion-mnist/t10k-labels-idx1-ubyte.gz", { onProgress: console.log });
 */
export async function fetchBytes(url: string, options: FetchBytesOptions = {}): Promise<Uint8Array> {
  const { onProgress, signal } = options;
  let response: Response;
  try {
    response = await fetch(url, signal === undefined ? {} : { signal });
  } catch (err) {
    throw new Error(`fetchBytes: cannot fetch ${url} (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!response.ok) throw new Error(`fetchBytes: ${url} answered HTTP ${response.status} ${response.statusText}`.trimEnd());
  const header = response.headers.get("content-length");
  // A compressed transfer announces the compressed size: the count would not match the bytes read.
  const encoded = (response.headers.get("content-encoding") ?? "identity") !== "identity";
  const total = header === null || encoded ? undefined : Number(header);
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body?.getReader();
  try {
    for (;;) {
      const next = await reader?.read();
      if (next === undefined || next.done) break;
      chunks.push(next.value);
      loaded += next.value.length;
      onProgress?.({ name: url, loaded, total });
    }
  } catch (err) {
    const of = total === undefined ? "" : ` of ${total}`;
    throw new Error(`fetchBytes: ${url} broke off after ${loaded}${of} bytes (${err instanceof Error ? err.message : String(err)})`);
  }
  if (total !== undefined && loaded !== total) throw new Error(`fetchBytes: ${url} sent ${loaded} bytes but announced ${total}`);
  onProgress?.({ name: url, loaded, total: total ?? loaded });
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
