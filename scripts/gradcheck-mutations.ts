/**
 * The planted-bug check of gradcheck: plants one wrong derivative at a time in the DERIVATIVES table
 * (src/autograd/ops/elementwise.ts, in a temporary copy of src/), runs gradcheck over every elementwise
 * op in float32 (loose mode) and float64 (PyTorch's defaults), and counts the plants each mode catches.
 * Run: `npx tsx scripts/gradcheck-mutations.ts` (about a minute). Prints a Markdown table.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

/** [name, the text in the table, its wrong replacement]: subtle (≈0.1 % off) and gross plants. */
const PLANTS: [string, string, string][] = [
  ["exp ×1.001", "exp: entry([\"result\"], (g, s) => mul(g, s.result))", "exp: entry([\"result\"], (g, s) => mul(g, mul(s.result, 1.001)))"],
  ["log: 1/(x + 0.001)", "log: entry([\"self\"], (g, s) => div(g, s.self))", "log: entry([\"self\"], (g, s) => div(g, add(s.self, 1e-3)))"],
  ["sqrt: 2.002 for 2", "div(g, mul(s.result, 2))", "div(g, mul(s.result, 2.002))"],
  ["sigmoid: 1.001 − y", "mul(s.result, sub(1, s.result))", "mul(s.result, sub(1.001, s.result))"],
  ["tanh: 1.002 − y²", "sub(1, mul(s.result, s.result))", "sub(1.002, mul(s.result, s.result))"],
  ["neg ×1.002", "neg: entry([], (g) => neg(g))", "neg: entry([], (g) => mul(g, -1.002))"],
  ["add ×1.003 (self)", "add: entry([], (g) => g, (g) => g)", "add: entry([], (g) => mul(g, 1.003), (g) => g)"],
  ["sub: −1.005 (other)", "sub: entry([], (g) => g, (g) => neg(g))", "sub: entry([], (g) => g, (g) => mul(g, -1.005))"],
  ["mul: other + 0.001", "(g, s) => mul(g, s.other), (g, s) => mul(g, s.self)", "(g, s) => mul(g, add(s.other, 1e-3)), (g, s) => mul(g, s.self)"],
  ["div other ×1.001", "neg(div(mul(g, s.result), s.other))", "neg(mul(div(mul(g, s.result), s.other), 1.001))"],
  ["pow base: y − 1.001", "pow(s.self, sub(s.other, 1))", "pow(s.self, sub(s.other, 1.001))"],
  ["pow exponent: ln(x + 0.001)", "mul(s.result, log(s.self))", "mul(s.result, log(add(s.self, 1e-3)))"],
  ["abs ×1.002", "mul(g, unaryKernel(\"sign\", s.self))", "mul(g, mul(unaryKernel(\"sign\", s.self), 1.002))"],
  ["exp: g (gross)", "exp: entry([\"result\"], (g, s) => mul(g, s.result))", "exp: entry([\"result\"], (g) => g)"],
  ["sqrt: 1 for 2 (gross)", "div(g, mul(s.result, 2))", "div(g, s.result)"],
  ["sigmoid: y (gross)", "mul(g, mul(s.result, sub(1, s.result)))", "mul(g, s.result)"],
  ["maximum: mask of the loser (gross)", "(g, s) => mul(g, winnerMask(s.self, s.other, \"gt\")), (g", "(g, s) => mul(g, winnerMask(s.other, s.self, \"gt\")), (g"],
  ["where: both branches (gross)", "(g, s) => where(s.condition, 0, g)", "(g) => g"],
];

const root = resolve(fileURLToPath(import.meta.url), "../..");
const TABLE = "src/autograd/ops/elementwise.ts";

/** In the child: gradcheck of every elementwise op in both dtypes; prints { float32, float64 } caught. */
async function runChecks(srcIndex: string): Promise<void> {
  const t = await import(pathToFileURL(srcIndex).href);
  const caught = { float32: false, float64: false };
  for (const dtype of ["float32", "float64"] as const) {
    const leaf = (v: number[][] | number[]) => t.tensor(v, { dtype, requiresGrad: true });
    const x = () => leaf([[0.7, -1.3], [1.9, -0.4], [0.3, 1.1]]);
    const pos = () => leaf([[0.7, 1.3], [1.9, 0.6], [0.8, 1.1]]);
    const y = () => leaf([1.2, -0.9]);
    const cond = t.tensor([true, false]);
    const cases: [(...a: never[]) => unknown, () => unknown[]][] = [
      [t.neg, () => [x()]], [t.exp, () => [x()]], [t.log, () => [pos()]], [t.sqrt, () => [pos()]], [t.abs, () => [x()]],
      [t.sigmoid, () => [x()]], [t.tanh, () => [x()]], [t.add, () => [x(), y()]], [t.sub, () => [x(), y()]], [t.mul, () => [x(), y()]],
      [t.div, () => [x(), y()]], [t.pow, () => [pos(), y()]], [t.maximum, () => [x(), y()]],
      [(a: unknown, b: unknown) => t.where(cond, a, b), () => [x(), y()]],
    ];
    for (const [op, inputs] of cases) {
      try {
        t.gradcheck(op, inputs());
      } catch {
        caught[dtype] = true;
      }
    }
  }
  console.log(JSON.stringify(caught));
}

function main(): void {
  const rows: string[] = ["| plant | float32 mode catches | float64 mode catches |", "| --- | :---: | :---: |"];
  const counts = { float32: 0, float64: 0 };
  const original = readFileSync(join(root, TABLE), "utf8");
  for (const [name, from, to] of [["none (sanity: must pass)", "", ""] as [string, string, string], ...PLANTS]) {
    if (from !== "" && !original.includes(from)) throw new Error(`plant "${name}": text not found in ${TABLE}`);
    const dir = mkdtempSync(join(tmpdir(), "tsgrad-mutant-"));
    try {
      cpSync(join(root, "src"), join(dir, "src"), { recursive: true });
      // package.json maps the `#platform` import.
      cpSync(join(root, "package.json"), join(dir, "package.json"));
      writeFileSync(join(dir, TABLE), from === "" ? original : original.replace(from, to));
      const out = execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--child", join(dir, "src/index.ts")], { cwd: root, encoding: "utf8" });
      const caught = JSON.parse(out.trim().split("\n").pop()!) as { float32: boolean; float64: boolean };
      if (from === "") {
        if (caught.float32 || caught.float64) throw new Error(`the unplanted table fails gradcheck: ${out}`);
        continue;
      }
      if (caught.float32) counts.float32++;
      if (caught.float64) counts.float64++;
      rows.push(`| ${name} | ${caught.float32 ? "yes" : "no"} | ${caught.float64 ? "yes" : "no"} |`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  rows.push(`| **caught of ${PLANTS.length}** | **${counts.float32}** | **${counts.float64}** |`);
  console.log(rows.join("\n"));
}

if (process.argv[2] === "--child") await runChecks(process.argv[3]!);
else main();
