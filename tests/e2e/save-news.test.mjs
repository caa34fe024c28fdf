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

/// Signed in on users-me's profile.
async function profilePage() {
  const page = await pageFor(browser, 'users-me', { width: 1280, height: 700 });
  await signIn(page);
  await page.getByTestId('first_name').waitFor();
  return page;
}

/// Waits until `locator`'s element is wholly inside the window (a pixel
/// of slack: scrolling lands on fractional pixels); times out otherwise.
async function waitInView(page, locator) {
  await page.waitForFunction((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= -1 && r.bottom <= window.innerHeight + 1;
  }, await locator.elementHandle());
}

/// Edits `field`, scrolls to the page's end (Save is in its sticky bar, the
/// banner at the top) and saves into the server's `answer`.
async function saveInto(page, field, answer) {
  await page.getByTestId(field).fill(`${field}${Date.now()}`);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await addHook({ ...UPDATE, ...answer, content_type: 'application/json', body: JSON.stringify(answer.body) });
  await page.getByTestId('save').click();
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
  await saveInto(page, 'first_name', { status: 500, body: { detail: 'A server error occurred.' } });
  await page.getByTestId('announcer-urgent').getByText('A server error occurred.').waitFor({ state: 'attached' });
  await waitInView(page, page.getByTestId('form-banner'));
  await page.context().close();
});

test('a field the server refuses gets focus', async () => {
  const page = await profilePage();
  await saveInto(page, 'last_name', { status: 400, body: { last_name: ['Not this one.'] } });
  await page.getByText('Not this one.').waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'last_name');
  await waitInView(page, page.getByTestId('last_name'));
  await page.context().close();
});
