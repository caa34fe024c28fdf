// A profile read that fails shows what went wrong with Retry, the same
// block on every page that reads it: the profile, and each Settings
// section that needs it (Account and Notifications share one read, so
// one Retry brings both back).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pageFor, signIn, APP_URL } from './browser.mjs';
import { addHook, clearHooks } from './server.mjs';

const browser = await launch();
test.after(async () => { await clearHooks(); await browser.close(); });
// A test that fails before its clearHooks must not leave its refusals to the next.
test.afterEach(() => clearHooks());

const READ = { method: 'GET', path: '/api/v1/iam/user/profile/' }; // aisquare-profile's read
const UNAVAILABLE = { ...READ, status: 503, content_type: 'application/json',
  body: JSON.stringify({ detail: 'Service temporarily unavailable.' }), times: 100 };

test('settings: a failed read offers Retry in Account and in Notifications; one Retry brings both back', async () => {
  const page = await pageFor(browser, 'aisquare-profile');
  await signIn(page);
  await page.getByTestId('save').waitFor();
  await addHook(UNAVAILABLE);
  await page.goto(`${APP_URL}/settings`);
  const account = page.getByTestId('settings-account');
  const notifications = page.getByTestId('settings-notifications');
  for (const section of [account, notifications]) {
    await section.getByTestId('form-banner').waitFor();
    assert.ok(await section.getByTestId('retry').isVisible(), 'Retry in the section');
  }
  await clearHooks();
  await notifications.getByTestId('retry').click();
  await account.getByTestId('account-form').waitFor();
  await notifications.getByRole('switch').first().waitFor();
  assert.equal(await page.getByTestId('form-banner').count(), 0, 'no banner left');
  await page.context().close();
});

test('profile: a failed read offers Retry, and Retry shows the form', async () => {
  const page = await pageFor(browser, 'aisquare-profile');
  await signIn(page);
  await page.getByTestId('save').waitFor();
  await addHook(UNAVAILABLE);
  await page.reload();
  await page.getByTestId('form-banner').waitFor();
  await clearHooks();
  await page.getByTestId('retry').click();
  await page.getByTestId('save').waitFor();
  await page.context().close();
});
