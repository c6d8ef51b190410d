// The Captures page in the cluster: every Capture the user may see, with its phase, nodes, artifacts (each node's
// part opens in the overview) and the headline tiles of its status.summary; and a form that creates a Capture.
import { json, post } from "./api.js";
import { el, bytes } from "./format.js";

export async function renderClusterCaptures(page) {
  const list = await json("/api/cluster/captures");
  const cards = el("div", { id: "capture-cards" });
  // After a Capture is created only the list is fetched again: the form keeps what was typed.
  const refresh = async (fresh) => {
    const captures = (fresh ?? await json("/api/cluster/captures")).captures;
    cards.replaceChildren(...(captures.length ? captures.map(captureCard) : [el("p", { class: "muted" }, "No Captures here that you may see.")]));
  };
  await refresh(list);
  page.replaceChildren(el("h1", {}, "Captures in the cluster"), captureForm(list, refresh), cards);
}

function captureCard(c) {
  const id = `${c.namespace}/${c.name}`;
  const who = [c.trigger, c.createdBy ? "by " + c.createdBy : null, c.created ? new Date(c.created).toLocaleString() : null].filter(Boolean).join(" · ");
  return el("section", { class: "capture-card", "data-capture": id },
    el("div", { class: "capture-head" },
      el("span", { class: "capture-name" }, id),
      el("span", { class: "phase phase-" + c.phase.toLowerCase(), "data-phase": c.phase }, c.phase),
      el("span", { class: "muted" }, who)),
    c.message ? el("div", { class: "error why" }, c.message) : null,
    headline(c),
    nodeTable(c));
}

// The status.summary the operator writes when the nodes' analyses are in: a few tiles, as the overview shows them.
function headline(c) {
  const s = c.summary;
  const tiles = [];
  const tile = (id, name, value, detail) => tiles.push(el("div", { class: "tile headline", "data-id": id },
    el("span", { class: "tile-name" }, name), el("span", { class: "tile-total" }, value), detail ? el("span", { class: "muted detail" }, detail) : null));
  const events = s?.events ?? c.events;
  if (events !== undefined && events !== null) tile("events", "Events", events.toLocaleString("en-US"));
  if (c.size) tile("size", "Size", c.size);
  if (s?.durationSeconds !== undefined && s?.durationSeconds !== null) tile("duration", "Duration", s.durationSeconds.toFixed(1) + " s");
  const top = (list, id, name, show) => { if (list?.length) tile(id, name, list[0].name, show(list[0])); };
  top(s?.topProcesses, "topProcess", "Top process", (e) => (e.count ?? 0).toLocaleString("en-US") + " events");
  top(s?.topFiles, "topFile", "Top file", (e) => bytes(e.bytes ?? 0));
  top(s?.topConnections, "topConnection", "Top connection", (e) => bytes(e.bytes ?? 0));
  top(s?.errors, "topError", "Most failed", (e) => (e.count ?? 0).toLocaleString("en-US") + " errors");
  if (s?.execs) tile("execs", "Commands run", s.execs.length.toLocaleString("en-US"), s.execs[0]?.name);
  const findings = s?.findings ?? [];
  if (s) tiles.push(el("div", { class: "tile headline" + (findings.length ? " noteworthy" : ""), "data-id": "findings" },
    el("span", { class: "tile-name" }, "Findings"), el("span", { class: "tile-total" }, String(findings.length)),
    findings.length ? el("ul", { class: "findings" }, findings.map((f) => el("li", {}, f))) : null));
  return tiles.length ? el("div", { class: "tiles" }, tiles) : el("p", { class: "muted" }, "No summary yet: it comes when the nodes' files are analysed.");
}

function nodeTable(c) {
  if (!c.nodes.length) return el("p", { class: "muted" }, "No node has recorded anything yet.");
  return el("table", { class: "nodes" },
    el("tr", {}, ["node", "phase", "events", "size", "artifact"].map((h) => el("th", {}, h))),
    c.nodes.map((n) => el("tr", { "data-node": n.node },
      el("td", {}, n.node),
      el("td", {}, n.phase),
      el("td", { class: "num" }, n.events?.toLocaleString("en-US") ?? ""),
      el("td", { class: "num" }, n.bytes !== undefined && n.bytes !== null ? bytes(n.bytes) : ""),
      el("td", {}, n.unavailable
        ? el("span", { class: "muted", title: n.artifact ?? "" }, n.unavailable)
        : el("a", { href: "/?capture=" + encodeURIComponent(n.capture), title: n.artifact ?? "" }, "open " + (n.artifact ?? n.capture))))));
}

// The form that starts a Capture. The server checks the user's right to create it and the API server its spec; either
// refusal is shown above the form's button.
function captureForm(list, refresh) {
  const field = (label, input, hint) => el("label", {}, el("span", {}, label), input, hint ? el("span", { class: "muted hint" }, hint) : null);
  const input = (name, attrs = {}) => el("input", { name, id: "new-" + name, spellcheck: "false", ...attrs });
  const select = (name, options) => el("select", { name, id: "new-" + name }, options.map(([value, text]) => el("option", { value }, text)));
  const target = select("target", [["podSelector", "pods with labels"], ["podNames", "pods by name"], ["nodeSelector", "whole nodes with labels"]]);
  const output = select("output", [
    ["default", list.defaultStorage ? `operator's default storage (${list.defaultStorage})` : "operator's default storage"],
    ["s3", "an S3 bucket"], ["node", "a directory on each node"]]);
  const s3 = el("div", { class: "output-fields", "data-output": "s3", hidden: true },
    field("bucket", input("bucket")), field("prefix", input("prefix")),
    field("endpoint", input("endpoint", { value: list.defaultEndpoint ?? "", placeholder: "https://s3.amazonaws.com" })),
    field("credentials Secret", input("credentialsSecret")));
  const node = el("div", { class: "output-fields", "data-output": "node", hidden: true }, field("path", input("path", { placeholder: "captures" }), "relative to the operator's base directory"));
  output.addEventListener("change", () => { s3.hidden = output.value !== "s3"; node.hidden = output.value !== "node"; });
  const error = el("div", { id: "new-error", class: "error", role: "alert", hidden: true });
  const done = el("div", { id: "new-done", class: "muted", hidden: true });
  const form = el("form", { id: "new-capture", class: "new-capture", autocomplete: "off" },
    el("h2", {}, "Start a Capture"),
    el("div", { class: "form-grid" },
      field("namespace", input("namespace", { required: true })),
      field("name", input("name", { required: true, placeholder: "e.g. web-incident-1" })),
      field("record", target),
      field("which", input("targetValue", { placeholder: "app=web,tier=front" }), "labels as KEY=VALUE,…; pod names separated by commas"),
      field("duration", input("duration", { value: "30s" }), "30s, 5m, 1h30m"),
      field("snaplen", input("snaplen", { value: "80", inputmode: "numeric" }), "payload bytes kept per I/O call"),
      field("filter", input("filter", { placeholder: "proc.name=nginx" }), "sysdig filter, applied before events are written"),
      field("output", output)),
    s3, node, error, done,
    el("button", { type: "submit", id: "new-submit" }, "Create Capture"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.hidden = true;
    done.hidden = true;
    const body = Object.fromEntries(new FormData(form).entries());
    try {
      const created = await post("/api/cluster/captures", body);
      done.hidden = false;
      done.textContent = `Created Capture ${created.namespace}/${created.name}.`;
      await refresh();
    } catch (failure) {
      error.hidden = false;
      error.textContent = failure.message;
    }
  });
  return form;
}
