// The Captures page in the cluster, in headless Chromium through `inspect ui --cluster`'s proxy: a finished Capture
// shows its phase, its headline tiles (the Events tile as its status.summary counts them) and its node's artifact,
// which opens in the overview; the form creates a new Capture, which is then listed; a spec the API server refuses
// shows the API server's reason above the form; opening the artifact shows its download from storage in the progress
// bar, then the overview. A screenshot per step.
//
// usage: node cluster-captures.mjs BASE_URL EXISTING_CAPTURE EXPECTED_EVENTS NAMESPACE SCREENSHOT_DIR
// env: PLAYWRIGHT_CORE (the playwright-core package directory), CHROMIUM (the browser binary)
import { check, openPage } from "./harness.mjs";

const [base, existing, expectedEvents, ns, shots] = process.argv.slice(2);
const { browser, page, shot, settled } = await openPage(shots, { height: 1000, fullPage: true });
try {
  // 1. The finished Capture: phase, headline tiles from its summary, its node's artifact as a link.
  await page.goto(base);
  await settled();
  const card = `.capture-card[data-capture="${existing}"]`;
  await page.waitForSelector(card);
  check(await page.getAttribute(`${card} .phase`, "data-phase") === "Succeeded", "the finished Capture's phase is Succeeded");
  const events = (await page.textContent(`${card} .tile[data-id="events"] .tile-total`)).replaceAll(",", "");
  check(events === expectedEvents, `the Events tile shows the summary's ${expectedEvents}: ${events}`);
  check(await page.$(`${card} .tile[data-id="topProcess"]`) !== null, "the top process tile is there");
  const link = await page.getAttribute(`${card} tr[data-node] a`, "href");
  check(link === "/?capture=" + encodeURIComponent(existing + "/node-a"), `the node's artifact opens in the UI: ${link}`);
  await shot("captures");

  // 2. The form creates a Capture; the page lists it.
  await page.fill("#new-namespace", ns);
  await page.fill("#new-name", "from-the-browser");
  await page.selectOption("#new-target", "podSelector");
  await page.fill("#new-targetValue", "app=web");
  await page.fill("#new-duration", "10s");
  await page.fill("#new-snaplen", "100");
  await page.fill("#new-filter", "proc.name=nginx");
  await page.selectOption("#new-output", "node");
  await page.fill("#new-path", "browser");
  await shot("form-filled");
  await page.click("#new-submit");
  await page.waitForSelector(`.capture-card[data-capture="${ns}/from-the-browser"]`);
  await page.waitForSelector("#new-done:not([hidden])");
  check((await page.textContent("#new-done")).includes(`${ns}/from-the-browser`), "the page says what it created");
  await shot("created");

  // 3. A spec the API server refuses: its reason shows above the form's button, and nothing is listed.
  await page.fill("#new-name", "too-much");
  await page.fill("#new-snaplen", "70000");
  await page.click("#new-submit");
  await page.waitForSelector("#new-error:not([hidden])");
  const error = await page.textContent("#new-error");
  check(error.includes("spec.snaplen") && error.includes("65000"), `the API server's reason is shown: ${error}`);
  check(await page.$(`.capture-card[data-capture="${ns}/too-much"]`) === null, "the refused Capture is not listed");
  await shot("refused");

  // 4. The artifact opens in the overview, fetched from storage by the operator first: the progress bar says so
  //    (every text it shows is recorded, however briefly it is there).
  await page.addInitScript(() => {
    window.progressTexts = [];
    document.addEventListener("DOMContentLoaded", () => {
      const text = document.getElementById("progress-text");
      new MutationObserver(() => window.progressTexts.push(`${text.dataset.phase}: ${text.textContent}`))
        .observe(text, { childList: true, characterData: true, subtree: true, attributes: true });
    });
  });
  await page.click(`${card} tr[data-node] a`);
  await settled();
  await page.waitForSelector('.tile[data-id="syscallCount"]');
  const texts = await page.evaluate(() => window.progressTexts);
  const downloads = texts.filter((t) => t.startsWith("download: "));
  check(downloads.some((t) => /downloading the capture from storage… [\d.]+ (B|KB|MB) of [\d.]+ (KB|MB)|checking the downloaded capture/.test(t)),
    `the progress bar showed the download: ${JSON.stringify(texts.slice(0, 8))}`);
  // (Before its first line the bar reads "reading… 0.0%", as for any query.)
  const isDownload = (t) => t.startsWith("download: ");
  const during = texts.slice(texts.findIndex(isDownload), texts.findLastIndex(isDownload) + 1);
  check(during.every(isDownload) && texts.slice(texts.findLastIndex(isDownload) + 1).some((t) => !isDownload(t)),
    `the download came before the read: ${JSON.stringify(texts)}`);
  console.log("progress texts: " + JSON.stringify(texts.slice(0, 6)));
  await shot("opened");
  console.log("cluster captures page passed");
} finally {
  await browser.close();
}
