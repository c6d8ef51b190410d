// A big capture in headless Chromium: the overview shows its totals so far while it is read; a view with thousands
// of rows: the row count is the command line's, only the rows in sight
// are in the DOM, scrolling to the end shows the last row, the page answers input while it scrolls, and a reload
// lands on the row scrolled to. A screenshot per step.
//
// usage: node virtual-table.mjs BASE_URL CAPTURE VIEW EXPECTED_ROWS LAST_KEY SCREENSHOT_DIR
// env: PLAYWRIGHT_CORE (the playwright-core package directory), CHROMIUM (the browser binary)
import { check, openPage } from "./harness.mjs";

const [base, capture, view, expectedRows, lastKey, shots] = process.argv.slice(2);
const total = Number(expectedRows);
const { browser, page, shot, settled, steps } = await openPage(shots);
const rendered = () => page.$$eval("#rows tbody tr[data-index]", (rows) => rows.map((r) => Number(r.dataset.index)));
try {
  // 0. The overview of the (uncached) capture fills in with the totals so far while it is read, and the page keeps
  //    drawing frames meanwhile; then the final tiles replace them.
  await page.goto(`${base}?capture=${encodeURIComponent(capture)}`);
  const longestFrame = page.evaluate(() => new Promise((resolve) => {
    let last = performance.now();
    let longest = 0;
    const tick = (now) => {
      longest = Math.max(longest, now - last);
      last = now;
      if (document.body.dataset.rendered === location.search) resolve(longest);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }));
  // A screenshot of the totals so far when the page is still showing them; the check below reads what the page
  // recorded, so a machine that renders the final tiles before this script looks does not fail it.
  await page.waitForFunction(() => document.querySelector("#partial-note") || document.body.dataset.rendered === location.search);
  if (await page.$("#partial-note")) await shot("overview-partial");
  const frame = await longestFrame;
  await settled();
  const partialTotal = Number(await page.evaluate(() => document.body.dataset.partialSyscalls ?? "0"));
  const finalTotal = Number(await page.getAttribute('.tile[data-id="syscallCount"]', "data-total"));
  check(partialTotal > 0 && partialTotal < finalTotal, `the partial system-call total ${partialTotal} grows to ${finalTotal}`);
  check(frame < 500, `the page drew a frame at least every 500 ms while the overview was read (longest gap ${frame.toFixed(0)} ms)`);
  await shot("overview");

  // 1. The whole count is known, but only a screenful (and a margin) of rows is in the DOM.
  await page.goto(`${base}?capture=${encodeURIComponent(capture)}&page=view&view=${view}`);
  await settled();
  const range = await page.textContent("#row-range");
  check(range.endsWith(`of ${total}`), `the page counts ${total} rows: ${range}`);
  let indexes = await rendered();
  check(indexes.length > 10 && indexes.length < 150, `only the rows in sight are rendered: ${indexes.length} of ${total}`);
  check(indexes[0] === 0, "the first row is at the top");
  await shot("top");

  // 2. Scrolling to the bottom renders the last rows, loaded on demand, and still only a screenful of them.
  await page.$eval("#rows-viewport", (v) => { v.scrollTop = v.scrollHeight; });
  await page.waitForSelector(`#rows tbody tr[data-index="${total - 1}"][data-key]`);
  const last = await page.$eval(`#rows tbody tr[data-index="${total - 1}"]`, (tr) => tr.dataset.key);
  check(last === lastKey, `the last row is the command line's last: ${last} != ${lastKey}`);
  indexes = await rendered();
  check(indexes.length < 150, `after scrolling, still only the rows in sight: ${indexes.length}`);
  await shot("bottom");

  // 3. The middle, through the keyboard: PageUp moves the selection a screen up and the rows follow.
  await page.$eval("#rows-viewport", (v) => { v.scrollTop = v.scrollHeight / 2; });
  // Wait for the rows of the middle to be drawn (the scroll is handled a frame later), loaded, before picking one.
  await page.waitForSelector(`#rows tbody tr[data-index="${Math.floor(total / 2) + 5}"][data-key]`);
  await page.waitForFunction(() => document.querySelectorAll("#rows tbody tr.loading").length === 0);
  const middle = (await rendered())[25];
  await page.click(`#rows tbody tr[data-index="${middle}"]`);
  await page.keyboard.press("PageUp");
  await page.waitForFunction((m) => Number(document.querySelector("#rows tbody tr.selected")?.dataset.index) < m, middle);
  await shot("middle");

  // 4. The page stays responsive: a burst of scrolls over the whole table, each answered within a frame or two.
  const worst = await page.$eval("#rows-viewport", async (v) => {
    let slowest = 0;
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      v.scrollTop = Math.random() * v.scrollHeight;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      slowest = Math.max(slowest, performance.now() - started);
    }
    return slowest;
  });
  check(worst < 500, `each scroll is drawn within 500 ms (slowest ${worst.toFixed(0)} ms)`);
  indexes = await rendered();
  check(indexes.length < 150, `after the burst, still only the rows in sight: ${indexes.length}`);

  // 5. The row scrolled to is in the URL, and a reload comes back to it.
  await page.$eval("#rows-viewport", (v) => { v.scrollTop = 3000 * 22; });
  await page.waitForFunction(() => Number(new URL(location.href).searchParams.get("offset")) >= 2990);
  const offset = Number(new URL(page.url()).searchParams.get("offset"));
  await page.goto(page.url());
  await settled();
  await page.waitForSelector(`#rows tbody tr[data-index="${offset}"][data-key]`);
  const top = await page.$eval("#rows-viewport", (v) => Math.floor(v.scrollTop / 22));
  check(Math.abs(top - offset) <= 1, `the reload scrolled back to row ${offset} (at ${top})`);
  await shot("reload");
  console.log(`virtual table passed: ${total} rows, ${steps()} steps, screenshots in ${shots}`);
} catch (error) {
  await shot("failure").catch(() => {});
  console.error(error.message);
  console.error("at " + page.url());
  process.exitCode = 1;
} finally {
  await browser.close();
}
