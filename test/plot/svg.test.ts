import { test } from "uvu";
import * as assert from "uvu/assert";
import { element, escapeXml, formatNumber, rotate, svgDocument, textElement, uniqueId } from "../../src/plot/svg.js";
import { findAll, parseXml, textContent } from "../helpers/xml.js";

test("escapeXml replaces the five XML specials and survives a parse", () => {
  const nasty = `a < b & "c" > 'd'`;
  assert.is(escapeXml(nasty), "a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;");
  const doc = parseXml(element("t", { title: nasty }, escapeXml(nasty)));
  assert.is(doc.attrs["title"], nasty);
  assert.is(doc.text, nasty);
});

test("formatNumber: two decimals at most, no trailing zeros, no -0", () => {
  assert.is(formatNumber(12.3456), "12.35");
  assert.is(formatNumber(3), "3");
  assert.is(formatNumber(0.1 + 0.2), "0.3");
  assert.is(formatNumber(-0.001), "0");
  assert.is(formatNumber(-2.5), "-2.5");
  assert.throws(() => formatNumber(NaN), /formatNumber: cannot write NaN as an SVG coordinate/);
});

test("element: attributes in order, undefined ones dropped, self-closing when empty", () => {
  assert.is(element("rect", { x: 0, y: 1.005, fill: undefined, class: "a" }), '<rect x="0" y="1" class="a"/>');
  assert.is(element("g", {}, "<a/>", "<b/>"), "<g><a/><b/></g>");
});

test("textElement: one <tspan> per line, the first keeping the <text>'s dy", () => {
  const doc = parseXml(textElement("true\npred", { x: 10, y: 20, dy: "-0.25em" }));
  const lines = findAll(doc, "tspan");
  assert.equal(lines.map(textContent), ["true", "pred"]);
  assert.equal(lines.map((l) => [l.attrs["x"], l.attrs["dy"]]), [["10", undefined], ["10", "1.2em"]]);
  assert.is(parseXml(textElement("one & only", { x: 0 })).text, "one & only");
});

test("rotate and uniqueId", () => {
  assert.is(rotate(-90, 8.004, 160), "rotate(-90 8 160)");
  assert.is.not(uniqueId("clip"), uniqueId("clip"));
});

test("svgDocument: declaration, namespace, size, white background", () => {
  const text = svgDocument(100, 50, "");
  assert.ok(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  const doc = parseXml(text);
  assert.equal([doc.attrs["width"], doc.attrs["height"], doc.attrs["viewBox"]], ["100", "50", "0 0 100 50"]);
  assert.is(findAll(doc, "rect")[0]?.attrs["fill"], "white");
});

test.run();
