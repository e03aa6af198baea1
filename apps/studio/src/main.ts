// scopeflow Studio: the page. Runs the seed's `scoping` program on load (no click), then everything on demand.
import "./styles.css";
import { h } from "./dom";
import { GraphView } from "./graph/graph-view";
import { FilesPanel } from "./panels/files";
import { Playground } from "./panels/playground";
import { ScopesPanel } from "./panels/scopes";
import { TrainPanel } from "./panels/train";
import { createTabs } from "./tabs";
import { StudioWorker } from "./worker/client";
import type { ProgramResult } from "./worker/protocol";
import { threadsText } from "./worker/threads";

// `?runTimeout=ms` shortens the endless-loop guard (the tests use it).
const runTimeout = Number(new URLSearchParams(location.search).get("runTimeout")) || undefined;
const worker = new StudioWorker(runTimeout);
const scopes = new ScopesPanel((name) => worker.explain(name));
const graph = new GraphView("Program graph");
const files = new FilesPanel((opened) => worker.open(opened));
const train = new TrainPanel(worker);
// How many threads the kernels run on, and why (see worker/threads.ts), from the worker that runs them.
const threadsStatus = h("span", { class: "muted threads", role: "status", "aria-label": "Threads" });
let firstResult = true;
const playground = new Playground(
  (code) => worker.run(code),
  (result: ProgramResult) => {
    scopes.show(result);
    graph.setModel(result.graph);
    threadsStatus.textContent = threadsText(result.threads).why;
    if (firstResult) {
      firstResult = false;
      performance.mark("studio:first-names");
      document.body.dataset.ready = "true";
    }
  },
  (name) => worker.explain(name),
);

const app = document.getElementById("app")!;
app.append(
  h(
    "header",
    {},
    h("h1", {}, "scopeflow Studio"),
    h("span", { class: "muted" }, "TF 1.15 graph mode in the page: run, explain names, open TensorFlow's files"),
    threadsStatus,
  ),
  createTabs([
    { id: "playground", title: "Playground", panel: playground.element },
    { id: "scopes", title: "Scopes", panel: scopes.element },
    { id: "graph", title: "Graph", panel: graph.element },
    { id: "files", title: "Files", panel: files.element },
    { id: "train", title: "Train", panel: train.element },
  ]),
);
playground.start();
