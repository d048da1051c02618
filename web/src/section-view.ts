/** One section of the page: its controls, its printed output and its figures, side by side. */
import type { ChapterSummary, RunArgs } from "./protocol.js";

/** The controls a section shows: those of its settings the chapter has defaults for. */
const CONTROLS = [
  { key: "epochs", label: "epochs", step: "1", min: "1", integer: true },
  { key: "lr", label: "learning rate", step: "any", min: "0", integer: false },
  { key: "batchSize", label: "batch size", step: "1", min: "1", integer: true },
] as const;

export type SectionState = "idle" | "running" | "stopping" | "done" | "stopped" | "error";

/** What the page does when a section's buttons are pressed. */
export interface SectionActions {
  run(section: string, args: RunArgs): void;
  stop(section: string): void;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  if (text !== undefined) el.textContent = text;
  return el;
}

export class SectionView {
  readonly root: HTMLElement;
  private readonly output: HTMLPreElement;
  private readonly figures: HTMLElement;
  private readonly runButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly stateLabel: HTMLElement;
  private readonly inputs = new Map<string, HTMLInputElement>();

  constructor(readonly chapter: ChapterSummary, actions: SectionActions) {
    const id = `section-${chapter.section.replace(/\W/g, "-")}`;
    this.root = element("section", { class: "chapter", id, "data-section": chapter.section, "data-state": "idle" });
    const heading = element("h2");
    heading.append(element("span", { class: "number" }, chapter.section), chapter.title);
    const form = element("form", { class: "controls" });
    for (const control of CONTROLS) {
      const value = chapter.defaults[control.key];
      if (value === undefined) continue;
      const label = element("label", {}, control.label);
      const input = element("input", { type: "number", name: control.key, value: String(value), step: control.step, min: control.min, inputmode: control.integer ? "numeric" : "decimal" });
      label.append(input);
      form.append(label);
      this.inputs.set(control.key, input);
    }
    this.runButton = element("button", { type: "submit", class: "run" }, "Run");
    this.stopButton = element("button", { type: "button", class: "stop" }, "Stop");
    this.stopButton.disabled = true;
    this.stateLabel = element("span", { class: "state", "aria-live": "polite" });
    form.append(this.runButton, this.stopButton, this.stateLabel);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      actions.run(chapter.section, this.args());
    });
    this.stopButton.addEventListener("click", () => actions.stop(chapter.section));
    this.output = element("pre", { class: "output", "aria-label": `output of ${chapter.section}` });
    this.figures = element("div", { class: "figures" });
    const result = element("div", { class: "result" });
    result.append(this.output, this.figures);
    this.root.append(heading, form, result);
  }

  /** The settings in the controls; a field left empty or invalid keeps the chapter's default. */
  args(): RunArgs {
    const args: Record<string, number> = {};
    for (const control of CONTROLS) {
      const input = this.inputs.get(control.key);
      if (input === undefined) continue;
      const value = Number(input.value);
      const valid = input.value !== "" && Number.isFinite(value) && value > 0 && (!control.integer || Number.isInteger(value));
      input.setCustomValidity(valid ? "" : "ignored: the chapter's default is used");
      if (valid) args[control.key] = value;
    }
    return args;
  }

  clear(): void {
    this.output.textContent = "";
    this.figures.replaceChildren();
  }

  print(text: string, isError = false): void {
    const atBottom = this.output.scrollTop + this.output.clientHeight >= this.output.scrollHeight - 4;
    const line = isError ? element("span", { class: "error" }, `${text}\n`) : document.createTextNode(`${text}\n`);
    this.output.append(line);
    if (atBottom) this.output.scrollTop = this.output.scrollHeight;
  }

  /** Shows figure `name`, replacing the one shown under that name before (the Animator redraws each epoch). */
  figure(name: string, svg: string): void {
    let figure = this.figures.querySelector<HTMLElement>(`figure[data-name="${CSS.escape(name)}"]`);
    if (figure === null) {
      figure = element("figure", { "data-name": name });
      this.figures.append(figure);
    }
    const caption = element("figcaption", {}, name);
    figure.innerHTML = svg; // our own renderer's SVG text
    figure.append(caption);
  }

  setState(state: SectionState, note = ""): void {
    this.root.dataset["state"] = state;
    const busy = state === "running" || state === "stopping";
    this.stopButton.disabled = state !== "running";
    this.stateLabel.textContent = note;
    this.root.setAttribute("aria-busy", String(busy));
  }

  /** Whether Run may be pressed (one section runs at a time). */
  setRunnable(runnable: boolean): void {
    this.runButton.disabled = !runnable;
  }
}
