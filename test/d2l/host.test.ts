import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randn } from "../../src/index.js";
import { parseArgs, runChapter, runIfMain, type ChapterDefinition } from "../../src/d2l/index.js";
import { nodeHost } from "../../src/d2l/node-host.js";
import { captureHost } from "./support.js";

const drawsOneNumber: ChapterDefinition = {
  section: "0.0",
  title: "A test chapter",
  defaults: { epochs: 2 },
  async run(host) {
    host.print(`epochs ${host.args.epochs}, draw ${randn(1).item()}`);
    host.figure("x.svg", "<svg/>");
  },
};

test("runChapter seeds the generator from host.args.seed before running", async () => {
  const first = captureHost({ seed: 5 });
  const again = captureHost({ seed: 5 });
  const other = captureHost({ seed: 6 });
  for (const { host } of [first, again, other]) await runChapter(drawsOneNumber, host);
  assert.is(first.text(), again.text());
  assert.is.not(first.text(), other.text());
  assert.equal(first.shown, ["x.svg"]);
});

test("runIfMain does nothing when the module is not the entry script", async () => {
  let ran = false;
  await runIfMain("file:///nowhere/not-the-entry.ts", { ...drawsOneNumber, run: async () => void (ran = true) });
  await runIfMain("https://example.com/chapter.js", { ...drawsOneNumber, run: async () => void (ran = true) });
  assert.not.ok(ran);
});

test("nodeHost prints lines, writes figures under --out and announces each file once", () => {
  const dir = mkdtempSync(join(tmpdir(), "tsgrad-host-"));
  try {
    const written: string[] = [];
    const host = nodeHost(parseArgs(["--out", join(dir, "figs")], {}), { write: (s: string) => written.push(s) });
    host.print("hello");
    host.figure("a.svg", "<svg>1</svg>");
    host.figure("a.svg", "<svg>2</svg>");
    assert.equal(written, ["hello\n", `wrote ${join(dir, "figs", "a.svg")}\n`]);
    assert.is(readFileSync(join(dir, "figs", "a.svg"), "utf8"), "<svg>2</svg>", "the rewrite replaced the file");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
