// What every browser script starts with: headless Chromium (Debian's, driven by playwright-core), one page, a clean
// screenshot directory with numbered screenshots, a check that fails the script with its message, and a wait for the
// app to show the state of its current URL (the app marks it on <body> when a render finishes).
//
// env: PLAYWRIGHT_CORE (the playwright-core package directory), CHROMIUM (the browser binary)
import { createRequire } from "node:module";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

export function check(condition, message) {
  if (!condition) throw new Error("check failed: " + message);
}

// Opens the browser and a page of the given height; shot(name) saves the next numbered screenshot in `shots`
// (the whole page when fullPage is set); steps() says how many were taken.
export async function openPage(shots, { height = 900, fullPage = false } = {}) {
  const { chromium } = createRequire(import.meta.url)(process.env.PLAYWRIGHT_CORE);
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage({ viewport: { width: 1400, height } });
  page.setDefaultTimeout(60_000);
  let step = 0;
  const shot = async (name) => page.screenshot({ path: join(shots, `${String(++step).padStart(2, "0")}-${name}.png`), fullPage });
  const settled = () => page.waitForFunction(() => document.body.dataset.rendered === location.search);
  return { browser, page, shot, settled, steps: () => step };
}
