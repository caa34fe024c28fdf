// What the person learns from a save, wherever it happens on the page
// (forms::SaveFlow says when, pages/save_news.rs says how): "Saved" in the
// polite live region and the header showing the saved name at once; a
// failure read out in the urgent region with the banner scrolled into
// view; a refused field focused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pageFor, signIn } from './browser.mjs';
import { addHook, clearHooks } from './server.mjs';

const browser = await launch();
test.after(async () => { await clearHooks(); await browser.close(); });
test.afterEach(() => clearHooks());

const UPDATE = { method: 'PATCH', path: '/api/users/me/' }; // users-me's update

/// Signed in on users-me's profile, scrolled to the bottom (where Save
/// sits in its sticky bar, far from the banner at the top).
async function profilePage() {
  const page = await pageFor(browser, 'users-me', { width: 1280, height: 700 });
  await signIn(page);
  await page.getByTestId('first_name').waitFor();
  return page;
}

async function inViewport(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    // A pixel of slack: scrolling lands on fractional pixels.
    return r.height > 0 && r.top >= -1 && r.bottom <= window.innerHeight + 1;
  });
}

test('a save is announced and the header shows the saved name before any reload', async () => {
  const page = await profilePage();
  const first = `Ada${Date.now()}`;
  await page.getByTestId('first_name').fill(first);
  await page.getByTestId('save').click();
  await page.getByTestId('announcer').getByText('Saved', { exact: true }).waitFor({ state: 'attached' });
  await page.getByTestId('user-name').getByText(first).waitFor();
  assert.equal(await page.getByTestId('announcer-urgent').textContent(), '');
  await page.context().close();
});

test('a failed save is read out at once and its banner is scrolled into view', async () => {
  const page = await profilePage();
  await page.getByTestId('first_name').fill(`Bea${Date.now()}`);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await addHook({ ...UPDATE, status: 500, content_type: 'application/json',
    body: JSON.stringify({ detail: 'A server error occurred.' }) });
  await page.getByTestId('save').click();
  const said = page.getByTestId('announcer-urgent');
  await said.getByText('A server error occurred.').waitFor({ state: 'attached' });
  const banner = page.getByTestId('form-banner');
  await banner.waitFor();
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-testid="form-banner"]').getBoundingClientRect();
    return r.top >= -1 && r.bottom <= window.innerHeight + 1;
  });
  assert.ok(await inViewport(banner), 'the banner is in view');
  await page.context().close();
});

test('a field the server refuses gets focus', async () => {
  const page = await profilePage();
  await page.getByTestId('last_name').fill(`Cruz${Date.now()}`);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await addHook({ ...UPDATE, status: 400, content_type: 'application/json',
    body: JSON.stringify({ last_name: ['Not this one.'] }) });
  await page.getByTestId('save').click();
  await page.getByText('Not this one.').waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'last_name');
  assert.ok(await inViewport(page.getByTestId('last_name')), 'the refused field is in view');
  await page.context().close();
});
