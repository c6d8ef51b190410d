import "./style.css";
import { stream, json, ApiError } from "./api.js";
import { read, go, apiParams, splitDrill, toQuery } from "./state.js";
import { el, total, seconds, bytes } from "./format.js";
import { sparkline, timeline } from "./charts.js";
import { bindKeys } from "./keys.js";
import { virtualTable, CHUNK } from "./table.js";
import { renderClusterCaptures } from "./clustercaptures.js";

const page = document.getElementById("page");
const crumbs = document.getElementById("crumbs");
const filterInput = document.getElementById("filter");
const filterError = document.getElementById("filter-error");
const progress = document.getElementById("progress");
const TIMELINE_SAMPLES = "100";
let views = null;
let pending = null;
// The view page's virtual table, and what cancels its row fetches when the page changes.
let table = null;
let tableFetches = new AbortController();

// The table's selection, for the keyboard: the selected index and what Enter / d / e do with its row's key.
export const selection = { index: -1, drill: null, syscalls: null, io: null };

async function viewCatalog() {
  views ??= new Map((await json("/api/views")).views.map((v) => [v.id, v]));
  return views;
}

// Runs a streamed query, showing its progress bar (and handing partial results to onPartial); a newer navigation
// cancels it.
async function query(path, params, onPartial) {
  pending?.abort();
  const controller = new AbortController();
  pending = controller;
  progress.hidden = false;
  setProgress(0, "read");
  try {
    return await stream(path, params, (percent, phase, partial, line) => {
      setProgress(percent, phase, line);
      if (partial && onPartial && pending === controller) onPartial(partial);
    }, controller.signal);
  } finally {
    if (pending === controller) progress.hidden = true;
  }
}

function setProgress(percent, phase, line) {
  document.getElementById("progress-bar").style.width = percent + "%";
  const text = document.getElementById("progress-text");
  text.dataset.phase = phase;
  if (phase === "download") {
    // The operator fetches the artifact from storage into its cache before reading it; the full copy is then checked.
    text.textContent = line.total && line.bytes >= line.total
      ? `checking the downloaded capture (${bytes(line.total)})…`
      : `downloading the capture from storage… ${bytes(line.bytes ?? 0)} of ${bytes(line.total ?? 0)} (${percent.toFixed(1)}%)`;
    return;
  }
  text.textContent = (phase === "span" ? "measuring the capture… " : "reading… ") + percent.toFixed(1) + "%";
}

function showError(error) {
  if (error.name === "AbortError") return;
  if (error instanceof ApiError && error.column) {
    filterError.hidden = false;
    filterError.textContent = error.message;
    filterInput.focus();
    filterInput.setSelectionRange(error.column - 1, error.column);
    page.replaceChildren();
    return;
  }
  page.replaceChildren(el("p", { class: "error", role: "alert" }, error.message));
}

// Marks the page as showing the URL's state once a render finishes, so a test (or a user's script) can wait for it.
async function render() {
  const search = location.search;
  document.body.dataset.rendered = "";
  await renderState();
  if (location.search === search) document.body.dataset.rendered = search;
}

async function renderState() {
  const state = read();
  filterInput.value = state.filter;
  filterError.hidden = true;
  selection.index = -1;
  table = null;
  tableFetches.abort();
  tableFetches = new AbortController();
  renderCrumbs(state);
  try {
    if (state.page === "captures") return await renderCaptures();
    // The overview's tiles fill in with their totals so far while a big capture is read.
    await renderTimeline(state, state.page === "overview" ? renderPartialTiles : null);
    if (state.page === "overview") await renderOverview(state);
    else if (state.page === "view") await renderView(state);
    else if (state.page === "events") await renderEvents(state);
    else if (state.page === "io") await renderIo(state);
  } catch (error) {
    showError(error);
  }
}

async function renderCaptures() {
  document.getElementById("timeline-box").hidden = true;
  const list = await json("/api/captures");
  if (list.cluster) return await renderClusterCaptures(page);
  // In the cluster, an entry is one node's part of a Capture; some cannot be opened here, and say why.
  const item = (c) => {
    const details = [c.phase, c.size !== undefined ? c.size.toLocaleString("en-US") + " bytes" : null].filter(Boolean).join(" · ");
    const name = c.unavailable ? el("span", { class: "unavailable" }, c.name) : el("a", { href: "/?capture=" + encodeURIComponent(c.name) }, c.name);
    return el("li", { "data-name": c.name }, name, " ", el("span", { class: "muted" }, details), c.unavailable ? el("div", { class: "muted why" }, c.unavailable) : null);
  };
  page.replaceChildren(
    el("h1", {}, "Captures in " + list.root),
    list.captures.length ? el("ul", { class: "captures" }, list.captures.map(item)) : el("p", { class: "muted" }, "No captures here that you may see."));
}

