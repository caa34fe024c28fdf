// The edges a person meets (#29). The sign-in dialog a lost session brings
// is the platform's modal: nothing on the page covers its controls, the
// page's Save cannot be reached while it is open, Tab stays inside it,
// Escape (or Cancel) closes it with the edit kept and the save bar saying
// the save waits for a sign-in; axe finds nothing on it, light and dark;
// screenshots on a phone and a desktop, in English and Persian. "Remember
// me" in it starts at the person's choice and keeps the session where it
// was kept. Not remembered is per tab: a reload keeps the session, a new
// tab starts signed out. Signed-out Settings links to the sign-in page and
// comes back, and the header fits one line at 360 px in every language.
// users-me: a DRF Token, revoked the way a sign-out on another device does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pageFor, signIn, wholePageShot, APP_URL, OUT_DIR } from './browser.mjs';
import { axeViolations } from './axe.mjs';
import { call, PASSWORD } from './server.mjs';

const OTHER = 'other@example.com';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const SIGN_IN_PATH = '/api/auth/token/login/';

const browser = await launch();
test.after(() => browser.close());

/// Signs in to users-me (remembered or not), waits for the form and
/// answers the token the server gave.
async function signedIn(page, remember) {
  const answered = page.waitForResponse((r) => r.url().endsWith(SIGN_IN_PATH));
  await signIn(page, OTHER, PASSWORD, { remember });
  const token = (await (await answered).json()).auth_token;
  await page.getByTestId('first_name').waitFor();
  return token;
}

/// Ends the session on the server, as a sign-out elsewhere does.
async function revoke(token) {
  assert.equal((await call('POST', '/api/auth/token/logout/', { auth: `Token ${token}` })).status, 204);
}

/// A signed-in page whose token was revoked, with `edit` typed and Save
/// pressed: the sign-in dialog is open.
async function dialogOver(page, { remember = true, edit = `Grace ${Date.now()}` } = {}) {
  const token = await signedIn(page, remember);
  await revoke(token);
  await page.getByTestId('first_name').fill(edit);
  await page.getByTestId('save').click();
  const dialog = page.getByTestId('reauth');
  await dialog.getByTestId('password').waitFor();
  return { dialog, edit };
}

/// For each focusable control in the dialog: what the page hit-tests at its
/// centre, when it is not the control itself or inside it.
async function coveredControls(page) {
  return page.getByTestId('reauth').evaluate((dialog) => {
    const controls = [...dialog.querySelectorAll('input, button, summary, a[href], select, textarea')]
      .filter((el) => el.checkVisibility()); // not the token field inside a closed <details>
    return controls.flatMap((el) => {
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const name = el.dataset.testid ?? el.id ?? el.tagName;
      if (hit && (hit === el || el.contains(hit))) return [];
      return [`${name} covered by ${hit ? `${hit.tagName}.${hit.className}[${hit.dataset.testid ?? ''}]` : 'nothing (off screen)'}`];
    });
  });
}

for (const [size, viewport] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
  test(`${size}: nothing covers the sign-in dialog's controls, and the page's Save cannot be reached`, async () => {
    const page = await pageFor(browser, 'users-me', viewport);
    await dialogOver(page);
    assert.deepEqual(await coveredControls(page), []);
    // Neither by pointer nor by focus: the page under a modal is inert.
    const save = await page.getByTestId('save').evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      el.focus();
      return { hit: hit === el || el.contains(hit), focused: document.activeElement === el };
    });
    assert.deepEqual(save, { hit: false, focused: false }, "the page's Save while the dialog is open");
    await page.context().close();
  });
}

test('Tab cycles inside the sign-in dialog', async () => {
  const page = await pageFor(browser, 'users-me', DESKTOP);
  const { dialog } = await dialogOver(page);
  const controls = await dialog.evaluate((d) => d.querySelectorAll('input, button, summary').length);
  const seen = [];
  for (let i = 0; i < controls * 2 + 2; i++) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate(() => {
      const el = document.activeElement;
      const inside = Boolean(el?.closest('[data-testid="reauth"]'));
      return `${inside ? 'in' : 'OUT'}:${el?.dataset?.testid ?? el?.tagName}`;
    }));
  }
  // Past the last control the platform hands focus to the browser's own
  // UI (the address bar; <body> headless) for one step, then back to the
  // first control: never to the page behind.
  const outside = seen.filter((s, i) => s.startsWith('OUT') && !(s === 'OUT:BODY' && seen[i - 1] !== 'OUT:BODY'));
  assert.deepEqual(outside, [], `focus went: ${seen.join(' ')}`);
  // It came round: the first control it met came again.
  assert.ok(seen.indexOf(seen[0], 1) > 0, `focus never came round: ${seen.join(' ')}`);
  await page.context().close();
});

