// Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules, so 2.2's target size too) in headless Chromium over the pages given on the command line
// and prints one JSON report: per page the violations with their impact. Exit code 0 even with violations:
// the Java test decides what fails, so it can name every problem at once.
//
//   node axe-check.mjs http://127.0.0.1:8080/register http://127.0.0.1:8080/register/12345678
//
// "submit:URL" checks the page after sending its form with errors (see submitted()); "submit:URL|/ending" sends the form
// whose action ends so instead of the page's first task form; "bigfile:URL" after choosing a file too large for its
// evidence form (see bigFile()). Each page's report says where focus was once it had loaded (focusOnLoad).
// Staff pages: "--as=USER" before their URLs signs USER in first, as a person does, through the application's sign-in
// (Keycloak's login form with the password in AXE_PASSWORD), in a browser context of its own; "--as=" goes back to
// anonymous. Each page's report says who looked at it.
//
// CHROMIUM points at the browser (default /usr/bin/chromium); nothing is downloaded.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
// the command line as groups of URLs, each seen by one person (null: anonymous)
const groups = [];
let current = { user: null, urls: [] };
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith('--as=')) {
    if (current.urls.length) groups.push(current);
    current = { user: arg.substring('--as='.length) || null, urls: [] };
  } else {
    current.urls.push(arg);
  }
}
if (current.urls.length) groups.push(current);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
});
const report = [];
try {
  // the pages forbid inline script (Content-Security-Policy); axe is injected as one, so the check bypasses
  // the policy for itself only
  for (const group of groups) {
    const context = await browser.newContext({ bypassCSP: true });
    if (group.user) await signIn(context, group.urls[0], group.user);
    for (const url of group.urls) {
      const page = await context.newPage();
      let fileRefused = null;
      let response;
      if (url.startsWith('submit:')) {
        response = await submitted(page, url.substring('submit:'.length));
      } else if (url.startsWith('bigfile:')) {
        response = await page.goto(url.substring('bigfile:'.length), { waitUntil: 'load' });
        fileRefused = await bigFile(page);
      } else {
        response = await page.goto(url, { waitUntil: 'load' });
      }
      const focusOnLoad = fileRefused ? null : await page.evaluate(() => {
        const e = document.activeElement;
        if (!e || e === document.body) return null;
        const form = e.closest('form');
        return { tag: e.tagName.toLowerCase(), id: e.id || null, errorSummary: e.matches('.error-summary, [data-refusal]'),
          form: form ? form.getAttribute('action') : null };
      });
      const summaryLink = focusOnLoad && focusOnLoad.errorSummary ? await followSummaryLink(page) : null;
      const keyboard = await keyboardWalk(page);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        return await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      });
      report.push({
        url, user: group.user,
        status: response ? response.status() : 0,
        keyboard,
        focusOnLoad,
        summaryLink,
        passes: result.passes.length,
        fileRefused,
        violations: result.violations.map(v => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
        })),
      });
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));

// "submit:URL": the page as it comes back after sending its form with what a hurried person leaves: the questionnaire
// unanswered, and markup the standard does not allow in a rich-text field (#f-goal) where there is one. The page then
// shows its error summary and the errors at the fields, which is what is checked.
async function submitted(page, target) {
  const [url, ending] = target.split('|');
  await page.goto(url, { waitUntil: 'load' });
  if (await page.locator('#f-goal').count()) await page.fill('#f-goal', '<b>not allowed</b>');
  const button = ending
    ? page.locator(`form[action$="${ending}"] button[type=submit]`).first()
    : page.locator('form.task-form button[type=submit]:not([name]), form.english-form button[type=submit]').first();
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  return response;
}

