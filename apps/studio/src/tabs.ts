// Accessible tabs (WAI-ARIA tabs pattern): arrow keys, Home and End move between tabs; the tab shows its panel.
import { h } from "./dom";

export interface Tab {
  id: string;
  title: string;
  panel: HTMLElement;
}

export function createTabs(tabs: Tab[], onShow: (id: string) => void = () => {}): HTMLElement {
  const list = h("div", { role: "tablist", "aria-label": "Studio panels" });
  const panels = h("main", {});
  const buttons = tabs.map((tab, i) => {
    const button = h(
      "button",
      { type: "button", role: "tab", id: `tab-${tab.id}`, "aria-controls": `panel-${tab.id}` },
      tab.title,
    );
    const panel = h("div", { role: "tabpanel", id: `panel-${tab.id}`, "aria-labelledby": `tab-${tab.id}` }, tab.panel);
    panels.append(panel);
    button.addEventListener("click", () => show(i));
    button.addEventListener("keydown", (e) => {
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      const next = (to + tabs.length) % tabs.length;
      show(next);
      buttons[next].focus();
    });
    list.append(button);
    return button;
  });
  const show = (index: number) => {
    buttons.forEach((b, i) => {
      b.setAttribute("aria-selected", String(i === index));
      b.tabIndex = i === index ? 0 : -1;
      (panels.children[i] as HTMLElement).hidden = i !== index;
    });
    onShow(tabs[index].id);
  };
  show(0);
  return h("div", { class: "tabs" }, list, panels);
}