for (const how of ['Escape', 'Cancel']) {
  test(`${how} closes the sign-in dialog: the edit stays, nothing is saved, the save bar says it waits for a sign-in`, async () => {
    const page = await pageFor(browser, 'users-me', DESKTOP);
    const { dialog, edit } = await dialogOver(page);
    if (how === 'Escape') await page.keyboard.press('Escape');
    else await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 3000 });
    assert.equal(await page.getByTestId('first_name').inputValue(), edit, 'the edit stays');
    await page.getByTestId('save-status').getByText(/sign in/i).waitFor({ timeout: 3000 });
    // Focus goes back where it was: Save, which opened the dialog. On
    // Escape the browser hides the dialog at once and the app hands focus
    // back from the dialog's `close` event, a task and a frame later: wait
    // for it, and say where focus was if it never came.
    const focusBack = await page.waitForFunction(() => document.activeElement?.dataset.testid === 'save', null, { timeout: 3000 })
      .then(() => 'save', () => page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.tagName));
    assert.equal(focusBack, 'save');
    const { auth_token: token } = (await call('POST', SIGN_IN_PATH, { json: { username: OTHER, password: PASSWORD } })).body;
    const saved = await call('GET', '/api/users/me/', { auth: `Token ${token}` });
    assert.notEqual(saved.body.first_name, edit, 'nothing saved');
    // Save again: the dialog comes back, and signing in there saves.
    await page.getByTestId('save').click();
    await dialog.getByTestId('password').fill(PASSWORD);
    await dialog.getByTestId('email').fill(OTHER);
    await dialog.getByTestId('sign-in').click();
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
    await page.context().close();
  });
}

for (const remember of [true, false]) {
  test(`re-auth ${remember ? 'with' : 'without'} "remember me": the box starts at that choice, and a reload after it is still signed in`, async () => {
    const page = await pageFor(browser, 'users-me', DESKTOP);
    const { dialog, edit } = await dialogOver(page, { remember });
    assert.equal(await dialog.getByTestId('remember').isChecked(), remember, 'the dialog starts at the person\'s choice');
    await dialog.getByTestId('email').fill(OTHER);
    await dialog.getByTestId('password').fill(PASSWORD);
    await dialog.getByTestId('sign-in').click();
    await page.getByTestId('save-status').getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
    const where = await page.evaluate(() => ({
      local: Boolean(localStorage.getItem('profile-app.credential')),
      session: Boolean(sessionStorage.getItem('profile-app.credential')),
    }));
    assert.deepEqual(where, { local: remember, session: !remember }, 'kept where it was kept');
    await page.reload();
    await page.getByTestId('first_name').waitFor({ timeout: 10_000 });
    assert.equal(await page.getByTestId('first_name').inputValue(), edit);
    await page.context().close();
  });
}

test('not remembered: a reload keeps the session, a new tab and a new browser session start signed out', async () => {
  const page = await pageFor(browser, 'users-me', DESKTOP);
  const token = await signedIn(page, false);
  const local = await page.evaluate(() => JSON.stringify(localStorage));
  assert.ok(!local.includes(token), 'no token in localStorage');
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.reload();
  await page.getByTestId('first_name').waitFor({ timeout: 10_000 });
  // The boot script saw the session in sessionStorage: it preloaded the
  // profile page's module, not the sign-in page's.
  const modules = fetched.filter((p) => /\/split_/.test(p));
  assert.ok(modules.some((p) => p.startsWith('/split_profile')), `fetched ${modules}`);
  assert.ok(!modules.some((p) => p.startsWith('/split_sign_in')), `fetched ${modules}`);
  // A new tab in the same browser: same localStorage, its own sessionStorage.
  const tab = await page.context().newPage();
  await tab.goto(`${APP_URL}/profile`);
  await tab.getByTestId('sign-in').waitFor();
  await tab.close();
  const fresh = await pageFor(browser, 'users-me', DESKTOP);
  await fresh.goto(`${APP_URL}/profile`);
  await fresh.getByTestId('sign-in').waitFor();
  await fresh.context().close();
  await page.context().close();
});

test('remembered: a new tab is signed in too; signing out there clears both stores', async () => {
  const page = await pageFor(browser, 'users-me', DESKTOP);
  await signedIn(page, true);
  const tab = await page.context().newPage();
  await tab.goto(`${APP_URL}/profile`);
  await tab.getByTestId('first_name').waitFor({ timeout: 10_000 });
  await tab.goto(`${APP_URL}/settings`);
  await tab.getByTestId('sign-out').click();
  await tab.waitForURL('**/sign-in');
  const left = await tab.evaluate(() => [localStorage, sessionStorage]
    .flatMap((s) => Object.keys(s)).filter((k) => k === 'profile-app.credential' || k === 'profile-app.cookie-session'));
  assert.deepEqual(left, []);
  await page.context().close();
});

