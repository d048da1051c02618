/** A local HTTP server on 127.0.0.1 serving in-memory files, for the download tests. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Serves `files` under `/files/<name>`; `/redirect/<name>` answers 302 to `/files/<name>`;
 * `/short/<name>` announces the full length but sends half and hangs up; anything else is 404.
 * Resolves with the base URL (`http://127.0.0.1:<port>/`) and a close function.
 */
export async function serveFiles(files: Record<string, Uint8Array>): Promise<{ base: string; close: () => Promise<void>; hits: string[] }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = req.url ?? "/";
    hits.push(url);
    const [, route, name = ""] = url.split("/");
    const body = files[name];
    if (route === "redirect" && body !== undefined) {
      res.writeHead(302, { location: `/files/${name}` }).end();
    } else if (route === "files" && body !== undefined) {
      res.writeHead(200, { "content-length": body.length }).end(body);
    } else if (route === "short" && body !== undefined) {
      res.writeHead(200, { "content-length": body.length });
      res.write(body.subarray(0, body.length >> 1), () => res.destroy());
    } else {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
