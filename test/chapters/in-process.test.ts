/**
 * The chapters as modules, the way the web page uses them: importing one runs nothing, and its
 * `chapter.run(host)` sends every line and figure to the host it is given.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runChapter, type ChapterDefinition } from "../../src/d2l/index.js";
import { captureHost } from "../d2l/support.js";
import { findAll, parseXml, withClass } from "../helpers/xml.js";

const CHAPTERS = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "chapters");

async function load(file: string): Promise<ChapterDefinition> {
  return ((await import(join(CHAPTERS, file))) as { chapter: ChapterDefinition }).chapter;
}

test("every chapter module exports its definition and runs nothing when imported", async () => {
  const files = readdirSync(CHAPTERS).filter((f) => /^3\.\d-.*\.ts$/.test(f)).sort();
  assert.is(files.length, 7);
  const written: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stdout.write;
  let chapters: ChapterDefinition[];
  try {
    chapters = await Promise.all(files.map(load));
  } finally {
    process.stdout.write = write;
  }
  assert.equal(written, [], "importing printed nothing");
  assert.equal(chapters.map((c) => c.section), files.map((f) => f.slice(0, 3)));
  for (const c of chapters) assert.ok(c.title.length > 0 && typeof c.run === "function", c.section);
});

test("3.1 run in-process: lines and the figure reach the host", async () => {
  const { host, text, figures } = captureHost();
  await runChapter(await load("3.1-linear-regression.ts"), host);
  assert.ok(text().includes("both give the same sum: 20000 and 20000"), text());
  const svg = parseXml(figures.get("3.1-normal.svg")!);
  assert.is(findAll(svg, "path", withClass("series")).length, 3);
});

test("3.4 run in-process with the book's example", async () => {
  const { host, text, shown } = captureHost();
  await runChapter(await load("3.4-softmax-regression.ts"), host);
  assert.ok(text().includes("12 weights + 3 biases = 15 parameters"), text());
  assert.ok(text().includes("accuracy 0.5"), text());
  assert.equal(shown, []);
});

test.run();