// The capture's timeline (its system calls over the whole capture); dragging on it sets the window of every page.
async function renderTimeline(state, onPartial) {
  const box = document.getElementById("timeline-box");
  // The same query as the unfiltered overview page's, so that page comes from the server's cache.
  const overview = await query("/api/overview", new URLSearchParams({ capture: state.capture, samples: TIMELINE_SAMPLES }), onPartial);
  const tile = overview.tiles.find((t) => t.id === "syscallCount") ?? overview.tiles[0];
  const container = document.getElementById("timeline");
  container.replaceChildren();
  box.hidden = !tile;
  if (!tile) return;
  const window = state.from || state.to ? { from: Number(state.from || 0), to: Number(state.to || overview.durationNs) } : null;
  const select = (from, to) => go({ ...read(), from: String(from), to: String(to), offset: "" });
  timeline(container, tile, overview.durationNs, window, select);

  // Pinned tiles' timelines, under the capture's, on the same time axis, for correlating them.
  const pinned = document.getElementById("pinned");
  pinned.replaceChildren();
  for (const id of state.pin) {
    const pin = overview.tiles.find((t) => t.id === id);
    if (!pin) continue;
    const chart = el("div", { class: "pinned-chart" });
    pinned.append(el("div", { class: "pinned-row", "data-id": id }, el("span", { class: "pinned-name" }, pin.name), chart));
    timeline(chart, pin, overview.durationNs, window, select, 60);
  }
  document.getElementById("window-text").textContent = window
    ? `window ${seconds(window.from)} – ${seconds(window.to)} of ${seconds(overview.durationNs)} (Esc clears)`
    : `whole capture, ${seconds(overview.durationNs)}: drag on the timeline to select a window`;
}

async function renderOverview(state) {
  const overview = await query("/api/overview", apiParams(state, { samples: TIMELINE_SAMPLES }), renderPartialTiles);
  const sections = overview.categories.map((category) => {
    const tiles = overview.tiles.filter((t) => t.category === category.id);
    if (tiles.length === 0) return null;
    return el("section", { class: "category" }, el("h2", {}, category.name), el("div", { class: "tiles" }, tiles.map((tile) => tileCard(state, tile))));
  });
  page.replaceChildren(...sections.filter(Boolean));
  for (const tile of overview.tiles) {
    const spark = page.querySelector(`.tile[data-id="${CSS.escape(tile.id)}"] .spark`);
    if (spark) sparkline(spark, tile);
  }
}

// The tiles with their totals so far (no timelines yet), while the capture is read.
function renderPartialTiles(partial) {
  const sections = partial.categories.map((category) => {
    const tiles = partial.tiles.filter((t) => t.category === category.id);
    if (tiles.length === 0) return null;
    return el("section", { class: "category" }, el("h2", {}, category.name), el("div", { class: "tiles" }, tiles.map((tile) =>
      el("div", { class: "tile partial" + (tile.noteworthy && tile.total > 0 ? " noteworthy" : ""), "data-partial-id": tile.id, "data-total": String(tile.total) },
        el("span", { class: "tile-name" }, tile.name),
        el("span", { class: "tile-total" }, total(tile))))));
  });
  page.replaceChildren(el("p", { id: "partial-note", class: "muted" }, "Totals so far, while the capture is read…"), ...sections.filter(Boolean));
  // The last partial system-call total shown stays on the body after the final tiles replace it: how far the page got
  // before the end, whether or not anything looked in time.
  const calls = partial.tiles.find((t) => t.id === "syscallCount");
  if (calls) document.body.dataset.partialSyscalls = String(calls.total);
}

