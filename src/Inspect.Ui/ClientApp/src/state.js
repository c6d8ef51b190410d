// Every state of the app lives in the URL's query, so a link reproduces it: the capture, the page, the view, the
// drill path (drill=VIEW=KEY, outermost first), the overview tile's scope, the filter, the time window (from/to in
// nanoseconds from the capture's start), the sort, the page offset, the I/O rendering and the pinned tiles.

const KEYS = ["capture", "page", "view", "scope", "filter", "from", "to", "sort", "reverse", "offset", "format"];

export function read() {
  const q = new URLSearchParams(location.search);
  const state = { drill: q.getAll("drill"), pin: q.getAll("pin") };
  for (const k of KEYS) state[k] = q.get(k) ?? "";
  if (!state.page) state.page = state.capture ? "overview" : "captures";
  return state;
}

export function toQuery(state) {
  const q = new URLSearchParams();
  for (const k of KEYS) if (state[k] !== undefined && state[k] !== "" && state[k] !== null) q.set(k, state[k]);
  for (const d of state.drill ?? []) q.append("drill", d);
  for (const p of state.pin ?? []) q.append("pin", p);
  return q;
}

// The API parameters the state implies for a query over the capture.
export function apiParams(state, extra = {}) {
  const q = new URLSearchParams();
  q.set("capture", state.capture);
  for (const k of ["filter", "scope", "from", "to"]) if (state[k]) q.set(k, state[k]);
  for (const d of state.drill) q.append("drill", d);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") q.set(k, v);
  return q;
}

export function go(state, replace = false) {
  const url = "/?" + toQuery(state).toString();
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  window.dispatchEvent(new Event("inspect:navigate"));
}

export function splitDrill(drill) {
  const eq = drill.indexOf("=");
  return { view: drill.slice(0, eq), key: drill.slice(eq + 1) };
}
