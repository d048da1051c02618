import { test } from "uvu";
import * as assert from "uvu/assert";
import { findAll, findOne, numberAttr, parseXml, textContent } from "../helpers/xml.js";

test("parses declaration, comments, nesting, attributes and decoded entities", () => {
  const doc = parseXml(
    `<?xml version="1.0" encoding="UTF-8"?>\n<!-- figure -->\n` +
      `<svg a='1' b="x &amp; y &lt;&#65;&#x42;&gt;"><g><rect width="3.5"/></g>` +
      `<text>a &quot;b&quot; <![CDATA[<raw>]]></text></svg>\n`,
  );
  assert.is(doc.name, "svg");
  assert.equal(doc.attrs, { a: "1", b: "x & y <AB>" });
  assert.is(numberAttr(findOne(doc, "rect"), "width"), 3.5);
  assert.is(findOne(doc, "text").text, 'a "b" <raw>');
  assert.equal(
    findAll(doc, "*").map((el) => el.name),
    ["svg", "g", "rect", "text"],
  );
  assert.is(textContent(parseXml("<a>x<b>y</b></a>")), "xy");
});

const MALFORMED: readonly (readonly [string, string, RegExp])[] = [
  ["unclosed tag", "<svg><g></svg>", /<\/svg> closes <g>/],
  ["root never closed", "<svg><g/>", /<svg> is never closed/],
  ["bad nesting", "<a><b></a></b>", /<\/a> closes <b>/],
  ["unquoted attribute", "<a x=1/>", /must be quoted/],
  ["attribute without value", "<a x/>", /expected "="/],
  ["unterminated attribute", '<a x="1/>', /unterminated value of attribute x/],
  ["duplicate attribute", '<a x="1" x="2"/>', /duplicate attribute x/],
  ["attributes run together", '<a x="1"y="2"/>', /separated by whitespace/],
  ["'<' in attribute", '<a x="a<b"/>', /'<' in the value of attribute x/],
  ["unknown entity", "<a>&nbsp;</a>", /unknown entity &nbsp;/],
  ["bare ampersand", "<a>AT&T rocks</a>", /'&' not starting a reference/],
  ["invalid character reference", "<a>&#0;</a>", /invalid character reference/],
  ["control character", "<a>\u0001</a>", /invalid character U\+1/],
  ["two roots", "<a/><b/>", /content after the root element/],
  ["text outside the root", "<a/>text", /content after the root element/],
  ["no root", "  ", /expected the root element/],
  ["double hyphen in comment", "<a><!-- x -- y --></a>", /'--' inside a comment/],
  ["late XML declaration", '<a/><?xml version="1.0"?>', /XML declaration must come first/],
];

for (const [what, source, message] of MALFORMED) {
  test(`rejects ${what}`, () => {
    assert.throws(() => parseXml(source), message);
  });
}

test("errors say where: line and column", () => {
  assert.throws(() => parseXml("<a>\n  <b>\n</a>"), /line 3, column 1/);
});

test("numberAttr and findOne fail loudly", () => {
  const doc = parseXml('<a x="wide"/>');
  assert.throws(() => numberAttr(doc, "x"), /numberAttr: <a> has x="wide"/);
  assert.throws(() => numberAttr(doc, "y"), /not a number/);
  assert.throws(() => findOne(doc, "b"), /no <b> element/);
});

test.run();
