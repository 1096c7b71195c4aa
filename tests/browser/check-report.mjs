// Loads a self-contained HTML page (draft-post's report.html) in Debian's headless Chromium
// and prints what a reader's browser would see as one JSON object on stdout:
//   title, banner {text, top} (the fidelity note a reader sees first: its text and its distance
//   from the top of the page in px), tables [{rows}], images [{src, complete, naturalWidth}], consoleErrors, pageErrors,
//   requests (every URL the page asked for beyond itself), failedRequests, screenshot.
// usage: node check-report.mjs REPORT.html SCREENSHOT.png
// Exit code 0 when the page loaded (the caller judges the JSON), 2 on bad usage, 1 when the
// browser cannot start or the page cannot load.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [reportPath, screenshotPath] = process.argv.slice(2);
if (!reportPath || !screenshotPath) {
  console.error('usage: node check-report.mjs REPORT.html SCREENSHOT.png');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const pageUrl = pathToFileURL(path.resolve(reportPath)).href;


let browser;
try {
  // Without the sandbox (--no-sandbox): as root, which the tests and CI run as, Chromium refuses
  // to start with it ("Running as root without --no-sandbox is not supported"); the page is our own.
  browser = await chromium.launch({ executablePath, headless: true, chromiumSandbox: false, timeout: 60000 });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const consoleErrors = [], pageErrors = [], requests = [], failedRequests = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // data: URIs are part of the page; anything else (another file, the network) is a request
  // a self-contained report must not make.
  page.on('request', (r) => { if (r.url() !== pageUrl && !r.url().startsWith('data:')) requests.push(r.url()); });
  page.on('requestfailed', (r) => failedRequests.push({ url: r.url(), error: r.failure()?.errorText ?? '' }));

  const response = await page.goto(pageUrl, { waitUntil: 'load', timeout: 60000 });
  const facts = await page.evaluate(() => ({
    title: document.title,
    banner: (() => {
      const b = document.querySelector('.fidelity');
      return b ? { text: b.innerText, top: Math.round(b.getBoundingClientRect().top + window.scrollY) } : null;
    })(),
    tables: [...document.querySelectorAll('table')].map((t) => {
      const wrap = t.closest('.table-wrap');
      const rows = t.tBodies.length ? [...t.tBodies].flatMap((b) => [...b.rows]) : [...t.rows];
      // Line boxes of each row's first cell: more than one means the case name wrapped.
      const lines = rows.map((r) => {
        if (!r.cells.length) return 0;
        const range = document.createRange();
        range.selectNodeContents(r.cells[0]);
        return new Set([...range.getClientRects()].map((q) => Math.round(q.top))).size;
      });
      return {
        id: t.id || (t.closest('section') ? t.closest('section').id : ''),
        rows: rows.length,
        overflowPx: wrap ? wrap.scrollWidth - wrap.clientWidth : 0,
        firstColumnLines: lines.length ? Math.max(...lines) : 0,
      };
    }),
    images: [...document.images].map((i) => ({
      src: i.src.slice(0, 40), complete: i.complete, naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight,
    })),
    svgs: document.querySelectorAll('svg').length,
    sections: [...document.querySelectorAll('section[id]')].map((s) => s.id),
    scripts: document.scripts.length,
    textLength: document.body.innerText.length,
  }));
  await page.screenshot({ path: screenshotPath, fullPage: true });
  console.log(JSON.stringify({
    ok: response ? response.ok() : true,
    url: pageUrl,
    ...facts,
    consoleErrors, pageErrors, requests, failedRequests,
    screenshot: path.resolve(screenshotPath),
    browser: browser.version(),
  }, null, 2));
} catch (e) {
  console.error(`check-report: ${e && e.message ? e.message : e}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
}
