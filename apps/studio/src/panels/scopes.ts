// Scopes: the name-scope tree and the variable-scope tree side by side (re-entered instances folded, as
// tf.tools.scopeTrees folds them); a click on a name shows tf.tools.explainName's steps. Below: the sharing audit,
// slot ownership and lint findings of the same program.
import { clear, h } from "../dom";
import type { ScopeNode } from "../tf-types";
import type { Explained, ProgramResult } from "../worker/protocol";
import { showExplanation } from "./explain-view";

export class ScopesPanel {
  readonly element: HTMLElement;
  private readonly nameTree: HTMLElement;
  private readonly variableTree: HTMLElement;
  private readonly explain: HTMLElement;
  private readonly audit: HTMLElement;
  private readonly slots: HTMLElement;
  private readonly lint: HTMLElement;

  constructor(private readonly explainName: (name: string) => Promise<Explained | { error: string }>) {
    this.nameTree = h("div", { class: "tree", "aria-label": "Name scopes" });
    this.variableTree = h("div", { class: "tree", "aria-label": "Variable scopes" });
    this.explain = h(
      "div",
      { class: "explain", "aria-live": "polite" },
      "Select a name to see the rules that made it.",
    );
    this.audit = h("div", { class: "panel-body" });
    this.slots = h("div", { class: "panel-body" });
    this.lint = h("div", { class: "panel-body" });
    const box = (title: string, body: HTMLElement, cls = "box") =>
      h("section", { class: cls, "aria-label": title }, h("h3", {}, title), body);
    this.element = h(
      "section",
      { class: "scopes", "aria-label": "Scopes" },
      h(
        "div",
        { class: "trees" },
        box("Name scopes", this.nameTree),
        box("Variable scopes", this.variableTree),
        box("explainName", this.explain),
      ),
      h(
        "div",
        { class: "audits" },
        box("Sharing audit", this.audit),
        box("Slot ownership", this.slots),
        box("Lint findings", this.lint),
      ),
    );
  }

  show(result: ProgramResult): void {
    this.fill(this.nameTree, result.trees.nameScopes, "ops");
    this.fill(this.variableTree, result.trees.variableScopes, "variables");
    clear(this.audit);
    if (!result.audit.length) this.audit.append(h("p", { class: "muted" }, "No variables."));
    for (const row of result.audit) {
      const reused = row.reusedAt.map((p) => `${p.scope || "(root)"} (reuse ${String(p.reuse)})`).join("; ");
      this.audit.append(
        h(
          "div",
          { class: "row" },
          h("code", {}, row.variable),
          ` made in ${row.createdAt.scope ? `"${row.createdAt.scope}"` : "the root scope"}${row.createdAt.site ? ` at ${row.createdAt.site}` : ""}; reused: ${reused || "-"}`,
          ...row.findings.map((f) => h("div", { class: "finding" }, `${f.kind}: ${f.message}`)),
        ),
      );
    }
    clear(this.slots);
    if (!result.slots.length) this.slots.append(h("p", { class: "muted" }, "No optimizer slots."));
    for (const row of result.slots) {
      this.slots.append(
        h(
          "div",
          { class: "row" },
          h("code", {}, row.variable),
          `: ${row.slots.map((s) => `${s.name} (${s.optimizer} #${s.instance}, ${s.slot})`).join(", ")}`,
          row.duplicates.length ? h("div", { class: "finding" }, `duplicates: ${row.duplicates.join(", ")}`) : null,
          ...row.warnings.map((w) => h("div", { class: "finding" }, w)),
        ),
      );
    }
    clear(this.lint);
    if (!result.lint.length) this.lint.append(h("p", { class: "muted" }, "No findings."));
    for (const f of result.lint) {
      this.lint.append(h("div", { class: "row" }, h("strong", {}, f.rule), ` (${f.where.name}): `, f.message));
    }
  }

  private fill(host: HTMLElement, root: ScopeNode, what: "ops" | "variables"): void {
    clear(host);
    host.append(this.node(root, what));
  }

  private node(node: ScopeNode, what: "ops" | "variables"): HTMLElement {
    const items = (what === "ops" ? node.ops : node.variables) ?? [];
    const title = node.name ? node.name.slice(node.name.lastIndexOf("/") + 1) : "(root)";
    const folded = node.instances.length > 1 ? ` [${node.instances.join(", ")}]` : "";
    const list = h("ul", {});
    for (const item of items) {
      const name = what === "variables" && !item.includes(":") ? `${item}:0` : item;
      list.append(
        h("li", {}, h("button", { type: "button", class: "name", onclick: () => void this.show1(name) }, name)),
      );
    }
    for (const child of node.children) list.append(h("li", {}, this.node(child, what)));
    const details = h(
      "details",
      { open: true },
      h("summary", { title: node.name || "(root)" }, `${title}${folded}`),
      list,
    );
    return details;
  }

  private async show1(name: string): Promise<void> {
    showExplanation(this.explain, await this.explainName(name));
  }
}
