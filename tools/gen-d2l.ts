/**
 * Generates the book part of `src/d2l` from the chapters, as d2l's `#@save` does: every definition
 * a chapter marks with `//@save` on its first line (with the TSDoc block right above it) is copied,
 * de-indented and exported, into `src/d2l/book/<chapter file>`, plus an `index.ts` re-exporting them.
 *
 * Inside the copies, `d2l.NAME` becomes `NAME` when a chapter defines NAME (imported from that
 * chapter's generated file when it is another one); other `d2l.` names are the hand-written support
 * (`src/d2l/support.ts`). Imports from `../src/index.js` and `../src/plot/index.js` are kept for the
 * names the copies use. Run: `npm run gen:d2l` (writes), `npm run gen:d2l -- --check` (fails when stale).
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (this file is tools/gen-d2l.ts). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CHAPTERS = "chapters";
const OUT = "src/d2l/book";
const MARKER = "//@save";

/** A chapter's import of named bindings from one of the public modules. */
interface NamedImport {
  readonly name: string;
  readonly typeOnly: boolean;
}

/** One `//@save` definition. */
interface Saved {
  readonly name: string;
  /** The definition's text, de-indented, without the marker, `export` prepended. */
  readonly text: string;
}

/** Where chapter imports point, and where the generated files import the same modules from. */
const PUBLIC_MODULES: Readonly<Record<string, string>> = {
  "../src/index.js": "../../index.js",
  "../src/plot/index.js": "../../plot/index.js",
};

/**
 * Where a scan stands across lines: `stack` holds one entry per open template literal, the brace depth
 * of the `${…}` expression being read inside it (-1 while reading the template's text).
 */
interface ScanState {
  readonly stack: number[];
}

/** Bracket depth change of a line's code, skipping strings, template text and `//` comments. */
function depthChange(line: string, state: ScanState): number {
  const { stack } = state;
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const top = stack.length - 1;
    if (top >= 0 && stack[top] === -1) {
      // Template text: ends at a backtick, or opens an expression at `${`.
      if (c === "\\") i++;
      else if (c === "`") stack.pop();
      else if (c === "$" && line[i + 1] === "{") {
        stack[top] = 0;
        i++;
      }
      continue;
    }
    if (c === "/" && line[i + 1] === "/") break;
    if (c === '"' || c === "'") {
      while (++i < line.length && line[i] !== c) if (line[i] === "\\") i++;
    } else if (c === "`") stack.push(-1);
    else if (top >= 0 && c === "}" && stack[top] === 0) stack[top] = -1; // the `}` closing `${`
    else if ("{[(".includes(c)) {
      depth++;
      if (top >= 0) stack[top]!++;
    } else if ("}])".includes(c)) {
      depth--;
      if (top >= 0) stack[top]!--;
    }
  }
  return depth;
}

const DECLARATION = /^(?:export\s+)?(?:async\s+)?(function\*?|class|type|interface|const|let)\s+([A-Za-z_$][\w$]*)/;

/** The `//@save` definitions of a chapter, in order. */
export function savedDefinitions(source: string, file: string): Saved[] {
  const lines = source.split("\n");
  const saved: Saved[] = [];
  lines.forEach((line, start) => {
    if (!line.includes(MARKER)) return;
    const indent = /^\s*/.exec(line)![0];
    const head = line.slice(indent.length);
    const match = DECLARATION.exec(head);
    if (match === null) throw new Error(`gen-d2l: ${file}:${start + 1}: ${MARKER} must end the first line of a function, class, type, interface or const`);
    let end = start;
    let depth = 0;
    const state: ScanState = { stack: [] };
    for (; end < lines.length; end++) {
      depth += depthChange(lines[end]!, state);
      if (depth === 0 && state.stack.length === 0 && /[};]\s*(\/\/.*)?$/.test(lines[end]!)) break;
    }
    if (end === lines.length) throw new Error(`gen-d2l: ${file}:${start + 1}: the definition of ${match[2]} never closes`);
    let first = start;
    if (lines[start - 1]?.trim().endsWith("*/")) {
      while (first > 0 && !lines[first]!.trim().startsWith("/**")) first--;
    }
    const body = lines.slice(first, end + 1).map((l, i) => {
      if (l.trim() === "") return "";
      if (!l.startsWith(indent)) throw new Error(`gen-d2l: ${file}:${first + i + 1}: indented less than the definition it belongs to`);
      return l.slice(indent.length);
    });
    const markerLine = start - first;
    body[markerLine] = body[markerLine]!.replace(/\s*\/\/@save\s*$/, "").replace(/^(?!export )/, "export ");
    saved.push({ name: match[2]!, text: body.join("\n") });
  });
  return saved;
}

/** The named imports of `source` from each public module. */
function namedImports(source: string): Map<string, NamedImport[]> {
  const imports = new Map<string, NamedImport[]>();
  for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+"([^"]+)";/g)) {
    const names = m[2]!.split(",").map((s) => s.trim()).filter((s) => s !== "").map((s) => ({
      name: s.replace(/^type\s+/, ""),
      typeOnly: m[1] !== undefined || s.startsWith("type "),
    }));
    imports.set(m[3]!, [...(imports.get(m[3]!) ?? []), ...names]);
  }
  return imports;
}

