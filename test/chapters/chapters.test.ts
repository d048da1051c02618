/**
 * Runs every chapter script as a reader would (`node --import tsx chapters/X.ts`) and checks what
 * it prints and the figures it says it wrote. 3.6 and 3.7 train for one epoch only.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { data } from "../../src/index.js";
import { hasFashionMnist } from "../helpers/fashion-mnist.js";
import { findAll, parseXml, textContent, withClass, type XmlElement } from "../helpers/xml.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = mkdtempSync(join(tmpdir(), "tsgrad-chapters-"));

interface Run {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

function runChapter(script: string, ...args: string[]): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env["TSGRAD_FIGURES"];
  const result = spawnSync(process.execPath, ["--import", "tsx", join("chapters", script), "--out", outDir, ...args], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: 600_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Runs a script that must succeed; its stdout. */
function output(script: string, ...args: string[]): string {
  const run = runChapter(script, ...args);
  assert.is(run.status, 0, `${script} exited with ${run.status}:\n${run.stderr}\n${run.stdout}`);
  return run.stdout;
}

/** Every figure the output announces, parsed; each must be a well-formed SVG inside the --out directory. */
function figures(stdout: string): Map<string, XmlElement> {
  const parsed = new Map<string, XmlElement>();
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("wrote ")) continue;
    const path = resolve(ROOT, line.slice("wrote ".length));
    assert.ok(path.startsWith(outDir), `${path} is inside --out ${outDir}`);
    assert.ok(existsSync(path), `${path} exists`);
    const svg = parseXml(readFileSync(path, "utf8"));
    assert.is(svg.name, "svg");
    parsed.set(path.slice(outDir.length + 1), svg);
  }
  return parsed;
}

/** The numbers on the first line that starts with `prefix` (after the prefix). */
function numbersAfter(stdout: string, prefix: string): number[] {
  const line = stdout.split("\n").find((l) => l.startsWith(prefix));
  if (line === undefined) throw new Error(`no line starts with ${JSON.stringify(prefix)} in:\n${stdout}`);
  return (line.slice(prefix.length).match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g) ?? []).map(Number);
}

/** The values of the last `epoch k/n  ...` line printed by trainCh3. */
function lastEpoch(stdout: string): { trainLoss: number; trainAcc: number; testAcc: number } {
  const lines = stdout.split("\n").filter((l) => /^epoch \d+\/\d+ /.test(l));
  const match = /train loss (\S+)  train acc (\S+)  test acc (\S+)/.exec(lines[lines.length - 1] ?? "");
  if (match === null) throw new Error(`no epoch line in:\n${stdout}`);
  return { trainLoss: Number(match[1]), trainAcc: Number(match[2]), testAcc: Number(match[3]) };
}

/**
 * Three loss lines ending below `finalLoss`, and every estimation error below 0.01. 3.2's loss is
 * ½(ŷ − y)², 3.3's MSELoss has no ½: its floor is the noise variance 0.01² = 1e-4 itself.
 */
function checkLinearRegression(stdout: string, finalLoss: number): void {
  const losses = stdout.split("\n").filter((l) => /^epoch \d, loss \d\.\d{6}$/.test(l)).map((l) => Number(l.split("loss ")[1]));
  assert.is(losses.length, 3, stdout);
  assert.ok(losses[2]! < finalLoss, `final loss ${losses[2]}`);
  const errors = [...numbersAfter(stdout, "error in estimating w: "), ...numbersAfter(stdout, "error in estimating b: ")];
  assert.is(errors.length, 3, stdout);
  for (const e of errors) assert.ok(Math.abs(e) < 0.01, `error ${e}`);
}

const fashionMnist = hasFashionMnist("the chapter 3.5-3.7 scripts");

test.after(() => rmSync(outDir, { recursive: true, force: true }));

test("3.1: times the loop and the vectorized add, plots three normal densities", () => {
  const stdout = output("3.1-linear-regression.ts");
  assert.ok(numbersAfter(stdout, "element by element: ")[0]! > 0);
  assert.ok(numbersAfter(stdout, "vectorized a.add(b): ")[0]! >= 0);
  assert.equal(numbersAfter(stdout, "both give the same sum: "), [20000, 20000]);
  const svg = figures(stdout).get("3.1-normal.svg");
  assert.ok(svg !== undefined, stdout);
  const curves = findAll(svg, "path", withClass("series"));
  assert.equal(curves.map((c) => c.attrs["data-name"]), ["mean 0, std 1", "mean 0, std 2", "mean 3, std 1"]);
});

test("3.2: three epochs of scratch SGD recover w and b; reproducible by seed", () => {
  const stdout = output("3.2-linear-regression-scratch.ts");
  checkLinearRegression(stdout, 1e-4);
  assert.is(numbersAfter(stdout, "features: ").length, 2);
  const scatter = figures(stdout).get("3.2-features.svg");
  assert.ok(scatter !== undefined, stdout);
  assert.is(findAll(scatter, "circle").length, 1000);
  assert.is(output("3.2-linear-regression-scratch.ts", "--seed", "0"), stdout, "same seed, same output");
  assert.is.not(output("3.2-linear-regression-scratch.ts", "--seed", "1", "--epochs", "1"), stdout);
});

test("3.3: nn.Linear + MSELoss + optim.SGD recover w and b", () => {
  checkLinearRegression(output("3.3-linear-regression-concise.ts"), 1.5e-4);
});