function tileCard(state, tile) {
  const open = () => {
    const d = tile.drillDown;
    const base = { ...state, drill: [], offset: "", sort: "", reverse: "", scope: d.filter ?? "" };
    if (d.view === "dig") go({ ...base, page: "events", view: "" });
    else if (d.view === "echo") go({ ...base, page: "io", view: "" });
    // The chisel names a few views by their wsysdig variants; Inspect has one of each.
    else {
      const id = views.has(d.view) ? d.view : d.view.replace(/_wsysdig$/, "");
      const sort = d.sortingColumn !== undefined && d.sortingColumn < (views.get(id)?.columns.length ?? 0) ? String(d.sortingColumn) : "";
      go({ ...base, page: "view", view: id, sort });
    }
  };
  const pinned = state.pin.includes(tile.id);
  const togglePin = (e) => {
    e.stopPropagation();
    const now = read();
    go({ ...now, pin: pinned ? now.pin.filter((p) => p !== tile.id) : [...now.pin, tile.id] });
  };
  return el("div", { class: "tile" + (tile.noteworthy && tile.total > 0 ? " noteworthy" : ""), role: "button", tabindex: "0", "data-id": tile.id, "data-total": String(tile.total), title: tile.description, onclick: open },
    el("button", { class: "pin" + (pinned ? " on" : ""), title: pinned ? "unpin its timeline" : "pin its timeline under the capture's", onclick: togglePin }, pinned ? "★" : "☆"),
    el("span", { class: "tile-name" }, tile.name),
    el("span", { class: "tile-total" }, total(tile)),
    el("span", { class: "spark" }));
}

function renderCrumbs(state) {
  const parts = [];
  if (state.capture) parts.push(el("a", { href: "/?capture=" + encodeURIComponent(state.capture), onclick: link({ capture: state.capture }) }, state.capture));
  state.drill.forEach((d, i) => {
    const { view, key } = splitDrill(d);
    const target = { ...state, page: "view", view, drill: state.drill.slice(0, i), offset: "", sort: "", reverse: "" };
    parts.push(el("a", { href: "#", class: "crumb", onclick: link(target) }, `${views?.get(view)?.name ?? view}: ${key}`));
  });
  if (state.page === "view") parts.push(el("span", {}, views?.get(state.view)?.name ?? state.view));
  if (state.page === "events") parts.push(el("span", {}, "System calls"));
  if (state.page === "io") parts.push(el("span", {}, "I/O streams"));
  crumbs.replaceChildren(...parts.flatMap((p, i) => (i ? [el("span", { class: "sep" }, " › "), p] : [p])));
}

function link(target) {
  return (e) => { e.preventDefault(); go({ drill: [], ...target }); };
}

// Up one level: the previous crumb.
export function back() {
  const state = read();
  if (state.page === "events" || state.page === "io") {
    if (state.drill.length === 0) return go({ ...state, page: "overview", view: "", scope: "" });
    const { view } = splitDrill(state.drill.at(-1));
    return go({ ...state, page: "view", view, drill: state.drill.slice(0, -1), offset: "", format: "" });
  }
  if (state.page === "view") {
    if (state.drill.length === 0) return go({ ...state, page: "overview", view: "", scope: "", sort: "", reverse: "", offset: "" });
    const { view } = splitDrill(state.drill.at(-1));
    return go({ ...state, view, drill: state.drill.slice(0, -1), sort: "", reverse: "", offset: "" });
  }
}

async function renderView(state) {
  const catalog = await viewCatalog();
  const view = catalog.get(state.view);
  renderCrumbs(state);
  const params = (offset) => apiParams(state, { view: state.view, sort: state.sort, reverse: state.reverse, offset: offset ? String(offset) : "", limit: String(CHUNK) });
  const startRow = Number(state.offset || 0);
  const answer = await query("/api/view", params(startRow - (startRow % CHUNK)));
  const name = answer.table.name;
  const sortBy = (i) => () => go({ ...read(), sort: String(i), reverse: String(answer.sortColumn) === String(i) && !answer.reverse ? "1" : "", offset: "" });
  const head = el("tr", {}, answer.table.columns.map((column, i) =>
    el("th", { onclick: sortBy(i), class: i === answer.sortColumn ? (answer.reverse ? "sorted reverse" : "sorted") : "" }, column)));
  const rowFor = (key) => `${state.view}=${key}`;
  selection.drill = view?.drillDownTarget && catalog.has(view.drillDownTarget)
    ? (key) => go({ ...state, view: view.drillDownTarget, drill: [...state.drill, rowFor(key)], sort: "", reverse: "", offset: "" })
    : null;
  selection.syscalls = answer.rowsHaveEvents ? (key) => go({ ...state, page: "events", view: "", drill: [...state.drill, rowFor(key)], offset: "" }) : null;
  selection.io = answer.rowsHaveEvents ? (key) => go({ ...state, page: "io", view: "", drill: [...state.drill, rowFor(key)], offset: "" }) : null;
  const signal = tableFetches.signal;
  const rangeText = el("span", { id: "row-range", class: "muted" });
  const showRange = () => {
    const { top, count } = table.visible();
    rangeText.textContent = `${name}: rows ${answer.total ? top + 1 : 0}–${Math.min(answer.total, top + count)} of ${answer.total}`;
  };
  table = virtualTable({
    first: answer,
    head,
    startRow: Math.min(startRow, Math.max(0, answer.total - 1)),
    numeric: answer.types.map((t) => /INT|DOUBLE|TIME/.test(t)),
    fetchChunk: (offset) => stream("/api/view", params(offset), () => {}, signal),
    onSelect: (index) => { selection.index = index; },
    onOpen: (key) => selection.drill?.(key),
    onScrolled: (top) => { showRange(); rememberOffset(top); },
  });
  const actions = el("div", { class: "actions" },
    rangeText,
    pager(),
    answer.rowsHaveEvents ? el("button", { id: "open-syscalls", onclick: () => selected(selection.syscalls) }, "System calls (d)") : null,
    answer.rowsHaveEvents ? el("button", { id: "open-io", onclick: () => selected(selection.io) }, "I/O streams (e)") : null,
    selection.drill ? el("button", { id: "drill", onclick: () => selected(selection.drill) }, "Drill down (Enter)") : null);
  page.replaceChildren(el("h1", {}, name), actions, table.element);
  table.start();
  showRange();
}

