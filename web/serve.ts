/**
 * Serves the built page (web/dist) on 127.0.0.1 with the headers that make it cross-origin isolated
 * (COOP same-origin, COEP require-corp: SharedArrayBuffer, hence a second matmul thread), and the
 * Fashion-MNIST files found on Node's search path ($FASHION_MNIST_DIR, data/fashion-mnist/,
 * /usr/share/datasets/fashion-mnist/) under /data/fashion-mnist/.
 * Run: `npm run web [-- --port 8080] [--no-isolation]`; stop with Ctrl-C.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { FASHION_MNIST_FILES, fashionMnistSearchDirs } from "../src/data/fashion-mnist-files.js";
import { WEB_DIST } from "./build.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".gz": "application/gzip",
};
const DATA_PREFIX = "/data/fashion-mnist/";

/** Options of {@link serveWeb}. */
export interface ServeOptions {
  /** Port on 127.0.0.1; 0 picks a free one. Default 8080. */
  port?: number;
  /** Send COOP/COEP (default true); false serves the same page without threads. */
  isolated?: boolean;
  /** Directory of the built site. Default web/dist. */
  root?: string;
}

/** The first directory on the search path holding `name` (one of the four official files). */
function fashionMnistFile(name: string): string | undefined {
  if (!(FASHION_MNIST_FILES as readonly string[]).includes(name)) return undefined;
  for (const { dir } of fashionMnistSearchDirs()) {
    if (dir !== undefined && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The file a URL path names inside `root`, or undefined (outside it, or missing). */
function siteFile(root: string, pathname: string): string | undefined {
  const relative = normalize(decodeURIComponent(pathname === "/" ? "/index.html" : pathname)).replace(/^([/\\])+/, "");
  const file = resolve(root, relative);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

function handler(root: string, isolated: boolean) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const { pathname } = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = pathname.startsWith(DATA_PREFIX) ? fashionMnistFile(pathname.slice(DATA_PREFIX.length)) : siteFile(root, pathname);
    const headers: Record<string, string | number> = { "cache-control": "no-cache", "x-content-type-options": "nosniff" };
    if (isolated) {
      headers["cross-origin-opener-policy"] = "same-origin";
      headers["cross-origin-embedder-policy"] = "require-corp";
      headers["cross-origin-resource-policy"] = "same-origin";
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...headers, allow: "GET, HEAD" }).end();
      return;
    }
    if (file === undefined) {
      const hint = pathname.startsWith(DATA_PREFIX) ? " (Fashion-MNIST: set $FASHION_MNIST_DIR, or apt-get install dataset-fashion-mnist)" : "";
      res.writeHead(404, { ...headers, "content-type": "text/plain; charset=utf-8" }).end(`not found: ${pathname}${hint}\n`);
      return;
    }
    res.writeHead(200, { ...headers, "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-length": statSync(file).size });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  };
}

/**
 * Starts the server; resolves with its URL and a `close`.
 * @example const { url, close } = await serveWeb({ port: 0 }); … await close();
 */
export async function serveWeb(options: ServeOptions = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const { port = 8080, isolated = true, root = WEB_DIST } = options;
  const server = createServer(handler(resolve(root), isolated));
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", ok);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}

/**
 * The command line of `npm run web`: `--port N` (or `--port=N`) and `--no-isolation`.
 * @example parseServeFlags(["--port", "9000"]) // { port: 9000 }
 */
export function parseServeFlags(argv: readonly string[]): ServeOptions {
  const options: ServeOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split("=", 2) as [string, string | undefined];
    if (flag === "--port") {
      const value = Number(inline ?? argv[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`serve: --port expects a port number 0…65535, got ${inline ?? argv[i]}`);
      options.port = value;
    } else if (flag === "--no-isolation") {
      options.isolated = false;
    } else {
      throw new Error(`serve: unknown argument ${JSON.stringify(argv[i])} (usage: npm run web -- [--port N] [--no-isolation])`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  try {
    const options = parseServeFlags(process.argv.slice(2));
    if (!existsSync(join(options.root ?? WEB_DIST, "index.html"))) throw new Error("serve: web/dist is empty; run `npm run build:web` first");
    const { url } = await serveWeb(options);
    console.log(`tsgrad's chapter 3 at ${url} (${options.isolated === false ? "not isolated: one thread" : "cross-origin isolated"}); Ctrl-C stops`);
  } catch (err) {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}

// Not `await` at top level: the tests load this module through tsx's CommonJS transform.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
