// Bundles the front end into OUTDIR (the first argument): app.js and app.css from src/, index.html copied.
// Run by the .NET build (Inspect.Ui.csproj) after `npm ci`; nothing is fetched at run time.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const outdir = process.argv[2];
if (!outdir) {
  console.error("usage: node build.mjs OUTDIR");
  process.exit(2);
}

mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: { app: "src/main.js" },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outdir,
  loader: { ".css": "css" },
  logLevel: "warning",
});
copyFileSync("src/index.html", join(outdir, "index.html"));
