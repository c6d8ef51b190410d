import { read, go } from "./state.js";

// Sysdig Inspect's keys: arrows move the selection, Enter drills down, Backspace goes back up, / edits the filter,
// d and e open the selected row's system calls and I/O streams (csysdig's F6 and F5 too), PageUp/PageDown page,
// Esc clears the time window.
export function bindKeys({ back, select, openSelected, page, selection, filterInput }) {
  document.addEventListener("keydown", (e) => {
    if (e.target === filterInput) {
      if (e.key === "Escape") filterInput.blur();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    switch (e.key) {
      case "ArrowDown": select(selection.index + 1); break;
      case "ArrowUp": select(selection.index - 1); break;
      case "Enter": openSelected("drill"); break;
      case "Backspace": back(); break;
      case "/": case "F4": filterInput.focus(); filterInput.select(); break;
      case "d": case "F6": openSelected("syscalls"); break;
      case "e": case "F5": openSelected("io"); break;
      case "PageDown": page(1); break;
      case "PageUp": page(-1); break;
      case "Escape": {
        const state = read();
        if (state.from || state.to) go({ ...state, from: "", to: "", offset: "" });
        break;
      }
      default: return;
    }
    e.preventDefault();
  });
}
