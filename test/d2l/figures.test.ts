import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { arange, fromArray, tensor, type Tensor } from "../../src/index.js";
import { plot, predictCh3, showImages, toGrayImages } from "../../src/d2l/index.js";
import { assertTensor, throwsError } from "../helpers/assert.js";
import { findAll, parseXml, textContent, withClass, type XmlElement } from "../helpers/xml.js";
import { captureSink, withTempDir } from "./support.js";

/** Parses the figure the sink says was written, checking it is the file at `path`. */
function readAnnounced(text: string, path: string): XmlElement {
  assert.is(text, `wrote ${path}\n`);
  return parseXml(readFileSync(path, "utf8"));
}

test("plot: one curve per y list against a shared x, named by the legend", () => {
  withTempDir((dir) => {
    const { sink, text } = captureSink();
    const x = arange(0, 5);
    const path = plot(x, [x.mul(2), [0, 1, 0, 1, 0]], { legend: ["2x", "zigzag"], xlabel: "x", path: join(dir, "p.svg"), sink });
    const svg = readAnnounced(text(), path);
    const curves = findAll(svg, "path", withClass("series"));
    assert.equal(curves.map((c) => c.attrs["data-name"]), ["2x", "zigzag"]);
    for (const c of curves) assert.is((c.attrs["d"] ?? "").match(/[ML]/g)?.length, 5);
  });
});

test("plot: a single y list with the scatter fmt draws one dot per point", () => {
  withTempDir((dir) => {
    const { sink, text } = captureSink();
    const path = plot([1, 2, 3], tensor([[4], [5], [6]]), { fmts: ["scatter"], path: join(dir, "s.svg"), sink });
    const svg = readAnnounced(text(), path);
    assert.is(findAll(svg, "circle").length, 3);
    throwsError(() => plot([[1], [2]], [[1], [2], [3]], { path: join(dir, "bad.svg"), sink }), "plot", "2 x lists for 3 curves");
  });
});

test("toGrayImages splits [n, 1, H, W] into n H×W images", () => {
  const images = toGrayImages(arange(0, 12).reshape(3, 1, 2, 2));
  assert.is(images.length, 3);
  assert.equal([images[1]!.height, images[1]!.width], [2, 2]);
  assert.equal(Array.from(images[2]!.pixels), [8, 9, 10, 11]);
  throwsError(() => toGrayImages(tensor([1, 2])), "toGrayImages", "[2]");
});

test("showImages writes one image per tensor image with its title", () => {
  withTempDir((dir) => {
    const { sink, text } = captureSink();
    const imgs = fromArray(new Float32Array(3 * 4).fill(0.5), [3, 1, 2, 2]);
    const path = showImages(imgs, 1, 3, { titles: ["a", "b", "c"], path: join(dir, "grid.svg"), sink });
    const svg = readAnnounced(text(), path);
    assert.is(findAll(svg, "image").length, 3);
    assert.equal(findAll(svg, "text", withClass("title")).map(textContent), ["a", "b", "c"]);
  });
});

test("predictCh3 titles the first n test images 'true\\npred' and returns the labels", () => {
  withTempDir((dir) => {
    const { sink, text } = captureSink();
    const X = fromArray(new Float32Array(4 * 4), [4, 1, 2, 2]);
    const y = tensor([0, 1, 9, 2]);
    // A net that always scores class 9 highest.
    const net = (inputs: Tensor): Tensor => fromArray(Array.from({ length: inputs.shape[0]! * 10 }, (_, i) => (i % 10 === 9 ? 1 : 0)), [inputs.shape[0]!, 10]);
    const path = join(dir, "pred.svg");
    const result = predictCh3(net, [[X, y]], 3, { path, sink });
    assert.equal(result.trues, ["t-shirt", "trouser", "ankle boot"]);
    assert.equal(result.preds, ["ankle boot", "ankle boot", "ankle boot"]);
    const svg = readAnnounced(text(), result.figure);
    assert.is(findAll(svg, "image").length, 3);
    assert.equal(findAll(svg, "text", withClass("title")).map(textContent), ["t-shirtankle boot", "trouserankle boot", "ankle bootankle boot"]);
    assertTensor(y, [4], [0, 1, 9, 2], "labels untouched");
  });
});

test.run();
