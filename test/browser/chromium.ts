/** Debian's Chromium driven by playwright-core, for the browser tests and the `browser` benchmark. */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env["TSGRAD_CHROMIUM"] ?? "/usr/bin/chromium";

/** True when a Chromium is installed where the tests look for it. */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** A headless Chromium with a fresh profile; `close` ends it and removes the profile. */
export interface Session {
  context: BrowserContext;
  /** A new page whose console errors and uncaught exceptions are collected in `errors`. */
  newPage(): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), "tsgrad-chromium-"));
  // A persistent context is how playwright takes --user-data-dir: a fresh directory every time.
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: ARGS, headless: true, viewport: { width: 1280, height: 900 } });
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(msg.text());
      });
      page.on("pageerror", (err) => errors.push(err.message));
      return { page, errors };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser, Page };
