/** Attribute values accepted by {@link element}; `undefined` leaves the attribute out. */
export type AttributeValue = string | number | undefined;

/** Attributes of one SVG element, written in insertion order. */
export type Attributes = Readonly<Record<string, AttributeValue>>;

/** Font size of tick labels, legends and titles, in pixels. */
export const FONT_SIZE = 10;

const XML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/**
 * Escapes text for XML element content or a quoted attribute value.
 *
 * @param text - any string, e.g. a legend entry or an axis label
 * @returns the text with `& < > " '` replaced by entities
 * @example escapeXml('a < b & "c"') // 'a &lt; b &amp; &quot;c&quot;'
 *
 * matplotlib: what its SVG backend does to `Text` before writing it.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

/**
 * Rounds a coordinate to the precision SVG files are written with: two decimals.
 *
 * @param value - pixels, a stroke width, an opacity
 * @returns `value` rounded to the nearest 0.01
 * @example roundCoordinate(12.3456) // 12.35
 */
export function roundCoordinate(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Formats a coordinate for SVG: at most two decimals, no trailing zeros, never `-0`.
 *
 * @param value - a finite number (pixels, a stroke width, an opacity)
 * @returns the shortest decimal string within 0.005 of `value`
 * @example formatNumber(12.3456) // "12.35"
 *
 * matplotlib: the `%f`-style rounding of its SVG backend.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`formatNumber: cannot write ${value} as an SVG coordinate`);
  }
  // String(-0) is "0", so tiny negatives come out as "0" without a special case.
  return String(roundCoordinate(value));
}

/**
 * Builds one element as SVG text; numbers in attributes go through {@link formatNumber}.
 *
 * @param name - the tag name, e.g. `"rect"`
 * @param attrs - attributes; values are escaped, `undefined` ones are skipped
 * @param children - already-built markup (escape plain text with {@link escapeXml} first);
 *   with no children the element is self-closing
 * @returns the element's markup
 * @example element("rect", { x: 0, y: 0, width: 10.5, height: 4 }) // '<rect x="0" y="0" width="10.5" height="4"/>'
 *
 * matplotlib: the SVG backend's `XMLWriter.element`.
 */
export function element(name: string, attrs: Attributes = {}, ...children: string[]): string {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    const text = typeof value === "number" ? formatNumber(value) : escapeXml(value);
    open += ` ${key}="${text}"`;
  }
  return children.length === 0 ? `${open}/>` : `${open}>${children.join("")}</${name}>`;
}

/**
 * Builds a `<text>` element; text holding "\n" becomes one `<tspan>` per line.
 *
 * @param text - plain text (escaped here), possibly several lines
 * @param attrs - attributes of the `<text>` element; its `x` is repeated on each line
 * @param lineHeight - distance between lines, in em
 * @returns the element's markup
 * @example textElement("true\npred", { x: 10, y: 20 }) // two <tspan>s, the second 1.2em lower
 *
 * matplotlib: `Axes.text` / `Axes.set_title` with a multi-line string.
 */
export function textElement(text: string, attrs: Attributes, lineHeight = 1.2): string {
  const lines = text.split("\n");
  if (lines.length === 1) return element("text", attrs, escapeXml(text));
  const tspans = lines.map((line, i) =>
    // The first line takes no dy of its own, so that the <text>'s dy still applies to it.
    element("tspan", { x: attrs["x"] ?? 0, dy: i === 0 ? undefined : `${lineHeight}em` }, escapeXml(line)),
  );
  return element("text", attrs, ...tspans);
}

/**
 * Writes an SVG `rotate(angle cx cy)` transform.
 *
 * @param degrees - the angle, clockwise in SVG's downward-y pixels
 * @param cx - x of the centre of rotation
 * @param cy - y of the centre of rotation
 * @returns the transform attribute value
 * @example rotate(-90, 8, 160) // "rotate(-90 8 160)"
 *
 * matplotlib: the `rotation` of a `Text`.
 */
export function rotate(degrees: number, cx: number, cy: number): string {
  return `rotate(${formatNumber(degrees)} ${formatNumber(cx)} ${formatNumber(cy)})`;
}

let idCounter = 0;

/**
 * Returns an id unique within this process, for `clipPath` references.
 *
 * @param prefix - a readable prefix, e.g. `"plot-area"`
 * @returns `${prefix}-${n}` with a counter n
 * @example uniqueId("clip") // "tsgrad-clip-1"
 *
 * matplotlib: the hashed `id`s its SVG backend gives clip paths.
 */
export function uniqueId(prefix: string): string {
  idCounter += 1;
  return `tsgrad-${prefix}-${idCounter}`;
}

/**
 * Wraps figure content in a root `<svg>` element with a white background.
 *
 * @param width - figure width in pixels
 * @param height - figure height in pixels
 * @param body - the figure's markup
 * @returns a complete SVG document, XML declaration included
 * @example svgDocument(480, 320, element("circle", { cx: 5, cy: 5, r: 2 }))
 *
 * matplotlib: `Figure.savefig(..., format="svg")`.
 */
export function svgDocument(width: number, height: number, body: string): string {
  const root = element(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width,
      height,
      viewBox: `0 0 ${formatNumber(width)} ${formatNumber(height)}`,
      "font-family": "DejaVu Sans, Arial, sans-serif",
      "font-size": FONT_SIZE,
    },
    element("rect", { width, height, fill: "white" }),
    body,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}

/**
 * Estimates the rendered width of a line of text (no font metrics available in plain SVG text).
 *
 * @param text - one line of text
 * @param fontSize - font size in pixels
 * @returns an approximate width in pixels (0.6 em per character)
 * @example textWidth("train loss") // 60
 *
 * matplotlib: `Text.get_window_extent`, very roughly.
 */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  return text.length * fontSize * 0.6;
}

/**
 * Checks that a figure dimension is a positive finite number.
 *
 * @param fn - the calling function's name, used in the error
 * @param name - the option's name
 * @param value - the value to check
 * @returns `value`
 * @example positiveSize("lineChart", "width", 480) // 480
 *
 * matplotlib: the `figsize` check of `plt.figure`.
 */
export function positiveSize(fn: string, name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${fn}: ${name} must be a positive finite number, got ${value}`);
  }
  return value;
}
