// Run pa11y (HTML_CodeSniffer, WCAG2AA) over many URLs in one Node process with one Chromium.
// Usage: node tests/tools/pa11y-site.cjs URL_LIST_FILE > results.json
// Prints {url: [issue, ...]} for errors only. Debian's Chromium (CHROMIUM or /usr/bin/chromium) is
// used: puppeteer's own browser download is skipped at install (PUPPETEER_SKIP_DOWNLOAD=1).
'use strict';
const fs = require('fs');
const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

const PARALLEL = Number(process.env.PA11Y_PARALLEL || 2);
// The end state of every finite animation and transition: what a reader sees once the page has settled.
// It runs in the page (page.evaluate), where `document` is the page's.
/* global document */
const FINISH_ANIMATIONS = () => document.getAnimations().forEach(a => {
  if (a.effect && a.effect.getComputedTiming().endTime !== Infinity) a.finish();
});

async function main() {
  const urls = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
    headless: true,
  });
  const out = {};
  let next = 0;
  async function worker() {
    const page = await browser.newPage();
    while (next < urls.length) {
      const url = urls[next++];
      // pa11y's own navigation waits for 500 ms without a request on every page; the pages are settled
      // as the axe sweep settles them (tests/conftest.py, settle): loaded, 150 ms without a request, and
      // the theme's transitions finished (or contrast is measured mid-fade; a page that is not in front
      // does not run its transitions at all).
      await page.goto(url, {waitUntil: 'load', timeout: 60000});
      await page.waitForNetworkIdle({idleTime: 150, timeout: 60000});
      await page.evaluate(FINISH_ANIMATIONS);
      const result = await pa11y(url, {
        browser, page, ignoreUrl: true, runners: ['htmlcs'], standard: 'WCAG2AA', timeout: 60000,
      });
      out[url] = result.issues.filter(i => i.type === "error")
        .map(({code, message, selector, context}) => ({code, message, selector, context}));
    }
    await page.close();
  }
  try {
    await Promise.all(Array.from({length: PARALLEL}, worker));
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out, null, 1));
}

main().catch(err => { console.error(err); process.exit(2); });
