// Settings and the app shell in the release build: the remembered theme
// and direction are applied before the app runs (under the CSP the server
// sends; browser.mjs fails any test that sees a violation), the shell
// works from the keyboard, and Settings
// has no axe violations in light, dark and Persian. Screenshots of each go
// to out/ (desktop 1280×800 and phone 390×844).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, pageFor, signIn, APP_URL, OUT_DIR } from './browser.mjs';
import { axeViolations } from './axe.mjs';

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const DARK_BG = 'rgb(14, 17, 22)';
const LIGHT_BG = 'rgb(245, 246, 248)';

async function withBrowser(fn) {
  mkdirSync(OUT_DIR, { recursive: true });
  const browser = await launch();
  try {
    await fn(browser);
  } finally {
    await browser.close();
  }
}

/// The page as the app is about to start: stored preferences, the
/// server's CSP on the document, and the wasm never arriving.
async function bootOnly(browser, { theme, locale, colorScheme = 'light' }) {
  const page = await browser.newPage({ colorScheme });
  await page.addInitScript(([t, l]) => {
    if (t) localStorage.setItem('profile-app.theme', t);
    if (l) localStorage.setItem('profile-app.locale', l);
  }, [theme, locale]);
  await page.route('**/*.wasm', (route) => route.abort());
  const response = await page.goto(`${APP_URL}/settings`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'[; ]/);
  assert.doesNotMatch(response.headers()['content-security-policy'], /unsafe-inline|'unsafe-eval'/);
  const state = await page.evaluate(() => ({
    theme: document.documentElement.dataset.theme,
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    background: getComputedStyle(document.documentElement).backgroundColor,
  }));
  await page.close();
  return state;
}

test('remembered theme and direction apply before the app runs, under the served CSP', async () => {
  await withBrowser(async (browser) => {
    assert.deepEqual(await bootOnly(browser, { theme: 'dark', locale: 'fa' }),
      { theme: 'dark', lang: 'fa', dir: 'rtl', background: DARK_BG });
    assert.deepEqual(await bootOnly(browser, { theme: 'light', colorScheme: 'dark' }),
      { theme: 'light', lang: 'en', dir: 'ltr', background: LIGHT_BG });
    // Nothing stored: follow the system, whichever way it is set.
    assert.equal((await bootOnly(browser, { colorScheme: 'dark' })).background, DARK_BG);
    assert.equal((await bootOnly(browser, { colorScheme: 'light' })).background, LIGHT_BG);
  });
});

/// Tabs until `predicate` holds for the focused element (at most `max` times).
async function tabUntil(page, predicate, max = 15) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return;
  }
  throw new Error(`focus never reached: ${predicate}`);
}

async function focusRing(page) {
  return page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
}

