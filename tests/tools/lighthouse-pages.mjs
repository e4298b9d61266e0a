// Lighthouse over a list of URLs with one Chromium, mobile and/or desktop.
// Usage: node tests/tools/lighthouse-pages.mjs CATEGORIES FORM_FACTORS URL... > results.json
//   CATEGORIES: comma-separated (accessibility,performance); FORM_FACTORS: mobile,desktop
// Prints [{url, formFactor, scores: {category: 0..100}, failing: [{id, title, items}], metrics, requests, transferBytes}].
// Chromium is Debian's (CHROME_PATH, default /usr/bin/chromium): nothing is downloaded.
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';

const [categories, formFactors, ...urls] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage'],
});
const out = [];
try {
  for (const formFactor of formFactors.split(',')) {
    for (const url of urls) {
      const flags = {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories.split(',')};
      const config = {extends: 'lighthouse:default', settings: {
        ...(formFactor === 'desktop' ? desktopConfig.settings : {}),
        onlyCategories: categories.split(','), disableFullPageScreenshot: true,
        // An accessibility-only run need not wait for the page to go quiet like a performance run does.
        ...(categories === 'accessibility' ? {pauseAfterFcpMs: 0, pauseAfterLoadMs: 250, networkQuietThresholdMs: 250,
          cpuQuietThresholdMs: 250, throttlingMethod: 'provided', skipAboutBlank: true, disableStorageReset: true} : {}),
      }};
      const result = await lighthouse(url, flags, config);
      const lhr = result.lhr;
      const scores = Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, Math.round(c.score * 100)]));
      const failing = Object.values(lhr.audits)
        .filter(a => a.scoreDisplayMode === 'binary' && a.score !== null && a.score < 1)
        .map(a => ({id: a.id, title: a.title,
          items: ((a.details && a.details.items) || []).slice(0, 5).map(i => (i.node && i.node.selector) || i.url || '')}));
      const metrics = {};
      for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
        if (lhr.audits[id] && lhr.audits[id].numericValue !== undefined) metrics[id] = lhr.audits[id].numericValue;
      }
      const requests = (((lhr.audits['network-requests'] || {}).details || {}).items || []).filter(i => !String(i.url).startsWith('data:')).length;
      out.push({url, formFactor, scores, failing, metrics, requests,
        transferBytes: (lhr.audits['total-byte-weight'] || {}).numericValue});
    }
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(out, null, 1));
