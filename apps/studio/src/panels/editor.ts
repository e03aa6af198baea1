// The playground's CodeMirror 6 editor: JavaScript mode, the names each line created shown at the line's end
// (widgets), and the program's error as a lint diagnostic on its line.
import { javascript } from "@codemirror/lang-javascript";
import { type Diagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { StateEffect, StateField } from "@codemirror/state";
import { Decoration, type DecorationSet, EditorView, WidgetType } from "@codemirror/view";
import { basicSetup } from "codemirror";
import type { CreatedName, ProgramError } from "../worker/protocol";

class NamesWidget extends WidgetType {
  constructor(readonly names: CreatedName[]) {
    super();
  }
  override eq(other: NamesWidget): boolean {
    return other.names.map((n) => n.name).join() === this.names.map((n) => n.name).join();
  }
  toDOM(): HTMLElement {
    const span = document.createElement("span");
    span.className = "line-names";
    span.textContent = `  ⟶ ${this.names.map((n) => n.name).join("  ")}`;
    span.title = this.names.map((n) => `${n.name} (${n.type})`).join("\n");
    return span;
  }
}

const setNames = StateEffect.define<CreatedName[]>();

const namesField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    decorations = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setNames)) continue;
      const byLine = new Map<number, CreatedName[]>();
      for (const name of effect.value) {
        if (name.line === undefined || name.line < 1 || name.line > tr.state.doc.lines) continue;
        const list = byLine.get(name.line) ?? [];
        list.push(name);
        byLine.set(name.line, list);
      }
      const ranges = [...byLine.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([line, names]) =>
          Decoration.widget({ widget: new NamesWidget(names), side: 1 }).range(tr.state.doc.line(line).to),
        );
      decorations = Decoration.set(ranges);
    }
    return decorations;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export function createEditor(parent: HTMLElement, doc: string, onChange: (code: string) => void): EditorView {
  return new EditorView({
    parent,
    doc,
    extensions: [
      basicSetup,
      javascript(),
      lintGutter(),
      namesField,
      EditorView.contentAttributes.of({ "aria-label": "Program (JavaScript, tf in scope)" }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
    ],
  });
}

export function setDocument(view: EditorView, doc: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc } });
}

export function showResult(view: EditorView, names: CreatedName[], error: ProgramError | undefined): void {
  const diagnostics: Diagnostic[] = [];
  if (error) {
    const line = view.state.doc.line(Math.min(Math.max(error.line ?? 1, 1), view.state.doc.lines));
    diagnostics.push({ from: line.from, to: line.to, severity: "error", message: `${error.name}: ${error.message}` });
  }
  view.dispatch(setDiagnostics(view.state, diagnostics), { effects: setNames.of(names) });
}
