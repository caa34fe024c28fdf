// The profile page for people who do not use a mouse or do not see the
// screen: axe-core finds no violations on any dialect's form in every
// language, light and dark, desktop and phone (all twelve looks for every
// dialect; users-me's screenshots are kept), each look checked to be the
// theme it claims, and a keyboard alone gets from the sign-in page to a
// saved change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pageFor, APP_URL, DIALECTS, OUT_DIR, wholePageShot } from './browser.mjs';
import { axeViolations } from './axe.mjs';

const HEADINGS = { en: 'Your profile', fa: 'نمایهٔ شما', es: 'Tu perfil' };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/// Every language, light and dark, on a desktop and a phone.
const ALL_LOOKS = Object.fromEntries(['desktop', 'phone'].flatMap((size) =>
  Object.keys(HEADINGS).flatMap((locale) => ['light', 'dark'].map((theme) => [
    `${locale}-${theme}-${size}`,
    { theme, locale, heading: HEADINGS[locale], viewport: size === 'phone' ? PHONE : DESKTOP },
  ]))));

const browser = await launch();
test.after(() => browser.close());

/// The relative luminance (0 black … 1 white) of the page's painted
/// background: what a person sees, whatever rule put it there.
async function backgroundLuminance(page) {
  return page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.documentElement).backgroundColor.match(/[\d.]+/g).map(Number);
    const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  });
}

/// Remembers a theme and language the way Settings does, then reloads.
async function lookLike(page, { theme, locale, viewport }) {
  if (viewport) await page.setViewportSize(viewport);
  await page.evaluate(([t, l]) => {
    localStorage.setItem('profile-app.theme', t);
    localStorage.setItem('profile-app.locale', l);
  }, [theme, locale]);
  await page.reload();
}

async function signInWithMouse(page) {
  await page.goto(`${APP_URL}/profile`);
  await page.getByTestId('email').fill('demo@example.com');
  await page.getByTestId('password').fill('demo-pass-123');
  await page.getByTestId('remember').check();
  await page.getByTestId('sign-in').click();
  await page.getByTestId('save').waitFor();
}

for (const dialect of DIALECTS) {
  test(`${dialect}: the profile form has no axe violations in each language, light and dark, desktop and phone`, async () => {
    const page = await pageFor(browser, dialect);
    await signInWithMouse(page);
    for (const [name, look] of Object.entries(ALL_LOOKS)) {
      await lookLike(page, look);
      await page.locator('h1', { hasText: look.heading }).waitFor();
      await page.getByTestId('save').waitFor();
      // The axe run below checks the theme it names, not the other one.
      const luminance = await backgroundLuminance(page);
      assert.ok(look.theme === 'dark' ? luminance < 0.1 : luminance > 0.8, `${dialect} ${name}: background luminance ${luminance}`);
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `axe on ${dialect} profile (${name}): ${JSON.stringify(violations, null, 2)}`);
      if (dialect === 'users-me') {
        await wholePageShot(page, `${OUT_DIR}profile-${dialect}-${name}.png`);
      }
    }
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

/// Presses Tab until the focused element matches `selector` (at most `max` times).
async function tabTo(page, selector, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function focusRingWidth(page) {
  return page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth);
  });
}

test('keyboard only: from the sign-in page to a saved change', async () => {
  const page = await pageFor(browser, 'pwgen');
  await page.goto(`${APP_URL}/profile`);
  await page.waitForURL('**/sign-in');

  await tabTo(page, '[data-testid=email]');
  await page.keyboard.type('demo@example.com');
  await tabTo(page, '[data-testid=password]', 3);
  await page.keyboard.type('demo-pass-123');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/profile');
  await page.getByTestId('first_name').waitFor();

  const value = `Keyboard ${Date.now()}`;
  await tabTo(page, '[data-testid=first_name]');
  assert.ok(await focusRingWidth(page) >= 2, 'the focused input shows where focus is');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
  await tabTo(page, '[data-testid=save]');
  assert.ok(await focusRingWidth(page) >= 2, 'the focused Save button shows where focus is');
  await page.keyboard.press('Enter');
  await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor();

  // Away to Settings and back, still by keyboard: the form loads afresh
  // from the server (the token was not remembered, so no reload).
  await tabTo(page, '.app-nav a[href="/settings"]');
  await page.keyboard.press('Enter');
  await page.getByTestId('settings').waitFor();
  await tabTo(page, '.app-nav a[href="/profile"]');
  await page.keyboard.press('Enter');
  await page.getByTestId('first_name').waitFor();
  assert.equal(await page.getByTestId('first_name').inputValue(), value);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
