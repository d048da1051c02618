import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative } from "node:path";
import { lineChart } from "../../src/plot/line-chart.js";
import { writeFigure } from "../../src/plot/write.js";
import { parseXml } from "../helpers/xml.js";

test("writeFigure creates parent directories and returns the absolute path", () => {
  const root = mkdtempSync(join(tmpdir(), "tsgrad-plot-"));
  try {
    const svg = lineChart({ series: [{ name: "loss", x: [1, 2], y: [0.5, 0.4] }] });
    const target = join(root, "figures", "nested", "loss.svg");
    const written = writeFigure(relative(process.cwd(), target), svg);
    assert.ok(isAbsolute(written));
    assert.is(written, target);
    const text = readFileSync(written, "utf8");
    assert.is(text, svg);
    assert.is(parseXml(text).name, "svg");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("writeFigure rejects an empty path and text that is not SVG", () => {
  assert.throws(() => writeFigure("", "<svg/>"), /writeFigure: path must be a non-empty string/);
  assert.throws(() => writeFigure("x.svg", "hello"), /writeFigure: expected SVG text for x.svg, got "hello"/);
});

test.run();
