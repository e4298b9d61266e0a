// Run pa11y (HTML_CodeSniffer, WCAG2AA) over many URLs in one Node process with one Chromium.
// Usage: node tests/tools/pa11y-site.cjs URL_LIST_FILE > results.json
// Prints {url: [issue, ...]} for errors only. Debian's Chromium (CHROMIUM or /usr/bin/chromium) is
// used: puppeteer's own browser download is skipped at install (PUPPETEER_SKIP_DOWNLOAD=1).
'use strict';
const fs = require('fs');
const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

const PARALLEL = Number(process.env.PA11Y_PARALLEL || 2);

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
      const result = await pa11y(url, {
        browser, page, runners: ['htmlcs'], standard: 'WCAG2AA', timeout: 60000,
        // The theme fades content in; give it the same settling time as the axe scan.
        wait: 150,
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
