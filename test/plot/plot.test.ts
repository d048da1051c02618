import { test } from "uvu";
import * as assert from "uvu/assert";
import { barChart, imageGrid, lineChart } from "../../src/plot/index.js";
import { findAll, parseXml, textContent, withClass } from "../helpers/xml.js";

// The figures chapter 3 draws, through the public plot API, each checked to parse.

function range(start: number, stop: number, step: number): number[] {
  return Array.from({ length: Math.ceil((stop - start) / step) }, (_, i) => start + i * step);
}

test("3.1: three normal densities over [-7, 7) with a legend", () => {
  const x = range(-7, 7, 0.01);
  const params = [
    [0, 1],
    [0, 2],
    [3, 1],
  ] as const;
  const series = params.map(([mu, sigma]) => ({
    name: `mean ${mu}, std ${sigma}`,
    x,
    y: x.map((v) => Math.exp(-((v - mu) ** 2) / (2 * sigma ** 2)) / Math.sqrt(2 * Math.PI * sigma ** 2)),
  }));
  const doc = parseXml(lineChart({ series, xlabel: "x", ylabel: "p(x)" }));
  assert.is(findAll(doc, "path", withClass("series")).length, 3);
  const legend = findAll(doc, "g", withClass("legend-entry")).map((entry) => textContent(entry));
  assert.equal(legend, ["mean 0, std 1", "mean 0, std 2", "mean 3, std 1"]);
});

test("3.2: scatter of 1,000 (feature, label) points", () => {
  const feature = range(0, 1000, 1).map((i) => Math.sin(i) * 2);
  const doc = parseXml(
    lineChart({ series: [{ name: "", x: feature, y: feature.map((f) => 4.2 - 3.4 * f), style: "scatter" }] }),
  );
  assert.is(findAll(doc, "circle").length, 1000);
  assert.is(findAll(doc, "g", withClass("legend")).length, 0);
});

test("3.6: the Animator figure (train loss, train acc, test acc; xlim [1, 10], ylim [0.3, 0.9])", () => {
  const epochs = range(1, 11, 1);
  const series = [
    { name: "train loss", x: epochs, y: epochs.map((e) => 0.8 - 0.035 * e) },
    { name: "train acc", x: epochs, y: epochs.map((e) => 0.7 + 0.015 * e) },
    { name: "test acc", x: epochs, y: epochs.map((e) => 0.69 + 0.014 * e) },
  ];
  const doc = parseXml(lineChart({ series, xlabel: "epoch", xlim: [1, 10], ylim: [0.3, 0.9] }));
  assert.is(textContent(findAll(doc, "text", withClass("xlabel"))[0]!), "epoch");
  assert.is(findAll(doc, "g", withClass("legend-entry")).length, 3);
});

test("3.5 / 3.6: show_images and predict_ch3 grids", () => {
  const image = { height: 28, width: 28, pixels: new Float32Array(784).fill(0.5) };
  const labels = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag"];
  const grid = parseXml(imageGrid({ images: Array(18).fill(image), numRows: 2, numCols: 9, titles: [...labels, ...labels] }));
  assert.is(findAll(grid, "image").length, 18);
  const predictions = parseXml(
    imageGrid({ images: Array(6).fill(image), numRows: 1, numCols: 6, titles: Array(6).fill("coat\nshirt") }),
  );
  assert.is(findAll(predictions, "tspan").length, 12);
});

test("benchmarks: the vectorization ladder on a log axis", () => {
  const doc = parseXml(
    barChart({
      bars: [
        { label: "element-wise loop", value: 0.039 },
        { label: "vectorized add", value: 3.3e-6 },
      ],
      ylabel: "seconds",
      yscale: "log",
      title: "10,000-element add",
    }),
  );
  assert.is(findAll(doc, "g", withClass("bar")).length, 2);
});

test.run();
