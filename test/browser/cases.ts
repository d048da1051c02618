/**
 * The same seeded computations run twice, by the tsgrad of this Node process and by the core bundle in
 * Chromium (core-entry.ts); the browser test compares the results bit for bit. Written against the
 * public API only, passed in as a module so that both sides run exactly this code.
 */
import type * as Tsgrad from "../../src/index.js";

type Values = number[];

/** Runs every case on `backend`'s kernels (then restores the backend that was in use). */
export function runCases(t: typeof Tsgrad, backend: Tsgrad.Backend): Record<string, Values> {
  const previous = t.getBackend();
  t.setBackend(backend);
  try {
    return cases(t);
  } finally {
    t.setBackend(previous);
  }
}

function cases(t: typeof Tsgrad): Record<string, Values> {
  const out: Record<string, Values> = {};
  const keep = (name: string, x: Tsgrad.Tensor): void => {
    out[name] = Array.from(x.toFloat32Array());
  };
  t.manualSeed(42);
  const x = t.randn([64, 96]);
  const y = t.rand([64, 96]);
  keep("randn", x);
  keep("rand", y);
  keep("randint", t.randint(0, 10, [32]));
  keep("add-broadcast", x.add(t.arange(96)));
  keep("mul-div", x.mul(y).div(y.add(1)));
  keep("exp", x.exp());
  keep("log", y.add(0.5).log());
  keep("tanh-sigmoid-relu", t.cat([x.tanh(), x.sigmoid(), x.relu()], 0));
  keep("pow", x.pow(3));
  keep("sum-mean", t.cat([x.sum(1), x.mean(0)], 0));
  keep("max", x.max(1));
  keep("argmax", x.argmax(1));
  keep("logsumexp-softmax", t.cat([x.logsumexp(1).reshape(-1), x.softmax(1).reshape(-1), x.logSoftmax(0).reshape(-1)], 0));
  keep("transpose-slice-gather", t.cat([x.T.contiguous().reshape(-1), x.narrow(1, 3, 5).reshape(-1), x.gather(1, t.randint(0, 96, [64, 2])).reshape(-1)], 0));

  // Products small (one thread) and large enough to be split across threads where there are two.
  const a = t.randn([384, 512]);
  const b = t.randn([512, 384]);
  keep("matmul-small", x.matmul(t.randn([96, 10])));
  keep("matmul-large", a.matmul(b));
  keep("matmul-transposed", a.T.matmul(a.narrow(1, 0, 256)));

  // Autograd: a two-layer network with cross-entropy, one SGD step.
  const net = new t.nn.Sequential(new t.nn.Flatten(), new t.nn.Linear(96, 32), new t.nn.ReLU(), new t.nn.Linear(32, 10));
  const labels = t.randint(0, 10, [64]);
  const loss = new t.nn.CrossEntropyLoss();
  const trainer = new t.optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 });
  for (let step = 0; step < 3; step++) {
    trainer.zeroGrad();
    const l = loss.forward(net.forward(x), labels);
    l.backward();
    if (step === 0) {
      keep("loss", l);
      net.parameters().forEach((p, i) => keep(`grad-${i}`, p.grad!));
    }
    trainer.step();
  }
  net.parameters().forEach((p, i) => keep(`param-after-3-steps-${i}`, p));
  const w = t.randn([5], { requiresGrad: true });
  const [g] = t.grad([w.pow(3).sum()], [w], { createGraph: true });
  keep("grad-createGraph", g!);
  const bytes = t.nn.save(net);
  const reloaded = t.nn.load(new t.nn.Sequential(new t.nn.Flatten(), new t.nn.Linear(96, 32), new t.nn.ReLU(), new t.nn.Linear(32, 10)), bytes);
  keep("safetensors-roundtrip", t.cat(reloaded.parameters().map((p) => p.reshape(-1)), 0));
  out["safetensors-length"] = [bytes.length];

  // A seeded shuffle.
  const loader = new t.data.DataLoader(new t.data.TensorDataset(t.arange(20)), { batchSize: 20, shuffle: true, generator: new t.Generator(7) });
  for (const [batch] of loader) keep("shuffle", batch!);
  return out;
}
