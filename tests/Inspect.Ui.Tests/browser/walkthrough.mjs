// Walks the app in headless Chromium as an investigator would, checking each step and saving a screenshot of it:
// the overview shows the expected tiles and totals; a tile opens its view; a row drills into the next view, with a
// breadcrumb; a pinned tile's timeline stays under the capture's; a row opens its I/O streams; a filter and a time window land in the URL; a reload from the URL shows
// the same page; a bad filter points at its column.
//
// usage: node walkthrough.mjs BASE_URL CAPTURE EXPECTED_TILES_JSON SCREENSHOT_DIR
// env: PLAYWRIGHT_CORE (the playwright-core package directory), CHROMIUM (the browser binary)
import { readFileSync } from "node:fs";
import { check, openPage } from "./harness.mjs";

const [base, capture, expectedFile, shots] = process.argv.slice(2);
const expected = JSON.parse(readFileSync(expectedFile, "utf8"));
const { browser, page, shot, settled, steps } = await openPage(shots, { fullPage: true });
const params = () => new URL(page.url()).searchParams;
try {
  // 1. The overview: every tile the API's oracle (`inspect summary --json`) lists, with the same total.
  await page.goto(`${base}?capture=${encodeURIComponent(capture)}`);
  await settled();
  const shown = await page.$$eval(".tile[data-id]", (tiles) => Object.fromEntries(tiles.map((t) => [t.dataset.id, Number(t.dataset.total)])));
  check(JSON.stringify(shown) === JSON.stringify(expected), `tiles ${JSON.stringify(shown)} != summary ${JSON.stringify(expected)}`);
  check(await page.$$eval(".tile .spark canvas", (c) => c.length) === Object.keys(expected).length, "every tile has a sparkline");
  await shot("overview");

  // 1b. Pinning a tile puts its timeline under the capture's, on every page.
  await page.click('.tile[data-id="netBytesR"] .pin');
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll("pin").join() === "netBytesR");
  await settled();
  check(await page.$('#pinned .pinned-row[data-id="netBytesR"] canvas') !== null, "the pinned tile's timeline is shown");
  await shot("pinned");

  // 2. A tile opens its view: network bytes → server ports.
  await page.click('.tile[data-id="netBytes"]');
  await settled();
  check(params().get("page") === "view" && params().get("view") === "sports", "the tile opened the sports view: " + page.url());
  await shot("tile-view");

  // 3. Double-clicking a row drills into the next view, with a breadcrumb back.
  const port = await page.$eval("#rows tbody tr[data-key]", (tr) => tr.dataset.key);
  await page.dblclick("#rows tbody tr[data-key]");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("view") === "connections");
  await settled();
  check(params().getAll("drill").join() === `sports=${port}`, "the drill path is in the URL: " + page.url());
  check((await page.$$("#crumbs a.crumb")).length === 1, "one breadcrumb for the drill");
  await shot("drill");

  // 4. The connection's I/O streams, by keyboard (e), in hex.
  await page.keyboard.press("e");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("page") === "io");
  await settled();
  check(params().get("page") === "io", "e opened the I/O streams");
  await page.click('button[data-format="hex"]');
  await page.waitForFunction(() => new URL(location.href).searchParams.get("format") === "hex");
  await settled();
  check(/^ {2}0000 {2}[0-9a-f]{2} /.test(await page.$eval("#chunks .chunk pre", (p) => p.textContent)), "hex rendering");
  await shot("io-streams");

  // 5. A filter from the box goes into the URL and narrows the stream to reads.
  await page.fill("#filter", "evt.is_io_read=true");
  await page.press("#filter", "Enter");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("filter") === "evt.is_io_read=true");
  await settled();
  const directions = await page.$$eval("#chunks .chunk", (c) => c.map((x) => x.className));
  check(directions.length > 0 && directions.every((d) => d.includes("read")), "only reads after the filter: " + directions);
  await shot("filter");

  // 6. Dragging on the timeline selects a time window for every page.
  const overlay = await page.waitForSelector("#timeline .u-over");
  const box = await overlay.boundingBox();
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => new URL(location.href).searchParams.get("to") !== null);
  check(Number(params().get("to")) > Number(params().get("from") ?? 0), "the window is in the URL: " + page.url());
  await settled();
  await shot("window");

  // 7. Reloading from the URL lands on the same state.
  const url = page.url();
  const before = await page.$eval("#page", (p) => p.innerText);
  await page.goto(url);
  await settled();
  check(page.url() === url, "the URL survived the reload");
  check((await page.$eval("#page", (p) => p.innerText)) === before, "the reloaded page shows the same I/O streams");
  check((await page.inputValue("#filter")) === "evt.is_io_read=true", "the filter box shows the filter after the reload");
  check(await page.$('#pinned .pinned-row[data-id="netBytesR"] canvas') !== null, "the pinned timeline is back after the reload");
  await shot("reload");

  // 8. Backspace goes back up to the connections view, keeping filter and window.
  await page.keyboard.press("Backspace");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("page") === "view");
  await settled();
  check(params().get("view") === "connections" && params().get("filter") === "evt.is_io_read=true", "back to the view: " + page.url());
  await shot("back");

  // 9. A bad filter is refused with its column, and the caret is put there.
  await page.fill("#filter", "proc.name=cat and and");
  await page.press("#filter", "Enter");
  await page.waitForSelector("#filter-error:not([hidden])");
  const error = await page.$eval("#filter-error", (e) => e.textContent);
  check(/column 19/.test(error), "the error names the column: " + error);
  check((await page.$eval("#filter", (i) => i.selectionStart)) === 18, "the caret is at the column");
  await shot("bad-filter");
  console.log(`walkthrough passed: ${steps()} steps, screenshots in ${shots}`);
} catch (error) {
  await shot("failure").catch(() => {});
  console.error(error.message);
  console.error("at " + page.url());
  process.exitCode = 1;
} finally {
  await browser.close();
}
