// The person's language reaches the backend: every API call carries
// `Accept-Language`, and the reference server answers DRF's messages in
// it, as Django's LocaleMiddleware does. The same server-only error (a
// phone number another account has) arrives in Spanish after choosing
// Spanish, and in English after choosing English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pageFor, signIn, APP_URL } from './browser.mjs';

const browser = await launch();
test.after(() => browser.close());

async function choose(page, code) {
  await page.goto(`${APP_URL}/settings`);
  await page.getByTestId(`language-${code}`).check();
  await page.waitForFunction((c) => document.documentElement.lang === c, code);
}

async function saveTakenNumber(page) {
  await page.goto(`${APP_URL}/profile`);
  const phone = page.getByTestId('mobile_number');
  await phone.waitFor();
  const sent = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().endsWith('/api/users/me/'));
  await phone.fill('09308744204');
  await page.getByTestId('save').click();
  return (await sent).headers()['accept-language'];
}

test('a server field error comes in Spanish after choosing Spanish, and in English after choosing English', async () => {
  const page = await pageFor(browser, 'users-me');
  page.on('dialog', (d) => d.accept());
  await signIn(page, 'other@example.com');
  await page.getByTestId('first_name').waitFor();

  await choose(page, 'es');
  assert.equal(await saveTakenNumber(page), 'es');
  await page.getByTestId('error-mobile_number').getByText('Ya existe un/a user con este/a mobile number.', { exact: true }).waitFor();

  await choose(page, 'en');
  assert.equal(await saveTakenNumber(page), 'en');
  await page.getByTestId('error-mobile_number').getByText('user with this mobile number already exists.', { exact: true }).waitFor();
  await page.context().close();
});
