// tf.tools.explainName's answer as a list of its steps (the Scopes panel and the Playground's names both show it).
import { clear, h } from "../dom";
import type { Explained } from "../worker/protocol";

export function showExplanation(host: HTMLElement, result: Explained | { error: string }): void {
  clear(host);
  if ("error" in result) {
    host.append(h("p", { class: "error" }, result.error));
    return;
  }
  const steps = h("ol", {});
  for (const step of result.steps) {
    steps.append(
      h(
        "li",
        {},
        h("span", { class: "kind" }, step.kind),
        " ",
        step.text,
        step.site ? h("span", { class: "muted" }, ` (at ${step.site})`) : null,
      ),
    );
  }
  host.append(h("h4", {}, result.name), steps);
}