test("3.4: softmax, cross-entropy and its gradient on small examples", () => {
  const stdout = output("3.4-softmax-regression.ts");
  assert.ok(stdout.includes("12 weights + 3 biases = 15 parameters"));
  const probabilities = numbersAfter(stdout, "softmax(").slice(3);
  const expSum = Math.exp(1) + Math.exp(2) + Math.exp(3);
  [1, 2, 3].forEach((o, i) => assert.ok(Math.abs(probabilities[i]! - Math.exp(o) / expSum) < 1e-4, `softmax ${probabilities}`));
  const ce = numbersAfter(stdout, "-sum(y * log(yHat)) = ");
  assert.ok(Math.abs(ce[0]! + Math.log(0.1)) < 1e-4 && Math.abs(ce[1]! + Math.log(0.5)) < 1e-4, `cross-entropy ${ce}`);
  assert.ok(numbersAfter(stdout, "max |autograd - formula| = ")[0]! < 1e-5);
  assert.ok(numbersAfter(stdout, "max |autograd - finite differences| = ")[0]! < 1e-2);
  assert.ok(stdout.includes("accuracy 0.5"));
});

test("3.5: Fashion-MNIST sizes, an 18-image grid, resized batches", () => {
  if (!fashionMnist) return;
  const stdout = output("3.5-image-classification-dataset.ts");
  assert.ok(stdout.includes("train 60000, test 10000"), stdout);
  assert.ok(stdout.includes("one image: [1, 28, 28]"));
  assert.ok(stdout.includes("resized batch: X [32, 1, 64, 64] float32, y [32]"));
  const grid = figures(stdout).get("3.5-fashion-mnist.svg");
  assert.ok(grid !== undefined, stdout);
  assert.is(findAll(grid, "image").length, 18);
  const titles = findAll(grid, "text", withClass("title")).map(textContent);
  assert.equal(titles, stdout.split("\n").find((l) => l.startsWith("labels: "))!.slice("labels: ".length).split(", "));
  assert.ok(titles.every((t) => (data.FASHION_MNIST_LABELS as readonly string[]).includes(t)));
});

test("3.6: one epoch of scratch softmax regression reaches test accuracy >= 0.75", () => {
  if (!fashionMnist) return;
  const stdout = output("3.6-softmax-regression-scratch.ts", "--epochs", "1");
  assert.equal(numbersAfter(stdout, "yHat[[0, 1], y] = "), [0.1, 0.5]);
  const ce = numbersAfter(stdout, "crossEntropy(yHat, y) = ");
  assert.ok(Math.abs(ce[0]! - 2.3026) < 1e-4 && Math.abs(ce[1]! - 0.6931) < 1e-4, `${ce}`);
  assert.equal(numbersAfter(stdout, "accuracy(yHat, y) / len(y) = "), [0.5]);
  const untrained = numbersAfter(stdout, "untrained net, test accuracy = ")[0]!;
  assert.ok(untrained > 0.02 && untrained < 0.25, `untrained accuracy ${untrained}`);
  const { trainLoss, testAcc } = lastEpoch(stdout);
  assert.ok(testAcc >= 0.75, `test accuracy ${testAcc}`);
  assert.ok(stdout.includes("sanity checks (train loss < 0.5, accuracies > 0.7) were skipped"), "one epoch is not the book's setting");
  assert.ok(trainLoss < 1, `train loss ${trainLoss}`);
  const written = figures(stdout);
  assert.equal([...written.keys()].sort(), ["3.6-predictions.svg", "3.6-train.svg"]);
  assert.is(findAll(written.get("3.6-predictions.svg")!, "image").length, 6);
});

test("3.7: one epoch of nn softmax regression reaches test accuracy >= 0.75", () => {
  if (!fashionMnist) return;
  const stdout = output("3.7-softmax-regression-concise.ts", "--epochs", "1");
  assert.ok(numbersAfter(stdout, "CrossEntropyLoss (LogSumExp trick) = ").every(Number.isFinite));
  assert.ok(lastEpoch(stdout).testAcc >= 0.75, stdout);
  const train = figures(stdout).get("3.7-train.svg");
  assert.ok(train !== undefined, stdout);
  assert.equal(findAll(train, "path", withClass("series")).map((c) => c.attrs["data-name"]), ["train loss", "train acc", "test acc"]);
});

test("3.2: --lr and --batch-size change the training", () => {
  const base = output("3.2-linear-regression-scratch.ts", "--epochs", "1");
  const changed = output("3.2-linear-regression-scratch.ts", "--epochs", "1", "--lr", "0.01", "--batch-size", "20");
  const loss = (s: string): number => numbersAfter(s, "epoch 1, loss ")[0]!;
  assert.ok(loss(changed) > loss(base), `a smaller step on larger batches learns less in one epoch: ${loss(changed)} vs ${loss(base)}`);
});

test("--help prints the section, the usage and the flags the chapter takes", () => {
  for (const [script, training] of [["3.4-softmax-regression.ts", false], ["3.7-softmax-regression-concise.ts", true]] as const) {
    const stdout = output(script, "--help");
    assert.ok(stdout.startsWith(`d2l ${script.slice(0, 3)} `), stdout);
    assert.ok(stdout.includes(`usage: npx tsx chapters/${script} [options]`), stdout);
    assert.is(stdout.includes("--lr X"), training, stdout);
    assert.is(stdout.includes("--batch-size N"), training, stdout);
  }
});

test("the exercise answers run from the command line too", () => {
  const stdout = output("exercises/3.6-exercises.ts");
  assert.ok(stdout.includes("## Exercise 2: the naive cross-entropy takes log(0)"), stdout);
  assert.ok(output("exercises/3.7-exercises.ts", "--help").includes("--epochs N"));
});

test("a bad flag fails with a message naming it", () => {
  const run = runChapter("3.4-softmax-regression.ts", "--epochs", "zero");
  assert.is(run.status, 1);
  assert.match(run.stderr, /^error: parseArgs: --epochs expects an integer >= 1, got "zero"/);
});

test.run();
