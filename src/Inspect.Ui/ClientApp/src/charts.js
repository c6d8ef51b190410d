import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

// A tile's sparkline: its timeline as a small area chart, no axes.
export function sparkline(container, tile, width = 180, height = 36) {
  const xs = tile.timeline.map((p) => p.offsetNs / 1e9);
  const ys = tile.timeline.map((p) => p.value);
  return new uPlot({
    width, height,
    legend: { show: false },
    cursor: { show: false },
    axes: [{ show: false }, { show: false }],
    scales: { x: { time: false } },
    series: [{}, { stroke: "#2f6fbf", fill: "rgba(47,111,191,0.2)", width: 1, points: { show: false } }],
  }, [xs, ys], container);
}

// The capture's timeline: dragging selects a time window; onSelect(fromNs, toNs) in nanoseconds from the start.
export function timeline(container, tile, durationNs, window, onSelect, height = 90) {
  const xs = tile.timeline.map((p) => p.offsetNs / 1e9);
  const ys = tile.timeline.map((p) => p.value);
  const plot = new uPlot({
    width: Math.max(300, container.clientWidth || 800), height,
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
    scales: { x: { time: false, range: [0, durationNs / 1e9] } },
    axes: [{ size: 24, values: (u, v) => v.map((s) => s + "s") }, { size: 40 }],
    series: [{}, { label: tile.name, stroke: "#2f6fbf", fill: "rgba(47,111,191,0.25)", width: 1 }],
    hooks: {
      setSelect: [(u) => {
        if (u.select.width < 2) return;
        const from = u.posToVal(u.select.left, "x");
        const to = u.posToVal(u.select.left + u.select.width, "x");
        onSelect(Math.max(0, Math.round(from * 1e9)), Math.round(to * 1e9));
      }],
      draw: [(u) => {
        if (!window) return;
        const left = u.valToPos(window.from / 1e9, "x", true);
        const right = u.valToPos(window.to / 1e9, "x", true);
        u.ctx.save();
        u.ctx.fillStyle = "rgba(255,170,0,0.25)";
        u.ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
        u.ctx.restore();
      }],
    },
  }, [xs, ys], container);
  return plot;
}
