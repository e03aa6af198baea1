// A child process of `bench`: hosts the onnxruntime-web peer with one thread count (fixed when the runtime first
// initializes, hence a process per count) and answers the parent's sample requests over IPC.
import { createHost } from "./host";
import { nodePlatform } from "./node-platform";

export interface SampleRequest {
  id: number;
  peer: import("./format").PeerId;
  caseId: string;
  budgetMs: number;
}

const host = createHost(nodePlatform);
const { env } = await import("onnxruntime-web");
process.on("message", async (request: SampleRequest | "exit") => {
  if (request === "exit") process.exit(0); // onnxruntime's worker threads would keep the process alive
  process.send!({ id: request.id, outcome: await host.sample(request.peer, request.caseId, request.budgetMs) });
});
// The parent gone (finished, or killed), nothing else would end this process.
process.on("disconnect", () => process.exit(0));
process.send!({ ready: true, ortVersion: env.versions.web });
