// CLI: trains the siamese example (siamese-model.ts) and prints its loss curve. `pnpm --filter @scopeflow/demo train`
import { cliArgs } from "./cli";
import { trainSiamese } from "./siamese-model";

const { values } = cliArgs({
  usage: "Usage: node dist/siamese.js [--steps N]\n\nTrains the siamese example and prints its loss curve.",
  options: { steps: { type: "string", default: "200" } },
  optionHelp: ["  --steps N    training steps (default 200)"],
});
const steps = Number(values.steps);
if (!Number.isInteger(steps) || steps < 1) {
  console.error(`--steps must be a positive integer, got '${values.steps}'`);
  process.exit(2);
}
console.log("siamese network: two towers sharing siamese/{w1,b1,w2,b2}, contrastive loss, Adam(0.02), 256 pairs");
console.log("step  loss");
const { losses, model } = trainSiamese({
  steps,
  log: (step, loss) => console.log(`${String(step).padStart(4)}  ${loss.toFixed(6)}`),
});
const shared = model.graph.getOperations().filter((op) => op.type === "VariableV2" && op.name.startsWith("siamese/"));
console.log(`\n${shared.length} siamese variables (weights and Adam slots), read by both towers.`);
console.log(`loss ${losses[0].toFixed(6)} -> ${(losses.at(-1) as number).toFixed(6)} after ${steps} steps`);