// "bigfile:URL": the page after choosing a file over the limit of its first limited file input (data-max-bytes, the
// evidence of an obligations measure) and sending its form. js/file-size.js should keep the form from being sent and say
// why at the field; reported as whether that error is shown, which element has focus, and how many requests the form
// sent (none, if the script works).
async function bigFile(page) {
  const input = page.locator('input[type=file][data-max-bytes]').first();
  if (!(await input.count())) return { found: false };
  await page.evaluate(() => document.querySelectorAll('details').forEach(d => { d.open = true; }));
  const limit = Number(await input.getAttribute('data-max-bytes'));
  let sent = 0;
  page.on('request', request => { if (request.method() === 'POST') sent++; });
  await input.setInputFiles({ name: 'te-groot.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(limit + 1, 0x25) });
  const id = await input.getAttribute('id');
  await input.evaluate(element => element.form.querySelector('button[type=submit]').click());
  const error = await page.waitForSelector('#' + id + '-size-error', { timeout: 5000 }).catch(() => null);
  return {
    found: true,
    errorShown: !!error,
    errorText: error ? await error.textContent() : null,
    focused: await page.evaluate(() => document.activeElement ? document.activeElement.id : null) === id,
    requestsSent: sent,
  };
}

// On a page whose error summary has focus: Tab to its first link to an input and press Enter, as a keyboard user does.
// Reported as the link's target, where focus went, and whether the input's label (or its group's legend) is in view
// (the browser scrolls the input itself to the top of the window, its label above it out of view; js/error-summary.js
// brings the label into view); then focus goes back to the summary, so the keyboard walk starts as the page came.
async function followSummaryLink(page) {
  const target = await page.evaluate(() => {
    const link = document.activeElement.querySelector('a[href^="#"]');
    return link ? link.getAttribute('href').substring(1) : null;
  });
  if (!target) return { target: null, focused: null, labelInView: null };
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const focused = await page.evaluate(() => document.activeElement ? document.activeElement.id : null);
  const labelInView = await page.evaluate(() => {
    const input = document.activeElement;
    const fieldset = (input.type === 'radio' || input.type === 'checkbox') && input.closest('fieldset');
    const label = fieldset ? fieldset.querySelector('legend') : document.querySelector('label[for="' + CSS.escape(input.id) + '"]');
    if (!label) return false;
    const r = label.getBoundingClientRect();
    // scrolled to the top of the window, a label lands a fraction of a pixel above it
    return r.top > -1 && r.bottom < window.innerHeight + 1;
  });
  await page.evaluate(() => document.activeElement.blur());
  await page.evaluate(() => document.querySelector('.error-summary, [data-refusal]').focus());
  return { target, focused, labelInView };
}

// Signs in through the application's own sign-in: it sends the browser to Keycloak, whose form takes the user name and
// password, and back; the session cookie then stays in this context. Fails loudly when it does not end signed in.
async function signIn(context, someUrl, user) {
  const page = await context.newPage();
  await page.goto(new URL('/oauth2/authorization/keycloak', someUrl).toString(), { waitUntil: 'load' });
  await page.fill('#username', user);
  await page.fill('#password', process.env.AXE_PASSWORD || '');
  await Promise.all([page.waitForURL(u => u.origin === new URL(someUrl).origin, { timeout: 30000 }), page.click('#kc-login')]);
  const staff = await page.goto(new URL('/staff', someUrl).toString(), { waitUntil: 'load' });
  if (!staff || staff.status() !== 200 || new URL(page.url()).pathname !== '/staff') {
    throw new Error('Signing in as ' + user + ' did not work: ' + (staff ? staff.status() : 'no response') + ' at ' + page.url());
  }
  await page.close();
}

// Keyboard only: the first Tab reaches a visible skip link, Enter on it moves focus to the main content, no element
// jumps the order with a positive tabindex, and every element the Tab key reaches (up to 60) shows where focus is and is
// not hidden behind something else (WCAG 2.2, 2.4.11).
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
    // WCAG 2.2 focus not obscured (2.4.11): the browser scrolls focus into view; if no point of the element (its
    // centre and corners, just inside) is the element itself there, something in front of it (a sticky header) hides it
    const inside = (x, y) => { const hit = document.elementFromPoint(x, y); return !!hit && (hit === e || e.contains(hit) || hit.contains(e)); };
    const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
    const obscured = onScreen && ![[r.left + r.width / 2, r.top + r.height / 2], [r.left + 1, r.top + 1], [r.right - 1, r.top + 1],
      [r.left + 1, r.bottom - 1], [r.right - 1, r.bottom - 1]].some(([x, y]) => inside(x, y));
    return { name, visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight + 10000, marked,
      inViewport: r.top >= 0 && r.left >= 0 && r.top < window.innerHeight, obscured };
  });
  await page.keyboard.press('Tab');
  const first = await focused();
  await page.keyboard.press('Enter');
  const afterSkip = await page.evaluate(() => document.activeElement ? document.activeElement.id : null);
  const positiveTabindex = await page.evaluate(() => [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0).length);
  const unmarked = [];
  const obscured = [];
  let reached = 0;
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    if (!f) break;
    reached++;
    if (f.visible && !f.marked) unmarked.push(f.name);
    if (f.obscured) obscured.push(f.name);
  }
  return {
    skipLinkFirst: !!first && first.name.includes('[href="#main"]'),
    skipLinkVisible: !!first && first.inViewport && first.marked,
    skipTargetFocused: afterSkip === 'main',
    positiveTabindex, reached, unmarked, obscured,
  };
}
