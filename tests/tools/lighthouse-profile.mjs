// Where a page's main-thread time goes under Lighthouse's mobile preset (simulated 4x slower CPU).
// Usage: node tests/tools/lighthouse-profile.mjs URL [RUNS]
// Prints per run: TBT, mainthread-work-breakdown, bootup-time per script, long tasks (start, duration, attributable URL).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const [url, runs = '1'] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  for (let i = 0; i < Number(runs); i++) {
    const flags = {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance']};
    const {lhr} = await lighthouse(url, flags, {extends: 'lighthouse:default',
      settings: {onlyCategories: ['performance'], disableFullPageScreenshot: true}});
    const a = lhr.audits;
    const ms = v => Math.round(v);
    console.log(`run ${i + 1}: TBT ${ms(a['total-blocking-time'].numericValue)} ms, ` +
      `DOM ${a['dom-size'] ? a['dom-size'].numericValue : '?'} elements`);
    console.log('  main thread:', (a['mainthread-work-breakdown'].details.items || [])
      .map(x => `${x.group} ${ms(x.duration)}`).join(', '));
    console.log('  bootup:', (a['bootup-time'].details.items || [])
      .map(x => `${x.url.split('/').pop()} total ${ms(x.total)} script ${ms(x.scripting)} parse ${ms(x.scriptParseCompile)}`).join('; '));
    console.log('  long tasks:', ((a['long-tasks'].details || {}).items || [])
      .map(x => `${ms(x.startTime)}+${ms(x.duration)} ${String(x.url).split('/').pop()}`).join('; '));
  }
} finally {
  await chrome.kill();
}
