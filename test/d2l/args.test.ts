import { test } from "uvu";
import * as assert from "uvu/assert";
import { atBookSettings, FIGURES_ENV, parseArgs, usage, wantsHelp } from "../../src/d2l/index.js";
import { throwsError } from "../helpers/assert.js";

const noEnv = {};
const training = { epochs: 10, lr: 0.1, batchSize: 256 };

test("defaults: the chapter's settings, seed 0, figures/; NaN for settings it does not declare", () => {
  assert.equal(parseArgs([], training, noEnv), { epochs: 10, seed: 0, out: "figures", lr: 0.1, batchSize: 256 });
  const plain = parseArgs([], {}, noEnv);
  assert.equal([plain.epochs, plain.seed, plain.out], [1, 0, "figures"]);
  assert.ok(Number.isNaN(plain.lr) && Number.isNaN(plain.batchSize));
});

test("--epochs N --seed S --lr X --batch-size N --out DIR, also as --flag=value", () => {
  assert.equal(
    parseArgs(["--epochs", "3", "--seed", "42", "--lr", "0.03", "--batch-size", "64", "--out", "/tmp/x"], training, noEnv),
    { epochs: 3, seed: 42, out: "/tmp/x", lr: 0.03, batchSize: 64 },
  );
  assert.equal(parseArgs(["--epochs=2", "--seed=7", "--lr=1e-3"], training, noEnv), { epochs: 2, seed: 7, out: "figures", lr: 0.001, batchSize: 256 });
});

test("$TSGRAD_FIGURES sets the output directory unless --out is given", () => {
  const env = { [FIGURES_ENV]: "/tmp/env-figs" };
  assert.is(parseArgs([], {}, env).out, "/tmp/env-figs");
  assert.is(parseArgs(["--out", "mine"], {}, env).out, "mine");
});

test("bad values and unknown flags are errors naming the flag", () => {
  throwsError(() => parseArgs(["--epochs", "0"], {}, noEnv), "parseArgs", "--epochs", '"0"');
  throwsError(() => parseArgs(["--epochs", "two"], {}, noEnv), "--epochs", '"two"');
  throwsError(() => parseArgs(["--epochs"], {}, noEnv), "--epochs", "null");
  throwsError(() => parseArgs(["--seed", "-1"], {}, noEnv), "--seed");
  throwsError(() => parseArgs(["--seed", "1.5"], {}, noEnv), "--seed");
  throwsError(() => parseArgs(["--lr", "0"], training, noEnv), "--lr", "a number > 0", '"0"');
  throwsError(() => parseArgs(["--lr", "fast"], training, noEnv), "--lr", '"fast"');
  throwsError(() => parseArgs(["--batch-size", "0.5"], training, noEnv), "--batch-size", "an integer >= 1");
  throwsError(() => parseArgs(["--lr", "0.1"], {}, noEnv), "unknown argument", '"--lr"');
  throwsError(() => parseArgs(["--batch-size", "8"], { epochs: 3 }, noEnv), "unknown argument", '"--batch-size"');
  throwsError(() => parseArgs(["--out"], {}, noEnv), "--out");
});

test("--help: usage lists the chapter's flags with their defaults", () => {
  assert.ok(wantsHelp(["--epochs", "1", "--help"]) && wantsHelp(["-h"]) && !wantsHelp(["--epochs", "1"]));
  const text = usage({ section: "3.7", title: "Concise Implementation of Softmax Regression", defaults: training }, "chapters/3.7.ts");
  const lines = text.split("\n");
  assert.is(lines[0], "d2l 3.7 Concise Implementation of Softmax Regression");
  assert.is(lines[1], "usage: npx tsx chapters/3.7.ts [options]");
  for (const [flag, shown] of [["--epochs N", "10"], ["--lr X", "0.1"], ["--batch-size N", "256"], ["--seed S", "0"], ["--out DIR", "figures"]] as const) {
    assert.ok(lines.some((l) => l.trimStart().startsWith(flag) && l.endsWith(`(default ${shown})`)), `${flag} in\n${text}`);
  }
  assert.ok(lines.some((l) => l.trimStart().startsWith("--help")));
  const plain = usage({ section: "3.4", title: "Softmax Regression", defaults: {} }, "chapters/3.4.ts");
  assert.not.ok(plain.includes("--lr") || plain.includes("--batch-size"), plain);
});

test("atBookSettings: true only at the declared epochs, learning rate and batch size", () => {
  assert.ok(atBookSettings(parseArgs([], training, noEnv), training));
  assert.ok(atBookSettings(parseArgs(["--seed", "3"], training, noEnv), training), "the seed is not a setting");
  for (const flags of [["--epochs", "1"], ["--lr", "0.5"], ["--batch-size", "64"]]) {
    assert.not.ok(atBookSettings(parseArgs(flags, training, noEnv), training), flags.join(" "));
  }
});

test.run();
