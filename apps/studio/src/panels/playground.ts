// Playground: a snippet menu, the editor, and what the program made (names by line, printed output, the error with
// TF's message and line). Every edit re-runs the program in the worker after a short pause in typing.
import type { EditorView } from "@codemirror/view";
import { clear, h } from "../dom";
import { SEED_SNIPPETS } from "../snippets/seed-snippets";
import type { Explained, ProgramResult } from "../worker/protocol";
import { threadsText } from "../worker/threads";
import { createEditor, setDocument, showResult } from "./editor";
import { showExplanation } from "./explain-view";

const DEBOUNCE_MS = 300;

export class Playground {
  readonly element: HTMLElement;
  private readonly editor: EditorView;
  private readonly names: HTMLElement;
  private readonly output: HTMLElement;
  private readonly error: HTMLElement;
  private readonly status: HTMLElement;
  private readonly explain: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  constructor(
    private readonly run: (code: string) => Promise<ProgramResult>,
    private readonly onResult: (result: ProgramResult) => void,
    private readonly explainName: (name: string) => Promise<Explained | { error: string }>,
  ) {
    const menu = h("select", { id: "snippet-menu" });
    for (const s of SEED_SNIPPETS) menu.append(h("option", { value: s.id }, s.title));
    menu.addEventListener("change", () => {
      const snippet = SEED_SNIPPETS.find((s) => s.id === menu.value);
      if (snippet) setDocument(this.editor, snippet.code);
    });
    const editorHost = h("div", { class: "editor" });
    this.names = h("ol", { class: "names", "aria-label": "Created names" });
    this.output = h("pre", { class: "output", "aria-label": "Printed output" });
    this.error = h("div", { class: "error", role: "alert" });
    this.status = h("span", { class: "muted", role: "status" }, "loading the wasm kernels…");
    this.explain = h("div", { class: "explain", "aria-label": "Why this name", "aria-live": "polite" });
    this.element = h(
      "section",
      { class: "playground", "aria-label": "Playground" },
      h("div", { class: "toolbar" }, h("label", { for: "snippet-menu" }, "Seed snippet "), menu, this.status),
      h(
        "div",
        { class: "columns" },
        editorHost,
        h(
          "div",
          { class: "results" },
          this.error,
          h("h3", {}, "Names created"),
          this.names,
          this.explain,
          h("h3", {}, "print(...)"),
          this.output,
        ),
      ),
    );
    this.editor = createEditor(editorHost, SEED_SNIPPETS[0].code, (code) => this.schedule(code));
  }

  start(): void {
    void this.execute(this.editor.state.doc.toString());
  }

  private schedule(code: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.execute(code), DEBOUNCE_MS);
  }

  private async execute(code: string): Promise<void> {
    const ticket = ++this.latest;
    this.status.textContent = "running…";
    let result: ProgramResult;
    try {
      result = await this.run(code);
    } catch (error) {
      if (ticket !== this.latest) return;
      this.error.textContent = (error as Error).message;
      this.status.textContent = "stopped";
      return;
    }
    if (ticket !== this.latest) return; // an edit came in since: its run wins
    this.show(result);
    this.onResult(result);
  }

  private async why(name: string): Promise<void> {
    showExplanation(this.explain, await this.explainName(name));
  }

  private show(result: ProgramResult): void {
    showResult(this.editor, result.names, result.error);
    clear(this.names);
    for (const name of result.names) {
      this.names.append(
        h(
          "li",
          { class: name.isVariable ? "variable" : "" },
          h(
            "button",
            { type: "button", class: "name", title: "Why this name?", onclick: () => void this.why(name.name) },
            name.name,
          ),
          h("span", { class: "muted" }, ` ${name.type}${name.line ? ` · line ${name.line}` : ""}`),
        ),
      );
    }
    this.output.textContent = result.printed.join("\n");
    this.error.textContent = result.error
      ? `${result.error.name}: ${result.error.message}${result.error.line ? ` (line ${result.error.line})` : ""}`
      : "";
    const threads = threadsText(result.threads);
    this.status.textContent = `${result.names.length} names · ${result.millis} ms on the ${result.backend} backend, ${threads.short}`;
    this.status.title = threads.why;
  }
}
