/**
 * The message of a caught value, for wrapping a low-level error in one that names the file or URL.
 * @example errorMessage(new Error("ENOENT")) // "ENOENT"
 */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
