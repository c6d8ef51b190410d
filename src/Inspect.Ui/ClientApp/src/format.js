// Numbers as the overview prints them: bytes in KiB/MiB/GiB, counts with thousands separators.
export function total(tile) {
  if (/bytes/i.test(tile.id) || /Bytes/.test(tile.name)) return bytes(tile.total);
  return tile.total.toLocaleString("en-US");
}

export function bytes(n) {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(2)) + " " + units[i];
}

export function seconds(ns) {
  return (Number(ns) / 1e9).toFixed(3) + "s";
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}
