// Runs axe-core (WCAG 2.0/2.1 A and AA rules) in headless Chromium over the pages given on the command line
// and prints one JSON report: per page the violations with their impact. Exit code 0 even with violations:
// the Java test decides what fails, so it can name every problem at once.
//
//   node axe-check.mjs http://127.0.0.1:8080/register http://127.0.0.1:8080/register/12345678
//
// CHROMIUM points at the browser (default /usr/bin/chromium); nothing is downloaded.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const urls = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
});
const report = [];
try {
  // the pages forbid inline script (Content-Security-Policy); axe is injected as one, so the check bypasses
  // the policy for itself only
  const context = await browser.newContext({ bypassCSP: true });
  for (const url of urls) {
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: 'load' });
    const keyboard = await keyboardWalk(page);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      return await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    });
    report.push({
      url,
      status: response ? response.status() : 0,
      keyboard,
      passes: result.passes.length,
      violations: result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
      })),
    });
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));

// Keyboard only: the first Tab reaches a visible skip link, Enter on it moves focus to the main content, no element
// jumps the order with a positive tabindex, and every element the Tab key reaches (up to 60) shows where focus is.
async function keyboardWalk(page) {
  const focused = () => page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    // a transparent or zero-sized ring (the package resets box-shadow to one) does not show focus
    const transparent = c => c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);
    const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !transparent(s.outlineColor);
    const ringed = s.boxShadow !== 'none' && s.boxShadow.split(/,(?![^(]*\))/).some(shadow =>
      !/rgba\([^)]*,\s*0\)/.test(shadow) && /[1-9][0-9.]*px/.test(shadow.replace(/rgba?\([^)]*\)/, '')));
    const marked = outlined || ringed;
    const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.getAttribute('href') ? '[href="' + e.getAttribute('href') + '"]' : '')
      + (e.getAttribute('name') ? '[name="' + e.getAttribute('name') + '"]' : '');
    return { name, visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight + 10000, marked,
      inViewport: r.top >= 0 && r.left >= 0 && r.top < window.innerHeight };
  });
  await page.keyboard.press('Tab');
  const first = await focused();
  await page.keyboard.press('Enter');
  const afterSkip = await page.evaluate(() => document.activeElement ? document.activeElement.id : null);
  const positiveTabindex = await page.evaluate(() => [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0).length);
  const unmarked = [];
  let reached = 0;
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    if (!f) break;
    reached++;
    if (f.visible && !f.marked) unmarked.push(f.name);
  }
  return {
    skipLinkFirst: !!first && first.name.includes('[href="#main"]'),
    skipLinkVisible: !!first && first.inViewport && first.marked,
    skipTargetFocused: afterSkip === 'main',
    positiveTabindex, reached, unmarked,
  };
}