/** A line split into its code and its comment (a TSDoc line, or what follows `//` outside strings). */
function splitComment(line: string): [code: string, comment: string] {
  const trimmed = line.trimStart();
  if (trimmed.startsWith("*") || trimmed.startsWith("/*") || trimmed.startsWith("//")) return ["", line];
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== "") {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "/" && line[i + 1] === "/") return [line.slice(0, i), line.slice(i)];
  }
  return [line, ""];
}

const uses = (text: string, name: string): boolean => new RegExp(`(?<![\\w$.])${name.replace(/\$/g, "\\$")}(?![\\w$])`).test(text);

function header(chapterFile: string): string {
  return [
    `// GENERATED by tools/gen-d2l.ts from the //@save definitions of ${CHAPTERS}/${chapterFile}. Do not edit:`,
    `// change the chapter and run \`npm run gen:d2l\`. test/d2l/generated.test.ts fails when this file is stale.`,
  ].join("\n");
}

/** The chapter files, in section order. */
export function chapterFiles(root = ROOT): string[] {
  return readdirSync(join(root, CHAPTERS)).filter((f) => /^3\.\d-.*\.ts$/.test(f)).sort();
}

/** Every generated file: path relative to the root → contents. */
export function generate(root = ROOT): Map<string, string> {
  const files = new Map<string, string>();
  const definedIn = new Map<string, string>(); // name → generated module ("./3.5-….js")
  const exportsOf: string[] = [];
  for (const file of chapterFiles(root)) {
    const source = readFileSync(join(root, CHAPTERS, file), "utf8");
    const saved = savedDefinitions(source, file);
    if (saved.length === 0) continue;
    const module = `./${file.replace(/\.ts$/, ".js")}`;
    const own = new Set(saved.map((s) => s.name));
    for (const s of saved) {
      if (definedIn.has(s.name)) throw new Error(`gen-d2l: ${s.name} is saved twice (${definedIn.get(s.name)} and ${file})`);
    }
    // d2l.NAME of a saved definition → NAME; an earlier chapter's is imported from its file.
    const fromEarlier = new Map<string, Set<string>>();
    const rewrite = (code: string): string =>
      code.replace(/\bd2l\.([A-Za-z_$][\w$]*)/g, (whole, name: string) => {
        if (own.has(name)) return name;
        const other = definedIn.get(name);
        if (other === undefined) return whole;
        fromEarlier.set(other, (fromEarlier.get(other) ?? new Set()).add(name));
        return name;
      });
    // Comments keep the book's `d2l.name`; code refers to the definitions directly.
    const text = saved.map((s) => s.text.split("\n").map((line) => {
      const [code, comment] = splitComment(line);
      return rewrite(code) + comment;
    }).join("\n")).join("\n\n");
    const code = text.split("\n").map((line) => splitComment(line)[0]).join("\n");
    const importLines: string[] = [];
    for (const [from, to] of Object.entries(PUBLIC_MODULES)) {
      const used = (namedImports(source).get(from) ?? []).filter((i) => uses(code, i.name));
      if (used.length > 0) importLines.push(`import { ${used.map((i) => (i.typeOnly ? `type ${i.name}` : i.name)).join(", ")} } from "${to}";`);
    }
    for (const [other, names] of fromEarlier) importLines.push(`import { ${[...names].sort().join(", ")} } from "${other}";`);
    if (/\bd2l\./.test(code)) importLines.push(`import * as d2l from "../support.js";`);
    files.set(join(OUT, file), `${header(file)}\n${importLines.join("\n")}\n\n${text}\n`);
    for (const s of saved) definedIn.set(s.name, module);
    exportsOf.push(`export * from "${module}";`);
  }
  files.set(join(OUT, "index.ts"), `${header("3.*.ts")}\n${exportsOf.join("\n")}\n`);
  return files;
}

/** The generated files that differ from what is on disk (or are missing, or should not be there). */
export function staleFiles(root = ROOT): string[] {
  const expected = generate(root);
  const stale = [...expected].filter(([path, text]) => !existsSync(join(root, path)) || readFileSync(join(root, path), "utf8") !== text).map(([p]) => p);
  const dir = join(root, OUT);
  if (existsSync(dir)) for (const f of readdirSync(dir)) if (!expected.has(join(OUT, f))) stale.push(join(OUT, f));
  return stale;
}

function main(argv: readonly string[]): void {
  if (argv.includes("--check")) {
    const stale = staleFiles();
    if (stale.length > 0) {
      process.stderr.write(`gen-d2l: stale, run \`npm run gen:d2l\`: ${stale.join(", ")}\n`);
      process.exitCode = 1;
    }
    return;
  }
  rmSync(join(ROOT, OUT), { recursive: true, force: true });
  mkdirSync(join(ROOT, OUT), { recursive: true });
  for (const [path, text] of generate()) {
    writeFileSync(join(ROOT, path), text);
    process.stdout.write(`wrote ${path}\n`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
