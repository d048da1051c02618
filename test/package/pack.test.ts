import { test } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// `npm pack` the project, install the tarball into a fresh project, and use it from there as a user
// would: the import resolves through the `exports` map and the types come from the shipped .d.ts files.
const repo = resolve(import.meta.dirname, "..", "..");
const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" } });
}

test("npm pack yields a package another project installs and imports with types", () => {
  const work = mkdtempSync(join(tmpdir(), "tsgrad-pack-"));
  try {
    run("npm", ["pack", "--pack-destination", work, "--silent"], repo);
    const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
    assert.ok(tarball, "npm pack wrote no tarball");
    const app = join(work, "app");
    run("mkdir", ["-p", app], work);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", type: "module", private: true }));
    run("npm", ["install", "--offline", "--no-package-lock", join(work, tarball!)], app);
    writeFileSync(
      join(app, "main.ts"),
      [
        'import { tensor, zeros, noGrad, nn, optim, data, type Tensor } from "tsgrad";',
        "const w: Tensor = tensor([[1, 2], [3, 4]], { requiresGrad: true });",
        "const loss = w.matmul(tensor([[1], [1]])).sum();",
        "loss.backward();",
        "const net = new nn.Linear(2, 1);",
        "const opt = new optim.SGD(net.parameters(), { lr: 0.1 });",
        "void opt; void data.TensorDataset; void noGrad; void zeros;",
        "console.log(JSON.stringify(w.grad!.toArray()));",
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", outDir: "out", skipLibCheck: true, types: [] }, files: ["main.ts"] }),
    );
    run(process.execPath, [tsc, "-p", "tsconfig.json"], app);
    const printed = run(process.execPath, [join(app, "out", "main.js")], app).trim();
    // d(sum(w @ [1, 1]ᵀ))/dw is all ones.
    assert.equal(JSON.parse(printed), [[1, 1], [1, 1]]);

    // A bundler resolves the installed package's `#platform` to its browser side (dist/package.json).
    const esbuild = join(repo, "node_modules", "esbuild", "bin", "esbuild");
    run(esbuild, ["main.ts", "--bundle", "--platform=browser", "--format=esm", "--metafile=meta.json", "--outfile=browser.mjs", "--log-level=error"], app);
    const inputs = Object.keys((JSON.parse(readFileSync(join(app, "meta.json"), "utf8")) as { inputs: Record<string, unknown> }).inputs);
    assert.ok(inputs.includes("node_modules/tsgrad/dist/platform/browser/index.js"), inputs.join(", "));
    assert.equal(inputs.filter((p) => p.includes("/platform/node/")), []);
    assert.equal(JSON.parse(run(process.execPath, [join(app, "browser.mjs")], app).trim()), [[1, 1], [1, 1]]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test.run();
