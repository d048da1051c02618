import { test } from "uvu";
import * as assert from "uvu/assert";
import { FIGURES_ENV, parseArgs } from "../../src/d2l/index.js";
import { throwsError } from "../helpers/assert.js";

const noEnv = {};

test("defaults: the script's epochs, seed 0, figures/", () => {
  assert.equal(parseArgs([], { epochs: 10 }, noEnv), { epochs: 10, seed: 0, out: "figures" });
});

test("--epochs N --seed S --out DIR, also as --flag=value", () => {
  assert.equal(parseArgs(["--epochs", "3", "--seed", "42", "--out", "/tmp/x"], { epochs: 10 }, noEnv), { epochs: 3, seed: 42, out: "/tmp/x" });
  assert.equal(parseArgs(["--epochs=2", "--seed=7"], {}, noEnv), { epochs: 2, seed: 7, out: "figures" });
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
  throwsError(() => parseArgs(["--lr", "0.1"], {}, noEnv), "unknown argument", '"--lr"');
  throwsError(() => parseArgs(["--out"], {}, noEnv), "--out");
});

test.run();
