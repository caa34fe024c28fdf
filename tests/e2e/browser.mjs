// Launches Debian's Chromium through playwright-core (its own browser
// download cannot work here) with the flags a root, offline machine needs.
// Under the test runner, every page it opens records Content Security
// Policy violations, and every test fails on any it did not take (see the
// end); the benchmark, which also launches through here, measures pages
// without that.
import { chromium } from 'playwright-core';
import { afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';

export const APP_URL = process.env.APP_URL ?? 'http://127.0.0.1:8080';
export const OUT_DIR = new URL('./out/', import.meta.url).pathname;
mkdirSync(OUT_DIR, { recursive: true });

export const DIALECTS = ['letraz', 'aisquare-profile', 'aisquare-details', 'pwgen', 'users-me'];

/// `node --test` (or a test file run directly), not the benchmark's script.
const UNDER_TEST = Boolean(process.env.NODE_TEST_CONTEXT) || /\.test\.mjs$/.test(process.argv[1] ?? '');

export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // A new window's omnibox builds its suggestion popups as WebUI pages
      // (~400 module requests and their script) at a moment of its own: in
      // a cold-load series that landed inside half the timed loads, on
      // either app, on this 2-core machine. Not part of any page.
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
      // For a one-off measurement only (a V8 flag no page can set, say):
      // nothing in the tests or the bench sets it.
      ...(process.env.EXTRA_CHROMIUM_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
  });
  if (UNDER_TEST) {
    // browser.newPage goes through newContext too, so no page escapes.
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (options) => recordCspViolations(await newContext(options));
  }
  return browser;
}

/// A page whose app talks to `dialect`, through the per-browser config
/// override (Settings > Connection) the app reads at start-up.
export async function pageFor(browser, dialect, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  if (dialect) {
    await context.addInitScript((d) => {
      localStorage.setItem('profile-app.config-override', JSON.stringify({ dialect: d }));
    }, dialect);
  }
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.problems = problems;
  return page;
}

export async function signIn(page, email = 'demo@example.com', password = 'demo-pass-123', { remember = true } = {}) {
  await page.goto(`${APP_URL}/profile`);
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('remember').setChecked(remember);
  await page.getByTestId('sign-in').click();
}

/// Violations not yet taken by a test, oldest first: `{ page, directive,
/// blocked, sample, source, line }`.
const cspViolations = [];

/// The page reports each `securitypolicyviolation` event (they bubble to
/// the document) to node through a binding, which no CSP can block.
async function recordCspViolations(context) {
  await context.exposeBinding('__reportCspViolation', ({ page }, violation) => {
    cspViolations.push({ page, url: page?.url(), ...violation });
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCspViolation({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        source: e.sourceFile,
        line: e.lineNumber,
      });
    });
  });
  return context;
}

/// Violation events are queued as tasks: let those already queued arrive.
async function settle(page) {
  if (!page.isClosed()) await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
}

/// Takes (and forgets) the violations `page` reported so far, for a test
/// that provokes one on purpose.
export async function takeCspViolations(page) {
  await settle(page);
  const taken = cspViolations.filter((v) => v.page === page);
  cspViolations.splice(0, cspViolations.length, ...cspViolations.filter((v) => v.page !== page));
  return taken.map(({ page: _, ...v }) => v);
}

export async function assertNoCspViolations(page) {
  assert.deepEqual(await takeCspViolations(page), [], 'Content Security Policy violations');
}

// Any page, any test: a violation nobody took fails the test it happened in.
if (UNDER_TEST) {
  afterEach(() => {
    const left = cspViolations.splice(0).map(({ page: _, ...v }) => v);
    assert.deepEqual(left, [], 'Content Security Policy violations');
  });
}

/// A screenshot of the whole page as a tall window would show it, so the
/// sticky save bar sits at the bottom, not wherever the real viewport's
/// bottom fell (as Playwright's fullPage capture draws it).
export async function wholePageShot(page, path) {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
  console.log(`screenshot: ${path}`);
}