test('signed-out Settings: Account and Notifications link to sign-in, which comes back to Settings; Appearance works', async () => {
  // aisquare-profile has both sections.
  const page = await pageFor(browser, 'aisquare-profile', DESKTOP);
  await page.goto(`${APP_URL}/settings`);
  for (const section of ['account', 'notifications']) {
    const link = page.getByTestId(`settings-${section}`).getByRole('link', { name: 'Sign in' });
    await link.waitFor({ timeout: 5000 });
    assert.match(await link.getAttribute('href'), /^\/sign-in/);
  }
  await page.getByRole('radio', { name: 'Dark' }).check();
  await wholePageShot(page, `${OUT_DIR}settings-signed-out-dark.png`);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.getByTestId('settings-account').getByRole('link', { name: 'Sign in' }).click();
  await page.waitForURL('**/sign-in**');
  await page.getByTestId('email').fill(OTHER);
  await page.getByTestId('password').fill(PASSWORD);
  await page.getByTestId('sign-in').click();
  await page.waitForURL('**/settings');
  await page.getByTestId('account-form').waitFor({ timeout: 10_000 });
  await page.context().close();
});

/// Where each of the header's parts sits, and whether they share one line.
async function headerLines(page) {
  return page.locator('.app-header__inner').evaluate((inner) => {
    const parts = [...inner.querySelectorAll('.app-header__brand, .app-nav a, .app-header__end > *')]
      .filter((el) => el.getClientRects().length > 0);
    const lineHeight = (el) => parseFloat(getComputedStyle(el).lineHeight) || 20;
    const rects = parts.map((el) => ({ el, r: el.getBoundingClientRect() }));
    const wrapped = rects.filter(({ el, r }) => r.height > lineHeight(el) * 1.6 + 16).map(({ el }) => el.textContent);
    const top = Math.min(...rects.map(({ r }) => r.top));
    const bottom = Math.max(...rects.map(({ r }) => r.bottom));
    const tallest = Math.max(...rects.map(({ r }) => r.height));
    return {
      oneLine: bottom - top <= tallest + 1,
      wrapped,
      overflows: inner.scrollWidth > inner.clientWidth + 1 || document.documentElement.scrollWidth > innerWidth,
      parts: rects.map(({ el, r }) => `${el.textContent.trim()}@${Math.round(r.left)},${Math.round(r.top)}`).join(' '),
    };
  });
}

test('the header fits one line at 360 px in English, Persian and Spanish, signed out and signed in', async () => {
  const page = await pageFor(browser, 'users-me', { width: 360, height: 740 });
  const seen = {};
  await page.goto(`${APP_URL}/settings`);
  for (const signedInToo of [false, true]) {
    if (signedInToo) await signedIn(page, true);
    for (const locale of ['en', 'fa', 'es']) {
      await page.evaluate((l) => localStorage.setItem('profile-app.locale', l), locale);
      await page.goto(`${APP_URL}/settings`);
      await page.getByTestId('settings').waitFor();
      await page.waitForFunction((l) => document.documentElement.lang === l, locale);
      if (signedInToo) await page.getByTestId('user-badge').waitFor();
      const lines = await headerLines(page);
      seen[`${locale}${signedInToo ? ' signed in' : ''}`] = lines;
      await page.locator('.app-header').screenshot({ path: `${OUT_DIR}header-360-${locale}${signedInToo ? '-signed-in' : ''}.png` });
    }
  }
  const bad = Object.entries(seen).filter(([, l]) => !l.oneLine || l.wrapped.length || l.overflows);
  assert.deepEqual(bad, []);
  await page.context().close();
});

for (const theme of ['light', 'dark']) {
  test(`the open sign-in dialog has no axe violations (${theme})`, async () => {
    const page = await pageFor(browser, 'users-me', DESKTOP);
    await page.context().addInitScript((t) => localStorage.setItem('profile-app.theme', t), theme);
    await dialogOver(page);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
    assert.deepEqual(await axeViolations(page), []);
    await page.context().close();
  });
}

test('screenshots of the open sign-in dialog: phone and desktop, English and Persian, light and dark', async () => {
  for (const [locale, theme] of [['en', 'light'], ['fa', 'light'], ['en', 'dark']]) {
    for (const [size, viewport] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
      const page = await pageFor(browser, 'users-me', viewport);
      await page.context().addInitScript(([l, t]) => {
        localStorage.setItem('profile-app.locale', l);
        localStorage.setItem('profile-app.theme', t);
      }, [locale, theme]);
      await dialogOver(page);
      assert.deepEqual(await coveredControls(page), []);
      const path = `${OUT_DIR}reauth-dialog-${locale}-${theme}-${size}.png`;
      await page.screenshot({ path });
      console.log(`screenshot: ${path}`);
      await page.context().close();
    }
  }
});
