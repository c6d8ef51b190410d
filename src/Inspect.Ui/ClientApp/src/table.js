import { el } from "./format.js";

// A view's rows as a virtual table: the server pages them (CHUNK rows per request, cached server-side), and only
// the rows in sight (plus a margin) are in the DOM, so a table of a million rows scrolls as one of a hundred.
// Every row has the same height, so row i sits at i × ROW_HEIGHT and spacer rows stand in for the rest.
export const ROW_HEIGHT = 22;
export const CHUNK = 500;
const MARGIN = 20;

// fetchChunk(offset) resolves with the API's answer for CHUNK rows from offset. first: the answer that was already
// fetched for the chunk holding the row to show first (startRow); head: the header row.
export function virtualTable({ first, head, startRow, fetchChunk, numeric, onSelect, onOpen, onScrolled }) {
  const total = first.total;
  const chunks = new Map([[first.offset, first]]);
  const loading = new Map();
  const body = el("tbody");
  const viewport = el("div", { id: "rows-viewport", tabindex: "-1" },
    el("table", { id: "rows" }, el("thead", {}, head), body));
  let selected = -1;
  let frame = 0;

  function row(index) {
    const chunk = chunks.get(index - (index % CHUNK));
    if (!chunk) return null;
    const r = index - chunk.offset;
    return { key: chunk.table.rows[r].key, cells: chunk.text[r] };
  }

  function ensure(from, to) {
    for (let offset = from - (from % CHUNK); offset < to; offset += CHUNK) {
      if (chunks.has(offset) || loading.has(offset)) continue;
      loading.set(offset, fetchChunk(offset).then((answer) => {
        chunks.set(offset, answer);
        loading.delete(offset);
        draw();
      }, (error) => {
        loading.delete(offset);
        if (error.name !== "AbortError") console.error(error);
      }));
    }
  }

  // The visible range: whole rows under the sticky header, by scroll position.
  function range() {
    const top = Math.floor(viewport.scrollTop / ROW_HEIGHT);
    const count = Math.ceil(viewport.clientHeight / ROW_HEIGHT) + 1;
    return { top, count, from: Math.max(0, top - MARGIN), to: Math.min(total, top + count + MARGIN) };
  }

  function draw() {
    const { from, to } = range();
    ensure(from, to);
    const rows = [spacer(from)];
    for (let i = from; i < to; i++) {
      const r = row(i);
      rows.push(r
        ? el("tr", {
          "data-index": String(i), "data-key": r.key, class: i === selected ? "selected" : "",
          onclick: () => select(i), ondblclick: () => { select(i); onOpen(r.key); },
        }, r.cells.map((cell, c) => el("td", { class: numeric[c] ? "num" : "" }, cell)))
        : el("tr", { "data-index": String(i), class: "loading" }, el("td", { colspan: String(numeric.length) }, "…")));
    }
    rows.push(spacer(total - to));
    body.replaceChildren(...rows);
  }

  // Stands in for `count` rows that are not in the DOM.
  function spacer(count) {
    return el("tr", { class: "spacer" }, el("td", { colspan: String(numeric.length), style: `height:${count * ROW_HEIGHT}px` }));
  }

  function select(index) {
    if (total === 0) return;
    selected = Math.max(0, Math.min(total - 1, index));
    const headHeight = viewport.querySelector("thead")?.offsetHeight ?? 0;
    const top = selected * ROW_HEIGHT;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > viewport.scrollTop + viewport.clientHeight - headHeight) viewport.scrollTop = top + ROW_HEIGHT - viewport.clientHeight + headHeight;
    draw();
    onSelect(selected);
  }

  // Scrolling redraws once per frame, and reports the first visible row once it settles (for the URL).
  let settle = 0;
  viewport.addEventListener("scroll", () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
    clearTimeout(settle);
    settle = setTimeout(() => onScrolled(range().top), 150);
  });

  return {
    element: viewport,
    total,
    get selected() { return selected; },
    keyAt: (index) => row(index)?.key,
    visible: () => range(),
    select,
    // Shows startRow at the top once the table is in the page (it needs its height for that).
    start() {
      // The full height first, or the browser clamps the scroll position to an empty table's.
      body.replaceChildren(spacer(total));
      viewport.scrollTop = startRow * ROW_HEIGHT;
      draw();
      if (total > 0) select(Math.min(startRow, total - 1));
    },
    pageBy(delta) {
      const { count } = range();
      viewport.scrollTop += delta * (count - 2) * ROW_HEIGHT;
      select(Math.max(0, Math.min(total - 1, selected + delta * (count - 2))));
    },
  };
}
