/** Downloading one file to disk (Node; the work is done by the platform layer, ../platform/node/download.ts). */
import { platform } from "#platform";
import type { DownloadOptions } from "../platform/types.js";

export type { DownloadOptions } from "../platform/types.js";

/**
 * Downloads `url` to `dest`: follows redirects, streams into a temporary file next to `dest`, checks
 * size and md5, then renames it into place. On failure the temporary file is removed and the Error
 * names the URL and what went wrong; `dest` is never left half-written. Needs a file system: in a
 * browser it rejects (use `fetchBytes`). torchvision: `torchvision.datasets.utils.download_url`.
 * @example
 * await downloadFile("http://example.org/t10k-labels-idx1-ubyte.gz", "data/t10k-labels-idx1-ubyte.gz",
 *   { expectedMd5: "bb300cfdad3c16e7a12a480ee83cd310" });
 */
export function downloadFile(url: string, dest: string, options: DownloadOptions = {}): Promise<void> {
  return platform.downloadFile(url, dest, options);
}
