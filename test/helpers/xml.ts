/**
 * A small, strict XML 1.0 well-formedness checker for tests: it parses a document into a tree
 * of elements and throws on anything malformed (unclosed or badly nested tags, unquoted or
 * duplicate attributes, `<` in attribute values, unknown entities, invalid characters, text
 * outside the root). No DTD processing: a DOCTYPE without an internal subset is skipped.
 */

/** One element: its name, attributes (entities decoded), child elements and direct text. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (and CDATA), entities decoded, child elements' text excluded. */
  readonly text: string;
}

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
};

const NAME = /[A-Za-z_:\p{L}][A-Za-z0-9._:\-\p{L}\p{N}]*/uy;
const WHITESPACE = /[ \t\r\n]*/y;
const INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

interface MutableElement {
  name: string;
  attrs: Record<string, string>;
  children: MutableElement[];
  text: string;
}

class XmlParser {
  private pos = 0;

  constructor(private readonly src: string) {}

  fail(message: string, at = this.pos): never {
    const before = this.src.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    throw new Error(`parseXml: ${message} at line ${line}, column ${column}`);
  }

  parseDocument(): MutableElement {
    const invalid = INVALID_CHAR.exec(this.src);
    if (invalid !== null) {
      this.fail(`invalid character U+${(invalid[0].codePointAt(0) ?? 0).toString(16).toUpperCase()}`, invalid.index);
    }
    if (this.src.startsWith("\uFEFF")) this.pos = 1;
    if (this.src.startsWith("<?xml", this.pos)) this.skipProcessingInstruction();
    this.skipMisc(true);
    if (!this.src.startsWith("<", this.pos)) this.fail("expected the root element");
    const root = this.parseElement();
    this.skipMisc(false);
    if (this.pos < this.src.length) this.fail("content after the root element");
    return root;
  }

  private skipWhitespace(): boolean {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.src);
    const moved = WHITESPACE.lastIndex > this.pos;
    this.pos = WHITESPACE.lastIndex;
    return moved;
  }

  /** Comments, processing instructions, whitespace (and a DOCTYPE before the root). */
  private skipMisc(beforeRoot: boolean): void {
    for (;;) {
      this.skipWhitespace();
      if (this.src.startsWith("<!--", this.pos)) this.skipComment();
      else if (this.src.startsWith("<?", this.pos)) this.skipProcessingInstruction();
      else if (beforeRoot && this.src.startsWith("<!DOCTYPE", this.pos)) this.skipDoctype();
      else return;
    }
  }

  private readName(what: string): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.src);
    if (match === null) this.fail(`expected ${what}`);
    this.pos = NAME.lastIndex;
    return match[0];
  }

  private expect(literal: string): void {
    if (!this.src.startsWith(literal, this.pos)) {
      this.fail(`expected ${JSON.stringify(literal)}, found ${JSON.stringify(this.src.slice(this.pos, this.pos + 10))}`);
    }
    this.pos += literal.length;
  }

  private skipUntil(terminator: string, what: string): string {
    const end = this.src.indexOf(terminator, this.pos);
    if (end < 0) this.fail(`unterminated ${what}`);
    const body = this.src.slice(this.pos, end);
    this.pos = end + terminator.length;
    return body;
  }

  private skipComment(): void {
    const start = this.pos;
    this.pos += 4;
    const body = this.skipUntil("-->", "comment");
    if (body.includes("--") || body.endsWith("-")) this.fail("'--' inside a comment", start);
  }

  private skipProcessingInstruction(): void {
    this.pos += 2;
    const target = this.readName("a processing instruction target");
    if (target.toLowerCase() === "xml" && this.pos !== 5 + (this.src.startsWith("\uFEFF") ? 1 : 0)) {
      this.fail("the XML declaration must come first");
    }
    this.skipUntil("?>", "processing instruction");
  }

  private skipDoctype(): void {
    const body = this.skipUntil(">", "DOCTYPE");
    if (body.includes("[")) this.fail("DOCTYPE internal subsets are not supported");
  }

  /** Decodes entity and character references in text or an attribute value. */
  private decode(raw: string, start: number): string {
    return raw.replace(/&([^;]*);?/g, (whole, body: string, offset: number) => {
      const at = start + offset;
      if (!whole.endsWith(";")) this.fail(`'&' not starting a reference (write &amp;)`, at);
      if (body.startsWith("#")) {
        const code = /^#x[0-9a-fA-F]+$/.test(body)
          ? parseInt(body.slice(2), 16)
          : /^#[0-9]+$/.test(body)
            ? parseInt(body.slice(1), 10)
            : NaN;
        if (!isXmlChar(code)) this.fail(`invalid character reference ${whole}`, at);
        return String.fromCodePoint(code);
      }
      const value = PREDEFINED_ENTITIES[body];
      if (value === undefined) this.fail(`unknown entity ${whole}`, at);
      return value;
    });
  }

  private parseAttributes(element: MutableElement): void {
    for (;;) {
      const spaced = this.skipWhitespace();
      const next = this.src[this.pos];
      if (next === ">" || next === "/" || next === undefined) return;
      if (!spaced) this.fail("attributes must be separated by whitespace");
      const name = this.readName("an attribute name");
      this.skipWhitespace();
      this.expect("=");
      this.skipWhitespace();
      const quote = this.src[this.pos];
      if (quote !== '"' && quote !== "'") this.fail(`the value of attribute ${name} must be quoted`);
      this.pos += 1;
      const valueStart = this.pos;
      const raw = this.skipUntil(quote, `value of attribute ${name}`);
      if (raw.includes("<")) this.fail(`'<' in the value of attribute ${name}`, valueStart);
      if (Object.hasOwn(element.attrs, name)) this.fail(`duplicate attribute ${name}`, valueStart);
      element.attrs[name] = this.decode(raw, valueStart);
    }
  }

  private parseElement(): MutableElement {
    const start = this.pos;
    this.expect("<");
    const element: MutableElement = { name: this.readName("an element name"), attrs: {}, children: [], text: "" };
    this.parseAttributes(element);
    if (this.src.startsWith("/>", this.pos)) {
      this.pos += 2;
      return element;
    }
    this.expect(">");
    for (;;) {
      if (this.pos >= this.src.length) this.fail(`<${element.name}> is never closed`, start);
      if (this.src.startsWith("</", this.pos)) {
        const closeStart = this.pos;
        this.pos += 2;
        const closing = this.readName("a closing tag name");
        if (closing !== element.name) this.fail(`</${closing}> closes <${element.name}>`, closeStart);
        this.skipWhitespace();
        this.expect(">");
        return element;
      }
      if (this.src.startsWith("<!--", this.pos)) this.skipComment();
      else if (this.src.startsWith("<![CDATA[", this.pos)) {
        this.pos += 9;
        element.text += this.skipUntil("]]>", "CDATA section");
      } else if (this.src.startsWith("<?", this.pos)) this.skipProcessingInstruction();
      else if (this.src.startsWith("<", this.pos)) element.children.push(this.parseElement());
      else {
        const textStart = this.pos;
        const end = this.src.indexOf("<", this.pos);
        const raw = this.src.slice(this.pos, end < 0 ? this.src.length : end);
        if (raw.includes("]]>")) this.fail("']]>' in text", textStart + raw.indexOf("]]>"));
        this.pos += raw.length;
        element.text += this.decode(raw, textStart);
      }
    }
  }
}

