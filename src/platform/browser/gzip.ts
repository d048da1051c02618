/** Browsers: gunzip through the Compression Streams API. */

/** Gunzips `gz` with `DecompressionStream("gzip")`; rejects on corrupt or truncated input. */
export async function gunzip(gz: Uint8Array): Promise<Uint8Array> {
  if (typeof DecompressionStream !== "function") throw new Error("gunzip: this browser has no DecompressionStream");
  const stream = new Blob([gz as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
