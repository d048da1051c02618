import { test } from "uvu";
import * as assert from "uvu/assert";
import { arange, fromArray, tensor, type Tensor } from "../../src/index.js";
import { plot, predictCh3, showImages, toGrayImages } from "../../src/d2l/index.js";
import { viridis } from "../../src/plot/index.js";
import { assertTensor, throwsError } from "../helpers/assert.js";
import { findAll, parseXml, textContent, withClass } from "../helpers/xml.js";
import { captureHost } from "./support.js";

test("plot: one curve per y list against a shared x, named by the legend", () => {
  const x = arange(0, 5);
  const svg = parseXml(plot(x, [x.mul(2), [0, 1, 0, 1, 0]], { legend: ["2x", "zigzag"], xlabel: "x" }));
  const curves = findAll(svg, "path", withClass("series"));
  assert.equal(curves.map((c) => c.attrs["data-name"]), ["2x", "zigzag"]);
  for (const c of curves) assert.is((c.attrs["d"] ?? "").match(/[ML]/g)?.length, 5);
});

test("plot: a single y list with the scatter fmt draws one dot per point", () => {
  const svg = parseXml(plot([1, 2, 3], tensor([[4], [5], [6]]), { fmts: ["scatter"] }));
  assert.is(findAll(svg, "circle").length, 3);
  throwsError(() => plot([[1], [2]], [[1], [2], [3]]), "plot", "2 x lists for 3 curves");
});

test("toGrayImages splits [n, 1, H, W] into n H×W images", () => {
  const images = toGrayImages(arange(0, 12).reshape(3, 1, 2, 2));
  assert.is(images.length, 3);
  assert.equal([images[1]!.height, images[1]!.width], [2, 2]);
  assert.equal(Array.from(images[2]!.pixels), [8, 9, 10, 11]);
  throwsError(() => toGrayImages(tensor([1, 2])), "toGrayImages", "[2]");
});

/** The bytes of the PNG inside an `<image href="data:image/png;base64,…">`. */
function pngBytes(href: string | undefined): Buffer {
  const prefix = "data:image/png;base64,";
  assert.ok(href?.startsWith(prefix), `a PNG data URI: ${href?.slice(0, 30)}`);
  return Buffer.from(href!.slice(prefix.length), "base64");
}

/** Colour type byte of a PNG's IHDR chunk (offset 25): 0 gray, 2 RGB. */
const colourType = (png: Buffer): number => png[25]!;

test("showImages: one image per tensor image with its title, viridis by default, gray on request", () => {
  const imgs = fromArray(new Float32Array(3 * 4).fill(0.5), [3, 1, 2, 2]);
  const svg = parseXml(showImages(imgs, 1, 3, ["a", "b", "c"]));
  const images = findAll(svg, "image");
  assert.is(images.length, 3);
  assert.equal(findAll(svg, "text", withClass("title")).map(textContent), ["a", "b", "c"]);
  assert.is(colourType(pngBytes(images[0]!.attrs["href"])), 2, "viridis pixels are RGB");
  assert.equal(viridis(0), [0x44, 0x01, 0x54], "viridis starts at matplotlib's dark purple #440154");
  const gray = findAll(parseXml(showImages(imgs, 1, 3, undefined, 1.5, "gray")), "image");
  assert.is(colourType(pngBytes(gray[0]!.attrs["href"])), 0, "gray pixels are one gray byte");
});

test("predictCh3 titles the first n test images 'true\\npred', shows them, and returns the labels", () => {
  const { host, figures } = captureHost();
  const X = fromArray(new Float32Array(4 * 4), [4, 1, 2, 2]);
  const y = tensor([0, 1, 9, 2]);
  // A net that always scores class 9 highest.
  const net = (inputs: Tensor): Tensor => fromArray(Array.from({ length: inputs.shape[0]! * 10 }, (_, i) => (i % 10 === 9 ? 1 : 0)), [inputs.shape[0]!, 10]);
  const result = predictCh3(net, [[X, y]], { host, figure: "pred.svg" }, 3);
  assert.equal(result.trues, ["t-shirt", "trouser", "ankle boot"]);
  assert.equal(result.preds, ["ankle boot", "ankle boot", "ankle boot"]);
  const svg = parseXml(figures.get("pred.svg")!);
  assert.is(findAll(svg, "image").length, 3);
  assert.equal(findAll(svg, "text", withClass("title")).map(textContent), ["t-shirtankle boot", "trouserankle boot", "ankle bootankle boot"]);
  assertTensor(y, [4], [0, 1, 9, 2], "labels untouched");
});

test.run();