// The first row in sight goes into the URL (offset=), so a link or a reload scrolls back to it. It replaces the
// history entry rather than adding one per scroll, and the page stays marked as showing its URL's state.
function rememberOffset(top) {
  const state = read();
  if (state.page !== "view") return;
  const url = "/?" + toQuery({ ...state, offset: top ? String(top) : "" }).toString();
  if (url === location.pathname + location.search) return;
  const wasRendered = document.body.dataset.rendered === location.search;
  history.replaceState(null, "", url);
  if (wasRendered) document.body.dataset.rendered = location.search;
}

function selected(action) {
  const key = table?.keyAt(selection.index);
  if (key !== undefined && action) action(key);
}

export function select(index) {
  table?.select(index);
}

export function openSelected(kind) {
  selected(selection[kind]);
}

function pager() {
  return el("span", { class: "pager" },
    el("button", { id: "prev-page", onclick: () => table?.pageBy(-1) }, "‹ Page up"),
    el("button", { id: "next-page", onclick: () => table?.pageBy(1) }, "Page down ›"));
}

// Events and I/O streams page on the server, 100 at a time.
function eventPager(offset, limit, more) {
  const to = (o) => () => go({ ...read(), offset: o ? String(o) : "" });
  return el("span", { class: "pager" },
    el("button", { id: "prev-page", disabled: offset === 0, onclick: to(Math.max(0, offset - limit)) }, "‹ Prev"),
    el("button", { id: "next-page", disabled: !more, onclick: to(offset + limit) }, "Next ›"));
}

export function page_(delta) {
  const button = document.getElementById(delta > 0 ? "next-page" : "prev-page");
  if (button && !button.disabled) button.click();
}

async function renderEvents(state) {
  const answer = await query("/api/events", apiParams(state, { offset: state.offset }));
  page.replaceChildren(
    el("h1", {}, "System calls"),
    el("div", { class: "actions" }, el("span", { class: "muted" }, `events from ${answer.offset + 1}`), eventPager(answer.offset, 100, answer.more)),
    el("pre", { id: "syscalls" }, answer.lines.join("\n")));
}

async function renderIo(state) {
  const format = state.format || "printable";
  const answer = await query("/api/io", apiParams(state, { offset: state.offset, format }));
  const formats = ["printable", "hex", "ascii"].map((f) =>
    el("button", { class: f === format ? "on" : "", "data-format": f, onclick: () => go({ ...read(), format: f === "printable" ? "" : f }) }, f));
  page.replaceChildren(...[
    el("h1", {}, "I/O streams"),
    el("div", { class: "actions" }, el("span", { class: "formats" }, formats), eventPager(answer.offset, 100, answer.more)),
    answer.chunks.length === 0 ? el("p", { class: "muted" }, "No reads or writes with data.") : null,
    el("div", { id: "chunks" }, answer.chunks.map((c) =>
      el("div", { class: "chunk " + c.direction }, el("div", { class: "chunk-head" }, c.header), el("pre", {}, c.text)))),
  ].filter(Boolean));
}

document.getElementById("filter-form").addEventListener("submit", (e) => {
  e.preventDefault();
  go({ ...read(), filter: filterInput.value.trim(), offset: "" });
});
window.addEventListener("popstate", render);
window.addEventListener("inspect:navigate", render);
bindKeys({ back, select, openSelected, page: page_, selection, filterInput });
viewCatalog().then(render, showError);