/**
 * Parses an XML document, throwing an `Error` naming the problem and its line and column if it
 * is not well-formed.
 *
 * @param source - the document text (an SVG file, say)
 * @returns the root element
 * @example parseXml('<svg><rect width="1"/></svg>').children[0]?.attrs.width // "1"
 */
export function parseXml(source: string): XmlElement {
  return new XmlParser(source).parseDocument();
}

/**
 * Every element named `name` in the tree (the root included), in document order, optionally
 * filtered.
 *
 * @param root - where to search
 * @param name - an element name, or `"*"` for any
 * @param predicate - an extra condition, e.g. on attributes
 * @returns the matching elements
 * @example findAll(svg, "path", (el) => el.attrs.class === "series")
 */
export function findAll(root: XmlElement, name: string, predicate: (el: XmlElement) => boolean = () => true): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (el: XmlElement): void => {
    if ((name === "*" || el.name === name) && predicate(el)) found.push(el);
    el.children.forEach(visit);
  };
  visit(root);
  return found;
}

/**
 * The first element {@link findAll} would return; throws if there is none.
 *
 * @param root - where to search
 * @param name - an element name, or `"*"`
 * @param predicate - an extra condition
 * @returns the element
 * @example findOne(svg, "clipPath").children[0]
 */
export function findOne(root: XmlElement, name: string, predicate?: (el: XmlElement) => boolean): XmlElement {
  const [first] = findAll(root, name, predicate);
  if (first === undefined) throw new Error(`findOne: no <${name}> element matches`);
  return first;
}

/**
 * A predicate for {@link findAll} / {@link findOne}: the element's `class` attribute lists `name`.
 *
 * @param name - one class name
 * @returns the predicate
 * @example findAll(svg, "g", withClass("legend-entry"))
 */
export function withClass(name: string): (el: XmlElement) => boolean {
  return (el) => (el.attrs["class"] ?? "").split(/\s+/).includes(name);
}

/**
 * All text inside an element: its own text, then its children's, depth first (the tree does
 * not record how an element's own text interleaves with its children).
 *
 * @param el - the element
 * @returns the concatenated text
 * @example textContent(parseXml("<a>x<b>y</b></a>")) // "xy" (own text first, then children's)
 */
export function textContent(el: XmlElement): string {
  return el.text + el.children.map(textContent).join("");
}

/**
 * A number-valued attribute; throws if it is missing or not a number.
 *
 * @param el - the element
 * @param name - the attribute name
 * @returns the parsed number
 * @example numberAttr(rect, "width") // 412.5
 */
export function numberAttr(el: XmlElement, name: string): number {
  const raw = el.attrs[name];
  const value = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  if (Number.isNaN(value)) throw new Error(`numberAttr: <${el.name}> has ${name}=${JSON.stringify(raw)}, not a number`);
  return value;
}