test('keyboard: skip link, navigation with visible focus and aria-current, theme by arrow keys', async () => {
  await withBrowser(async (browser) => {
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await signIn(page);
    await page.waitForURL('**/profile');
    // A fresh load (the sign-in is remembered), so Tab starts at the top.
    await page.goto(`${APP_URL}/profile`);
    await page.getByTestId('skip-link').waitFor({ state: 'attached' });

    // First Tab: the skip link, visible on screen; Enter moves focus to <main>.
    await page.keyboard.press('Tab');
    const skip = page.getByTestId('skip-link');
    assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
    const box = await skip.boundingBox();
    assert.ok(box && box.y >= 0, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');

    // From the top again: Tab to Settings in the header, follow it with Enter.
    await page.reload();
    await page.getByTestId('skip-link').waitFor({ state: 'attached' });
    await tabUntil(page, () => document.activeElement.getAttribute('href') === '/settings');
    const ring = await focusRing(page);
    assert.ok(ring.style !== 'none' && ring.width >= 2, `visible focus ring, got ${JSON.stringify(ring)}`);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/settings');
    await page.getByTestId('settings').waitFor();
    assert.equal(await page.locator('.app-nav a[href="/settings"]').getAttribute('aria-current'), 'page');
    assert.equal(await page.locator('.app-nav a[href="/profile"]').getAttribute('aria-current'), null);

    // Into the theme radios; arrow keys pick another theme at once and say so.
    await tabUntil(page, () => document.activeElement.name === 'theme');
    const before = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.keyboard.press('ArrowRight');
    const after = await page.evaluate(() => document.documentElement.dataset.theme);
    assert.notEqual(after, before);
    assert.equal(await page.evaluate(() => localStorage.getItem('profile-app.theme')), after);
    await page.getByTestId('announcer').getByText(/^Theme: /).waitFor({ state: 'attached' });
    await page.close();
  });
});

test('the served config is fetched once, in parallel with the wasm', async () => {
  await withBrowser(async (browser) => {
    const page = await browser.newPage();
    const configRequests = [];
    const warnings = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/config.json') configRequests.push(r); });
    page.on('console', (m) => { if (/preloaded.*not used/i.test(m.text())) warnings.push(m.text()); });
    const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
    await page.goto(`${APP_URL}/profile`);
    await page.getByTestId('email').waitFor();
    assert.equal(configRequests.length, 1, 'one request: the preload, which the app then uses');
    const started = (request) => request.timing().startTime;
    const wasmRequest = (await wasm).request();
    await (await wasm).finished();
    // Not after the wasm has arrived and started the app: with it.
    assert.ok(started(configRequests[0]) < started(wasmRequest) + wasmRequest.timing().responseEnd,
      'config.json is requested before the wasm has finished downloading');
    assert.deepEqual(warnings, [], 'no unused-preload warning');
    await page.close();
  });
});

test('Notifications and Account share one profile read', async () => {
  await withBrowser(async (browser) => {
    // aisquare-profile has both sections.
    const page = await pageFor(browser, 'aisquare-profile');
    await signIn(page);
    await page.getByTestId('save').waitFor(); // the profile page's own read is done
    const reads = [];
    page.on('request', (r) => { if (r.method() === 'GET' && new URL(r.url()).pathname.startsWith('/api/')) reads.push(new URL(r.url()).pathname); });
    await page.locator('.app-nav a[href="/settings"]').click();
    await page.getByTestId('account-form').waitFor();
    await page.getByTestId('settings-notifications').getByRole('switch').first().waitFor();
    assert.equal(reads.length, 1, `one read for the whole page, got ${JSON.stringify(reads)}`);
    await page.context().close();
  });
});

test('settings in light, dark, Persian and Spanish: no axe violations; screenshots', async () => {
  await withBrowser(async (browser) => {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      const page = await browser.newPage({ viewport });
      await signIn(page);
      await page.waitForURL('**/profile');
      await page.goto(`${APP_URL}/settings`);
      await page.getByTestId('settings').waitFor();
      await page.getByTestId('account-form').waitFor();

      const looks = [
        ['light', 'theme-light', 'language-en', 'Settings'],
        ['dark', 'theme-dark', 'language-en', 'Settings'],
        ['fa', 'theme-light', 'language-fa', 'تنظیمات'],
        ['fa-dark', 'theme-dark', 'language-fa', 'تنظیمات'],
        ['es', 'theme-light', 'language-es', 'Configuración'],
        ['es-dark', 'theme-dark', 'language-es', 'Configuración'],
      ];
      for (const [name, theme, language, title] of looks) {
        await page.getByTestId(theme).check();
        await page.getByTestId(language).check();
        await page.locator('h1', { hasText: title }).waitFor();
        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], `axe on settings (${name}, ${size}): ${JSON.stringify(violations, null, 2)}`);
        const shot = `${OUT_DIR}settings-${name}-${size}.png`;
        await page.screenshot({ path: shot, fullPage: true });
        console.log(`screenshot: ${shot}`);
      }
      await page.getByTestId('language-en').check();
      await page.getByTestId('theme-system').check();
      await page.close();
    }
  });
});

test('unknown address: not-found page without axe violations', async () => {
  await withBrowser(async (browser) => {
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await page.goto(`${APP_URL}/no/such/page`);
    await page.getByTestId('not-found').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: `${OUT_DIR}not-found.png` });
    await page.close();
  });
});
