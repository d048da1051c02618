// Writes dist/package.json after `tsc -p tsconfig.build.json`. Node and bundlers resolve `#platform`
// (package.json "imports") against the nearest package.json: in the repository that is the root one,
// whose targets are the .ts sources (for tsx, tsc and esbuild from source); inside dist/ it is this
// one, with the same conditions pointing at the built .js and .d.ts files. It also carries
// "sideEffects", which bundlers likewise read from the nearest package.json.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

/** "./src/a/b.ts" → "./a/b.js" (or .d.ts for the types condition): the same file inside dist/. */
function toDist(target, condition) {
  if (!target.startsWith("./src/") || !target.endsWith(".ts")) throw new Error(`dist-package: cannot map ${target} into dist/`);
  return `./${target.slice("./src/".length, -".ts".length)}${condition === "types" ? ".d.ts" : ".js"}`;
}

const imports = {};
for (const [specifier, conditions] of Object.entries(pkg.imports ?? {})) {
  imports[specifier] = Object.fromEntries(Object.entries(conditions).map(([condition, target]) => [condition, toDist(target, condition)]));
}
const sideEffects = (pkg.sideEffects ?? []).filter((p) => p.startsWith("./dist/")).map((p) => `./${p.slice("./dist/".length)}`);
const distPackage = { type: pkg.type, imports, sideEffects };
writeFileSync(join(root, "dist", "package.json"), `${JSON.stringify(distPackage, null, 2)}\n`);
