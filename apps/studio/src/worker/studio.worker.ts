// The studio's Web Worker: loads the wasm kernels, then runs programs, explains names, opens files and trains, one
// request at a time (training yields between steps so pause and resume get through).
import * as tf from "@scopeflow/browser";
// The kernels as a data: URL inside the worker's script: fetch() of a file next to the page fails from file://, a
// data: URL loads anywhere (and is compiled while it streams: its MIME type is application/wasm). The threaded build
// (shared memory) where the page is cross-origin isolated, else the plain one.
import kernelsWasm from "@scopeflow/wasm-kernels/kernels.wasm?inline";
import threadedKernelsWasm from "@scopeflow/wasm-kernels/kernels-threads.wasm?inline";
import { openFiles } from "../files/open-files";
import type { Reply, Request, TrainProgress } from "./protocol";
import { readableSites, runProgram } from "./run-program";
import { Trainer } from "./train-model";

const scope = self as unknown as {
  postMessage(reply: Reply): void;
  onmessage: ((e: MessageEvent<Request>) => void) | null;
};
const post = (reply: Reply) => scope.postMessage(reply);

// A failed wasm load leaves the reference backend selected: the studio still runs, on the slower kernels.
const loaded = tf
  .ready({
    wasmPath: (self as { crossOriginIsolated?: boolean }).crossOriginIsolated ? threadedKernelsWasm : kernelsWasm,
  })
  .catch((error) => console.warn(`wasm kernels not loaded: ${String(error)}`));
let lastGraph: tf.Graph | null = null;
let trainer: Trainer | null = null;
let paused = false;
let training = false;

async function train(id: number, steps: number, resume: boolean): Promise<void> {
  if (!trainer || !resume || trainer.step >= steps) trainer = new Trainer();
  paused = false;
  training = true;
  let progress: TrainProgress = { step: trainer.step, steps, loss: Number.NaN, accuracy: Number.NaN };
  try {
    while (trainer.step < steps) {
      if (paused) break;
      progress = trainer.trainStep(steps);
      post({ kind: "progress", id, progress });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    training = false;
  }
  post({ kind: "trained", id, progress });
}

async function handle(request: Request): Promise<void> {
  await loaded;
  const { id } = request;
  switch (request.kind) {
    case "run": {
      const { graph, result } = runProgram(request.code);
      lastGraph = graph;
      post({ kind: "ran", id, result });
      return;
    }
    case "explain": {
      try {
        if (!lastGraph) throw new Error("no program has run yet");
        const { name, steps, text } = tf.tools.explainName(request.name, { graph: lastGraph });
        post({ kind: "explained", id, result: readableSites({ name, steps, text }) });
      } catch (error) {
        post({ kind: "explained", id, result: { error: String(error) } });
      }
      return;
    }
    case "open":
      post({ kind: "opened", id, result: openFiles(request.files) });
      return;
    case "train":
      if (!training) await train(id, request.steps, request.resume);
      return;
    case "pause":
      paused = true;
      post({ kind: "paused", id });
      return;
    case "trainFiles":
      post({ kind: "trainFiles", id, files: trainer ? trainer.files() : [] });
      return;
  }
}

scope.onmessage = (event) => {
  handle(event.data).catch((error) => post({ kind: "failed", id: event.data.id, error: String(error) }));
};
